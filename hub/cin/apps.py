from django.apps import AppConfig


class CinConfig(AppConfig):
    name = "hub.cin"
    label = "cin"
    verbose_name = "Children in need"
