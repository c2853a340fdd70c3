"""Quick entry (快速登记) for field roles, online or offline (issue 19).

A stream declares a ``QuickEntry`` next to its ``Ledger``: the model, at most eight visible
fields, and a default provider per field (today's date, the next registration number by the
committee's rule …). ``QuickEntry.urls()`` gives one page: GET shows the short form filled with
the defaults, POST accepts one draft. The rest of the record is completed later on the full
form; the workflow's guards apply there as on any record.

Every quick form carries a draft key (a UUID made with the page, kept with the draft in the
browser while offline: static/fazhi/quick.js). ``accept`` writes the record and a
``QuickReceipt`` holding the key in one transaction, so the server takes each draft once:

* a key not seen before creates the record (``record_create``: scope, validation, audit, deadlines);
* the same key with the same content answers the same record and writes nothing (no second
  record, no second audit event);
* the same key with changed content (the draft was edited after an answer was lost) updates the
  record only if nobody changed it since the draft's last write (``record_update`` with the
  receipt's version); otherwise the draft comes back with ``CONFLICT`` and nothing is overwritten.

A photo (``photo_field``: the record's photo FileField, core/images.py) may come with an online
send as the upload ``photo``, outside the eight fields: it is checked and cleaned before the draft
is taken (a refused photo writes nothing), then attached to the record by ``record_update``.
Offline drafts never carry it (quick.js keeps no image bytes in localStorage): the user is told to
add it on the record page once online.

A field named in ``sequence`` (a registration number) is a proposal: when the user left the
proposed value as it was and another record took it meanwhile (two drafts made offline), the
next free value is taken from the field's default provider.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.forms.models import fields_for_model
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import images, scope, uploads
from fazhi.core.ledger import Record, record_create, record_update
from fazhi.core.models import QuickReceipt, Unit

MAX_FIELDS = 8
KEY_FIELD = "draft_key"
SUGGESTED_PREFIX = "suggested_"
CONFLICT = "该记录在草稿提交后已被他人修改（{record}），草稿未覆盖；请打开记录核对，在完整表单中修改"
GONE = "该草稿登记的记录已被删除，草稿未重新登记"
FOREIGN_KEY = "草稿编号已被其他记录使用，请删除该草稿后重新登记"
BAD_KEY = "草稿编号无效，请刷新页面后重新登记"
NO_UNIT = "快速登记供本单位登记人员使用：您没有可以登记的单位"
RACE = "保存时他人同时登记了相同的内容（如登记编号），未保存；请核对后重新提交"
PHOTO = "photo"  # the upload's name on a quick form (not one of its fields)

# every QuickEntry declared, for the service worker (the pages it keeps for offline use)
ENTRIES: list[QuickEntry] = []


def today(user, unit: Unit, day: date) -> date:
    """Default provider: the day of the entry (today, or the date the draft carries)."""
    return day


@dataclass(frozen=True)
class Outcome:
    status: str  # created | replayed | updated | conflict
    record: Record | None
    message: str

    @property
    def accepted(self) -> bool:
        return self.status in ("created", "replayed", "updated")


@dataclass(eq=False)
class QuickEntry:
    model: type[Record]
    namespace: str  # "mediation:quick" (the stream mounts urls() under that namespace)
    title: str  # "登记调解案件"
    fields: tuple[str, ...]  # at most MAX_FIELDS visible model fields
    date_field: str  # the field that dates the record (its year)
    # field -> fn(user, unit, day) -> value: the defaults shown (day: today, or the draft's date)
    defaults: dict[str, Callable[[Any, Unit, date], Any]] = field(default_factory=dict)
    sequence: tuple[str, ...] = ()  # unique running numbers: renumbered when the proposal was taken
    # fn(user) -> units where the user may enter (default: the user's own units with records.write)
    units: Callable[[Any], list[Unit]] | None = None
    no_unit_message: str = NO_UNIT
    # fn(*, by, unit, data) -> record (default: record_create with the year of date_field)
    create: Callable[..., Record] | None = None
    intro: str = ""
    full_form: str = ""  # URL name of the full form ("mediation:cases:create")
    list_url: str = ""  # URL name of the ledger list
    widgets: dict[str, forms.Widget] = field(default_factory=dict)
    # a stream that serves its own page (legal_services' 快速登记咨询) names it here and calls accept()
    url_name: str = ""
    photo_field: str = ""  # the record's photo FileField (core/images.py), taken with the phone camera

    def __post_init__(self) -> None:
        if len(self.fields) > MAX_FIELDS:
            raise ValueError(f"{self.namespace}: a quick entry shows at most {MAX_FIELDS} fields")
        if self.date_field not in self.fields:
            raise ValueError(f"{self.namespace}: the date field {self.date_field} must be one of the fields")
        ENTRIES.append(self)

    # -- pages ------------------------------------------------------------------------------
    def urls(self) -> list:
        return [path("", self.view, name="form")]

    @property
    def url(self) -> str:
        return reverse(self.url_name or f"{self.namespace}:form")

    def units_for(self, user) -> list[Unit]:
        if self.units is not None:
            return list(self.units(user))
        own = {m.unit.pk: m.unit for m in user.active_memberships()
               if scope.can(user, "records.write", m.unit, self.model)}
        return sorted(own.values(), key=lambda u: u.path)

    def initial(self, user, unit: Unit) -> dict[str, Any]:
        day = timezone.localdate()
        values = {name: provider(user, unit, day) for name, provider in self.defaults.items()}
        values["unit"] = unit.pk
        return values

    def form_class(self, units: list[Unit]) -> type[forms.Form]:
        date_widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        widgets = {name: date_widget for name in self.fields
                   if self.model._meta.get_field(name).get_internal_type() == "DateField"}
        widgets.update({name: forms.Textarea(attrs={"rows": 2}) for name in self.fields
                        if self.model._meta.get_field(name).get_internal_type() == "TextField"})
        widgets.update(self.widgets)
        declared = fields_for_model(self.model, fields=list(self.fields), widgets=widgets)
        declared["unit"] = forms.ModelChoiceField(
            queryset=Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("path"), empty_label=None,
            label=self.model._meta.get_field("unit").verbose_name,
            widget=forms.HiddenInput() if len(units) == 1 else forms.Select())
        declared[KEY_FIELD] = forms.UUIDField(widget=forms.HiddenInput(), error_messages={"invalid": BAD_KEY,
                                                                                          "required": BAD_KEY})
        for name in self.sequence:
            declared[SUGGESTED_PREFIX + name] = forms.CharField(widget=forms.HiddenInput(), required=False)
        for name, f in declared.items():
            widget = f.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            css = "form-select form-select-lg" if isinstance(widget, forms.Select) else "form-control form-control-lg"
            widget.attrs.setdefault("class", css)
            widget.attrs.setdefault("autocomplete", "off")
            if name in self.sequence:
                widget.attrs["data-quick-sequence"] = SUGGESTED_PREFIX + name
        return type("QuickForm", (forms.Form,), declared)

    @property
    def view(self):
        entry = self

        @login_required
        @require_http_methods(["GET", "POST"])
        def quick_view(request):
            return entry.serve(request)

        return quick_view

    def serve(self, request):
        user = request.user
        units = [u for u in self.units_for(user) if scope.can(user, "records.write", u, self.model)]
        if not units:
            raise PermissionDenied(self.no_unit_message)
        form_class = self.form_class(units)
        wants_json = "application/json" in request.headers.get("Accept", "")
        if request.method == "POST":
            form = form_class(request.POST)
            photo_error = self.photo_refusal(request)
            outcome = self._post(request, form) if photo_error is None else None
            if photo_error is not None:
                form.is_valid()
                form.add_error(None, photo_error)
            if wants_json:
                if outcome is not None and outcome.accepted and request.headers.get("X-Quick-Mode") != "sync":
                    messages.success(request, outcome.message)  # shown on the record page the entry opens
                return _json(outcome, form)
            if outcome is not None and outcome.accepted:
                messages.success(request, outcome.message)
                return redirect(outcome.record.get_absolute_url())
            if outcome is not None:
                form.add_error(None, outcome.message)
        else:
            initial = self.initial(user, units[0])
            initial[KEY_FIELD] = uuid.uuid4()
            initial.update({SUGGESTED_PREFIX + n: initial.get(n, "") for n in self.sequence})
            form = form_class(initial=initial)
        return render(request, "core/quick_form.html", {
            "entry": self, "form": form, "photo_label": self.photo_label, "single_unit": units[0] if len(units) == 1 else None,
            "full_form_url": reverse(self.full_form) if self.full_form else "",
            "list_url": reverse(self.list_url) if self.list_url else "",
        }, status=400 if request.method == "POST" else 200)

    def _post(self, request, form: forms.Form) -> Outcome | None:
        if not form.is_valid():
            return None
        data = {name: form.cleaned_data[name] for name in self.fields}
        unit = form.cleaned_data["unit"]
        auto = {name for name in self.sequence
                if str(request.POST.get(name, "")).strip() == str(request.POST.get(SUGGESTED_PREFIX + name, "")).strip()}
        try:
            outcome = accept(self, by=request.user, key=form.cleaned_data[KEY_FIELD], unit=unit, data=data,
                             auto=auto, digest=digest_of(request.POST, ("unit", *self.fields)))
            return self.with_photo(request, outcome, form.cleaned_data[KEY_FIELD])
        except ValidationError as exc:
            _errors_to_form(form, exc, self.model)
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or scope.DENIED_MESSAGE)
        return None

    # -- photo (core/images.py) ----------------------------------------------------------------
    @property
    def photo_label(self) -> str:
        return str(self.model._meta.get_field(self.photo_field).verbose_name) if self.photo_field else ""

    def photo_refusal(self, request) -> str | None:
        """The Chinese refusal of the photo sent with this POST (checked and cleaned, kept on the
        request for ``with_photo``), or None when there is none or it passes."""
        request.quick_photo = None
        if not self.photo_field:
            return None
        cut_off = uploads.cut_off_message(request)
        if cut_off:
            return cut_off
        upload = request.FILES.get(PHOTO)
        if upload is None:
            return None
        try:
            request.quick_photo = images.photo_content(upload)
        except uploads.UploadRefused as exc:
            return f"{self.photo_label}：{exc}"
        return None

    def with_photo(self, request, outcome: Outcome, key) -> Outcome:
        """Attach the photo checked by ``photo_refusal`` to the record the draft made or updated;
        the receipt follows the record's version (the photo belongs to that send)."""
        content = getattr(request, "quick_photo", None)
        if content is None or not outcome.accepted or outcome.record is None:
            return outcome
        record = record_update(outcome.record, by=request.user, **{self.photo_field: content})
        QuickReceipt.objects.filter(key=key, object_id=record.pk).update(version=record.version)
        return Outcome(outcome.status, record, f"{outcome.message}（含{self.photo_label}）")

    # -- writes -----------------------------------------------------------------------------
    def write(self, *, by, unit: Unit, data: dict[str, Any], auto: set[str]) -> Record:
        day = data[self.date_field]
        for name in self.sequence:
            taken = self.model._default_manager.filter(**{name: data.get(name)}).exists()
            if name in auto and taken and name in self.defaults:
                data[name] = self.defaults[name](by, unit, day)
        if self.create is not None:
            return self.create(by=by, unit=unit, data=data)
        return record_create(self.model, by=by, unit=unit, year=day.year, **data)


def digest_of(posted, names) -> str:
    """SHA-256 of the values a draft sent for ``names``: the same draft sent twice has the same digest."""
    values = {name: str(posted.get(name, "")).strip() for name in names}
    return hashlib.sha256(json.dumps(values, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def accept(entry: QuickEntry, *, by, key: uuid.UUID, unit: Unit, data: dict[str, Any], auto: set[str],
           digest: str) -> Outcome:
    """Take one draft, once (see the module docstring). Two sends of a new key racing each other:
    the second one's receipt violates the key's uniqueness, its transaction (record included)
    rolls back, and it is answered as a replay of the first."""
    try:
        return _accept(entry, by=by, key=key, unit=unit, data=dict(data), auto=auto, digest=digest)
    except IntegrityError:
        if not QuickReceipt.objects.filter(key=key).exists():  # another entry took a unique value first
            raise ValidationError(RACE) from None
        return _accept(entry, by=by, key=key, unit=unit, data=dict(data), auto=auto, digest=digest)


@transaction.atomic
def _accept(entry: QuickEntry, *, by, key, unit, data, auto, digest) -> Outcome:
    content_type = ContentType.objects.get_for_model(entry.model)
    receipt = QuickReceipt.objects.select_for_update().filter(key=key).first()
    if receipt is not None:
        if receipt.user_id != by.pk or receipt.content_type_id != content_type.pk:
            return Outcome("conflict", None, FOREIGN_KEY)
        record = receipt.record()
        if record is None:
            return Outcome("conflict", None, GONE)
        if receipt.digest == digest:
            return Outcome("replayed", record, f"该草稿已登记：{record}（未重复登记）")
        if record.version != receipt.version:
            return Outcome("conflict", record, CONFLICT.format(record=record))
        record = record_update(record, by=by, expected_version=receipt.version, **data)
        receipt.version, receipt.digest = record.version, digest
        receipt.save(update_fields=["version", "digest"])
        return Outcome("updated", record, f"已按草稿更新：{record}")
    record = entry.write(by=by, unit=unit, data=data, auto=auto)
    with transaction.atomic():
        QuickReceipt.objects.create(key=key, user=by, content_type=content_type, object_id=record.pk,
                                    version=record.version, digest=digest)
    return Outcome("created", record, f"已登记：{record}")


def _errors_to_form(form: forms.Form, exc: ValidationError, model) -> None:
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for name, errors in exc.message_dict.items():
        for message in errors:
            if name in form.fields:
                form.add_error(name, message)
            elif name == "__all__":
                form.add_error(None, message)
            else:
                try:
                    label = model._meta.get_field(name).verbose_name
                except FieldDoesNotExist:  # a key that is no field (committee_name): the message alone
                    label = ""
                form.add_error(None, f"{label}：{message}" if label else message)


STATUS_CODES = {"created": 201, "replayed": 200, "updated": 200, "conflict": 409}


def json_answer(outcome: Outcome | None, form: forms.Form, *, next_url: str = "") -> JsonResponse:
    """The answer quick.js reads: status, Chinese message, the record and where to go next."""
    response = _json(outcome, form)
    if next_url and outcome is not None and outcome.accepted:
        body = json.loads(response.content)
        body["next"] = next_url
        response = JsonResponse(body, status=response.status_code, json_dumps_params={"ensure_ascii": False})
    return response


def _json(outcome: Outcome | None, form: forms.Form) -> JsonResponse:
    if outcome is None:
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        first = next((f"{form.fields[n].label}：{m[0]}" if n in form.fields and n != "__all__" else m[0]
                      for n, m in errors.items()), "请检查填写的内容")
        return JsonResponse({"status": "invalid", "message": first, "errors": errors}, status=400,
                            json_dumps_params={"ensure_ascii": False})
    body = {"status": outcome.status, "message": outcome.message}
    if outcome.record is not None:
        body.update(url=outcome.record.get_absolute_url(), label=str(outcome.record))
    return JsonResponse(body, status=STATUS_CODES[outcome.status], json_dumps_params={"ensure_ascii": False})
