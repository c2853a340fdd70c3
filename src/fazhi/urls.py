from __future__ import annotations

from django.urls import include, path
from django.views.generic import RedirectView

from fazhi.core import views as core_views
from fazhi.core.admin_site import site as sysadmin_site
from fazhi.core.registry import stream_configs

urlpatterns = [
    path("", core_views.landing, name="landing"),
    path("accounts/", include("fazhi.accounts.urls")),
    path("sysadmin/", sysadmin_site.urls),
    path("indicators/", include("fazhi.indicators.urls")),
    path("gk/", include("fazhi.portal.urls")),
    path("gk/reports/", include("fazhi.reports.public")),
    path("", include("fazhi.reports.urls")),
    path("api/", RedirectView.as_view(url="/api/v1/", permanent=False), name="api_root"),
    path("api/v1/", include("fazhi.api.urls")),
    path("", include("fazhi.core.urls")),
]

# Each stream mounts its own URLs under /s/<key>/ in its own namespace, and its public pages
# (if any) under /gk/<key>/ (or /gk/<public_prefix>/) in the namespace "gk_<key>".
for _cfg in stream_configs():
    urlpatterns.append(path(f"s/{_cfg.manifest.key}/", include(f"{_cfg.name}.urls")))
    if _cfg.manifest.public_urls:
        _prefix = _cfg.manifest.public_prefix or _cfg.manifest.key
        urlpatterns.append(path(f"gk/{_prefix}/", include(_cfg.manifest.public_urls)))

handler400 = "fazhi.core.views.bad_request"
handler403 = "fazhi.core.views.permission_denied"
handler404 = "fazhi.core.views.page_not_found"
handler500 = "fazhi.core.views.server_error"
