from __future__ import annotations

import pytest

from fazhi.accounts.models import User
from fazhi.core.models import AuditEvent

pytestmark = pytest.mark.django_db

VALID = {"kind": "citizen", "account": "13912345678", "display_name": "王五",
         "password1": "Bj#2026abc", "password2": "Bj#2026abc"}


def register(client, **overrides):
    return client.post("/accounts/register/", {**VALID, **overrides})


def test_a_citizen_registers_with_a_phone_and_is_signed_in(client):
    response = register(client)
    assert response.status_code == 302
    user = User.objects.get(username="13912345678")
    assert user.kind == User.Kind.CITIZEN and user.phone == "13912345678"
    assert client.get("/home/", follow=True).context["user"] == user
    assert AuditEvent.objects.filter(action="register", actor=user).exists()


def test_a_company_registers_with_email_and_a_valid_credit_code(client):
    response = register(client, kind="company", account="Office@Example.com", display_name="某某公司",
                        credit_code="91350100M000100Y43")
    assert response.status_code == 302
    assert User.objects.get(email="office@example.com").kind == User.Kind.COMPANY


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"account": "1391234567"}, "account", "请输入正确的11位手机号码"),
        ({"account": "not-an-email@"}, "account", "请输入正确的电子邮箱地址"),
        ({"password1": "abcdefgh", "password2": "abcdefgh"}, "password1", "3类"),
        ({"password1": "Ab#1", "password2": "Ab#1"}, "password1", "至少要包含 8 个字符"),
        ({"password1": "X13912345678a", "password2": "X13912345678a"}, "password1", "不能包含账号"),
        ({"password2": "Bj#2026abd"}, "password2", "两次输入的密码不一致"),
        ({"kind": "company", "credit_code": ""}, "credit_code", "企业注册须填写统一社会信用代码"),
        ({"kind": "company", "credit_code": "91350100M000100Y4Z"}, "credit_code", "校验位不正确"),
    ],
)
def test_bad_registration_input_gets_a_chinese_message_on_the_field_and_creates_nothing(client, overrides, field, message):
    response = register(client, **overrides)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    assert not User.objects.exists()


def test_a_duplicate_phone_is_refused(client, citizen):
    response = register(client, account=citizen.phone)
    assert "该手机号码已被注册" in response.context["form"].errors["account"][0]
    assert User.objects.count() == 1


def test_a_duplicate_email_is_refused_whatever_its_case(client):
    register(client, account="a.user@example.com")
    client.logout()
    response = register(client, account="A.User@example.com")
    assert "该电子邮箱已被注册" in response.context["form"].errors["account"][0]
    assert User.objects.count() == 1


def test_the_registration_page_is_in_chinese(client):
    html = client.get("/accounts/register/").content.decode()
    assert "注册账号" in html and "手机号码或电子邮箱" in html


def test_registrations_from_one_address_are_limited_and_the_excess_creates_nothing(client, settings):
    settings.FAZHI_REGISTRATIONS_PER_HOUR = 2
    for n in range(2):
        assert register(client, account=f"1391234567{n}").status_code == 302
        client.logout()
    refused = register(client, account="13912345679")
    assert refused.status_code == 200 and "提交过于频繁，请稍后再试" in refused.content.decode()
    assert not User.objects.filter(username="13912345679").exists()
