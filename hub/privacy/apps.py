from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "hub.privacy"
    label = "privacy"
    verbose_name = "Data protection"

    def ready(self) -> None:
        from hub.privacy import log_filters

        log_filters.install()
