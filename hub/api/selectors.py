"""Reads for the API. A token sees its own authority's referrals and nothing else."""

import re

from django.db.models import Prefetch, QuerySet

from hub.accounts.models import ApiToken, Organisation, OrganisationKind
from hub.referrals.models import Referral, ReferralEvent
from hub.referrals.selectors import referrals_visible_to

# References look like HUB-2026-00042; anything else cannot name a referral, and
# is not worth a database query (or a database error on a NUL byte).
_REFERENCE = re.compile(r"[A-Za-z0-9-]{1,20}")


def referrals_for_token(token: ApiToken) -> QuerySet[Referral]:
    """The authority's referrals, newest first: the web's rule for its referrer, narrowed to the authority."""
    return (
        referrals_visible_to(token.acting_user)
        .filter(local_authority_id=token.organisation_id)
        .order_by("-created_at", "-id")
    )


def referral_for_token(token: ApiToken, reference: str) -> Referral | None:
    """One referral with its assessments and thread, or None when it is not this authority's to see."""
    if not _REFERENCE.fullmatch(reference):
        return None
    return (
        referrals_for_token(token)
        .prefetch_related("assessments", Prefetch("events", queryset=ReferralEvent.objects.order_by("at", "id")))
        .filter(reference=reference)
        .first()
    )


def family_court_find(reference: int | str) -> Organisation | None:
    """A family court by its id or, ignoring case, its name."""
    courts = Organisation.objects.filter(kind=OrganisationKind.FAMILY_COURT, is_active=True)
    if isinstance(reference, int):
        return courts.filter(pk=reference).first()
    return courts.filter(name__iexact=reference).first()
