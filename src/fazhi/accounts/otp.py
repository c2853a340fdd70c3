"""Two-step sign-in with time-based one-time codes (TOTP, RFC 6238) on django-otp.

Who must pass the second step: the three administrators (ADMIN_ROLES) always; anyone else
once they have enabled it on the 两步验证 page. A session is *verified* when django-otp has
stored the device that accepted a code in it (``django_otp.login``); ``AccountPolicyMiddleware``
turns every unverified session that needs the second step to the enrolment or code page.

Wrong codes are slowed twice: django-otp's device throttle (1, 2, 4, 8 … seconds between tries,
reset only by a right code) and ``settings.OTP_FAILURE_LIMIT`` wrong codes per account in
15 minutes (``core.ratelimit``), after which the second step is refused and the session ended.
A right password does not reset either count.
"""

from __future__ import annotations

import base64
import binascii
import time

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.accounts.models import User
from fazhi.core import audit, ratelimit
from fazhi.core.roles import ADMIN_ROLES

DEVICE_NAME = "手机验证器"
FAILURE_WINDOW = 15 * 60
WRONG_CODE = "验证码不正确，请输入验证器当前显示的6位数字。"
TOO_FAST = "验证码错误次数较多，请{seconds}秒后再试。"
BLOCKED = "验证码错误次数过多，两步验证已暂停15分钟，请稍后重新登录或联系安全管理员。"
ADMIN_MUST_KEEP = "系统管理员、安全管理员、审计管理员必须使用两步验证，不能停用。"


def is_required(user: User) -> bool:
    """The administrators must use the second step; nobody else is forced to."""
    return bool(user.roles() & ADMIN_ROLES)


def device_of(user: User) -> TOTPDevice | None:
    """The account's confirmed authenticator, if enrolled."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def needs_second_step(user: User) -> bool:
    return is_required(user) or device_of(user) is not None


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed device being enrolled (made on first view, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The key as the base32 text an authenticator app accepts, in groups of four."""
    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def qr_svg(uri: str, label: str = "两步验证二维码") -> str:
    """``uri`` (the otpauth URI, or any address) as an SVG QR code drawn on the server (no script,
    no inline style), announced to screen readers as ``label``."""

    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" class="fz-qr" ', 1)


def _blocked_key(user: User) -> str:
    return f"otp-blocked:{user.pk}"


def is_blocked(user: User) -> bool:
    return bool(cache.get(_blocked_key(user)))


def _check(user: User, device: TOTPDevice, code: str) -> None:
    """Verify ``code`` on ``device``; raise a Chinese ValidationError and count the failure."""
    if is_blocked(user):
        raise ValidationError(BLOCKED, code="blocked")
    code = "".join(ch for ch in str(code) if not ch.isspace())
    allowed, info = device.verify_is_allowed()
    if not allowed and info and info.get("locked_until"):

        seconds = max(1, int((info["locked_until"] - timezone.now()).total_seconds()) + 1)
        raise ValidationError(TOO_FAST.format(seconds=seconds), code="throttled")
    with transaction.atomic():
        accepted = django_otp.verify_token(user, device.persistent_id, code)
    if accepted is None:
        audit.record(action=audit.Action.LOGIN_FAILED, actor=user, obj=user, note="两步验证码错误")
        # the limit-th wrong code in the window blocks the second step for the rest of it
        if not ratelimit.hit("otp-wrong", f"user:{user.pk}", limit=settings.OTP_FAILURE_LIMIT - 1,
                             window=FAILURE_WINDOW):
            cache.set(_blocked_key(user), True, timeout=FAILURE_WINDOW)
            audit.record(action=audit.Action.LOGIN_FAILED, actor=user, obj=user,
                         note=f"两步验证码错误达{settings.OTP_FAILURE_LIMIT}次，暂停15分钟")
            raise ValidationError(BLOCKED, code="blocked")
        raise ValidationError(WRONG_CODE, code="wrong")


def verify(request, code: str) -> TOTPDevice:
    """The sign-in second step: mark the session verified or raise ValidationError."""
    user = request.user
    device = device_of(user)
    if device is None:
        raise ValidationError("该账号尚未绑定验证器", code="not_enrolled")
    _check(user, device, code)
    django_otp.login(request, device)
    audit.record(action=audit.Action.LOGIN, actor=user, obj=user, note="两步验证通过")
    return device


def enrol(request, device: TOTPDevice, code: str) -> TOTPDevice:
    """Confirm the pending device with a code from the app; it becomes the account's only one.

    A wrong code is counted and audited outside the transaction of the change (it must stay)."""
    user = request.user
    if device.user_id != user.pk or device.confirmed:
        raise ValidationError("绑定已失效，请刷新页面重新扫码", code="stale")
    _check(user, device, code)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.refresh_from_db()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record(action=audit.Action.SETTING, actor=user, obj=user, note="启用两步验证（绑定验证器）")
    django_otp.login(request, device)
    return device


def disable(request, code: str) -> None:
    """An account that may go without the second step turns it off, proving it with a code."""
    user = request.user
    if is_required(user):
        raise ValidationError(ADMIN_MUST_KEEP, code="required")
    device = device_of(user)
    if device is None:
        raise ValidationError("该账号未启用两步验证", code="not_enrolled")
    _check(user, device, code)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        audit.record(action=audit.Action.SETTING, actor=user, obj=user, note="停用两步验证")
    request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)


@transaction.atomic
def reset(*, user: User, by: User | None, note: str = "") -> int:
    """Remove an account's authenticator (lost phone): the account enrols again at next sign-in.

    Done by the security administrator (or the operator's shell); audited."""
    count, _ = TOTPDevice.objects.filter(user=user).delete()
    cache.delete(_blocked_key(user))
    audit.record(action=audit.Action.SETTING, actor=by, obj=user, note=note or "重置两步验证（需重新绑定验证器）",
                 actor_name="" if by else "system")
    return count


def demo_enrol(user: User, secret_b32: str) -> TOTPDevice:
    """Enrol ``user`` with a known base32 secret (the demo prints it). Never used outside the demo."""
    try:
        key = base64.b32decode(secret_b32.replace(" ", "").upper()).hex()
    except (binascii.Error, ValueError) as exc:
        raise ValidationError("演示密钥不是有效的Base32文本") from exc
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, key=key, confirmed=True)


def current_code(device: TOTPDevice) -> str:
    """The code the device shows now (the demo's `fazhi manage fazhi_totp code`, and tests)."""


    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"
