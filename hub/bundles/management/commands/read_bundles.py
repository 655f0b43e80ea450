"""Queue the reading of every bundle file not yet read (files uploaded before this app, or after a restore)."""

from typing import Any

from django.core.management.base import BaseCommand

from hub.bundles import services
from hub.bundles.models import IngestionStatus
from hub.referrals.models import BundleDocument


class Command(BaseCommand):
    help = "Queue every bundle file that has not been read for the task worker; --rebuild-index rebuilds search."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--rebuild-index", action="store_true", help="rebuild the SQLite search index first")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rebuild_index"]:
            services.search_index_rebuild()
        unread = BundleDocument.objects.exclude(ingestion__status=IngestionStatus.COMPLETE)
        queued = 0
        for document in unread.iterator():
            services.ingestion_queue(document=document)
            queued += 1
        self.stdout.write(f"{queued} bundle file{'s' if queued != 1 else ''} queued for reading")
