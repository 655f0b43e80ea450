import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hub.privacy.workers import tasks_requeue_orphaned


class Command(BaseCommand):
    help = (
        "Put back to READY the tasks left RUNNING by a task worker that died. Workers on this machine are "
        "checked directly; with --stale-after, any task RUNNING longer than that is put back too."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--stale-after", type=int, metavar="MINUTES", help="Requeue tasks running this long")

    def handle(self, *args: Any, stale_after: int | None, **options: Any) -> None:
        stale = datetime.timedelta(minutes=stale_after) if stale_after else None
        requeued = tasks_requeue_orphaned(stale_after=stale)
        self.stdout.write(f"Requeued {len(requeued)} tasks left by workers that stopped")
