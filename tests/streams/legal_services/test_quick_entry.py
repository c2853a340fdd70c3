"""The village legal adviser's quick entry: defaults (today, their own village, the adviser's
name from the appointment ledger), one submit, "已登记" and an empty form for the next one; each
draft key is logged once (core/quick.py), so a consultation sent twice is one consultation."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from fazhi.streams.legal_services.models import Consultation

pytestmark = pytest.mark.django_db
URL = "/s/legal_services/quick/"


def test_the_form_defaults_to_today_and_the_advisers_own_village(login, advisor, yucai):
    page = login(advisor).get(URL).content.decode()
    assert "育才社区" in page
    assert f'name="village" value="{yucai.pk}"' in page
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in page
    assert 'value="answered" selected' in page


def test_one_submit_saves_shows_yi_dengji_and_an_empty_form(login, advisor, yucai, appointment):
    client = login(advisor)
    today = timezone.localdate()
    response = client.post(URL, {"draft_key": uuid.uuid4(), "village": yucai.pk, "consulted_on": today.isoformat(), "category": "land",
                                 "summary": "土地流转合同到期后能否收回", "disposition": "answered"}, follow=True)
    page = response.content.decode()
    assert "已登记" in page and '<strong id="logged-today">1</strong>' in page
    assert "土地流转合同到期后能否收回" not in page  # the form is empty for the next one
    c = Consultation.objects.get()
    assert (c.unit, c.year, c.consulted_on, c.advisor, c.category, c.state) == (
        yucai, today.year, today, "刘建华", "land", "closed")
    assert c.created_by == advisor


def test_a_consultation_sent_twice_is_logged_once(login, advisor, yucai, appointment):
    client = login(advisor)
    sent = {"draft_key": uuid.uuid4(), "village": yucai.pk, "consulted_on": timezone.localdate().isoformat(),
            "category": "land", "summary": "宅基地能否继承", "disposition": "answered"}
    first = client.post(URL, sent, HTTP_ACCEPT="application/json")
    again = client.post(URL, sent, HTTP_ACCEPT="application/json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["status"] == "replayed" and again.json()["url"] == first.json()["url"]
    assert Consultation.objects.count() == 1


def test_a_referral_stays_open_until_closed(login, advisor, yucai):
    login(advisor).post(URL, {"draft_key": uuid.uuid4(), "village": yucai.pk, "consulted_on": timezone.localdate().isoformat(),
                              "category": "labour", "summary": "工地拖欠工资", "disposition": "legal_aid"})
    c = Consultation.objects.get()
    assert (c.state, c.disposition, c.advisor) == ("logged", "legal_aid", "advisor")


def test_missing_category_summary_or_a_future_date_is_refused_in_chinese(login, advisor, yucai):
    tomorrow = timezone.localdate() + timedelta(days=1)
    page = login(advisor).post(URL, {"draft_key": uuid.uuid4(), "village": yucai.pk, "consulted_on": tomorrow.isoformat(),
                                     "disposition": "answered"}).content.decode()
    assert "咨询日期不能晚于今天" in page and "这个字段是必填项" in page
    assert Consultation.objects.count() == 0


def test_an_adviser_cannot_log_for_another_village(login, advisor, tanglin):
    response = login(advisor).post(URL, {"draft_key": uuid.uuid4(), "village": tanglin.pk, "consulted_on": timezone.localdate().isoformat(),
                                         "category": "land", "summary": "问题", "disposition": "answered"})
    assert response.status_code == 200 and Consultation.objects.count() == 0
    assert "选择一个有效的选项" in response.content.decode()


def test_a_clerk_of_a_department_has_no_quick_entry(login, clerk):
    assert login(clerk).get(URL).status_code == 403


def test_the_menu_offers_quick_entry_to_the_adviser_only(login, advisor, clerk):
    assert "快速登记咨询" in login(advisor).get("/home/").content.decode()
    assert "快速登记咨询" not in login(clerk).get("/home/").content.decode()


def test_the_adviser_sees_their_village_log_and_not_another(login, advisor, tanglin_advisor, yucai, tanglin):
    from fazhi.core.ledger import record_create

    other = record_create(Consultation, by=tanglin_advisor, unit=tanglin, year=2024, consulted_on="2024-05-06",
                          advisor="谭律师", category="family", summary="唐林村的咨询")
    client = login(advisor)
    assert "唐林村的咨询" not in client.get("/s/legal_services/").content.decode()
    assert client.get(f"/s/legal_services/{other.pk}/").status_code == 403


def test_the_consultation_slip_photo_is_taken_with_the_entry(login, advisor, yucai, appointment, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = login(advisor)
    page = client.get(URL).content.decode()
    assert "咨询登记单照片（可选，拍照）" in page and 'capture="environment"' in page
    out = io.BytesIO()
    Image.new("RGB", (1200, 2600)).save(out, format="JPEG")
    sent = {"draft_key": uuid.uuid4(), "village": yucai.pk, "consulted_on": timezone.localdate().isoformat(),
            "category": "land", "summary": "宅基地能否继承", "disposition": "answered",
            "photo": SimpleUploadedFile("slip.jpg", out.getvalue(), content_type="image/jpeg")}
    response = client.post(URL, sent, follow=True)
    assert "已登记" in response.content.decode()
    c = Consultation.objects.get()
    with c.slip_photo.open("rb") as f:
        assert Image.open(f).size == (923, 2000)
    detail = client.get(f"/s/legal_services/{c.pk}/").content.decode()
    assert f"/s/legal_services/{c.pk}/photo.jpg" in detail
