from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "sporskifte.followup"
    label = "followup"
    verbose_name = "Resultatopfølgning, modelovervågning og budget"

    def ready(self) -> None:
        from sporskifte.followup import signals

        signals.connect()
