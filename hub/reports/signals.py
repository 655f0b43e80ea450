"""What reports tells the layers above it, which it cannot import.

`report_filed` is sent once the filing has committed, with `report_id`: the
feedback app prepares its survey invitations from it.
"""

from django.dispatch import Signal

report_filed = Signal()
