from __future__ import annotations

from django.apps import AppConfig


class LawbaseConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sporskifte.lawbase"
    verbose_name = "Lovgrundlag"
