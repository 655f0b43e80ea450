from django.apps import AppConfig


class BundlesConfig(AppConfig):
    name = "hub.bundles"
    verbose_name = "Court bundles"
