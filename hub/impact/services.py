"""Loading the hub's earlier records: every row checked, then all loaded in one transaction, or none.

Each past referral becomes an ordinary referral, its assessments ordinary
assessments on clocks started, paused, restarted and ended through the
timescale services (so the engine works out their due dates exactly as for a
live case), and each filed assessment a filed report with its QA rounds and
outcome. The dashboard then counts them as it counts live ones; the row in
ImportedReferral is what says they came from a file.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from hub.accounts.models import AssessorProfile, Organisation, OrganisationKind, Role, User
from hub.allocation.models import AllocationKind, AllocationRecord
from hub.assessments.models import Assessment, AssessmentStatus
from hub.impact import history
from hub.impact.models import HistoryImport, ImportedReferral
from hub.referrals.models import AssessmentType, Referral, ReferralEvent, ReferralEventKind, ReferralReason
from hub.referrals.models import ReferralStatus as Status
from hub.reports.models import Recommendation, Report, ReportState, ReportVersion
from hub.timescales import services as timescales
from hub.timescales.models import Clock, PauseReason, TimescaleRule

IMPORTED_NOTE = "Loaded from the hub's records from before this service"


class HistoryRefused(Exception):
    """The file had bad rows: nothing was loaded."""

    def __init__(self, errors: list[history.RowError]) -> None:
        super().__init__(f"{len(errors)} problem{'s' if len(errors) != 1 else ''}: nothing was loaded")
        self.errors = errors


def read_rows(name: str, content: bytes) -> list[list[history.Cell]]:
    """The rows of a CSV (UTF-8, a byte-order mark allowed) or Excel (.xlsx) file, the header first."""
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises several kinds for a file that is not a workbook
            raise HistoryRefused(
                [history.RowError(1, f"the file is not a readable Excel workbook ({error})")]
            ) from None
        sheet = workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        workbook.close()
        return rows
    if suffix == ".csv":
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise HistoryRefused([history.RowError(1, "the CSV file is not UTF-8 text")]) from None
        return [list(row) for row in csv.reader(io.StringIO(text))]
    raise HistoryRefused([history.RowError(1, "the file must be a .csv or an .xlsx (Excel) file")])


def lookups(*, today: datetime.date | None = None) -> history.Lookups:
    authorities: dict[str, int] = {}
    for pk, name, ons, dfe in Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).values_list(
        "pk", "name", "ons_code", "dfe_code"
    ):
        for key in (name, ons, dfe):
            if key:
                authorities[key.lower()] = pk
    timescales.rules_ensure_published()
    pausable = frozenset(
        rule.assessment_type
        for rule in TimescaleRule.objects.filter(assessment_type__isnull=False).prefetch_related("versions")
        if rule.assessment_type and any(v.pausable for v in rule.versions.all())
    )
    assessors = {
        email.lower(): (user_id, seconded)
        for user_id, email, seconded in AssessorProfile.objects.values_list(
            "user_id", "user__email", "seconded_from_id"
        )
        if email
    }
    return history.Lookups(
        authorities=authorities,
        assessment_types=_options(AssessmentType.choices),
        reasons=_options(ReferralReason.choices),
        pause_causes=_options(PauseReason.choices),
        pausable_types=pausable,
        assessors=assessors,
        already_imported=frozenset(ImportedReferral.objects.values_list("source_reference", flat=True)),
        today=today or timezone.localdate(),
    )


def _options(choices: Iterable[tuple[str, str]]) -> dict[str, str]:
    options: dict[str, str] = {}
    for value, label in choices:
        options[value.lower()] = value
        options[str(label).lower()] = value
    return options


def _moment(day: datetime.date) -> datetime.datetime:
    """A past day as an instant: 9 in the morning, London time (the clock counts the day)."""
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=timezone.get_current_timezone())


@dataclass(frozen=True)
class ImportResult:
    history_import: HistoryImport
    referrals: int
    assessments: int


@transaction.atomic
def history_import(*, name: str, content: bytes, actor: User, today: datetime.date | None = None) -> ImportResult:
    """Check every row, then load them all; any bad row refuses the whole file (HistoryRefused)."""
    if actor.role != Role.SERVICE_MANAGER or not actor.is_active:
        # The service manager quality-assures every report; QA done is theirs to record.
        raise HistoryRefused([history.RowError(0, "the hub's history is loaded by a service manager")])
    rows: Sequence[Sequence[history.Cell]] = read_rows(name, content)
    checked = history.check_rows(rows, lookups(today=today))
    if not checked.ok:
        raise HistoryRefused(checked.errors)
    batch = HistoryImport.objects.create(
        file_name=Path(name).name[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        rows=sum(len(r.assessments) or 1 for r in checked.referrals),
        imported_by=actor,
    )
    assessments = 0
    for item in checked.referrals:
        assessments += _load(item, batch=batch, actor=actor)
    return ImportResult(history_import=batch, referrals=len(checked.referrals), assessments=assessments)


def _load(item: history.HistoryReferral, *, batch: HistoryImport, actor: User) -> int:
    received = _moment(item.received_on)
    decided = _moment(item.decided_on)
    status = Status.ACCEPTED if item.accepted else Status.DECLINED
    referral = Referral.objects.create(
        reference="pending",
        status=status,
        local_authority_id=item.local_authority_id,
        created_by=actor,
        created_at=received,
        filing_date=item.court_filing_date,
        assessment_types=list(item.requested_types),
        referral_reason=item.reason,
        referral_reason_detail=IMPORTED_NOTE,
        received_at=received,
        decided_at=decided,
        decline_reason=IMPORTED_NOTE if not item.accepted else "",
    )
    referral.reference = f"HIST-{item.received_on:%Y}-{referral.pk:05d}"
    referral.save(update_fields=["reference"])
    ReferralEvent.objects.bulk_create(
        [
            ReferralEvent(referral=referral, kind=ReferralEventKind.SUBMITTED, actor=actor, at=received,
                          from_status=Status.DRAFT, to_status=Status.SUBMITTED, message=IMPORTED_NOTE),
            ReferralEvent(referral=referral, kind=ReferralEventKind(status.value), actor=actor, at=decided,
                          from_status=Status.SUBMITTED, to_status=status, message=IMPORTED_NOTE),
        ]
    )  # fmt: skip
    first = item.assessments[0] if item.assessments else None
    ImportedReferral.objects.create(
        referral=referral,
        history_import=batch,
        line=item.line,
        source_reference=item.reference,
        allocated_on=first.allocated_on if first else None,
    )
    created = [
        (
            row,
            Assessment.objects.create(
                referral=referral,
                assessment_type=row.assessment_type,
                # Live until its clock has run its course below; its final status is set after.
                status=AssessmentStatus.IN_PROGRESS,
                clock_started_at=received,
                assessor_id=row.assessor_id,
                created_at=decided,
            ),
        )
        for row in item.assessments
    ]
    if created:
        timescales.timescales_ensure_started(assessments=[assessment for _, assessment in created])
    for row, assessment in created:
        _run_clock(row, assessment, actor=actor)
    return len(created)


def _run_clock(row: history.HistoryAssessment, assessment: Assessment, *, actor: User) -> None:
    """The assessment's clock taken through its pauses, milestones and filing, by the timescale services."""
    clock = Clock.objects.get(assessment=assessment)
    for pause in row.pauses:
        made = timescales.clock_pause(clock=clock, actor=actor, reason=pause.cause, started_on=pause.started_on)
        timescales.clock_resume(pause=made, actor=actor, ended_on=pause.ended_on)
    if row.draft_to_qa_on is not None:
        timescales.milestone_record(clock=clock, actor=actor, milestone="draft_to_qa", reached_on=row.draft_to_qa_on)
    if row.qa_done_on is not None:
        timescales.milestone_record(clock=clock, actor=actor, milestone="qa_done", reached_on=row.qa_done_on)
    if row.assessor_id is not None and row.allocated_on is not None:
        clock.refresh_from_db()
        AllocationRecord.objects.create(
            assessment=assessment,
            kind=AllocationKind.ALLOCATED,
            assessor_id=row.assessor_id,
            decided_by=actor,
            decided_at=_moment(row.allocated_on),
            reason=IMPORTED_NOTE,
            deadline=clock.due_date,
        )
    if row.filed_on is None:
        # Not filed yet: it carries on as a live assessment (with or without its assessor).
        if row.assessor_id is None:
            Assessment.objects.filter(pk=assessment.pk).update(status=AssessmentStatus.AWAITING_ALLOCATION)
        return
    report = Report.objects.create(
        assessment=assessment,
        sections=[],
        template_name=IMPORTED_NOTE,
        state=ReportState.FILED,
        created_at=_moment(row.draft_to_qa_on or row.filed_on),
        qa_rounds=row.qa_rounds,
        submitted_at=_moment(row.draft_to_qa_on) if row.draft_to_qa_on else None,
        filed_on=row.filed_on,
        shared_with="Recorded before this service",
        filed_by=actor,
        filed_at=_moment(row.filed_on),
        recommendation=row.recommendation if row.recommendation in Recommendation.values else "",
        la_changed_plan=row.la_changed_plan,
        outcome_recorded_at=timezone.now() if row.recommendation or row.la_changed_plan is not None else None,
    )
    # The report's text is not in the spreadsheet: one empty version, so its pages open as any filed report's do.
    version = ReportVersion.objects.create(report=report, number=1, saved_by=actor, note=IMPORTED_NOTE)
    Report.objects.filter(pk=report.pk).update(approved_version=version)
    Assessment.objects.filter(pk=assessment.pk).update(status=AssessmentStatus.FILED)
    timescales.clock_end(
        clock=Clock.objects.get(pk=clock.pk),
        actor=actor,
        ended_on=row.filed_on,
        reason=f"report filed with the court on {row.filed_on:%d %b %Y} ({IMPORTED_NOTE.lower()})",
    )


def template_rows() -> list[list[str]]:
    """The template's header and two example rows (a filed parenting assessment, a declined referral)."""
    example_filed = {
        "reference": "HUB-0001",
        "local_authority": "Liverpool",
        "assessment_type": "parenting",
        "reason": "disagreement",
        "received": "2025-01-06",
        "decision": "accepted",
        "decided": "2025-01-07",
        "allocated": "2025-01-08",
        "draft_to_qa": "2025-02-20",
        "qa_done": "2025-02-25",
        "qa_rounds": "1",
        "filed": "2025-02-28",
        "court_filing_date": "2025-03-07",
        "recommendation": "positive",
        "la_changed_plan": "yes",
    }
    example_declined = {
        "reference": "HUB-0002",
        "local_authority": "Wirral",
        "assessment_type": "full_fostering",
        "reason": "other",
        "received": "2025-01-13",
        "decision": "declined",
    }
    return [
        list(history.COLUMN_NAMES),
        [example_filed.get(name, "") for name in history.COLUMN_NAMES],
        [example_declined.get(name, "") for name in history.COLUMN_NAMES],
    ]
