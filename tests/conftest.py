"""Shared fixtures: the organisation of the reference customer and a fixed cast of personas.

coordinator  — 依法治区办 (司法局), reads every unit
clerk        — 市场监管局 clerk, sees only 市场监管局
other_clerk  — 交通运输局 clerk, must NOT see 市场监管局's records
head         — 市场监管局 head, approves its records
leader       — district leader, reads everything, changes nothing
sysadmin / secadmin / auditadmin — the three administrators (三员分立)
citizen      — a registered member of the public
"""

from __future__ import annotations

import uuid

import pytest

from fazhi.accounts.models import Membership, User
from fazhi.core.models import Unit
from fazhi.core.roles import Role
from fazhi.core.units import setup_city, setup_division, unit_add

PASSWORD = "Fazhi@2026"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    """Tests hash with MD5 for speed, except where a test asks for Argon2 explicitly."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # each test counts rate limits afresh, in memory, apart from other test processes
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"test-{uuid.uuid4().hex}"}}


def pass_second_step(client, user: User) -> None:
    """Mark ``client``'s session as having passed the two-step sign-in (TOTP) for ``user``,
    enrolling an authenticator first when the account has none (accounts/otp.py)."""
    import django_otp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or \
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[django_otp.DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_step(monkeypatch):
    """``client.force_login`` skips the password; it skips the administrators' second step too.
    Tests of the second step sign in through the real pages."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        from fazhi.accounts import otp

        if otp.needs_second_step(user):
            pass_second_step(self, user)
        user.__dict__.pop("_memberships_cache", None)  # roles granted later in the test must count

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def county(db) -> Unit:
    return setup_division("430771").county


@pytest.fixture
def village(county) -> Unit:
    """唐林村, where the demo's village mediator and legal adviser work."""
    return Unit.objects.get(code="430771101208")


@pytest.fixture
def mediator(village):
    return make_user("mediator", village, Role.MEDIATOR)


@pytest.fixture
def adviser(village):
    return make_user("adviser", village, Role.LEGAL_ADVISOR)


@pytest.fixture
def market_unit(county: Unit) -> Unit:
    return unit_add(code="430771-D03", name="市场监督管理局", short_name="市场监管局",
                    kind=Unit.Kind.DEPARTMENT, parent=county)


@pytest.fixture
def transport_unit(county: Unit) -> Unit:
    return unit_add(code="430771-D04", name="交通运输局", kind=Unit.Kind.DEPARTMENT, parent=county)


@pytest.fixture
def justice_unit(county: Unit) -> Unit:
    return unit_add(code="430771-D02", name="司法局（依法治区办）", short_name="司法局",
                    kind=Unit.Kind.DEPARTMENT, parent=county)


def make_user(username: str, unit: Unit | None, role: str | None, **extra) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, display_name=username, **extra)
    if unit is not None and role is not None:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def coordinator(justice_unit: Unit) -> User:
    return make_user("coordinator", justice_unit, Role.COORDINATOR)


@pytest.fixture
def clerk(market_unit: Unit) -> User:
    return make_user("clerk", market_unit, Role.CLERK)


@pytest.fixture
def other_clerk(transport_unit: Unit) -> User:
    return make_user("clerk2", transport_unit, Role.CLERK)


@pytest.fixture
def head(market_unit: Unit) -> User:
    return make_user("head", market_unit, Role.UNIT_HEAD)


@pytest.fixture
def leader(county: Unit) -> User:
    return make_user("leader", county, Role.LEADER)


@pytest.fixture
def sysadmin(county: Unit) -> User:
    return make_user("sysadmin", county, Role.SYSADMIN)


@pytest.fixture
def secadmin(county: Unit) -> User:
    return make_user("secadmin", county, Role.SECADMIN)


@pytest.fixture
def auditadmin(county: Unit) -> User:
    return make_user("auditadmin", county, Role.AUDITADMIN)


@pytest.fixture
def city(county: Unit, market_unit: Unit, transport_unit: Unit, justice_unit: Unit) -> User:
    """The demo's `city` account: 市委依法治市办统筹人员 at 常德市, the county placed under the city as
    the demo does (the county's units, moved with it, are read again)."""
    above = setup_city(county.code)
    county.parent = above
    county.save()
    for unit in (county, market_unit, transport_unit, justice_unit):
        unit.refresh_from_db()
    return make_user("city", above, Role.CITY_COORDINATOR)


@pytest.fixture
def citizen(db) -> User:
    return make_user("13800138000", None, None, kind=User.Kind.CITIZEN, phone="13800138000")


@pytest.fixture
def login(client):
    """login(user) -> the test client signed in as that user."""

    def _login(user: User):
        client.force_login(user, backend="fazhi.accounts.backends.AccountBackend")
        return client

    return _login


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    """The whole demo (every stream and the annual reports), loaded once for a test module and
    flushed after it. Tests using it also need ``db``."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("fazhi_demo")
    yield
    with django_db_blocker.unblock():
        call_command("flush", "--noinput", verbosity=0)
