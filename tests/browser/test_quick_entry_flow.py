"""Issue 19 in Debian's chromium on a 390×844 phone: the demo's village mediator (唐林村) records a
mediation case through quick entry in at most twelve interactions, and the case is in the ledger with
its registration number and deadline; offline, two entries are kept as 待同步 drafts across a reload
and created exactly once when the connection returns, while a third whose record was changed
meanwhile comes back with the conflict message; signing out clears the account's drafts."""

from __future__ import annotations

import io
import re
import uuid

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from fazhi.accounts.models import User
from fazhi.core.ledger import record_update
from fazhi.core.models import Deadline, QuickReceipt
from fazhi.core.quick import accept
from fazhi.streams.mediation.models import MediationCase
from fazhi.streams.mediation.views import CASE_QUICK
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo_mediation(live_server):
    call_command("fazhi_demo", streams="mediation", stdout=open("/dev/null", "w"))
    user = User.objects.get(username="mediator")
    user.set_password(PASSWORD)
    user.must_change_password = False
    user.save()
    return live_server.url


def field(page: Page, label: str):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}"))


class Counter:
    """Counts what the user does: each tap and each field typed or picked is one interaction."""

    def __init__(self) -> None:
        self.n = 0

    def tap(self, locator) -> None:
        self.n += 1
        locator.click()

    def type(self, locator, text: str) -> None:
        self.n += 1
        locator.fill(text)

    def pick(self, locator, label: str) -> None:
        self.n += 1
        locator.select_option(label=label)


def test_the_mediator_records_a_case_in_twelve_interactions(page: Page, demo_mediation) -> None:
    page.set_viewport_size(PHONE)
    user = Counter()
    page.goto(f"{demo_mediation}/accounts/login/")
    user.type(page.get_by_label(re.compile(r"^账号")), "mediator")
    user.type(page.get_by_label(re.compile(r"^密码")), PASSWORD)
    user.tap(page.get_by_role("button", name="登录", exact=True))
    user.tap(page.get_by_role("link", name="登记调解案件").first)
    expect(page.get_by_role("heading", level=1)).to_have_text("登记调解案件")
    number = field(page, "登记编号").input_value()
    assert re.fullmatch(rf"（{timezone.localdate().year}）唐林村调字第\d{{3,}}号", number)
    expect(field(page, "受理日期")).to_have_value(f"{timezone.localdate():%Y-%m-%d}")
    expect(field(page, "调解员")).to_have_value("孙调解")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    user.pick(field(page, "纠纷类型"), "邻里纠纷")
    user.type(field(page, "当事人（申请人）姓名"), "周大成")
    user.type(field(page, "对方当事人姓名"), "吴小明")
    user.type(field(page, "纠纷简要情况"), "院墙滴水引发争执")
    user.tap(page.get_by_role("button", name="登记", exact=True))
    expect(page.get_by_role("alert").first).to_contain_text(f"已登记：{number}")
    assert user.n <= 12, user.n

    case = MediationCase.objects.get(registration_number=number)
    assert (case.party_a_name, case.committee.name, case.state) == ("周大成", "唐林村人民调解委员会", "accepted")
    due = Deadline.objects.get(object_id=case.pk, key="mediation_term").due
    expect(page.locator("main")).to_contain_text(f"{due.year}年{due.month}月{due.day}日")  # the record page
    page.goto(f"{demo_mediation}/s/mediation/?q={number}")
    expect(page.locator("main")).to_contain_text(number)
    expect(page.locator("main")).to_contain_text(f"{due:%Y-%m-%d}")


def save_entry(page: Page, party: str, dispute: str = "邻里纠纷") -> None:
    field(page, "纠纷类型").select_option(label=dispute)
    field(page, "当事人（申请人）姓名").fill(party)
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.locator("#quick-status")).to_contain_text("已保存为草稿（待同步）")


def test_offline_entries_wait_as_drafts_and_are_created_once(page: Page, context, demo_mediation, sign_in) -> None:
    page.set_viewport_size(PHONE)
    sign_in("mediator")
    mediator = User.objects.get(username="mediator")
    page.goto(f"{demo_mediation}/s/mediation/quick/")
    expect(page.locator("html[data-offline-ready=true]")).to_have_count(1)  # the page is kept for offline use
    before = MediationCase.objects.count()

    context.set_offline(True)
    save_entry(page, "离线甲")
    save_entry(page, "离线乙", "婚姻家庭纠纷")
    drafts = page.locator("#quick-drafts-list li")
    expect(drafts).to_have_count(2)
    page.reload()  # offline: the service worker answers with the kept page; the drafts are still there
    expect(page.get_by_role("heading", level=1)).to_have_text("登记调解案件")
    expect(drafts).to_have_count(2)
    expect(drafts.first).to_contain_text("待同步")
    save_entry(page, "离线丙")
    expect(drafts).to_have_count(3)

    # The third draft was sent once before (its answer lost), and someone changed its record since.
    stored = page.evaluate(f"JSON.parse(localStorage.getItem('fazhi:drafts:{mediator.pk}'))")
    third = dict(stored[2]["fields"])
    village = mediator.active_memberships()[0].unit
    earlier = accept(CASE_QUICK, by=mediator, key=uuid.UUID(third["draft_key"]), unit=village,
                     data={"registration_number": third["registration_number"] + "甲",
                           "accepted_on": timezone.localdate(), "dispute_type": "neighbour",
                           "party_a_name": "离线丙", "party_a_phone": "", "party_b_name": "", "facts": "",
                           "mediator": "孙调解"}, auto=set(), digest="sent-before")
    record_update(earlier.record, by=mediator, expected_version=1, facts="办公室核实后补充的情况")

    context.set_offline(False)
    expect(page.locator("form[data-synced]")).to_have_count(1)
    expect(drafts).to_have_count(1)
    expect(drafts.first).to_contain_text("未能同步")
    expect(drafts.first).to_contain_text("该记录在草稿提交后已被他人修改")
    page.reload()  # a reload sends nothing again
    expect(drafts).to_have_count(1)

    made = MediationCase.objects.filter(party_a_name__in=["离线甲", "离线乙", "离线丙"])
    assert sorted(made.values_list("party_a_name", flat=True)) == sorted(["离线甲", "离线乙", "离线丙"])  # once each
    assert MediationCase.objects.count() == before + 3
    numbers = sorted(made.exclude(party_a_name="离线丙").values_list("registration_number", flat=True))
    assert len(set(numbers)) == 2  # each draft took its own number
    assert MediationCase.objects.get(party_a_name="离线丙").facts == "办公室核实后补充的情况"  # not overwritten
    assert QuickReceipt.objects.count() == 3

    # Signing out clears the account's drafts from the browser (after saying some are unsent).
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert page.evaluate(f"localStorage.getItem('fazhi:drafts:{mediator.pk}')") is None
    # and the kept copies of the quick-entry pages (they show the account's name and unit)
    gone = page.evaluate("""async () => {  // the worker drops them after the sign-out: wait up to 5 s
        for (let i = 0; i < 100; i++) {
            if (!(await caches.has("fazhi-pages"))) return true;
            await new Promise(done => setTimeout(done, 50));
        }
        return false;
    }""")
    assert gone


def test_a_photo_goes_with_an_online_entry_and_never_into_an_offline_draft(page: Page, context, demo_mediation,
                                                                           sign_in, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    out = io.BytesIO()
    Image.new("RGB", (2400, 1800), (220, 210, 200)).save(out, format="JPEG")
    photo = {"name": "IMG_0101.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}
    page.set_viewport_size(PHONE)
    sign_in("mediator")
    mediator = User.objects.get(username="mediator")
    page.goto(f"{demo_mediation}/s/mediation/quick/")
    expect(page.locator("html[data-offline-ready=true]")).to_have_count(1)

    field(page, "纠纷类型").select_option(label="邻里纠纷")
    field(page, "当事人（申请人）姓名").fill("拍照甲")
    page.locator("input[data-quick-photo]").set_input_files(photo)
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.get_by_role("alert").first).to_contain_text("含调解协议照片")
    expect(page.locator("#record-photo img")).to_be_visible()  # the record page shows it
    with MediationCase.objects.get(party_a_name="拍照甲").agreement_photo.open("rb") as f:
        assert Image.open(f).size == (2000, 1500)

    page.goto(f"{demo_mediation}/s/mediation/quick/")
    context.set_offline(True)
    field(page, "纠纷类型").select_option(label="邻里纠纷")
    field(page, "当事人（申请人）姓名").fill("拍照乙")
    page.locator("input[data-quick-photo]").set_input_files(photo)
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.locator("#quick-status")).to_contain_text("照片请联网后在记录页补传")
    stored = page.evaluate(f"localStorage.getItem('fazhi:drafts:{mediator.pk}')")
    assert "拍照乙" in stored and "photo" not in stored and "File" not in stored
    context.set_offline(False)
    expect(page.locator("form[data-synced=true]")).to_have_count(1)
    assert not MediationCase.objects.get(party_a_name="拍照乙").agreement_photo
