from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hub.timescales.tasks import next_run_after, run_daily, send_timescale_reminders


class Command(BaseCommand):
    help = "Send today's timescale reminders now, or queue the daily reminder task for the worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schedule", action="store_true", help="Queue the daily run (07:00 London) for manage.py db_worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            from django.utils import timezone

            when = next_run_after(timezone.now())
            send_timescale_reminders.using(run_after=when).enqueue(reschedule=True)
            self.stdout.write(f"Reminders queued for {when:%Y-%m-%d %H:%M %Z}")
            return
        sent = run_daily()
        self.stdout.write(f"{sent} reminder email(s) sent")
