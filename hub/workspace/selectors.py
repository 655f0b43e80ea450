"""Reads of the workspace. Who may see a workspace is decided here, and only here."""

import datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from hub.accounts.models import User
from hub.assessments.models import Assessment
from hub.assessments.selectors import assessments_visible_to
from hub.referrals.models import Adult, Child
from hub.timescales.services import working_calendar
from hub.workspace import rules
from hub.workspace.models import (
    AdultRecord,
    Analysis,
    ChildRecord,
    ChildSeen,
    ChronologyEntry,
    Family,
    FamilyReferral,
    Hypothesis,
    InformationRequest,
    RecordVersion,
    Session,
    SessionChild,
)


def workspaces_visible_to(user: User) -> QuerySet[Assessment]:
    """The allocated assessor and the service manager (hub.assessments.selectors.assessment_access);
    an assessment not yet allocated has no workspace. For anyone else it does not exist."""
    return (
        assessments_visible_to(user)
        .exclude(assessor__isnull=True)
        .select_related("referral__local_authority", "assessor")
    )


def family_of(assessment: Assessment) -> Family | None:
    link = FamilyReferral.objects.filter(referral_id=assessment.referral_id).select_related("family").first()
    return link.family if link else None


def children_of(assessment: Assessment) -> list[Child]:
    return list(Child.objects.filter(referral_id=assessment.referral_id).order_by("id"))


def adults_of(assessment: Assessment) -> list[Adult]:
    return list(
        Adult.objects.filter(referral_id=assessment.referral_id).prefetch_related("relationships__child").order_by("id")
    )


def analysis_of(assessment: Assessment) -> Analysis:
    """The assessment's analysis, or an empty one not yet saved."""
    return Analysis.objects.filter(assessment=assessment).first() or Analysis(assessment=assessment)


def child_records(assessment: Assessment) -> dict[int, ChildRecord]:
    return {record.child_id: record for record in ChildRecord.objects.filter(assessment=assessment)}


def adult_records(assessment: Assessment) -> dict[int, AdultRecord]:
    return {record.adult_id: record for record in AdultRecord.objects.filter(assessment=assessment)}


def sessions_of(assessment: Assessment) -> QuerySet[Session]:
    return Session.objects.filter(assessment=assessment).prefetch_related(
        Prefetch("children_seen", queryset=SessionChild.objects.select_related("child").order_by("child_id"))
    )


def chronology_of(family: Family | None) -> QuerySet[ChronologyEntry]:
    if family is None:
        return ChronologyEntry.objects.none()
    return (
        ChronologyEntry.objects.filter(family=family)
        .select_related("recorded_in__referral")
        .order_by("event_date", "precision", "id")
    )


def requests_of(assessment: Assessment) -> QuerySet[InformationRequest]:
    return InformationRequest.objects.filter(assessment=assessment).order_by("id")


def workspace_facts(assessment: Assessment, *, today: datetime.date | None = None) -> rules.WorkspaceFacts:
    """What the completeness panel needs, in a fixed handful of queries whatever the size of the family."""
    today = today or timezone.localdate()
    children = children_of(assessment)
    adults = list(Adult.objects.filter(referral_id=assessment.referral_id).order_by("id").only("id", "full_name"))
    seen = (
        SessionChild.objects.filter(session__assessment=assessment)
        .values("child_id")
        .annotate(
            alone=Count("id", filter=Q(seen=ChildSeen.ALONE)),
            reasons=Count("id", filter=~Q(seen=ChildSeen.ALONE) & ~Q(reason_not_alone="")),
        )
    )
    seen_by_child: dict[int, dict[str, Any]] = {row["child_id"]: dict(row) for row in seen}
    records = child_records(assessment)
    capacity = {
        row["adult_id"]
        for row in AdultRecord.objects.filter(assessment=assessment).exclude(commitment="").values("adult_id")
    }
    analysis: dict[str, Any] = dict(
        Analysis.objects.filter(assessment=assessment).values("protective_factors", "risk_level").first() or {}
    )
    family = family_of(assessment)
    chronology_count = ChronologyEntry.objects.filter(family=family).count() if family else 0
    requests = [
        rules.RequestFacts(
            request_id=row.pk,
            agency=row.label,
            asked_on=row.asked_on,
            answered_on=row.answered_on,
            reply_by=row.reply_by,
        )
        for row in requests_of(assessment).only(
            "id", "agency", "organisation_name", "asked_on", "answered_on", "reply_by"
        )
    ]
    return rules.WorkspaceFacts(
        today=today,
        children=[
            rules.ChildFacts(
                child_id=child.pk,
                name=child.full_name,
                seen_alone=bool(seen_by_child.get(child.pk, {}).get("alone")),
                reason_not_seen_alone=bool(seen_by_child.get(child.pk, {}).get("reasons")),
                considered=bool(records[child.pk].considered.strip()) if child.pk in records else False,
                views_recorded=bool(records[child.pk].views.strip()) if child.pk in records else False,
                factors_recorded=bool(records[child.pk].cin_factors) if child.pk in records else False,
            )
            for child in children
        ],
        adults=[
            rules.AdultFacts(adult_id=adult.pk, name=adult.full_name, capacity_recorded=adult.pk in capacity)
            for adult in adults
        ],
        session_count=Session.objects.filter(assessment=assessment).count(),
        chronology_count=chronology_count,
        requests=requests,
        hypothesis_count=Hypothesis.objects.filter(assessment=assessment).count(),
        protective_factors=analysis.get("protective_factors", ""),
        risk_level_recorded=bool(analysis.get("risk_level")),
        calendar=working_calendar(),
    )


def other_assessments_of_family(assessment: Assessment, family: Family | None) -> QuerySet[Assessment]:
    if family is None:
        return Assessment.objects.none()
    return (
        Assessment.objects.filter(referral__family_link__family=family)
        .exclude(pk=assessment.pk)
        .select_related("referral")
        .order_by("clock_started_at")
    )


def versions_for(assessment: Assessment, family: Family | None) -> QuerySet[RecordVersion]:
    """Every saved change to this assessment's records and to its family's chronology."""
    where = Q(assessment=assessment)
    if family is not None:
        where |= Q(family=family)
    return RecordVersion.objects.filter(where).select_related("changed_by").order_by("-changed_at", "-id")


def versions_of_record(record_type: str, record_id: int) -> list[RecordVersion]:
    return list(
        RecordVersion.objects.filter(record_type=record_type, record_id=record_id)
        .select_related("changed_by")
        .order_by("number")
    )


def version_differences(older: dict[str, Any], newer: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(field, before, after) for each field that changed between two versions."""
    names = [name for name in newer if name not in older] + list(older)
    return [(name, older.get(name), newer.get(name)) for name in names if older.get(name) != newer.get(name)]
