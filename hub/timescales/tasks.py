"""Background work for timescales, run by the database task worker (manage.py db_worker)."""

import datetime
import logging

from django.tasks import task
from django.utils import timezone

from hub.core.calendar import LONDON
from hub.timescales import reminders, services

logger = logging.getLogger(__name__)
# Reminders go out early on a working morning, London time.
RUN_AT = datetime.time(7, 0)


def next_run_after(now: datetime.datetime) -> datetime.datetime:
    """The next 07:00 in London after `now` (DST-aware: 07:00 GMT in winter, BST in summer)."""
    local = now.astimezone(LONDON)
    candidate = datetime.datetime.combine(local.date(), RUN_AT, tzinfo=LONDON)
    if candidate <= local:
        candidate = datetime.datetime.combine(local.date() + datetime.timedelta(days=1), RUN_AT, tzinfo=LONDON)
    return candidate


def run_daily() -> int:
    """Start clocks, move paused due dates on, and send today's reminders."""
    services.timescales_ensure_started()
    services.timescales_refresh_paused()
    sent = reminders.reminders_send(as_of=services.today())
    logger.info("Timescale reminders: %s email(s) sent", sent)
    return sent


@task()
def send_timescale_reminders(*, reschedule: bool = False) -> int:
    """Today's reminders; with reschedule, queue tomorrow's run too.

    Queuing the same chain twice would only mean an extra run: nothing is
    sent twice, because every reminder is claimed in the database first.
    """
    sent = run_daily()
    if reschedule:
        send_timescale_reminders.using(run_after=next_run_after(timezone.now())).enqueue(reschedule=True)
    return sent
