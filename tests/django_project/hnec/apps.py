"""The app's configuration."""

from __future__ import annotations

from django.apps import AppConfig


class HnecConfig(AppConfig):
    """Citizens, centres and result forms."""

    name = "hnec"
    default_auto_field = "django.db.models.BigAutoField"
