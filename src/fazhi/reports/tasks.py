"""Sending a submission to the city's own Fazhi instance (issue 18), run by `fazhi manage fazhi_worker`.

``send_to_city(pk, attempt)`` posts the package (reports.submissions.package_of) to
FAZHI_CITY_URL/api/v1/submissions/ with the county's token (FAZHI_CITY_TOKEN). The city's receipt is
recorded on our copy (submissions.record_receipt). A failed attempt (network, 5xx) queues the next
one after FAZHI_CITY_RETRY_MINUTES × attempt, up to FAZHI_CITY_SEND_ATTEMPTS; a refusal (4xx: the
city says the figures do not match, the token is wrong) is not retried and fails the task with the
city's Chinese message. Sending twice is safe: the city answers the same receipt for the same content.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from fazhi.core.config import setting
from fazhi.reports import submissions
from fazhi.reports.models import Submission


class CityRefused(Exception):
    """The city refused the submission (its Chinese message)."""


def post(url: str, body: bytes, token: str) -> tuple[int, dict]:
    """POST JSON; (status, answer). Raises OSError for a network failure."""
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # the configured city URL (https)
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        try:
            answer = json.loads(exc.read() or b"{}")
        except ValueError:
            answer = {}
        return exc.code, answer


@task()
def send_to_city(pk: int, attempt: int = 1) -> dict:
    sub = Submission.objects.select_related("county").get(pk=pk)
    if sub.state == Submission.State.RECEIVED:
        return {"receipt_no": sub.receipt_no}
    content = {"county": sub.county.code, "county_name": sub.county.name, "year": sub.year, "kind": sub.kind,
               "title": sub.title, "sections": sub.sections, "figures": sub.figures}
    body = json.dumps(submissions.package_of(content), ensure_ascii=False).encode("utf-8")
    try:
        status, answer = post(f"{submissions.city_url()}/api/v1/submissions/", body, submissions.city_token())
    except OSError as exc:
        status, answer = 0, {"detail": str(exc)}
    if status in (200, 201):
        return {"receipt_no": submissions.record_receipt(sub, answer).receipt_no}
    if 400 <= status < 500 and status not in (408, 429):
        raise CityRefused(f"市级平台拒绝签收（{status}）：{answer.get('detail', '')}")
    if attempt >= int(setting("FAZHI_CITY_SEND_ATTEMPTS", 5)):
        raise CityRefused(f"报送市级平台失败，已尝试{attempt}次：{answer.get('detail', status)}")
    later = timezone.now() + timedelta(minutes=int(setting("FAZHI_CITY_RETRY_MINUTES", 10)) * attempt)
    send_to_city.using(run_after=later).enqueue(pk, attempt + 1)
    return {"retry": attempt + 1, "status": status}
