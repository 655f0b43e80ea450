"""Demo data for the case-file audit: a regional programme on care orders at home
across the nine Cheshire and Merseyside authorities, part-way through, so every
page has something on it: cases selected (two authorities still to select),
audits in draft, submitted and moderated (a few grades changed, with reasons),
a Cafcass dip sample of some cases, and the lead's themes tagged.

Called at the end of `manage.py seed_demo`, which hands over its own way of
making a demo account (password and authenticator) so this app need not know
it. Deterministic and idempotent: a programme already there is left alone.
Every person, case reference and comment here is invented.
"""

import datetime
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from hub.accounts.models import Organisation, OrganisationKind, Role, User
from hub.caseaudit import services
from hub.caseaudit.models import AuditKind, AuditorRole, AuditProgramme, ProgrammeRole
from hub.caseaudit.rules import DOMAINS, GRADES, Domain

PROGRAMME_NAME = "Care orders at home: regional case-file audit"
PARTNER = "Cafcass"

# (email local part, full name, organisation name)
LEAD = ("audit.lead", "Rowan Ellery", "Liverpool")
DIP_SAMPLER = ("cafcass.audit", "Imogen Staveley", PARTNER)
MODERATORS = [
    ("moderator.liverpool", "Kit Harrowby", "Liverpool"),
    ("moderator.wirral", "Dana Moorcroft", "Wirral"),
    ("moderator.sefton", "Lee Ashworth", "Sefton"),
]
# Authorities without their own moderator are moderated by the one nearest them.
MODERATED_BY = {
    "Liverpool": "moderator.liverpool",
    "Knowsley": "moderator.liverpool",
    "St Helens": "moderator.liverpool",
    "Halton": "moderator.liverpool",
    "Wirral": "moderator.wirral",
    "Cheshire West and Chester": "moderator.wirral",
    "Cheshire East": "moderator.wirral",
    "Sefton": "moderator.sefton",
    "Warrington": "moderator.sefton",
}
# Still to select their cases, so the selection page has work on it.
NOT_YET_SELECTED = {"Cheshire East", "Warrington"}

COMMENTS = {
    Domain.RESPONSE_TO_RISK: "Risks from domestic abuse were identified early; the safety plan was not updated after "
    "the father returned home.",
    Domain.CHILD_CENTRED: "The child's wishes were recorded at each visit, in their own words.",
    Domain.MANAGEMENT_OVERSIGHT: "Supervision notes record decisions but not the reasons for them.",
    Domain.ASSESSMENTS: "The parenting assessment drew on history; the chronology stopped a year before the hearing.",
    Domain.COORDINATION: "School and health visitor were not invited to the core group after the order.",
    Domain.PLANS: "The care plan had no timescales for discharge of the order.",
    Domain.REVIEWS: "The IRO challenged drift at the second review and escalated it.",
    Domain.PLACEMENT: "Home conditions improved and were sustained through the period.",
    Domain.IMPACT: "School attendance rose from 71% to 94% over the year.",
}
THEMES = [
    ("Plans without a route to discharge", "Care plans silent on when and how the order would end"),
    ("Management oversight: reasons not recorded", ""),
    ("Partner agencies not involved after the order", ""),
]
THEME_DOMAINS = {
    Domain.PLANS: "Plans without a route to discharge",
    Domain.MANAGEMENT_OVERSIGHT: "Management oversight: reasons not recorded",
    Domain.COORDINATION: "Partner agencies not involved after the order",
}

MakeUser = Callable[[str, str, str, Organisation], User]


def _slug(name: str) -> str:
    return name.lower().replace(" and ", "-").replace(" ", "-")


@transaction.atomic
def caseaudit_demo_seed(*, make_user: MakeUser) -> AuditProgramme | None:
    if AuditProgramme.objects.filter(name=PROGRAMME_NAME).exists():
        return None
    authorities = list(Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).order_by("name"))
    if not authorities:
        return None
    by_name = {org.name: org for org in authorities}
    partner, _ = Organisation.objects.get_or_create(name=PARTNER, defaults={"kind": OrganisationKind.PARTNER_AGENCY})
    lead = make_user(LEAD[0], LEAD[1], Role.VIEWER, by_name.get(LEAD[2], authorities[0]))
    programme = services.programme_create(
        name=PROGRAMME_NAME,
        question="Children placed on care orders at home with parents",
        period_audited="the 12 months before the final hearing",
        cases_per_authority=3,
        deadline=timezone.localdate() + datetime.timedelta(weeks=6),
        lead=lead,
        authorities=authorities,
    )
    viewer = User.objects.filter(username__startswith="viewer@").first()
    if viewer is not None:
        services.member_add(programme=programme, user=viewer, role=ProgrammeRole.VIEWER)
    moderators = {}
    for local, name, org in MODERATORS:
        moderators[local] = make_user(local, name, Role.VIEWER, by_name[org])
    for org_name, local in MODERATED_BY.items():
        services.member_add(
            programme=programme, user=moderators[local], role=ProgrammeRole.MODERATOR, authority=by_name[org_name]
        )
    dip_sampler = make_user(DIP_SAMPLER[0], DIP_SAMPLER[1], Role.VIEWER, partner)
    services.member_add(programme=programme, user=dip_sampler, role=ProgrammeRole.DIP_SAMPLER)
    themes = {name: services.theme_add(programme=programme, name=name, description=text) for name, text in THEMES}

    chance = random.Random(2017)  # noqa: S311  demo data, the same every time
    auditor_roles = [AuditorRole.TEAM_MANAGER, AuditorRole.SENIOR_MANAGER, AuditorRole.IRO]
    for index, authority in enumerate(authorities):
        auditor = make_user(f"auditor.{_slug(authority.name)}", f"Auditor {authority.name}", Role.VIEWER, authority)
        services.member_add(programme=programme, user=auditor, role=ProgrammeRole.AUDITOR, authority=authority)
        if authority.name in NOT_YET_SELECTED:
            continue
        prefix = authority.dfe_code or f"{index:03d}"
        eligible = [f"{prefix}-COH-{number:04d}" for number in range(101, 101 + 8 + index)]
        services.cases_select(
            programme=programme, authority=authority, references=eligible, actor=auditor, seed=2017 + index
        )
        for position, case in enumerate(programme.cases.filter(authority=authority).order_by("reference")):
            if position == 2 and index % 3 == 0:
                continue  # not started yet
            audit = services.audit_start(
                case=case, kind=AuditKind.AUTHORITY, auditor=auditor, auditor_role=auditor_roles[position % 3]
            )
            grades = {domain: chance.choices(GRADES, weights=(1, 5, 4, 1))[0] for domain in DOMAINS}
            entries = {
                domain.value: services.DomainEntry(
                    grade=grades[domain].value,
                    evidence=f"Case file, {domain.noun}: records for the period reviewed.",
                    comments=COMMENTS[domain] if chance.random() < 0.6 else "",
                )
                for domain in DOMAINS
            }
            draft = position == 2 and index % 3 == 1
            services.audit_save(
                audit=audit, actor=auditor, auditor_role=audit.auditor_role, entries=entries, submit=not draft
            )
            if draft:
                continue
            if position == 0 or (position == 1 and index % 2 == 0):
                moderator = moderators[MODERATED_BY[authority.name]]
                decisions = {
                    domain.value: services.ModerationDecision(grade=grades[domain].value) for domain in DOMAINS
                }
                if position == 0 and index % 2 == 1:
                    changed = GRADES[min(GRADES.index(grades[Domain.PLANS]) + 1, len(GRADES) - 1)]
                    if changed != grades[Domain.PLANS]:
                        decisions[Domain.PLANS.value] = services.ModerationDecision(
                            grade=changed.value,
                            reason="The plan had no timescales for discharge: that is not yet good practice.",
                        )
                services.audit_moderate(audit=audit, moderator=moderator, decisions=decisions)
            if position <= 1 and index % 2 == 0:
                dip = services.audit_start(
                    case=case, kind=AuditKind.DIP_SAMPLE, auditor=dip_sampler, auditor_role=AuditorRole.PARTNER_AGENCY
                )
                dip_entries = {}
                for domain in DOMAINS:
                    grade = grades[domain]
                    if chance.random() < 0.25:
                        grade = chance.choice(GRADES)
                    dip_entries[domain.value] = services.DomainEntry(
                        grade=grade.value, evidence="Guardian's analysis and the final care plan.", comments=""
                    )
                services.audit_save(
                    audit=dip,
                    actor=dip_sampler,
                    auditor_role=AuditorRole.PARTNER_AGENCY,
                    entries=dip_entries,
                    submit=True,
                )
            tags = {
                domain.value: [themes[THEME_DOMAINS[domain]].pk]
                for domain in THEME_DOMAINS
                if entries[domain.value].comments
            }
            services.themes_tag(audit=audit, tags=tags)
    return programme
