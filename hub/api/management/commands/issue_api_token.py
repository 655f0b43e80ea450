"""Issue an API token for a local authority's case system, or revoke one.

    python manage.py issue_api_token --authority Liverpool --user referrer.liverpool@example.org \
        --name "Liverpool case system"
    python manage.py issue_api_token --revoke 7

The token is printed once and only its hash is kept: copy it into the case system
straight away. Submissions made with it are recorded as the given referrer's.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from hub.accounts.models import ApiToken, Organisation, User
from hub.api import services


class Command(BaseCommand):
    help = "Issue an API token for a local authority's case system (printed once), or revoke one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--authority", help="The local authority, by name or ONS code (e.g. E08000012)")
        parser.add_argument("--user", help="Email of the authority's referrer the token acts as")
        parser.add_argument("--name", default="Case system", help="What the token is for, e.g. the system's name")
        parser.add_argument("--revoke", type=int, metavar="TOKEN_ID", help="Revoke the token with this id instead")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["revoke"] is not None:
            self._revoke(options["revoke"])
            return
        if not options["authority"] or not options["user"]:
            raise CommandError("Give --authority and --user (or --revoke TOKEN_ID)")
        authority = Organisation.objects.filter(
            Q(name__iexact=options["authority"]) | Q(ons_code__iexact=options["authority"])
        ).first()
        if authority is None:
            raise CommandError(f"No organisation called {options['authority']!r}")
        user = User.objects.filter(Q(email__iexact=options["user"]) | Q(username__iexact=options["user"])).first()
        if user is None:
            raise CommandError(f"No user {options['user']!r}")
        try:
            token, raw = services.api_token_issue(organisation=authority, acting_user=user, name=options["name"])
        except services.TokenRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(f"Token {token.pk} for {authority} ({token.name}), acting as {user.email}:")
        self.stdout.write(raw)
        self.stdout.write("Copy it now: it is not shown again. Send it as 'Authorization: Bearer <token>'.")

    def _revoke(self, token_id: int) -> None:
        token = ApiToken.objects.filter(pk=token_id).first()
        if token is None:
            raise CommandError(f"No token with id {token_id}")
        services.api_token_revoke(token=token)
        self.stdout.write(f"Token {token.pk} for {token.organisation} ({token.name}) is revoked.")
