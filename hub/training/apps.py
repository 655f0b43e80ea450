from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "hub.training"
    label = "training"
