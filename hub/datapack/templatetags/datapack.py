from django import template

from hub.datapack.figures import Shown
from hub.datapack.pack import display

register = template.Library()


@register.filter
def shown(value: Shown) -> str:
    """A figure as the pack prints it: thousands separated, "c" where suppressed."""
    return display(value)
