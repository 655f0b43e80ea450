from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "hub.reports"
    label = "reports"
