"""When a key (an API token, a private calendar address) was last used.

Keys are used on every request or poll; writing the time on each would make
every read a write. A minute's precision is plenty to tell a key in use from a
forgotten one, so the time is written at most once a minute per key.
"""

from datetime import timedelta

from django.db.models import Model
from django.utils import timezone

LAST_USED_PRECISION = timedelta(minutes=1)


def last_used_mark(instance: Model, *, field: str = "last_used_at") -> None:
    now = timezone.now()
    previous = getattr(instance, field)
    if previous is None or now - previous >= LAST_USED_PRECISION:
        type(instance)._default_manager.filter(pk=instance.pk).update(**{field: now})
        setattr(instance, field, now)
