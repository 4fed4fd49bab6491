from django.apps import AppConfig


class CaseworkHistoryConfig(AppConfig):
    """Holds the migrations of the first `casework` app; it has no models any more."""

    name = "sporskifte.legacy.casework"
    label = "casework"
    verbose_name = "Sagsbehandling (historik)"
