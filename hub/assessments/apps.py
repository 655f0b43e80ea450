from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "hub.assessments"
    label = "assessments"
