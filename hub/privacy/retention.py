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
