"""The page numbers a GOV.UK pagination shows: the first, the last and two either side of the current one."""

from django import template
from django.core.paginator import Page

register = template.Library()


@register.filter
def page_numbers(page: Page) -> list[int | str]:
    """Numbers, with the paginator's ellipsis where a run is left out.

    Only these are looped over in the template: the whole range would cost a
    template loop per page, thousands on a national list.
    """
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
