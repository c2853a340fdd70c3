from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from fazhi.accounts.models import User
from fazhi.accounts.services import password_reset_complete
from fazhi.accounts.validators import BAD_EMAIL, BAD_PHONE, EMAIL_RE, PHONE_RE
from fazhi.core.identifiers import validate_uscc
from fazhi.core.models import Unit
from fazhi.core.roles import Role

MISMATCH = "两次输入的密码不一致"


def _style(form: forms.Form) -> None:
    for f in form.fields.values():
        f.widget.attrs.setdefault("class", "form-select" if isinstance(f.widget, forms.Select) else "form-control")


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "账号或密码错误。连续输错5次，账号将被锁定15分钟。",
        "inactive": "该账号已停用，请联系管理员。",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "账号"
        self.fields["username"].widget.attrs["placeholder"] = "账号 / 手机号码 / 电子邮箱"
        self.fields["password"].label = "密码"
        _style(self)


class RegistrationForm(forms.Form):
    kind = forms.ChoiceField(label="注册类型", choices=[("citizen", "个人"), ("company", "企业")], initial="citizen")
    account = forms.CharField(label="手机号码或电子邮箱", max_length=100,
                              help_text="作为登录账号，用于接收办件回复")
    display_name = forms.CharField(label="姓名 / 企业名称", max_length=100)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18, required=False,
                                  help_text="企业注册时必填")
    password1 = forms.CharField(label="密码", widget=forms.PasswordInput(render_value=False), strip=False,
                                help_text="至少8位，须包含大写字母、小写字母、数字、特殊字符中的3类，且不能包含账号")
    password2 = forms.CharField(label="确认密码", widget=forms.PasswordInput(render_value=False), strip=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def clean_account(self) -> str:
        account = self.cleaned_data["account"].strip()
        if "@" in account:
            if not EMAIL_RE.match(account):
                raise ValidationError(BAD_EMAIL)
            account = account.lower()
            taken = User.objects.filter(email__iexact=account).exists() or User.objects.filter(username=account).exists()
            if taken:
                raise ValidationError("该电子邮箱已被注册")
        else:
            if not PHONE_RE.match(account):
                raise ValidationError(BAD_PHONE)
            if User.objects.filter(phone=account).exists() or User.objects.filter(username=account).exists():
                raise ValidationError("该手机号码已被注册")
        return account

    def clean_credit_code(self) -> str:
        code = self.cleaned_data.get("credit_code", "").strip().upper()
        if code:
            validate_uscc(code)
        return code

    def clean(self) -> dict:
        data = super().clean()
        if data.get("kind") == "company" and not data.get("credit_code") and "credit_code" not in self.errors:
            self.add_error("credit_code", "企业注册须填写统一社会信用代码")
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", MISMATCH)
        elif p1 and data.get("account"):
            account = data["account"]
            probe = User(username=account, phone=None if "@" in account else account,
                         email=account if "@" in account else "")
            try:
                password_validation.validate_password(p1, probe)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


def staff_user(username: str) -> User:
    """The staff account of that name, or the Chinese field error."""
    try:
        return User.objects.get(username=username.strip(), kind=User.Kind.STAFF)
    except User.DoesNotExist as exc:
        raise ValidationError("未找到该工作人员账号") from exc


class NewPasswordForm(forms.Form):
    """A new password typed twice and checked against the password rules and the account."""

    new_password1 = forms.CharField(label="新密码", widget=forms.PasswordInput, strip=False,
                                    help_text="至少8位，须包含大写字母、小写字母、数字、特殊字符中的3类，且不能包含账号")
    new_password2 = forms.CharField(label="确认新密码", widget=forms.PasswordInput, strip=False)

    def __init__(self, user: User, *args, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        _style(self)

    def clean(self) -> dict:
        data = super().clean()
        p1, p2 = data.get("new_password1"), data.get("new_password2")
        if p1 and p2 and p1 != p2:
            self.add_error("new_password2", MISMATCH)
        elif p1:
            self.check_new(p1, data)
            try:
                password_validation.validate_password(p1, self.user)
            except ValidationError as exc:
                self.add_error("new_password1", exc)
        return data

    def check_new(self, password: str, data: dict) -> None:
        """A further rule on the new password (none here)."""


class PasswordChangeForm(NewPasswordForm):
    old_password = forms.CharField(label="原密码", widget=forms.PasswordInput, strip=False)
    field_order = ["old_password", "new_password1", "new_password2"]

    def clean_old_password(self) -> str:
        value = self.cleaned_data["old_password"]
        if not self.user.check_password(value):
            raise ValidationError("原密码不正确")
        return value

    def check_new(self, password: str, data: dict) -> None:
        if data.get("old_password") and password == data["old_password"]:
            self.add_error("new_password1", "新密码不能与原密码相同")


class GrantForm(forms.Form):
    username = forms.CharField(label="账号", max_length=150)
    unit = forms.ModelChoiceField(label="单位", queryset=None, empty_label="请选择单位")
    role = forms.ChoiceField(label="角色")

    def __init__(self, *args, **kwargs) -> None:

        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True)
        self.fields["role"].choices = [("", "请选择角色"), *Role.choices]
        _style(self)

    def clean_username(self) -> User:
        return staff_user(self.cleaned_data["username"])


class CodeForm(forms.Form):
    code = forms.CharField(label="验证码", max_length=12, help_text="手机验证器（身份验证器应用）当前显示的6位数字",
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise ValidationError("请输入6位数字验证码")
        return code


class PasswordResetRequestForm(forms.Form):
    account = forms.CharField(label="账号 / 手机号码 / 电子邮箱", max_length=150)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def clean_account(self) -> str:
        return self.cleaned_data["account"].strip()


class SetPasswordForm(NewPasswordForm):
    """The new password on the reset link's page (Django's PasswordResetConfirmView calls it)."""

    def save(self, commit: bool = True) -> User:

        password_reset_complete(user=self.user, new_password=self.cleaned_data["new_password1"])
        return self.user


class AccountCloseForm(forms.Form):
    password = forms.CharField(label="登录密码", widget=forms.PasswordInput, strip=False,
                               help_text="为确认是您本人操作，请输入登录密码")
    confirm = forms.BooleanField(label="我已知晓：注销后无法登录，也无法恢复；已提交的办件由受理机关依法保存，不再关联我的个人信息")

    def __init__(self, user: User, *args, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        _style(self)
        self.fields["confirm"].widget.attrs["class"] = "form-check-input"
        self.fields["confirm"].error_messages["required"] = "请勾选确认后再注销"

    def clean_password(self) -> str:
        value = self.cleaned_data["password"]
        if not self.user.check_password(value):
            raise ValidationError("密码不正确")
        return value


class StaffCloseForm(forms.Form):
    username = forms.CharField(label="工作人员账号", max_length=150)
    reason = forms.CharField(label="停用原因", max_length=200, help_text="如：调离、退休、离职")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def clean_username(self) -> User:
        return staff_user(self.cleaned_data["username"])


class ContactFields(forms.Form):
    """E-mail and phone; the service checks format and uniqueness."""

    email = forms.CharField(label="电子邮箱", max_length=254, required=False)
    phone = forms.CharField(label="手机号码", max_length=11, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class OwnContactForm(ContactFields):
    password = forms.CharField(label="登录密码", widget=forms.PasswordInput, strip=False,
                               help_text="为确认是您本人操作，请输入当前登录密码")


class StaffContactForm(ContactFields):
    username = forms.CharField(label="工作人员账号", max_length=150)
    reason = forms.CharField(label="变更原因", max_length=200, help_text="如：本人书面申请、原邮箱停用；将写入审计日志")
    field_order = ["username", "email", "phone", "reason"]

    def clean_username(self) -> User:
        return staff_user(self.cleaned_data["username"])
