from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sporskifte.audit"
    label = "audit"
    verbose_name = "Revisionslog"

    def ready(self) -> None:
        from sporskifte.audit import signals  # noqa: F401  (logins and logouts are logged)
