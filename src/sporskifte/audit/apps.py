from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sporskifte.audit"
    label = "audit"
    verbose_name = "Revisionslog"
