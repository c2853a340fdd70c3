"""core.actions.sub_record_action, called directly, with the 重大行政决策 catalogue's check
(a sub-record of a catalogue) as its subject: POST only, the record's write scope, the form, the
service in one transaction, the Chinese messages and the way back to the record's page."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import RequestFactory

from fazhi.core.actions import form_errors_text, sub_record_action, validation_errors_text
from fazhi.core.roles import Role
from fazhi.streams.decisions import services
from fazhi.streams.decisions.models import CatalogueCheck
from fazhi.streams.decisions.views import CATALOGUES, CheckForm
from tests.conftest import make_user
from tests.streams.decisions import conftest as decisions

pytestmark = pytest.mark.django_db

gov_clerk, catalogue = decisions.gov_clerk, decisions.catalogue  # the decisions fixtures, used here too

VALID = {"check-kind": "check", "check-on": "2024-06-30", "check-content": "半年执行情况检查",
         "check-result": "按计划推进"}


def request_of(user, data: dict | None = None, method: str = "post"):
    request = getattr(RequestFactory(), method)("/s/decisions/catalogues/1/checks/", data or {})
    request.user = user
    SessionMiddleware(lambda r: None).process_request(request)
    request._messages = FallbackStorage(request)
    return request


def messages_in(request) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(request)]


def check(request, pk: int, **overrides):
    """The catalogue check as decisions declares it, with any argument replaced."""
    kwargs = {"form": CheckForm, "form_kwargs": {"prefix": "check"}, "service": services.catalogue_check_record,
              "success": lambda data, row: f"已登记{row.get_kind_display()}（{data['on']:%Y-%m-%d}）。", **overrides}
    return sub_record_action(request, CATALOGUES, pk, **kwargs)


def test_a_valid_post_writes_one_row_says_so_and_returns_to_the_record(gov_clerk, catalogue):
    request = request_of(gov_clerk, VALID)
    response = check(request, catalogue.pk)
    assert response.status_code == 302 and response.url == f"/s/decisions/catalogues/{catalogue.pk}/"
    row = CatalogueCheck.objects.get()
    assert (row.catalogue, row.kind, row.on, row.recorded_by) == (catalogue, "check", date(2024, 6, 30), gov_clerk)
    assert messages_in(request) == [("success", "已登记定期检查（2024-06-30）。")]


def test_an_invalid_form_says_what_is_wrong_in_chinese_and_writes_nothing(gov_clerk, catalogue):
    request = request_of(gov_clerk, {**VALID, "check-on": "六月", "check-content": ""})
    response = check(request, catalogue.pk)
    assert response.status_code == 302 and response.url == f"/s/decisions/catalogues/{catalogue.pk}/"
    assert not CatalogueCheck.objects.exists()
    [(level, text)] = messages_in(request)
    assert level == "error"
    assert "日期：" in text and "检查或调整内容：这个字段是必填项。" in text


def test_a_service_refusal_is_shown_with_the_field_label_and_nothing_written(gov_clerk, catalogue):
    request = request_of(gov_clerk, {**VALID, "check-on": "2023-12-31"})
    check(request, catalogue.pk, labels={"on": "日期"})
    assert not CatalogueCheck.objects.exists()
    assert messages_in(request) == [("error", "日期：日期不能早于2024年度")]


def test_a_service_that_fails_after_writing_leaves_no_partial_write(gov_clerk, catalogue):
    def writes_then_refuses(record, *, by, **data):
        services.catalogue_check_record(record, by=by, **data)
        raise ValidationError("第二步不通过")

    request = request_of(gov_clerk, VALID)
    check(request, catalogue.pk, service=writes_then_refuses)
    assert not CatalogueCheck.objects.exists()
    assert messages_in(request) == [("error", "第二步不通过")]


def test_another_units_clerk_is_refused_and_nothing_is_written(other_clerk, catalogue):
    with pytest.raises(PermissionDenied):
        check(request_of(other_clerk, VALID), catalogue.pk)
    with pytest.raises(Http404):
        check(request_of(other_clerk, VALID), catalogue.pk + 1000)
    assert not CatalogueCheck.objects.exists()


def test_a_reader_without_write_access_is_refused_with_the_given_words(county, catalogue):
    leader = make_user("leader", county, Role.LEADER)
    with pytest.raises(PermissionDenied, match="只能由办公室登记"):
        check(request_of(leader, VALID), catalogue.pk, denied="只能由办公室登记")
    assert not CatalogueCheck.objects.exists()


def test_get_is_405_and_writes_nothing(gov_clerk, catalogue):
    response = check(request_of(gov_clerk, VALID, method="get"), catalogue.pk)
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert not CatalogueCheck.objects.exists()


def test_the_url_answers_as_the_helper_does(login, gov_clerk, other_clerk, catalogue):
    url = f"/s/decisions/catalogues/{catalogue.pk}/checks/"
    assert login(other_clerk).post(url, VALID).status_code == 403
    assert login(gov_clerk).get(url).status_code == 405
    response = login(gov_clerk).post(url, VALID)
    assert response.status_code == 302 and response.url == f"/s/decisions/catalogues/{catalogue.pk}/"
    assert CatalogueCheck.objects.count() == 1


def test_a_target_and_no_form(gov_clerk, catalogue):
    """``target`` picks what the service acts on; without a form the service gets ``by`` only."""
    seen = []
    request = request_of(gov_clerk)
    check(request, catalogue.pk, form=None, target=lambda record: record.title,
          service=lambda title, *, by: seen.append((title, by)) or len(seen), success=lambda data, n: f"{data}{n}")
    assert seen == [(catalogue.title, gov_clerk)]
    assert messages_in(request) == [("success", "{}1")]


def test_the_error_texts():
    form = CheckForm({"check-kind": "nope"}, prefix="check")
    assert not form.is_valid()
    assert form_errors_text(form).startswith("类型：")
    assert validation_errors_text(ValidationError(["一", "二"])) == "一；二"
    assert validation_errors_text(ValidationError({"on": "晚了", "x": "不对"}), {"on": "日期"}) == "日期：晚了；不对"
