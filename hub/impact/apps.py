from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "hub.impact"
    label = "impact"
