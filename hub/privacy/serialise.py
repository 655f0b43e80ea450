"""JSON for backups and exports that loses nothing.

Django's own JSON encoder cuts datetimes and times to milliseconds; a backup that
restores to identical content must keep the microseconds, so this one does not.
"""

import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            value = o.isoformat()
            return value[:-6] + "Z" if value.endswith("+00:00") else value
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)
