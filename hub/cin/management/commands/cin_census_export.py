"""Write an authority's children in need census return, checked against the DfE's rules first.

    manage.py cin_census_export --year 2025 --authority 896 FILE

Nothing is written while the record lacks anything a valid return needs: what is
missing is listed child by child instead.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from hub.accounts.models import Organisation, OrganisationKind
from hub.cin import census, census_rules


class Command(BaseCommand):
    help = "Export the children in need census XML for a census year (2025 is 1 April 2024 to 31 March 2025)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument(
            "--authority", help="DfE LA code or name; may be left out when only one authority has children in need"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["year"] != 2025:
            raise CommandError("Only the 2024 to 2025 census (--year 2025) is supported")
        la = self._authority(options.get("authority"))
        data = census_rules.to_xml(census.census_return(la, year=options["year"], made_at=timezone.now()))
        issues = census_rules.check_file(data)
        errors = census_rules.errors(issues)
        if errors:
            for who, found in census_rules.issues_by_child(errors).items():
                self.stderr.write(f"{who}:")
                for issue in found:
                    self.stderr.write(f"  rule {issue.rule}: {issue.message}")
            raise CommandError(f"{len(errors)} errors: nothing written")
        options["file"].write_bytes(data)
        queries = len(issues) - len(errors)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {options['file']} for {la.name}: no errors" + (f", {queries} queries" if queries else "")
            )
        )

    def _authority(self, wanted: str | None) -> Organisation:
        authorities = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY)
        if wanted:
            found = authorities.filter(dfe_code=wanted).first() or authorities.filter(name=wanted).first()
            if found is None:
                raise CommandError(f"No local authority {wanted!r}")
            return found
        with_children = list(authorities.filter(cin_children__isnull=False).distinct())
        if len(with_children) != 1:
            raise CommandError("Say which authority with --authority (its DfE LA code)")
        return with_children[0]
