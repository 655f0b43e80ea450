from django.apps import AppConfig


class TimescalesConfig(AppConfig):
    name = "hub.timescales"
    label = "timescales"
