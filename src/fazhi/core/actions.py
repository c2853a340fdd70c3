"""The one shape of a record page's small POST action: a form posted from a ledger record's page
(a procedure, a report, a step, a check …) is validated, handed to a stream service inside one
transaction, and the user is sent back to the record's page with a Chinese message.

A stream view is then a declaration of what differs::

    @login_required
    def report_view(request, pk: int):
        return sub_record_action(request, DECISIONS, pk, form=ReportForm, form_kwargs={"prefix": "report"},
                                 service=services.report_record, success="已登记执行情况报告。")

The service is called as ``service(target, by=request.user, **form.cleaned_data)``; where its
names differ from the form's, pass a small function that maps them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from fazhi.core import scope, uploads

if TYPE_CHECKING:
    from django import forms

    from fazhi.core.ledger_views import Ledger


def form_errors_text(form: forms.BaseForm) -> str:
    """A form's errors as one line: "字段名：错误" per field, bare text for errors of the whole form."""
    return "；".join(f"{form.fields[k].label}：{' '.join(v)}" if k in form.fields else " ".join(v)
                    for k, v in form.errors.items())


def attach_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: field errors on their fields (or the form's
    top when the form has no such field), plain errors on the form's top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def validation_errors_text(exc: ValidationError, labels: Mapping[str, str] | None = None) -> str:
    """A service's ValidationError as one line; errors keyed by a field in ``labels`` lead with its label."""
    if not hasattr(exc, "error_dict"):
        return "；".join(exc.messages)
    labels = labels or {}
    return "；".join(f"{labels[k]}：{' '.join(v)}" if labels.get(k) else " ".join(v)
                    for k, v in exc.message_dict.items())


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    action: Callable[[dict[str, Any]], Any],
    success: str | Callable[[dict[str, Any], Any], str],
    done: str | Callable[[Any], str],
    template: str,
    context: Mapping[str, Any],
) -> HttpResponse:
    """The one shape of a page of its own that shows a form for a record (延期, 转办, 新增任务 …):
    on a valid POST, ``action(cleaned_data)`` runs in a transaction; success flashes ``success``
    (a text, or ``success(cleaned_data, result)``) and redirects to ``done`` (a URL, or
    ``done(result)``); a service's ValidationError is put on the form (``attach_errors``) and
    the page is shown again with nothing written. The caller loads the record and checks the
    user's capability first; ``context`` is the template's, ``form`` added."""
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                result = action(form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            data = form.cleaned_data
            messages.success(request, success(data, result) if callable(success) else success)
            return redirect(done(result) if callable(done) else done)
    return render(request, template, {**context, "form": form})


def sub_record_action(
    request: HttpRequest,
    ledger: Ledger,
    pk: int,
    *,
    service: Callable[..., Any],
    success: str | Callable[[dict[str, Any], Any], str],
    form: Callable[..., forms.BaseForm] | None = None,
    form_kwargs: Mapping[str, Any] | Callable[[Any], Mapping[str, Any]] | None = None,
    target: Callable[[Any], Any] | None = None,
    labels: Mapping[str, str] | None = None,
    capability: str = "records.write",
    denied: str = scope.DENIED_MESSAGE,
) -> HttpResponse:
    """POST only (405 otherwise). Loads ``ledger``'s record ``pk`` as its pages do (404 if absent,
    403 if unreadable), requires ``capability`` on the record's unit (403 with ``denied``), binds
    ``form(request.POST, **form_kwargs)`` and, when it is valid, calls
    ``service(target, by=request.user, **cleaned_data)`` in a transaction. Invalid input or a
    service's ValidationError becomes one Chinese error message and nothing is written; success
    flashes ``success`` (a text, or ``success(cleaned_data, service_result)``). Either way the
    answer is a redirect to the record's page.

    ``target(record)`` gives the object the service acts on when it is not the record itself (a
    comment of a decision; it may raise Http404); ``form_kwargs`` may be a function of that
    target. With ``form=None`` there is nothing to fill in: the service gets ``by`` only.
    """
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    record = ledger.get_visible(request.user, pk)
    if not scope.can(request.user, capability, record.unit, record):
        raise PermissionDenied(denied)
    obj = record if target is None else target(record)
    back = redirect(ledger.url("detail", record.pk))
    cut_off = uploads.cut_off_message(request)
    if cut_off:  # a file part was dropped on arrival: saving the rest would lose it silently
        messages.error(request, cut_off)
        return back
    data: dict[str, Any] = {}
    if form is not None:
        kwargs = form_kwargs(obj) if callable(form_kwargs) else (form_kwargs or {})
        bound = form(request.POST, **kwargs)
        if not bound.is_valid():
            messages.error(request, form_errors_text(bound))
            return back
        data = bound.cleaned_data
    try:
        with transaction.atomic():
            result = service(obj, by=request.user, **data)
    except ValidationError as exc:
        messages.error(request, validation_errors_text(exc, labels))
        return back
    messages.success(request, success(data, result) if callable(success) else success)
    return back
