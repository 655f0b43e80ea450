"""Synthetic case-file audit programmes for the tests, built through the services."""

from dataclasses import dataclass, field

from hub.accounts.models import Organisation, OrganisationKind, Role, User
from hub.caseaudit import services
from hub.caseaudit.models import AuditCase, AuditKind, AuditorRole, AuditProgramme, CaseFileAudit, ProgrammeRole
from hub.caseaudit.rules import DOMAINS, Grade
from tests import factories


@dataclass
class Programme:
    programme: AuditProgramme
    lead: User
    auditors: dict[str, User] = field(default_factory=dict)
    moderators: dict[str, User] = field(default_factory=dict)
    dip_sampler: User | None = None
    authorities: dict[str, Organisation] = field(default_factory=dict)


def partner_agency(name: str = "Cafcass") -> Organisation:
    org, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": OrganisationKind.PARTNER_AGENCY})
    return org


def programme(authority_names=("Liverpool", "Sefton"), *, cases_per_authority: int = 3) -> Programme:
    import datetime

    authorities = {name: factories.local_authority(name) for name in authority_names}
    lead = factories.user(Role.VIEWER, organisation=authorities[authority_names[0]])
    built = Programme(
        programme=services.programme_create(
            name="Care orders at home audit",
            question="Children placed on care orders at home with parents",
            period_audited="the 12 months before the final hearing",
            cases_per_authority=cases_per_authority,
            deadline=datetime.date(2027, 3, 31),
            lead=lead,
            authorities=authorities.values(),
        ),
        lead=lead,
        authorities=authorities,
    )
    for name, org in authorities.items():
        auditor = factories.user(Role.VIEWER, organisation=org)
        moderator = factories.user(Role.VIEWER, organisation=org)
        services.member_add(programme=built.programme, user=auditor, role=ProgrammeRole.AUDITOR, authority=org)
        services.member_add(programme=built.programme, user=moderator, role=ProgrammeRole.MODERATOR, authority=org)
        built.auditors[name], built.moderators[name] = auditor, moderator
    built.dip_sampler = factories.user(Role.VIEWER, organisation=partner_agency())
    services.member_add(programme=built.programme, user=built.dip_sampler, role=ProgrammeRole.DIP_SAMPLER)
    return built


def select(built: Programme, name: str, *, seed: int = 7, eligible: int = 8) -> list[AuditCase]:
    org = built.authorities[name]
    references = [f"{org.dfe_code or 'X'}-{n:04d}" for n in range(1, eligible + 1)]
    services.cases_select(
        programme=built.programme, authority=org, references=references, actor=built.auditors[name], seed=seed
    )
    return list(built.programme.cases.filter(authority=org).order_by("reference"))


def submit(
    case: AuditCase,
    auditor: User,
    grades: dict[str, Grade] | Grade,
    *,
    kind: str = AuditKind.AUTHORITY,
    comments: str = "",
) -> CaseFileAudit:
    role = AuditorRole.PARTNER_AGENCY if kind == AuditKind.DIP_SAMPLE else AuditorRole.TEAM_MANAGER
    audit = services.audit_start(case=case, kind=kind, auditor=auditor, auditor_role=role)
    if isinstance(grades, Grade):
        grades = {domain.value: grades for domain in DOMAINS}
    entries = {
        domain: services.DomainEntry(grade=grade.value, evidence="Case file records", comments=comments)
        for domain, grade in grades.items()
    }
    return services.audit_save(audit=audit, actor=auditor, auditor_role=role, entries=entries, submit=True)
