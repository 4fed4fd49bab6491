from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "sporskifte.web"
    label = "web"
    verbose_name = "Web"
