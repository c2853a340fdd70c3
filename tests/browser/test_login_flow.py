"""Signing in and registering through the real pages, in Debian's chromium.

Each test asserts what the user sees on the screen, not what the view put in its context."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from fazhi.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CJK = re.compile(r"[\u4e00-\u9fff]")


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label(re.compile(r"^账号")).fill(username)
    page.get_by_label(re.compile(r"^密码")).fill(password)
    page.get_by_role("button", name="登录", exact=True).click()


def test_a_clerk_signs_in_reaches_the_workbench_and_is_refused_another_units_page(
    page: Page, live_server, clerk, transport_unit, tmp_path
) -> None:
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    expect(page.get_by_role("heading", name="账号+密码登录")).to_be_visible()
    expect(page.get_by_role("link", name="立即注册")).to_be_visible()

    page.get_by_label(re.compile(r"^账号")).fill("clerk")
    page.get_by_label(re.compile(r"^密码")).fill(PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()

    expect(page).to_have_url(re.compile(r"/home/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("单位经办人工作台")

    shot = tmp_path / "clerk-home.png"
    page.screenshot(path=shot, full_page=True)
    assert shot.stat().st_size > 0
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    response = page.goto(f"{base}/units/{transport_unit.code}/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_contain_text("无权访问")
    expect(page.get_by_text("交通运输局")).to_have_count(0)


def test_a_wrong_password_is_refused_on_the_login_page(page: Page, live_server, clerk) -> None:
    sign_in(page, live_server.url, "clerk", "Wrong#Pass1")

    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_role("alert")).to_contain_text("账号或密码错误")
    expect(page.get_by_role("heading", name="账号+密码登录")).to_be_visible()


def test_a_citizen_registers_after_a_weak_password_is_refused(page: Page, live_server) -> None:
    page.goto(f"{live_server.url}/accounts/register/")
    expect(page.get_by_role("heading", name="注册账号")).to_be_visible()
    page.get_by_label(re.compile(r"^手机号码或电子邮箱")).fill("13912345678")
    page.get_by_label(re.compile(r"^姓名")).fill("李四")
    page.get_by_label(re.compile(r"^密码")).fill("abcdefgh")
    page.get_by_label(re.compile(r"^确认密码")).fill("abcdefgh")
    page.get_by_role("button", name="注册", exact=True).click()

    errors = page.locator("#id_password1_error")
    expect(errors).to_be_visible()
    expect(errors).to_contain_text("3类")
    # Screen readers announce the error with the field (aria-describedby points at it).
    expect(page.locator("#id_password1")).to_have_attribute("aria-describedby", re.compile(r"id_password1_error"))
    assert CJK.search(errors.inner_text())
    expect(page.locator("#id_account_error")).to_have_count(0)
    assert not User.objects.filter(username="13912345678").exists()

    # The account and name are kept; the password fields are not re-filled by the server.
    expect(page.get_by_label(re.compile(r"^手机号码或电子邮箱"))).to_have_value("13912345678")
    page.get_by_label(re.compile(r"^密码")).fill("Bj#2026abc")
    page.get_by_label(re.compile(r"^确认密码")).fill("Bj#2026abc")
    page.get_by_role("button", name="注册", exact=True).click()

    expect(page).to_have_url(re.compile(r"/gk/my/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("我的办件")
    expect(page.get_by_role("alert")).to_contain_text("注册成功")
    user = User.objects.get(username="13912345678")
    assert user.kind == User.Kind.CITIZEN and user.phone == "13912345678"
