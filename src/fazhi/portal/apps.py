from __future__ import annotations

from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The public portal: the county's home page for citizens and companies, the sections the
    streams publish (from their manifests), and "我的办件" for signed-in citizens."""

    name = "fazhi.portal"
    label = "portal"
    verbose_name = "公众门户"
