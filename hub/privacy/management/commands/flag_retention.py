from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hub.privacy import services
from hub.privacy.tasks import flag_records_due_for_review


class Command(BaseCommand):
    help = "Flag records past their retention date for review (never deletes). Run daily, e.g. from cron."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Hand the work to the task worker instead")

    def handle(self, *args: Any, enqueue: bool, **options: Any) -> None:
        if enqueue:
            result = flag_records_due_for_review.enqueue()
            self.stdout.write(f"Queued retention review task {result.id}")
            return
        flagged = services.retention_flag_due()
        self.stdout.write(f"Flagged {flagged} records for retention review")
