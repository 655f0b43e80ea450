from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The top layer: each role's home page, the service navigation and the demo data.

    It ties the other apps together, so nothing imports from it.
    """

    name = "hub.home"
    label = "home"
