"""Photos kept with a record (issue 19): a phone-camera picture of a signed agreement or a
consultation slip.

A ledger names its photo field (``Ledger(photo_field=...)``, a ``FileField`` whose
``upload_to`` is ``photo_path``) and gets two pages next to the record page: ``<pk>/photo/``
(POST, who may write the record) and ``<pk>/photo.jpg`` (who may read it). Files live where
every upload lives (``default_storage`` under MEDIA_ROOT, carried by backups); the change is
written through ``record_update`` and so audited like any field.

An upload passes ``uploads.check_photo`` (size limit, .jpg/.jpeg/.png name and the format's
first bytes), then Pillow opens it with a pixel limit (a decompression bomb is refused before
it is decoded), turns it upright by its EXIF orientation, drops all metadata (EXIF with the GPS
location included), scales it so that its long side is at most ``MAX_SIDE`` pixels and stores
it as a JPEG.
"""

from __future__ import annotations

import io
import math
import uuid
import warnings

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

from fazhi.core import scope, uploads
from fazhi.core.config import setting
from fazhi.core.ledger import record_update

MAX_SIDE = 2000
QUALITY = 85
BOMB = "图片像素过大（超过{mp}百万像素），已拒绝处理；请用手机相机直接拍照后上传"
UNREADABLE = "无法读取该图片（文件可能已损坏或不完整），请重新拍照后上传"


def max_pixels() -> int:
    return int(setting("FAZHI_PHOTO_MAX_PIXELS", 60_000_000))


def photo_path(instance, filename: str) -> str:
    """Where a record's photo is stored: by stream, model and year, under an unguessable name."""
    meta = instance._meta
    return f"photos/{meta.app_label}/{meta.model_name}/{instance.year}/{instance.pk or 'new'}-{uuid.uuid4().hex}.jpg"


def photo_content(upload) -> ContentFile:
    """The stored form of an uploaded photo (see the module docstring); raises
    ``uploads.UploadRefused`` with a Chinese message, before anything is written."""
    uploads.check_photo(upload)
    limit = max_pixels()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as image:
                if image.format not in {"JPEG", "PNG"}:
                    raise uploads.UploadRefused(uploads.NOT_PHOTO_NAME)
                width, height = image.size
                if width * height > limit:
                    raise uploads.UploadRefused(BOMB.format(mp=limit // 1_000_000))
                if image.format == "JPEG":  # decode at the smallest scale still ≥ MAX_SIDE: less memory, faster
                    ratio = MAX_SIDE / max(width, height)
                    if ratio < 1:
                        image.draft("RGB", (math.ceil(width * ratio), math.ceil(height * ratio)))
                image.load()
                upright = ImageOps.exif_transpose(image)
                rgb = upright.convert("RGB")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise uploads.UploadRefused(BOMB.format(mp=limit // 1_000_000)) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise uploads.UploadRefused(UNREADABLE) from None
    finally:
        upload.seek(0)
    rgb.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    clean = Image.new("RGB", rgb.size)  # a new image carries no metadata of the upload
    clean.paste(rgb)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=QUALITY, optimize=True)
    return ContentFile(out.getvalue(), name="photo.jpg")


def attach_photo(record, field: str, upload, *, by):
    """Store ``upload`` as the record's photo in ``field`` (replacing an earlier one): checked and
    cleaned first, then written by ``record_update`` (scope, version, audit)."""
    scope.require(by, "records.write", record.unit, record)
    content = photo_content(upload)
    return record_update(record, by=by, **{field: content})
