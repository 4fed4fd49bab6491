from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "sporskifte.ui"
    label = "ui"
    verbose_name = "Brugerflade"
