from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from hub.privacy.workers import new_worker_id, tasks_requeue_orphaned


class Command(BaseCommand):
    help = (
        "Run the database task worker after requeueing tasks left RUNNING by workers on this machine that "
        "died. Use this rather than db_worker: see hub/privacy/workers.py."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then stop")
        parser.add_argument("--no-startup-delay", action="store_false", dest="startup_delay")
        parser.add_argument("--queue-name", default="default")

    def handle(
        self, *args: Any, interval: float, batch: bool, startup_delay: bool, queue_name: str, **options: Any
    ) -> None:
        requeued = tasks_requeue_orphaned()
        if requeued:
            self.stdout.write(f"Requeued {len(requeued)} tasks left by a worker that stopped: {', '.join(requeued)}")
        # No autoreloader: it would run the worker in a child process with another pid,
        # and a killed parent would leave that child running under the name we gave.
        call_command(
            "db_worker",
            worker_id=new_worker_id(),
            interval=interval,
            batch=batch,
            startup_delay=startup_delay,
            queue_name=queue_name,
            reload=False,
            verbosity=options.get("verbosity", 1),
        )
