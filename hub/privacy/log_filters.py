"""Keeps people's data out of the application logs where Django would put it there.

Django's template engine logs, at DEBUG, every variable it fails to look up, with
the exception attached; that exception's message is the whole template context,
and a context holds records whose text is a child's name (`<Child: ...>`). At DEBUG
level (HUB_LOG_LEVEL=DEBUG while chasing a fault) that would write children's names
to the log. This filter keeps the record (which variable, which template) and
drops the attached exception.
"""

import logging

from django.template.base import VariableDoesNotExist


class DropTemplateContext(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], VariableDoesNotExist):
            record.exc_info = None
            record.exc_text = None
        return True


def install() -> None:
    # On the logger itself, so it applies whatever handlers or levels a deployment configures.
    template_logger = logging.getLogger("django.template")
    if not any(isinstance(f, DropTemplateContext) for f in template_logger.filters):
        template_logger.addFilter(DropTemplateContext())
