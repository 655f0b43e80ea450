from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "hub.workspace"
    label = "workspace"
