from django.apps import AppConfig


class CitizensConfig(AppConfig):
    """The citizen's file shared by every workflow: persons, register records, contacts,
    alerts and imports."""

    name = "sporskifte.citizens"
    label = "citizens"
    verbose_name = "Borgerens sag"

    def ready(self) -> None:
        from sporskifte.citizens import planner_statistics

        planner_statistics.connect()
