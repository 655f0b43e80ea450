"""Every change to the workspace goes through one of these functions, and each
one keeps a version of what it saved, with who and when."""

import datetime
import decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Model
from django.utils import timezone

from hub.accounts.models import User
from hub.assessments.models import Assessment
from hub.core.calendar import WorkingCalendar
from hub.referrals.models import Adult, Child, Referral
from hub.timescales.services import working_calendar
from hub.workspace import rules
from hub.workspace.models import (
    AdultRecord,
    Analysis,
    ChildRecord,
    ChronologyEntry,
    Family,
    FamilyLink,
    FamilyReferral,
    Hypothesis,
    InformationRequest,
    RecordVersion,
    Session,
    SessionChild,
)


class CinFactorsInvalid(ValueError):
    pass


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def record_snapshot(instance: Model) -> dict[str, Any]:
    """The record's own fields, as JSON, for its version history."""
    data: dict[str, Any] = {}
    for model_field in instance._meta.concrete_fields:
        if model_field.primary_key:
            continue
        data[model_field.attname] = _jsonable(getattr(instance, model_field.attname))
    return data


def _keep_version(
    *, instance: Model, actor: User, assessment: Assessment | None, family: Family | None = None, deleted: bool = False
) -> RecordVersion:
    record_type = instance._meta.model_name or ""
    last = RecordVersion.objects.filter(record_type=record_type, record_id=instance.pk).aggregate(n=Max("number"))["n"]
    return RecordVersion.objects.create(
        assessment=assessment,
        family=family,
        record_type=record_type,
        record_id=instance.pk,
        number=(last or 0) + 1,
        data=record_snapshot(instance),
        deleted=deleted,
        changed_by=actor,
    )


def _apply(instance: Model, changes: dict[str, Any]) -> bool:
    changed = False
    for name, value in changes.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


# --- The family ----------------------------------------------------------------------


def _child_key(name: str, born: datetime.date | None) -> tuple[str, datetime.date | None]:
    return " ".join(name.split()).casefold(), born


@transaction.atomic
def family_ensure_for_referral(*, referral: Referral) -> Family:
    """The referral's family: an existing one when any child matches by name and date of birth."""
    existing = FamilyReferral.objects.filter(referral=referral).select_related("family").first()
    if existing is not None:
        return existing.family
    keys = {
        _child_key(child.full_name, child.date_of_birth) for child in referral.children.all() if child.date_of_birth
    }
    births = {born for _, born in keys}
    match: Family | None = None
    if keys:
        candidates = (
            Child.objects.filter(date_of_birth__in=births, referral__family_link__isnull=False)
            .exclude(referral=referral)
            .order_by("referral__family_link__family_id")
        )
        for candidate in candidates:
            if _child_key(candidate.full_name, candidate.date_of_birth) in keys:
                match = FamilyReferral.objects.get(referral_id=candidate.referral_id).family
                break
    try:
        # Two people opening a new workspace at once may both get here: the
        # one-to-one link lets only one win, and the other uses its family.
        with transaction.atomic():
            if match is None:
                match = Family.objects.create()
                FamilyReferral.objects.create(family=match, referral=referral, how=FamilyLink.NEW)
            else:
                FamilyReferral.objects.create(family=match, referral=referral, how=FamilyLink.MATCHED)
    except IntegrityError:
        return FamilyReferral.objects.select_related("family").get(referral=referral).family
    return match


@transaction.atomic
def family_link_referral(*, referral: Referral, same_family_as: Referral, actor: User) -> Family:
    """The service manager says two referrals are about the same family: their families become one."""
    target = family_ensure_for_referral(referral=same_family_as)
    current = family_ensure_for_referral(referral=referral)
    if current.pk == target.pk:
        return target
    ChronologyEntry.objects.filter(family=current).update(family=target)
    RecordVersion.objects.filter(family=current).update(family=target)
    FamilyReferral.objects.filter(family=current).exclude(referral=referral).update(family=target)
    FamilyReferral.objects.filter(referral=referral).update(
        family=target, how=FamilyLink.MANAGER, linked_by=actor, linked_at=timezone.now()
    )
    current.delete()
    return target


# --- Sessions ------------------------------------------------------------------------


@transaction.atomic
def session_save(
    *,
    assessment: Assessment,
    actor: User,
    session: Session | None = None,
    data: dict[str, Any],
    children_seen: dict[int, tuple[str, str]],
) -> Session:
    """A session and, for each child, whether they were seen alone (and why not)."""
    session = session or Session(assessment=assessment)
    _apply(session, data)
    session.save()
    for child_id, (seen, reason) in children_seen.items():
        if not seen:
            SessionChild.objects.filter(session=session, child_id=child_id).delete()
            continue
        SessionChild.objects.update_or_create(
            session=session, child_id=child_id, defaults={"seen": seen, "reason_not_alone": reason}
        )
    version = _keep_version(instance=session, actor=actor, assessment=assessment)
    # The children seen belong to the session's version, so a comparison shows them too.
    version.data["children_seen"] = {
        str(row.child_id): {"seen": row.seen, "reason_not_alone": row.reason_not_alone}
        for row in session.children_seen.all()
    }
    version.save(update_fields=["data"])
    return session


# --- Chronology ----------------------------------------------------------------------


@transaction.atomic
def chronology_entry_save(
    *,
    assessment: Assessment,
    actor: User,
    entry: ChronologyEntry | None = None,
    when: rules.PartialDate,
    data: dict[str, Any],
) -> ChronologyEntry:
    family = family_ensure_for_referral(referral=assessment.referral)
    if entry is None:
        entry = ChronologyEntry(family=family, recorded_in=assessment)
    _apply(entry, {**data, "event_date": when.period_start(), "precision": int(when.precision)})
    entry.save()
    _keep_version(instance=entry, actor=actor, assessment=assessment, family=entry.family)
    return entry


@transaction.atomic
def chronology_entry_remove(*, assessment: Assessment, actor: User, entry: ChronologyEntry) -> None:
    _keep_version(instance=entry, actor=actor, assessment=assessment, family=entry.family, deleted=True)
    entry.delete()


# --- Information from agencies -------------------------------------------------------


@transaction.atomic
def information_request_save(
    *,
    assessment: Assessment,
    actor: User,
    request: InformationRequest | None = None,
    data: dict[str, Any],
    calendar: WorkingCalendar | None = None,
) -> InformationRequest:
    """Record that an agency was (or is to be) asked, or what it answered."""
    request = request or InformationRequest(assessment=assessment)
    _apply(request, data)
    if request.asked_on and not request.reply_by:
        request.reply_by = rules.reply_by(request.asked_on, calendar or working_calendar())
    request.save()
    _keep_version(instance=request, actor=actor, assessment=assessment)
    return request


@transaction.atomic
def information_request_letter_generated(
    *, request: InformationRequest, actor: User, calendar: WorkingCalendar | None = None
) -> InformationRequest:
    """The standard letter was made for sending: remember when, and count it as asked today if not yet."""
    request.letter_generated_at = timezone.now()
    if request.asked_on is None:
        request.asked_on = timezone.localdate()
    if request.reply_by is None:
        request.reply_by = rules.reply_by(request.asked_on, calendar or working_calendar())
    request.save(update_fields=["letter_generated_at", "asked_on", "reply_by"])
    _keep_version(instance=request, actor=actor, assessment=request.assessment)
    return request


# --- Household, capacity to change and census factors --------------------------------


@transaction.atomic
def child_record_save(*, assessment: Assessment, actor: User, child: Child, data: dict[str, Any]) -> ChildRecord:
    if "cin_factors" in data:
        problems = rules.cin_factor_problems(data["cin_factors"])
        if problems:
            raise CinFactorsInvalid("; ".join(problems))
        data = {**data, "cin_factors": sorted(set(data["cin_factors"]), key=rules.cin_factor_sort_key)}
    record, _ = ChildRecord.objects.get_or_create(assessment=assessment, child=child)
    if _apply(record, data):
        record.save()
        _keep_version(instance=record, actor=actor, assessment=assessment)
    return record


@transaction.atomic
def census_factors_save(
    *, assessment: Assessment, actor: User, children: list[Child], factors: dict[int, list[str]]
) -> None:
    """The census factors of every child in the household, saved together or not at all."""
    for child in children:
        child_record_save(assessment=assessment, actor=actor, child=child, data={"cin_factors": factors[child.pk]})


@transaction.atomic
def adult_record_save(*, assessment: Assessment, actor: User, adult: Adult, data: dict[str, Any]) -> AdultRecord:
    record, _ = AdultRecord.objects.get_or_create(assessment=assessment, adult=adult)
    if _apply(record, data):
        record.save()
        _keep_version(instance=record, actor=actor, assessment=assessment)
    return record


# --- The frameworks ------------------------------------------------------------------


@transaction.atomic
def analysis_save(*, assessment: Assessment, actor: User, data: dict[str, Any]) -> Analysis:
    """Triangle, risk management tool, equality impact tool and the four questions: one draft, saved as typed."""
    analysis, _ = Analysis.objects.get_or_create(assessment=assessment)
    if _apply(analysis, data):
        analysis.save()
        _keep_version(instance=analysis, actor=actor, assessment=assessment)
    return analysis


@transaction.atomic
def hypothesis_save(
    *, assessment: Assessment, actor: User, hypothesis: Hypothesis | None = None, data: dict[str, Any]
) -> Hypothesis:
    hypothesis = hypothesis or Hypothesis(assessment=assessment)
    _apply(hypothesis, data)
    hypothesis.save()
    _keep_version(instance=hypothesis, actor=actor, assessment=assessment)
    return hypothesis
