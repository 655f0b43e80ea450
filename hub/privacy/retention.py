"""Which records each retention policy covers, and the date each one's period counts from.

A policy's period is data (RetentionPolicy); which rows it covers is code, because
it is a query. Each kind names the rows and the field the period counts from.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, Model, OuterRef, QuerySet

from hub.audit.models import AccessLogEntry
from hub.caseaudit.models import AuditCase, AuditProgramme
from hub.cin import models as cin
from hub.datapack.models import Return
from hub.referrals.models import Referral, ReferralStatus


@dataclass(frozen=True)
class RecordKind:
    rows: Callable[[], QuerySet[Model]]
    counted_from_field: str
    label: Callable[[Model], str]
    # How to delete a row whose dependants are protected from deletion by foreign key (default: row.delete()).
    delete: Callable[[Model], object] | None = None


def _referral_label(referral: Model) -> str:
    assert isinstance(referral, Referral)
    return referral.reference


def _closed_cin_children() -> QuerySet[Model]:
    # Only a child whose every referral is closed: an open case is never due, whatever the child's age.
    open_referral = cin.Referral.objects.filter(child=OuterRef("pk"), closure_date__isnull=True)
    return cin.Child.objects.exclude(Exists(open_referral)).select_related("local_authority")


def _cin_child_label(child: Model) -> str:
    # The authority's code, never the child's name: the review list is seen by the hub's service managers.
    assert isinstance(child, cin.Child)
    return f"{child.local_authority} children in need record {child.la_child_id}"


def _cin_child_delete(child: Model) -> None:
    """The child's whole record: its episodes' plans, assessments and closures protect the child, so go first."""
    assert isinstance(child, cin.Child)
    cin.Closure.objects.filter(referral__child=child).delete()
    cin.Plan.objects.filter(child=child).delete()
    cin.Assessment.objects.filter(referral__child=child).delete()
    cin.Section47.objects.filter(referral__child=child).delete()
    cin.Referral.objects.filter(child=child).delete()
    child.delete()


def _programme_delete(programme: Model) -> None:
    # A case protects the selection that chose it (the selection is the proof it was fair): cases go first.
    assert isinstance(programme, AuditProgramme)
    AuditCase.objects.filter(programme=programme).delete()
    programme.delete()


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
    "cin-child": RecordKind(
        rows=_closed_cin_children,
        counted_from_field="birth_date",
        label=_cin_child_label,
        delete=_cin_child_delete,
    ),
    "caseaudit-programme": RecordKind(
        rows=lambda: AuditProgramme.objects.all(),
        counted_from_field="deadline",
        label=lambda programme: f"Case-file audit programme: {programme}",
        delete=_programme_delete,
    ),
    "ssda903-return": RecordKind(
        rows=lambda: Return.objects.select_related("authority"),
        counted_from_field="imported_at",
        label=lambda ssda903: f"SSDA903 return {ssda903}",
    ),
}

# Added with the children in need, case-file audit and data pack apps (also seeded by migration 0003).
NEW_POLICIES: list[tuple[str, str, int, str, str]] = [
    (
        "cin-child",
        "An authority's children in need record of a child, once every referral is closed",
        25 * 365 + 6,
        "the child's date of birth",
        "Children's social care records kept to the child's 25th birthday; the authority is the controller, "
        "to be confirmed by its data protection officer against its own schedule",
    ),
    (
        "caseaudit-programme",
        "A regional case-file audit programme, with its selections, audits and grades",
        6 * 365 + 2,
        "the programme's deadline",
        "Quality assurance evidence kept for six years after the audit, to be confirmed by the data protection officer",
    ),
    (
        "ssda903-return",
        "An authority's SSDA903 return imported for the regional data pack",
        5 * 365 + 1,
        "the moment it was imported",
        "Needed only for the data pack's comparison with recent years: UK GDPR Article 5(1)(e), storage "
        "limitation; the authority keeps its own return",
    ),
]

# The hub's starting periods (also seeded by migrations 0002 and 0003); the officer changes them as data.
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
    *NEW_POLICIES,
]
