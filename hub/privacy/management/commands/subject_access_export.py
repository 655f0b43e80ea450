import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hub.accounts.models import User
from hub.privacy import selectors, services
from hub.privacy.registry import SUBJECT_KINDS as KINDS
from hub.privacy.selectors import Subject


class Command(BaseCommand):
    help = (
        "Export everything held about one person as JSON: by name (every child, adult, contact, user or "
        "children in need child of that name) or by one record (--child ID, --adult ID, --contact ID, "
        "--user ID, --cin-child ID)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", help="The person's full name, as recorded")
        for kind in KINDS:
            parser.add_argument(f"--{kind.replace('_', '-')}", type=int, action="append", default=[], metavar="ID")
        parser.add_argument("--output", type=Path, help="File to write (default: print)")
        parser.add_argument("--requested-by", help="Email address of the member of staff asking, for the access log")

    def handle(
        self, *args: Any, name: str | None, output: Path | None, requested_by: str | None, **options: Any
    ) -> None:
        subjects = [Subject(kind, pk) for kind in KINDS for pk in options[kind]]
        if name:
            subjects += selectors.subjects_named(name)
        if not subjects:
            raise CommandError("Nobody found: give --name or a record id.")
        for subject in subjects:
            try:
                selectors.subject_row(subject)
            except Exception as error:
                raise CommandError(f"No {subject.kind} with id {subject.pk}") from error
        actor = None
        if requested_by:
            actor = User.objects.filter(email__iexact=requested_by).first()
            if actor is None:
                raise CommandError(f"No user with email {requested_by}")
        export = services.subject_access_export(
            subjects=subjects, requested_by=actor, via="manage.py subject_access_export"
        )
        text = json.dumps(export, indent=2, ensure_ascii=False)
        if output:
            output.write_text(text + "\n", encoding="utf-8")
            count = sum(len(rows) for rows in export["records"].values())
            self.stdout.write(f"Wrote {count} records about {len(subjects)} subject records to {output}")
        else:
            self.stdout.write(text)
