"""Writes for the case-file audit: one function per thing a person does.

Each checks the rule that makes it safe (the case is not yet audited before it
is re-selected; a changed grade has its reason; the moderator is a second
person) and refuses with CaseAuditError, in words the page can show.
"""

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from hub.accounts.models import Organisation, User
from hub.caseaudit import rules
from hub.caseaudit.models import (
    AuditCase,
    AuditKind,
    AuditProgramme,
    AuditStatus,
    CaseFileAudit,
    CaseSelection,
    DomainGrade,
    ProgrammeMember,
    ProgrammeRole,
    Theme,
)
from hub.caseaudit.rules import DOMAINS


class CaseAuditError(Exception):
    """The change is refused; the message says why, for the page to show."""


@dataclass(frozen=True)
class DomainEntry:
    """What an auditor wrote for one domain; the grade is empty while a draft."""

    grade: str = ""
    evidence: str = ""
    comments: str = ""


@dataclass(frozen=True)
class ModerationDecision:
    """The moderator's grade for one domain, and their reason when it differs from the auditor's."""

    grade: str
    reason: str = ""


@transaction.atomic
def programme_create(
    *,
    name: str,
    question: str,
    period_audited: str,
    cases_per_authority: int,
    deadline: date,
    lead: User,
    authorities: Iterable[Organisation],
) -> AuditProgramme:
    programme = AuditProgramme.objects.create(
        name=name,
        question=question,
        period_audited=period_audited,
        cases_per_authority=cases_per_authority,
        deadline=deadline,
        lead=lead,
    )
    programme.authorities.set(list(authorities))
    return programme


@transaction.atomic
def member_add(
    *, programme: AuditProgramme, user: User, role: str, authority: Organisation | None = None
) -> ProgrammeMember:
    if role in (ProgrammeRole.AUDITOR, ProgrammeRole.MODERATOR) and authority is None:
        raise CaseAuditError("An auditor or moderator works for one of the programme's authorities")
    if authority is not None and not programme.authorities.filter(pk=authority.pk).exists():
        raise CaseAuditError(f"{authority} is not taking part in this programme")
    if role == ProgrammeRole.DIP_SAMPLER and user.organisation is not None and user.organisation == authority:
        raise CaseAuditError("A dip sample is done by someone from another organisation")
    member, _ = ProgrammeMember.objects.get_or_create(programme=programme, user=user, role=role, authority=authority)
    return member


def new_seed() -> int:
    """A seed nobody chose: shown and kept with the selection, so anyone can re-do it."""
    return secrets.randbelow(2**31)


@transaction.atomic
def cases_select(
    *,
    programme: AuditProgramme,
    authority: Organisation,
    references: Iterable[str],
    actor: User,
    seed: int | None = None,
) -> CaseSelection:
    """Select the programme's number of cases at random from the authority's eligible ones.

    The selection is kept (seed, list, choice). Selecting again replaces the cases,
    which is allowed only until one of them has been audited.
    """
    if not programme.authorities.filter(pk=authority.pk).exists():
        raise CaseAuditError(f"{authority} is not taking part in this programme")
    current = AuditCase.objects.select_for_update().filter(programme=programme, authority=authority)
    if CaseFileAudit.objects.filter(case__in=current).exists():
        raise CaseAuditError("The cases cannot be selected again: an audit of one of them has started")
    try:
        selection = rules.select_cases(
            list(references), count=programme.cases_per_authority, seed=new_seed() if seed is None else seed
        )
    except ValueError as problem:
        raise CaseAuditError(str(problem)) from None
    record = CaseSelection.objects.create(
        programme=programme,
        authority=authority,
        seed=selection.seed,
        chose_from=list(selection.chose_from),
        selected=list(selection.selected),
        made_by=actor,
    )
    current.delete()
    AuditCase.objects.bulk_create(
        AuditCase(programme=programme, authority=authority, reference=reference, selection=record)
        for reference in selection.selected
    )
    return record


@transaction.atomic
def audit_start(*, case: AuditCase, kind: str, auditor: User, auditor_role: str = "") -> CaseFileAudit:
    """Start an audit of the case, with a blank row for each of the nine domains."""
    if CaseFileAudit.objects.filter(case=case, kind=kind).exists():
        raise CaseAuditError(
            "This case already has its dip sample" if kind == AuditKind.DIP_SAMPLE else "This case is already audited"
        )
    audit = CaseFileAudit.objects.create(case=case, kind=kind, auditor=auditor, auditor_role=auditor_role)
    DomainGrade.objects.bulk_create(DomainGrade(audit=audit, domain=domain.value) for domain in DOMAINS)
    return audit


@transaction.atomic
def audit_save(
    *,
    audit: CaseFileAudit,
    actor: User,
    auditor_role: str,
    entries: Mapping[str, DomainEntry],
    submit: bool,
) -> CaseFileAudit:
    """Save the auditor's grades, evidence and comments; with `submit`, every domain must be graded."""
    audit = CaseFileAudit.objects.select_for_update().get(pk=audit.pk)
    if audit.auditor_id != actor.pk:
        raise CaseAuditError("Only the auditor who started this audit can change it")
    if audit.is_submitted:
        raise CaseAuditError("This audit has been submitted and can no longer be changed")
    if submit:
        missing = [domain.noun for domain in DOMAINS if not entries.get(domain.value, DomainEntry()).grade]
        if missing:
            raise CaseAuditError("Grade every domain before you submit: " + ", ".join(missing))
        if not auditor_role:
            raise CaseAuditError("Say what your role is before you submit")
    grades = {grade.domain: grade for grade in audit.grades.all()}
    for domain in DOMAINS:
        entry = entries.get(domain.value, DomainEntry())
        row = grades[domain.value]
        row.grade, row.evidence, row.comments = entry.grade, entry.evidence, entry.comments
    DomainGrade.objects.bulk_update(grades.values(), ["grade", "evidence", "comments"])
    audit.auditor_role = auditor_role
    if submit:
        audit.status = AuditStatus.SUBMITTED
        audit.submitted_at = timezone.now()
    audit.save(update_fields=["auditor_role", "status", "submitted_at"])
    return audit


@transaction.atomic
def audit_moderate(
    *, audit: CaseFileAudit, moderator: User, decisions: Mapping[str, ModerationDecision], comment: str = ""
) -> CaseFileAudit:
    """A second person agrees or changes each grade; every change needs its reason.

    The auditor's grades stay as they were; the moderator's sit beside them.
    """
    audit = CaseFileAudit.objects.select_for_update().get(pk=audit.pk)
    if audit.kind != AuditKind.AUTHORITY:
        raise CaseAuditError("Only an authority's audit is moderated; the dip sample stands as its auditor gave it")
    if audit.status != AuditStatus.SUBMITTED:
        raise CaseAuditError(
            "This audit has already been moderated"
            if audit.status == AuditStatus.MODERATED
            else "This audit has not been submitted yet"
        )
    if audit.auditor_id == moderator.pk:
        raise CaseAuditError("Moderation is done by a second person, not the auditor")
    grades = list(audit.grades.all())
    problems = []
    for row in grades:
        decision = decisions.get(row.domain)
        label = rules.Domain(row.domain).noun
        if decision is None or decision.grade not in rules.GRADES:
            problems.append(f"Choose a grade for {label}")
        elif decision.grade != row.grade and not decision.reason.strip():
            problems.append(f"Give a reason for changing the grade for {label}")
    if problems:
        raise CaseAuditError("; ".join(problems))
    for row in grades:
        decision = decisions[row.domain]
        row.moderated_grade = decision.grade
        row.moderation_reason = decision.reason.strip()
    DomainGrade.objects.bulk_update(grades, ["moderated_grade", "moderation_reason"])
    audit.status = AuditStatus.MODERATED
    audit.moderated_by = moderator
    audit.moderated_at = timezone.now()
    audit.moderation_comment = comment
    audit.save(update_fields=["status", "moderated_by", "moderated_at", "moderation_comment"])
    return audit


@transaction.atomic
def theme_add(*, programme: AuditProgramme, name: str, description: str = "") -> Theme:
    name = name.strip()
    if programme.themes.filter(name__iexact=name).exists():
        raise CaseAuditError(f"There is already a theme called {name}")
    return Theme.objects.create(programme=programme, name=name, description=description.strip())


@transaction.atomic
def themes_tag(*, audit: CaseFileAudit, tags: Mapping[str, Iterable[int]]) -> None:
    """Tag each domain's comments with the lead's themes (replacing the tags it had)."""
    themes = {theme.pk: theme for theme in audit.case.programme.themes.all()}
    for row in audit.grades.all():
        chosen = [themes[pk] for pk in tags.get(row.domain, ()) if pk in themes]
        row.themes.set(chosen)
