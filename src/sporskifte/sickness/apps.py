from django.apps import AppConfig


class SicknessConfig(AppConfig):
    """The sickness-benefit case: application, screening, review, contact plan."""

    name = "sporskifte.sickness"
    label = "sickness"
    verbose_name = "Sygedagpengesager"

    def ready(self) -> None:
        from sporskifte.sickness import history

        history.connect()

        from sporskifte.citizens import person_page
        from sporskifte.sickness import person_section

        person_page.register(person_section.SECTION)
