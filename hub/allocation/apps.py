from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "hub.allocation"
    label = "allocation"
