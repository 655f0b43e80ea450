"""Reads for the case-file audit, and the one place that decides who sees what.

- The lead and the programme's regional viewers see the whole collation.
- A participating authority's people see their own authority's cases in full,
  and of the others only the regional figures.
- A dip-sample auditor sees the cases they may sample (one authority's, or all),
  and the authority's grades only once both audits are in.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from hub.accounts.models import User
from hub.caseaudit.models import (
    AuditCase,
    AuditKind,
    AuditProgramme,
    AuditStatus,
    CaseFileAudit,
    DomainGrade,
    ProgrammeMember,
    ProgrammeRole,
    Theme,
)
from hub.caseaudit.rules import Domain, Grade
from hub.caseaudit.statistics import Collation, DomainRecord, collate


def programmes_visible_to(user: User) -> QuerySet[AuditProgramme]:
    """Programmes the person leads, takes part in, or whose authorities include theirs."""
    condition = Q(lead=user) | Q(members__user=user)
    if user.organisation_id is not None:
        condition |= Q(authorities=user.organisation_id)
    return AuditProgramme.objects.filter(condition).distinct().select_related("lead")


def memberships(user: User, programme: AuditProgramme) -> list[ProgrammeMember]:
    return list(ProgrammeMember.objects.filter(programme=programme, user=user).select_related("authority"))


@dataclass(frozen=True)
class Standing:
    """What one person may do in one programme."""

    is_lead: bool
    sees_all_authorities: bool
    # Authorities whose cases they see in full (their own, or those they audit or moderate for).
    own_authorities: frozenset[int]
    audits_for: frozenset[int]
    moderates_for: frozenset[int]
    # None when they are not a dip-sample auditor; the empty set for "every authority".
    dip_samples_for: frozenset[int] | None

    def sees_case_of(self, authority_id: int) -> bool:
        return self.is_lead or authority_id in self.own_authorities or self.may_dip_sample(authority_id)

    def may_dip_sample(self, authority_id: int) -> bool:
        if self.dip_samples_for is None:
            return False
        return not self.dip_samples_for or authority_id in self.dip_samples_for

    def may_select_for(self, authority_id: int) -> bool:
        return self.is_lead or authority_id in self.audits_for or authority_id in self.moderates_for

    def may_moderate(self, authority_id: int) -> bool:
        return authority_id in self.moderates_for


def standing(user: User, programme: AuditProgramme) -> Standing:
    members = memberships(user, programme)
    participating = set(programme.authorities.values_list("pk", flat=True))
    own = {user.organisation_id} & participating if user.organisation_id else set()
    audits_for = {m.authority_id for m in members if m.role == ProgrammeRole.AUDITOR and m.authority_id}
    moderates_for = {m.authority_id for m in members if m.role == ProgrammeRole.MODERATOR and m.authority_id}
    dippers = [m for m in members if m.role == ProgrammeRole.DIP_SAMPLER]
    dip: frozenset[int] | None = None
    if dippers:
        dip = (
            frozenset()
            if any(m.authority_id is None for m in dippers)
            else frozenset(m.authority_id for m in dippers if m.authority_id)
        )
    is_lead = programme.lead_id == user.pk
    return Standing(
        is_lead=is_lead,
        sees_all_authorities=is_lead or any(m.role == ProgrammeRole.VIEWER for m in members),
        own_authorities=frozenset(own | audits_for | moderates_for),
        audits_for=frozenset(audits_for),
        moderates_for=frozenset(moderates_for),
        dip_samples_for=dip,
    )


def cases_visible_to(user: User, programme: AuditProgramme) -> QuerySet[AuditCase]:
    """The cases this person sees in full: never another authority's, unless they lead or dip-sample it."""
    mine = standing(user, programme)
    cases = AuditCase.objects.filter(programme=programme).select_related("authority", "programme")
    # A dip-sample auditor with no authority named samples across the region.
    if mine.is_lead or mine.dip_samples_for == frozenset():
        return cases
    return cases.filter(Q(authority__in=mine.own_authorities) | Q(authority__in=mine.dip_samples_for or ()))


def all_cases_visible_to(user: User) -> QuerySet[AuditCase]:
    """Every case this person may open, across programmes (the case page's look-up)."""
    ids: list[int] = []
    for programme in programmes_visible_to(user):
        ids.extend(cases_visible_to(user, programme).values_list("pk", flat=True))
    return AuditCase.objects.filter(pk__in=ids).select_related("authority", "programme", "selection")


def audits_visible_to(user: User) -> QuerySet[CaseFileAudit]:
    return CaseFileAudit.objects.filter(case__in=all_cases_visible_to(user)).select_related(
        "case__authority", "case__programme", "auditor", "moderated_by"
    )


def grades_shown(audit: CaseFileAudit, *, user: User, other: CaseFileAudit | None, mine: Standing) -> bool:
    """Whether this person sees this audit's grades now.

    The two auditors of a case grade it independently: neither sees the other's
    grades until both have submitted. The lead and the authority's own people
    see the authority's audit; the dip sample is seen by its auditor and the lead,
    and by everyone who sees the case once both are in.
    """
    if audit.auditor_id == user.pk or mine.is_lead:
        return True
    both_in = audit.is_submitted and other is not None and other.is_submitted
    if audit.kind == AuditKind.AUTHORITY:
        is_dip_auditor = other is not None and other.auditor_id == user.pk
        if is_dip_auditor:
            return both_in
        return audit.case.authority_id in mine.own_authorities
    return both_in


def case_audits(case: AuditCase) -> dict[str, CaseFileAudit]:
    audits = CaseFileAudit.objects.filter(case=case).select_related("auditor__organisation", "moderated_by")
    audits = audits.prefetch_related(Prefetch("grades", queryset=DomainGrade.objects.prefetch_related("themes")))
    return {audit.kind: audit for audit in audits}


def programme_progress(programme: AuditProgramme) -> list[dict[str, object]]:
    """For each authority: cases selected, audits submitted, moderated and dip-sampled (counts only)."""
    rows: dict[int, dict[str, object]] = {
        org.pk: {"authority": org, "selected": 0, "submitted": 0, "moderated": 0, "dip_sampled": 0}
        for org in programme.authorities.order_by("name")
    }
    for case in AuditCase.objects.filter(programme=programme).prefetch_related("audits"):
        row = rows.get(case.authority_id)
        if row is None:
            continue
        row["selected"] = int(row["selected"]) + 1  # type: ignore[call-overload]
        for audit in case.audits.all():
            if audit.kind == AuditKind.AUTHORITY and audit.is_submitted:
                row["submitted"] = int(row["submitted"]) + 1  # type: ignore[call-overload]
            if audit.kind == AuditKind.AUTHORITY and audit.status == AuditStatus.MODERATED:
                row["moderated"] = int(row["moderated"]) + 1  # type: ignore[call-overload]
            if audit.kind == AuditKind.DIP_SAMPLE and audit.is_submitted:
                row["dip_sampled"] = int(row["dip_sampled"]) + 1  # type: ignore[call-overload]
    return list(rows.values())


def domain_records(programme: AuditProgramme) -> list[DomainRecord]:
    """Every graded domain of every submitted authority audit, with its moderation, dip sample and themes.

    Read as plain values in two queries (the grades, then the theme tags), not as model
    instances: a region's collation is a few thousand rows and is read on every results page.
    """
    grades = (
        DomainGrade.objects.filter(
            audit__case__programme=programme, audit__status__in=[AuditStatus.SUBMITTED, AuditStatus.MODERATED]
        )
        .exclude(grade="")
        .order_by("audit__case__authority__name", "audit__case__reference", "pk")
        .values_list(
            "pk",
            "audit__case_id",
            "audit__kind",
            "domain",
            "grade",
            "moderated_grade",
            "audit__case__authority__name",
            "audit__case__reference",
        )
    )
    tags: dict[int, set[str]] = {}
    for grade_id, theme in Theme.grades.through.objects.filter(theme__programme=programme).values_list(
        "domaingrade_id", "theme__name"
    ):
        tags.setdefault(grade_id, set()).add(theme)
    authority_rows: dict[tuple[int, str], tuple] = {}
    dip_rows: dict[tuple[int, str], tuple] = {}
    for row in grades:
        key = (row[1], row[3])
        (authority_rows if row[2] == AuditKind.AUTHORITY else dip_rows)[key] = row
    records = []
    for key, (pk, _, _, domain, grade, moderated, authority, reference) in authority_rows.items():
        dip = dip_rows.get(key)
        themes = tags.get(pk, set()) | (tags.get(dip[0], set()) if dip is not None else set())
        records.append(
            DomainRecord(
                authority=authority,
                case_reference=reference,
                domain=Domain(domain),
                auditor_grade=Grade(grade),
                moderated_grade=Grade(moderated) if moderated else None,
                dip_sample_grade=Grade(dip[4]) if dip is not None else None,
                themes=tuple(sorted(themes)),
            )
        )
    return records


def programme_collation(programme: AuditProgramme) -> Collation:
    return collate(domain_records(programme), themes=list(programme.themes.values_list("name", flat=True)))
