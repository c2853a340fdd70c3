"""A new county's staff from one Excel sheet: the system administrator opens the accounts (one-time
passwords, printed once), the security administrator grants the roles from the same sheet (三员分立);
all or nothing, with the reasons in Chinese (issue 18)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from fazhi.accounts import sms
from fazhi.accounts.models import Membership, User
from fazhi.core.models import AuditEvent, Unit
from fazhi.core.units import setup_division, standard_departments
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db
HEADER = ["姓名", "账号", "手机号码", "电子邮箱", "单位", "角色"]
STAFF = "/accounts/staff-import/"
ROLES = "/accounts/roles/import/"


@pytest.fixture
def xun(db) -> Unit:
    return setup_division("410621", departments=standard_departments()).county


def sheet(xun: Unit, n: int = 200) -> list[list]:
    offices = list(Unit.objects.filter(parent=xun).order_by("code"))
    rows = []
    for i in range(n):
        office = offices[i % len(offices)]
        role = "单位负责人" if i % 10 == 0 else "单位经办人"
        rows.append([f"工作人员{i:03d}", f"xun{i:03d}", f"139{i:08d}", f"xun{i:03d}@example.cn", office.name, role])
    return rows


def test_two_hundred_staff_are_opened_by_the_sysadmin_then_given_roles_by_the_secadmin(
        login, sysadmin, secadmin, xun):
    rows = sheet(xun)
    page = login(sysadmin).post(STAFF, {"file": upload_xlsx(HEADER, rows)})
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    handed = re.findall(r"<td>(xun\d{3})</td><td>[^<]*</td><td>[^<]*</td><td><code>([^<]+)</code>", page.content.decode())
    assert len(handed) == 200
    opened = User.objects.filter(username__startswith="xun")
    assert opened.count() == 200 and all(u.must_change_password for u in opened)
    assert not Membership.objects.filter(user__in=opened).exists()  # the sysadmin grants nothing

    granted = login(secadmin).post(ROLES, {"file": upload_xlsx(HEADER, rows)})
    assert granted.status_code == 200 and "新增200条" in granted.content.decode()
    assert Membership.objects.filter(user__in=opened, is_active=True).count() == 200
    head = Membership.objects.get(user__username="xun000")
    assert head.role == "unit_head" and head.unit.parent == xun

    account, password = handed[1]
    client = Client()
    assert client.post("/accounts/login/", {"username": account, "password": password}).status_code == 302


def test_a_role_for_an_account_not_yet_opened_refuses_the_whole_sheet(login, secadmin, xun):
    rows = sheet(xun, 3)
    User.objects.create_user(username="xun000", password="Fazhi@2026x", display_name="工作人员000")
    response = login(secadmin).post(ROLES, {"file": upload_xlsx(HEADER, rows)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "账号“xun001”尚未开通：请先由系统管理员导入账号" in page and "B列（账号）" in page
    assert not Membership.objects.filter(user__username__startswith="xun").exists()


def test_one_person_with_an_administrator_role_and_another_role_is_refused_whole(login, sysadmin, secadmin, xun):
    office = Unit.objects.filter(parent=xun).first()
    rows = [["甲", "jia01", "", "", office.name, "单位经办人"], ["甲", "jia01", "", "", xun.name, "安全管理员"],
            ["乙", "yi0001", "", "", office.name, "单位经办人"]]
    assert login(sysadmin).post(STAFF, {"file": upload_xlsx(HEADER, rows)}).status_code == 200
    response = login(secadmin).post(ROLES, {"file": upload_xlsx(HEADER, rows)})
    assert response.status_code == 400 and "三员分立：同一人不能同时担任" in response.content.decode()
    assert not Membership.objects.filter(user__username__in=["jia01", "yi0001"]).exists()


def test_a_bad_cell_refuses_the_sheet_and_each_administrator_keeps_to_their_step(login, sysadmin, secadmin, clerk, xun):
    office = Unit.objects.filter(parent=xun).first()
    rows = [["丙", "bing01", "12345", "", office.name, "单位经办人"], ["丁", "ding01", "", "", "不存在的单位", "区长"]]
    response = login(sysadmin).post(STAFF, {"file": upload_xlsx(HEADER, rows)})
    page = response.content.decode()
    assert response.status_code == 400 and "不是有效的电话号码" in page and "单位“不存在的单位”不存在" in page
    assert "“区长”不在可选范围内" in page
    assert not User.objects.filter(username__in=["bing01", "ding01"]).exists()
    assert login(secadmin).get(STAFF).status_code == 403
    assert login(sysadmin).get(ROLES).status_code == 403
    assert login(clerk).get(STAFF).status_code == 403


@pytest.fixture
def texts(settings):
    settings.FAZHI_SMS_BACKEND = "fazhi.accounts.sms.LocmemSmsBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


def test_one_time_passwords_go_by_mail_or_text_and_the_sheet_keeps_the_rest(login, sysadmin, xun, texts):
    """With 发送初始密码 ticked: 甲 (an e-mail) gets a mail, 乙 (a phone only) a text message, 丙 (neither)
    stays on the printed sheet; each must change the password at first sign-in."""
    office = Unit.objects.filter(parent=xun).first()
    rows = [["张甲", "zhangjia", "13900001111", "zhangjia@example.cn", office.name, "单位经办人"],
            ["李乙", "liyi01", "13900002222", "", office.name, "单位经办人"],
            ["王丙", "wangbing", "", "", office.name, "单位经办人"]]
    response = login(sysadmin).post(STAFF, {"file": upload_xlsx(HEADER, rows), "deliver": "1"})
    page = response.content.decode()
    assert response.status_code == 200 and "其中 2 个的初始密码已发送给本人" in page
    assert "<td>zhangjia</td><td>邮件</td><td>z***@example.cn</td>" in page
    assert "<td>liyi01</td><td>短信</td><td>139****2222</td>" in page
    sheet_rows = re.findall(r"<td>(\w+)</td><td>[^<]*</td><td>[^<]*</td><td><code>([^<]+)</code>", page)
    assert [account for account, _ in sheet_rows] == ["wangbing"]  # only the one not delivered is printed

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["zhangjia@example.cn"]
    emailed = re.search(r"初始密码：(\S+?)。", mail.outbox[0].body).group(1)
    assert "首次登录须修改密码" in mail.outbox[0].body and "http://testserver/accounts/login/" in mail.outbox[0].body
    assert [m.to for m in texts] == ["13900002222"] and "liyi01" in texts[0].text
    assert emailed not in page  # a delivered password is not shown on the page
    notes = set(AuditEvent.objects.filter(action="password").values_list("note", flat=True))
    assert notes == {"初始密码已通过邮件发送至z***@example.cn", "初始密码已通过短信发送至139****2222"}

    client = Client()
    signed_in = client.post("/accounts/login/", {"username": "zhangjia", "password": emailed}, follow=True)
    assert signed_in.redirect_chain[-1][0] == "/accounts/password/"
    assert client.get("/s/study/").url == "/accounts/password/"  # nothing else before the change


def test_without_the_tick_or_a_text_backend_the_sheet_lists_everyone(login, sysadmin, xun, settings):
    settings.FAZHI_SMS_BACKEND = ""
    office = Unit.objects.filter(parent=xun).first()
    rows = [["李乙", "liyi01", "13900002222", "", office.name, "单位经办人"]]
    page = login(sysadmin).post(STAFF, {"file": upload_xlsx(HEADER, rows), "deliver": "1"}).content.decode()
    assert "<td>liyi01</td>" in page and "<code>" in page and "已发送给本人" not in page
    rows = [["张甲", "zhangjia", "", "zhangjia@example.cn", office.name, "单位经办人"]]
    page = login(sysadmin).post(STAFF, {"file": upload_xlsx(HEADER, rows)}).content.decode()
    assert "<td>zhangjia</td>" in page and "<code>" in page and not mail.outbox
