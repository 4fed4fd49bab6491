from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sporskifte.accounts"
    label = "accounts"
    verbose_name = "Brugere og teams"
