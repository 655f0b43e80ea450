"""Which records each retention policy covers, and the date each one's period counts from.

A policy's period is data (RetentionPolicy); which rows it covers is code, because
it is a query. Each kind names the rows and the field the period counts from.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, QuerySet

from hub.audit.models import AccessLogEntry
from hub.referrals.models import Referral, ReferralStatus


@dataclass(frozen=True)
class RecordKind:
    rows: Callable[[], QuerySet[Model]]
    counted_from_field: str
    label: Callable[[Model], str]


def _referral_label(referral: Model) -> str:
    assert isinstance(referral, Referral)
    return referral.reference


RECORD_KINDS: dict[str, RecordKind] = {
    "referral-draft": RecordKind(
        rows=lambda: Referral.objects.filter(status=ReferralStatus.DRAFT),
        counted_from_field="updated_at",
        label=_referral_label,
    ),
    "referral-declined": RecordKind(
        rows=lambda: Referral.objects.filter(status=ReferralStatus.DECLINED),
        counted_from_field="decided_at",
        label=_referral_label,
    ),
    "referral-accepted": RecordKind(
        rows=lambda: Referral.objects.filter(status=ReferralStatus.ACCEPTED),
        counted_from_field="decided_at",
        label=_referral_label,
    ),
    "access-log": RecordKind(
        rows=lambda: AccessLogEntry.objects.all(),
        counted_from_field="at",
        label=lambda entry: f"Access log entry {entry.pk}",
    ),
}

# The hub's starting periods (also seeded by migration 0002); the data protection officer changes them as data.
DEFAULT_POLICIES: list[tuple[str, str, int, str, str]] = [
    (
        "referral-draft",
        "A referral started but never submitted",
        365,
        "the last change to the draft",
        "Not needed once abandoned: UK GDPR Article 5(1)(e), storage limitation",
    ),
    (
        "referral-declined",
        "A referral the hub declined",
        6 * 365 + 2,
        "the date the hub declined it",
        "Limitation period for a claim about the decision (Limitation Act 1980 s.2)",
    ),
    (
        "referral-accepted",
        "A referral the hub accepted, with its assessments",
        25 * 365 + 6,
        "the date the hub accepted it",
        "Records of court-directed assessments of children: kept to the youngest child's adulthood and beyond, "
        "to be confirmed by the data protection officer against the local authorities' schedules",
    ),
    (
        "access-log",
        "An entry in the log of who saw a child's records",
        7 * 365 + 2,
        "the moment of access",
        "Evidence of access for complaints and audits (ASVS V16)",
    ),
]
