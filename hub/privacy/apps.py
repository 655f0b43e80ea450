from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "hub.privacy"
    label = "privacy"
    verbose_name = "Data protection"
