from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "sporskifte.ops"
    label = "ops"
    verbose_name = "Drift"

    def ready(self) -> None:
        from sporskifte.ops import checks  # noqa: F401 - registers the deploy checks
