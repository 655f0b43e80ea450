from django.apps import AppConfig


class DatapackConfig(AppConfig):
    name = "hub.datapack"
    label = "datapack"
    verbose_name = "Data pack: children looked after placed with parents"
