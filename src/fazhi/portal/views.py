"""Portal pages common to every stream. Each stream serves its own public pages under
/gk/<key>/ (``StreamManifest.public_urls``) and lists them in ``StreamManifest.public``;
this module only reads the registry (it knows no stream)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from fazhi.core.models import Notification, Unit
from fazhi.core.notifications import mark_all_read
from fazhi.core.registry import my_items_for, public_sections

MESSAGES_SHOWN = 10


def county() -> Unit | None:
    """The county the platform serves: the root of the organisation tree."""
    return Unit.objects.filter(parent__isnull=True).order_by("code").first()


def home(request):
    sections = public_sections()
    return render(request, "portal/home.html", {
        "county": county(),
        "sections": [(m, s) for m, s in sections if not s.for_citizens],
        "services": [(m, s) for m, s in sections if s.for_citizens],
    })


@login_required
def my_items(request):
    page = Paginator(my_items_for(request.user), 20).get_page(request.GET.get("page"))
    # Replies and requests for supplements arrive here (workflow Transition.tell_submitter);
    # the newest are listed, unread ones marked, and reading the page marks them read.
    notes = list(Notification.objects.filter(user=request.user).order_by("-created_at", "-id")[:MESSAGES_SHOWN])
    unread = {n.pk for n in notes if n.read_at is None}
    if unread:
        mark_all_read(request.user)
    return render(request, "portal/my_items.html", {"county": county(), "page": page, "notes": notes,
                                                    "unread": unread})
