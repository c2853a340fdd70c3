"""A county on its own instance reports to the city's (issue 18, step 4): `fazhi report --format package`
writes the package (content, SHA-256, HMAC signature with the county's token); the city's
POST /api/v1/submissions/ verifies it and answers a receipt, refuses figures unlike the report's text
(409, in Chinese), a bad signature or another county's token (403); with FAZHI_CITY_URL set, 报送市级
keeps our copy 已报送 and a task sends it, retrying a failure later and recording the city's receipt."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from fazhi.api.services import token_issue
from fazhi.reports import submissions, tasks
from fazhi.reports.models import AnnualReport, Submission
from tests.api.conftest import ApiClient
from tests.reports.test_city import _county_with_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def anxiang(county, secadmin):
    """安乡县 under 常德市 with an approved report, and the token the city issued to its coordinator."""
    unit, coord, report = _county_with_report("430721", 1, 20, 3)
    token = token_issue(by=secadmin, name="安乡县平台", user=coord)[1]
    return unit, coord, report, token


def _package(tmp_path, settings, token) -> dict:
    settings.FAZHI_CITY_TOKEN = token
    out = tmp_path / "package.json"
    call_command("fazhi_report", "--year", "2023", "--unit", "430721", "--format", "package", "-o", str(out))
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_city_signs_for_a_package_once_and_answers_the_same_receipt_again(anxiang, tmp_path, settings):
    _unit, _coord, report, token = anxiang
    package = _package(tmp_path, settings, token)
    assert package["sha256"] == submissions.digest(package["content"])
    assert package["content"]["figures"]["study.attendance_rate"]["denominator"] == 20
    api = ApiClient(token)
    first = api.post("submissions/", package)
    assert first.status_code == 201, first.content
    assert (first.json()["receipt_no"], first.json()["version"]) == ("430700-2023-0001", 1)
    again = api.post("submissions/", package)  # a retry whose answer was lost
    assert again.json()["receipt_no"] == "430700-2023-0001" and Submission.objects.count() == 1
    assert Submission.objects.get().report == report


def test_a_package_unlike_its_text_a_bad_signature_or_another_countys_token_is_refused(
        anxiang, tmp_path, settings, secadmin):
    _unit, _coord, _report, token = anxiang
    package = _package(tmp_path, settings, token)
    content = package["content"]
    del content["figures"]["study.sessions_held"]
    mismatch = submissions.package_of(content, token)  # re-hashed and signed: only the figures are wrong
    answer = ApiClient(token).post("submissions/", mismatch)
    assert answer.status_code == 409
    assert "正文引用的指标没有报送数据：study.sessions_held" in answer.json()["detail"]
    good = _package(tmp_path, settings, token)
    forged = {**good, "signature": submissions.signature(good["sha256"], "fz_not-the-token")}
    assert ApiClient(token).post("submissions/", forged).status_code == 403  # (the reason is not told)
    _west, west_coord, _r = _county_with_report("430722", 1, 2, 1)  # 汉寿县's coordinator
    other = token_issue(by=secadmin, name="汉寿县平台", user=west_coord)[1]
    refused = ApiClient(other).post("submissions/", submissions.package_of(good["content"], other))
    assert refused.status_code == 403
    assert not Submission.objects.exists()


def test_with_a_city_url_the_submission_is_sent_by_a_task_retried_and_receipted(
        anxiang, login, settings, monkeypatch, django_capture_on_commit_callbacks):
    _unit, coord, report, token = anxiang
    settings.FAZHI_CITY_URL, settings.FAZHI_CITY_TOKEN = "https://fzzs.changde.example", token
    with django_capture_on_commit_callbacks(execute=True):
        page = login(coord).post(f"/reports/{report.pk}/submit-city/", follow=True).content.decode()
    sub = Submission.objects.get()
    assert (sub.state, sub.receipt_no) == (Submission.State.SUBMITTED, "")
    assert "已报送" in page and "待市级签收" in page
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "fazhi.reports.tasks.send_to_city" and queued.args_kwargs["args"] == [sub.pk, 1]

    calls = []

    def city_down(url, body, token):
        calls.append((url, json.loads(body)))
        return 503, {"detail": "维护中"}

    monkeypatch.setattr(tasks, "post", city_down)
    assert tasks.send_to_city.call(sub.pk, 1) == {"retry": 2, "status": 503}
    assert calls[0][0] == "https://fzzs.changde.example/api/v1/submissions/"
    assert calls[0][1]["sha256"] == sub.sha256 and calls[0][1]["signature"]
    retry = DBTaskResult.objects.exclude(pk=queued.pk).get()
    assert retry.args_kwargs["args"] == [sub.pk, 2] and retry.run_after is not None

    monkeypatch.setattr(tasks, "post", lambda url, body, token: (201, {"receipt_no": "430700-2023-0009"}))
    assert tasks.send_to_city.call(sub.pk, 2) == {"receipt_no": "430700-2023-0009"}
    sub.refresh_from_db()
    assert (sub.state, sub.receipt_no) == (Submission.State.RECEIVED, "430700-2023-0009")
    assert "回执 430700-2023-0009" in login(coord).get(f"/reports/{report.pk}/").content.decode()
    report.refresh_from_db()
    assert report.sent_to_superiors_on is not None


def test_a_refusal_from_the_city_is_not_retried(anxiang, settings, monkeypatch):
    _unit, coord, report, token = anxiang
    settings.FAZHI_CITY_URL, settings.FAZHI_CITY_TOKEN = "https://fzzs.changde.example", token
    sub = submissions.submit(report, by=coord)
    monkeypatch.setattr(tasks, "post", lambda url, body, token: (409, {"detail": "数据与报告不符，不予签收"}))
    with pytest.raises(tasks.CityRefused, match="市级平台拒绝签收（409）：数据与报告不符"):
        tasks.send_to_city.call(sub.pk, 1)
    assert not DBTaskResult.objects.exists()


@pytest.mark.parametrize("change", [
    {"figures": {"study.sessions_held": {"value": "三"}}}, {"sections": "全文"}, {"kind": ["annual"]},
    {"year": 10 ** 30}, {"sections": [{"heading": 1, "text": None}]},
])
def test_a_malformed_package_is_a_chinese_422_and_writes_nothing(anxiang, tmp_path, settings, change):
    _unit, _coord, _report, token = anxiang
    content = {**_package(tmp_path, settings, token)["content"], **change}
    answer = ApiClient(token).post("submissions/", submissions.package_of(content, token))
    message = answer.json()["errors"]["non_field_errors"][0]
    assert answer.status_code == 422 and ("格式不正确" in message or "年度不正确" in message)
    assert not Submission.objects.exists()


def test_a_county_on_its_own_instance_is_offered_the_submission(county, coordinator, login, settings):
    """No city unit in the county's database: with FAZHI_CITY_URL the report page still offers 报送市级."""
    report = AnnualReport.objects.create(unit=county, year=2023, title="报告", state=AnnualReport.State.APPROVED)
    assert "报送市级" not in login(coordinator).get(f"/reports/{report.pk}/").content.decode()
    settings.FAZHI_CITY_URL = "https://fzzs.changde.example"
    page = login(coordinator).get(f"/reports/{report.pk}/").content.decode()
    assert "报送市级平台（市委依法治市办" in page and ">报送市级</button>" in page


@pytest.mark.parametrize(("value", "refused"), [
    (99.87029831387808, False),  # a draft's live figure, every digit
    (99.87, False), (99.9, False), (100, False),  # a published report's, frozen at its display precision
    (99.8, True), (99.2, True), (98, True),  # not 770/771 at any rounding of its own precision
])
def test_a_rate_matches_its_numerator_and_denominator_as_printed(value, refused):
    content = {"title": "{{ services.online_rate }}", "sections": [],
               "figures": {"services.online_rate": {"value": value, "numerator": 770, "denominator": 771}}}
    assert bool(submissions.figure_gaps(content)) is refused

