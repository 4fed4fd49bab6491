from django.apps import AppConfig


class DemoConfig(AppConfig):
    """`setup_demo`: the synthetic Copenhagen, demo users and a trained model for `make run`."""

    name = "sporskifte.demo"
    label = "demo"
    verbose_name = "Demo"
