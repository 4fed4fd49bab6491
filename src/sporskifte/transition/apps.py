from django.apps import AppConfig


class TransitionConfig(AppConfig):
    name = "sporskifte.transition"
    label = "transition"
    verbose_name = "Overgang fra ressource- og jobafklaringsforløb"

    def ready(self) -> None:
        from sporskifte.transition import history, signals

        signals.connect()
        history.connect()

        from sporskifte.citizens import person_page
        from sporskifte.transition import person_section

        person_page.register(person_section.SECTION)
