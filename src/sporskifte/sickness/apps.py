from django.apps import AppConfig


class SicknessConfig(AppConfig):
    """The sickness-benefit case: application, screening, review, contact plan."""

    name = "sporskifte.sickness"
    label = "sickness"
    verbose_name = "Sygedagpengesager"

    def ready(self) -> None:
        from sporskifte.sickness import history

        history.connect()
