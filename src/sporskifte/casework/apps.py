from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "sporskifte.casework"
    label = "casework"
    verbose_name = "Sagsbehandling"
