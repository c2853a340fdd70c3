"""Issue 19: a photo kept with a record (core/images.py), taken with the phone camera on the record
page or the quick-entry page. The server keeps a clean JPEG (no EXIF, so no GPS location; long side
at most 2000 px); anything else — not a JPEG/PNG, a decompression bomb — is refused in Chinese with
nothing written; only who may write the record attaches, only who may read it (with its personal
data) sees the photo."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from fazhi.core import images
from fazhi.core.ledger import record_create
from fazhi.core.models import AuditEvent, QuickReceipt
from fazhi.streams.mediation.models import MediationCase, MediationCommittee

pytestmark = pytest.mark.django_db
GPS_IFD = 0x8825


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def case(mediator, village) -> MediationCase:
    record_create(MediationCommittee, by=mediator, unit=village, year=2026, name="唐林村人民调解委员会")
    today = timezone.localdate()
    return record_create(MediationCase, by=mediator, unit=village, year=today.year,
                         registration_number=f"（{today.year}）唐林村调字第901号", dispute_type="neighbour",
                         accepted_on=today, party_a_name="王五")


def jpeg_with_gps(size=(4032, 3024)) -> bytes:
    image = Image.new("RGB", size, (200, 180, 160))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (29.0, 2.0, 30.0), 3: "E", 4: (111.0, 41.0, 5.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png(size=(800, 600), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, format="PNG")
    return out.getvalue()


def upload(content: bytes, name="IMG_0001.jpg", kind="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=kind)


def stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def updates(case) -> int:
    return AuditEvent.objects.filter(object_type=MediationCase._meta.label_lower, object_id=str(case.pk),
                                     action="update").count()


def photo_url(case) -> str:
    return f"/s/mediation/{case.pk}/photo/"


def test_a_phone_photo_comes_back_without_its_location_and_resized(login, mediator, case, media):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the camera wrote where it was
    client = login(mediator)
    response = client.post(photo_url(case), {"photo": upload(original)}, follow=True)
    assert "已上传调解协议照片" in response.content.decode()
    case.refresh_from_db()
    assert case.agreement_photo.name.endswith(".jpg")
    served = client.get(f"/s/mediation/{case.pk}/photo.jpg")
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    kept = Image.open(io.BytesIO(b"".join(served.streaming_content)))
    assert kept.format == "JPEG" and kept.size == (2000, 1500)
    assert not kept.getexif() and "exif" not in kept.info
    assert updates(case) == 1  # audited like any change of the record


def test_the_photo_shows_on_the_record_page_with_a_camera_input(login, mediator, case):
    client = login(mediator)
    page = client.get(f"/s/mediation/{case.pk}/").content.decode()
    assert "调解协议照片" in page and "尚未上传" in page
    assert 'capture="environment"' in page and 'accept="image/jpeg,image/png,image/*"' in page
    client.post(photo_url(case), {"photo": upload(png(), "slip.png", "image/png")})
    page = client.get(f"/s/mediation/{case.pk}/").content.decode()
    assert f'<img src="/s/mediation/{case.pk}/photo.jpg"' in page and "重新拍照替换" in page


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"%PDF-1.7 not a photo", "agreement.jpg", "内容不是 JPEG 或 PNG 图片"),
    (b"\x00\x00\x00\x18ftypheic", "IMG_0002.heic", "只能上传 JPEG（.jpg）或 PNG（.png）格式的照片"),
    (b"\xff\xd8\xff\xe0 truncated", "IMG_0003.jpg", "无法读取该图片"),
    (b"", "empty.jpg", "内容不是 JPEG 或 PNG 图片"),
])
def test_a_file_that_is_no_photo_is_refused_in_chinese_and_nothing_is_written(login, mediator, case, media,
                                                                              content, name, message):
    response = login(mediator).post(photo_url(case), {"photo": upload(content, name)}, follow=True)
    page = response.content.decode()
    assert "调解协议照片未上传" in page and message in page
    case.refresh_from_db()
    assert not case.agreement_photo and updates(case) == 0 and stored_files(media) == []


def test_a_decompression_bomb_is_refused_before_it_is_decoded(login, mediator, case, media):
    bomb = png((9000, 9000), mode="1")  # 81 million pixels in a few kilobytes
    assert len(bomb) < 100_000
    response = login(mediator).post(photo_url(case), {"photo": upload(bomb, "bomb.png", "image/png")}, follow=True)
    assert "图片像素过大" in response.content.decode()
    case.refresh_from_db()
    assert not case.agreement_photo and updates(case) == 0 and stored_files(media) == []


def test_only_who_may_write_the_record_attaches_a_photo(login, case, leader, clerk, media):
    for user in (leader, clerk):  # leader reads every unit and writes none; 市场监管局's clerk not 唐林村
        response = login(user).post(photo_url(case), {"photo": upload(jpeg_with_gps((40, 20)))})
        assert response.status_code in (403, 404)
    case.refresh_from_db()
    assert not case.agreement_photo and stored_files(media) == []
    assert login(leader).get(photo_url(case)).status_code == 405  # GET never acts


def test_only_who_may_read_the_records_personal_data_sees_the_photo(login, mediator, case, leader, clerk):
    images.attach_photo(case, "agreement_photo", upload(jpeg_with_gps((40, 20))), by=mediator)
    assert login(mediator).get(f"/s/mediation/{case.pk}/photo.jpg").status_code == 200
    assert login(clerk).get(f"/s/mediation/{case.pk}/photo.jpg").status_code in (403, 404)  # not its unit
    assert login(leader).get(f"/s/mediation/{case.pk}/photo.jpg").status_code == 403  # reads it masked
    page = login(leader).get(f"/s/mediation/{case.pk}/").content.decode()
    assert "含个人信息，您无权查看" in page and "photo.jpg" not in page and 'name="photo"' not in page


# -- on the quick-entry page --------------------------------------------------------------------

QUICK = "/s/mediation/quick/"


def quick_draft(village, **extra) -> dict:
    year = timezone.localdate().year
    values = {"draft_key": str(uuid.uuid4()), "unit": village.pk,
              "registration_number": f"（{year}）唐林村调字第905号",
              "suggested_registration_number": f"（{year}）唐林村调字第905号",
              "accepted_on": f"{timezone.localdate():%Y-%m-%d}", "dispute_type": "land", "party_a_name": "李四",
              "party_b_name": "赵六", "facts": "承包地界址不清", "mediator": "孙调解"}
    values.update(extra)
    return values


def test_the_quick_entry_takes_the_photo_with_the_case(login, mediator, village, case):
    client = login(mediator)
    page = client.get(QUICK).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'capture="environment"' in page
    assert "照片请联网后在记录页补传" in page
    sent = quick_draft(village)
    response = client.post(QUICK, {**sent, "photo": upload(jpeg_with_gps())}, HTTP_ACCEPT="application/json")
    assert response.status_code == 201 and "含调解协议照片" in response.json()["message"]
    created = MediationCase.objects.get(registration_number=sent["registration_number"])
    assert created.agreement_photo
    with created.agreement_photo.open("rb") as f:
        kept = Image.open(f)
        assert kept.size == (2000, 1500) and not kept.getexif()
    receipt = QuickReceipt.objects.get(key=sent["draft_key"])
    assert receipt.version == created.version  # a later change of the draft is not taken for a conflict


def test_a_quick_entry_with_a_refused_photo_registers_nothing(login, mediator, village, case, media):
    sent = quick_draft(village)
    response = login(mediator).post(QUICK, {**sent, "photo": upload(b"GIF89a....", "a.gif", "image/gif")},
                                    HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and "只能上传 JPEG" in response.json()["message"]
    assert not MediationCase.objects.filter(registration_number=sent["registration_number"]).exists()
    assert not QuickReceipt.objects.exists() and stored_files(media) == []
