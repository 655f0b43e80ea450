"""Every URL in the hub, for every kind of person: nobody gets a page they should not.

Built from Django's URL resolver, so a new URL that is not described here fails
this test until someone decides who may see it. For each URL and each person it
asserts no unexpected success: a GET or POST by someone not allowed must end in
a 4xx, or in a redirect to sign-in. For the people who are allowed, each page
must really be reachable (a 200 for at least the first allowed person), so the
matrix cannot pass just because the objects it points at do not exist.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from hub.accounts.models import Role
from hub.timescales import services as timescale_services
from hub.timescales.models import TimescaleRuleVersion
from hub.training import services as training_services
from hub.training.models import Course
from hub.workspace import services as workspace_services
from hub.workspace.models import RecordVersion
from hub.workspace.rules import PartialDate
from tests import factories

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
MANAGER = "service_manager"
ASSESSOR = "assessor_allocated"
OTHER_ASSESSOR = "assessor_other"
REFERRER = "referrer_own_authority"
OTHER_REFERRER = "referrer_other_authority"
VIEWER = "viewer"
ADMINISTRATOR = "administrator"
DEACTIVATED = "deactivated_referrer"
PEOPLE = [ANONYMOUS, MANAGER, ASSESSOR, OTHER_ASSESSOR, REFERRER, OTHER_REFERRER, VIEWER, ADMINISTRATOR, DEACTIVATED]
SIGNED_IN = frozenset(PEOPLE) - {ANONYMOUS, DEACTIVATED}
EVERYONE = frozenset(PEOPLE)
NOBODY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Entry:
    """Who may succeed at a URL, and how to fill in its parts from the test world."""

    allowed: frozenset[str]
    kwargs: Callable[[dict[str, Any]], dict[str, Any]] = lambda w: {}
    # False for URLs that only take POST or need a particular state to show (checked by their own tests).
    reachable: bool = True


def case(*allowed: str, reachable: bool = True, **parts: str) -> Entry:
    """parts name the world's objects: pk="referral" fills <pk> with the referral's id."""
    return Entry(frozenset(allowed), lambda w: {k: w[v] for k, v in parts.items()}, reachable)


ON_REFERRAL = {"pk": "referral"}
ON_DRAFT = {"pk": "draft"}
ON_ASSESSMENT = {"pk": "assessment"}

MATRIX: dict[str, Entry] = {
    "home:home": case(*SIGNED_IN, reachable=False),  # a redirect to each role's home (tests/referrals)
    # Sign-in and password reset are for people who are not signed in yet.
    "accounts:sign-in": case(*EVERYONE),
    "accounts:code": case(*EVERYONE, reachable=False),
    "accounts:set-up-authenticator": case(*EVERYONE, reachable=False),
    "accounts:recovery-codes": case(*SIGNED_IN),
    "accounts:keep-alive": case(*SIGNED_IN, reachable=False),
    "accounts:sign-out": case(*EVERYONE, reachable=False),
    "accounts:password-reset": case(*EVERYONE),
    "accounts:password-reset-sent": case(*EVERYONE),
    "accounts:password-reset-confirm": case(*EVERYONE, reachable=False, uidb64="uidb64", token="reset_token"),
    "accounts:password-reset-complete": case(*EVERYONE),
    # Lists are filtered to what each person may see (tested in tests/referrals).
    "referrals:list": case(MANAGER, ASSESSOR, OTHER_ASSESSOR, REFERRER, OTHER_REFERRER),
    "referrals:start": case(REFERRER, OTHER_REFERRER),
    "triage:queue": case(MANAGER),
    "triage:detail": case(MANAGER, ASSESSOR, REFERRER, **ON_REFERRAL),
    "referrals:overview": case(REFERRER, **ON_DRAFT),
    "referrals:check": case(REFERRER, **ON_DRAFT),
    "referrals:step": case(REFERRER, step="step", **ON_DRAFT),
    "referrals:item-edit": case(REFERRER, step="children_step", item_pk="draft_child", **ON_DRAFT),
    "referrals:item-remove": case(REFERRER, reachable=False, step="children_step", item_pk="draft_child", **ON_DRAFT),
    "triage:action": case(MANAGER, reachable=False, action="accept_action", **ON_REFERRAL),
    "triage:answer": case(REFERRER, reachable=False, **ON_REFERRAL),
    "referrals:bundle-download": case(MANAGER, ASSESSOR, REFERRER, document_pk="document", **ON_REFERRAL),
    "timescales:timeline": case(MANAGER),
    "timescales:my-deadlines": case(ASSESSOR, OTHER_ASSESSOR),
    "timescales:calendar": case(MANAGER, ASSESSOR, OTHER_ASSESSOR),
    # A private calendar address is its own key: calendar apps fetch it without signing in.
    "timescales:feed": case(*EVERYONE, token="feed_token"),
    "timescales:detail": case(MANAGER, ASSESSOR, pk="clock"),
    "timescales:pause": case(MANAGER, ASSESSOR, pk="clock"),
    "timescales:extend": case(MANAGER, pk="clock"),
    "timescales:resume": case(MANAGER, ASSESSOR, reachable=False, pk="clock", pause_pk="pause"),
    "timescales:milestone": case(MANAGER, ASSESSOR, reachable=False, pk="clock"),
    "timescales:court-date": case(MANAGER, reachable=False, pk="clock"),
    "timescales:apply-version": case(MANAGER, reachable=False, pk="clock", version_pk="rule_version"),
    "allocation:queue": case(MANAGER),
    "allocation:suggest": case(MANAGER),
    "allocation:workload": case(MANAGER),
    "allocation:allocate": case(MANAGER, pk="unallocated"),
    "allocation:reallocate": case(MANAGER, **ON_ASSESSMENT),
    "allocation:reallocate-all": case(MANAGER, pk="assessor"),
    "workspace:overview": case(MANAGER, ASSESSOR, **ON_ASSESSMENT),
    "workspace:family-link": case(MANAGER, reachable=False, **ON_ASSESSMENT),
    "workspace:sessions": case(MANAGER, ASSESSOR, **ON_ASSESSMENT),
    "workspace:session-edit": case(MANAGER, ASSESSOR, session_id="session", **ON_ASSESSMENT),
    # The court bundle: read, searched and opened by whoever may see the referral.
    "bundles:referral": case(MANAGER, ASSESSOR, REFERRER, **ON_REFERRAL),
    "bundles:progress": case(MANAGER, ASSESSOR, REFERRER, **ON_REFERRAL),
    "bundles:retry": case(MANAGER, ASSESSOR, REFERRER, reachable=False, document_pk="document", **ON_REFERRAL),
    "bundles:ocr": case(MANAGER, ASSESSOR, REFERRER, reachable=False, document_pk="document", **ON_REFERRAL),
    "bundles:pdf": case(MANAGER, ASSESSOR, REFERRER, document_pk="document", **ON_REFERRAL),
    # Its chronology suggestions are the assessor's workspace.
    "bundles:suggestions": case(MANAGER, ASSESSOR, **ON_ASSESSMENT),
    "bundles:suggestion-edit": case(MANAGER, ASSESSOR, reachable=False, suggestion_id="suggestion", **ON_ASSESSMENT),
    "workspace:chronology": case(MANAGER, ASSESSOR, **ON_ASSESSMENT),
    "workspace:chronology-edit": case(MANAGER, ASSESSOR, entry_id="entry", **ON_ASSESSMENT),
    "workspace:chronology-remove": case(MANAGER, ASSESSOR, reachable=False, entry_id="entry", **ON_ASSESSMENT),
    "workspace:sources": case(MANAGER, ASSESSOR, **ON_ASSESSMENT),
    "workspace:source": case(MANAGER, ASSESSOR, request_id="request", **ON_ASSESSMENT),
    "workspace:letter-docx": case(MANAGER, ASSESSOR, reachable=False, request_id="request", **ON_ASSESSMENT),
    "workspace:letter-print": case(MANAGER, ASSESSOR, request_id="request", **ON_ASSESSMENT),
    "workspace:household": case(MANAGER, ASSESSOR, **ON_ASSESSMENT),
    "workspace:child-record": case(MANAGER, ASSESSOR, child_id="child", **ON_ASSESSMENT),
    "workspace:adult-views": case(MANAGER, ASSESSOR, adult_id="adult", **ON_ASSESSMENT),
    "workspace:triangle": case(MANAGER, ASSESSOR, **ON_ASSESSMENT),
    "workspace:capacity": case(MANAGER, ASSESSOR, **ON_ASSESSMENT),
    "workspace:capacity-edit": case(MANAGER, ASSESSOR, adult_id="adult", **ON_ASSESSMENT),
    "workspace:risk": case(MANAGER, ASSESSOR, **ON_ASSESSMENT),
    "workspace:equality": case(MANAGER, ASSESSOR, **ON_ASSESSMENT),
    "workspace:questions": case(MANAGER, ASSESSOR, **ON_ASSESSMENT),
    "workspace:hypothesis-edit": case(MANAGER, ASSESSOR, hypothesis_id="hypothesis", **ON_ASSESSMENT),
    "workspace:factors": case(MANAGER, ASSESSOR, **ON_ASSESSMENT),
    "workspace:history": case(MANAGER, ASSESSOR, **ON_ASSESSMENT),
    "workspace:history-record": case(
        MANAGER, ASSESSOR, record_type="record_type", record_id="session", **ON_ASSESSMENT
    ),
    "privacy:retention-reviews": case(MANAGER),
    # Reports: the report of the world's assessment is being drafted (not in QA, not filed),
    # so the QA, after-filing and filed pages send even the allowed elsewhere (tests/reports).
    "reports:qa-queue": case(MANAGER),
    "reports:filed-list": case(REFERRER, OTHER_REFERRER),
    "reports:draft": case(MANAGER, ASSESSOR, **ON_ASSESSMENT),
    "reports:submit": case(ASSESSOR, **ON_ASSESSMENT),
    "reports:versions": case(MANAGER, ASSESSOR, **ON_ASSESSMENT),
    "reports:qa": case(MANAGER, reachable=False, **ON_ASSESSMENT),
    "reports:file": case(MANAGER, ASSESSOR, **ON_ASSESSMENT),
    "reports:after": case(MANAGER, ASSESSOR, reachable=False, **ON_ASSESSMENT),
    "reports:export": case(MANAGER, ASSESSOR, reachable=False, **ON_ASSESSMENT),
    "reports:download": case(MANAGER, ASSESSOR, reachable=False, export_id="export", **ON_ASSESSMENT),
    "reports:filed": case(MANAGER, ASSESSOR, REFERRER, reachable=False, **ON_ASSESSMENT),
    # Training: local authority staff book; the hub manages sessions and marks attendance.
    "training:sessions": case(MANAGER, REFERRER, OTHER_REFERRER, ADMINISTRATOR),
    "training:hub-sessions": case(MANAGER, ADMINISTRATOR),
    "training:session": case(MANAGER, REFERRER, OTHER_REFERRER, ADMINISTRATOR, pk="training_session"),
    "training:places": case(MANAGER, ADMINISTRATOR, reachable=False, pk="training_session"),
    "training:my-bookings": case(REFERRER, OTHER_REFERRER),
    "training:cancel": case(MANAGER, REFERRER, ADMINISTRATOR, reachable=False, pk="booking"),
    "training:attendance": case(MANAGER, ADMINISTRATOR, reachable=False, pk="booking"),
    "training:feedback": case(REFERRER, pk="booking"),
    # Impact: figures only, for the viewer and the service manager.
    "impact:dashboard": case(MANAGER, VIEWER),
    "impact:summary-pdf": case(MANAGER, VIEWER),
    "impact:download": case(MANAGER, VIEWER, key="table_key", fmt="download_format"),
    "impact:history-template": case(MANAGER, VIEWER, fmt="download_format"),
    # The API authenticates by token, never by a browser session (tests/api covers tokens).
    "api:openapi-json": case(*EVERYONE),
    "api:referral_create": case(reachable=False),
    "api:referral_list": case(),
    "api:referral_detail": case(reference="reference"),
    "api:filed_reports": case(reference="reference"),
    "api:filed_report_document": case(reference="reference", assessment_type="report_type", kind="report_kind"),
    "api:nothing_here": case(anything="anything"),
    "api:api-root": case(),
    # Feedback: the survey is public and reached only with a link or code (tests/feedback covers both);
    # without one, every page of it is the same 404 for everyone.
    "feedback:start": case(*EVERYONE),
    "feedback:link": case(*EVERYONE, reachable=False, token="anything"),
    "feedback:survey": case(*EVERYONE, reachable=False, step="survey_step"),
    "feedback:saved": case(*EVERYONE, reachable=False),
    "feedback:thanks": case(*EVERYONE),
    "feedback:results": case(MANAGER, VIEWER),
    "feedback:advocacy-not-offered": case(MANAGER),
    "feedback:providers": case(MANAGER, ASSESSOR, OTHER_ASSESSOR, VIEWER),
    "feedback:invitations": case(MANAGER, ASSESSOR, **ON_ASSESSMENT),
    "feedback:letter": case(MANAGER, ASSESSOR, reachable=False, invitation_id="export", **ON_ASSESSMENT),
    "feedback:support": case(MANAGER, ASSESSOR, **ON_ASSESSMENT),
    "feedback:advocacy": case(MANAGER, ASSESSOR, adult_id="adult", **ON_ASSESSMENT),
    "feedback:support-refer": case(MANAGER, ASSESSOR, adult_id="adult", **ON_ASSESSMENT),
    # Children in need: the authority's own workers only (the referrer here is also its team
    # manager); the hub's staff and other authorities get the same 404 (tests/cin).
    "cin:caseload": case(REFERRER, OTHER_REFERRER),
    "cin:child-new": case(REFERRER, OTHER_REFERRER),
    "cin:child": case(REFERRER, pk="cin_child"),
    "cin:child-edit": case(REFERRER, pk="cin_child"),
    "cin:referral-new": case(REFERRER, pk="cin_child"),
    "cin:team-member-new": case(REFERRER, pk="cin_child"),
    "cin:meeting-new": case(REFERRER, pk="cin_child"),
    "cin:co-working-new": case(REFERRER, pk="cin_child"),
    "cin:family-meeting-new": case(REFERRER, pk="cin_child"),
    "cin:referral": case(REFERRER, pk="cin_referral"),
    "cin:assessment-start": case(REFERRER, pk="cin_referral"),
    "cin:plan-new": case(REFERRER, pk="cin_referral"),
    "cin:end": case(REFERRER, pk="cin_referral"),
    "cin:section47-new": case(REFERRER, pk="cin_referral"),
    "cin:section47-conference": case(REFERRER, pk="cin_section47"),
    "cin:closure-letter": case(REFERRER, reachable=False, pk="cin_referral"),
    "cin:assessment": case(REFERRER, pk="cin_assessment"),
    "cin:assessment-complete": case(REFERRER, pk="cin_assessment"),
    "cin:outcome-letter": case(REFERRER, reachable=False, pk="cin_assessment"),
    "cin:plan": case(REFERRER, pk="cin_plan"),
    "cin:plan-review": case(REFERRER, pk="cin_plan"),
    "cin:meeting": case(REFERRER, pk="cin_meeting"),
    "cin:family-meeting": case(REFERRER, pk="cin_family_meeting"),
    "cin:family-meeting-decide": case(REFERRER, pk="cin_family_meeting"),
    "cin:family-meeting-record": case(REFERRER, pk="cin_family_meeting"),
    "cin:proposal-add": case(REFERRER, pk="cin_family_meeting"),
    "cin:proposal-decide": case(REFERRER, pk="cin_proposal"),
    "cin:census": case(REFERRER),
    "cin:census-download": case(REFERRER, reachable=False, year="census_year"),
    # Case-file audits: nobody in this world takes part in a programme, so every programme,
    # case and audit is "not there" for all (tests/caseaudit covers access between authorities);
    # the list shows each person only their own programmes, and only a regional viewer sets one up.
    "caseaudit:programmes": case(*SIGNED_IN),
    "caseaudit:programme-create": case(VIEWER),
    "caseaudit:programme": case(reachable=False, pk="no_such_object"),
    "caseaudit:select": case(reachable=False, pk="no_such_object", authority_pk="no_such_object"),
    "caseaudit:themes": case(reachable=False, pk="no_such_object"),
    "caseaudit:results": case(reachable=False, pk="no_such_object"),
    "caseaudit:results-download": case(reachable=False, pk="no_such_object", fmt="report_kind"),
    "caseaudit:case": case(reachable=False, pk="no_such_object"),
    "caseaudit:audit": case(reachable=False, pk="no_such_object", kind="audit_kind"),
    "caseaudit:moderate": case(reachable=False, pk="no_such_object"),
    "caseaudit:audit-themes": case(reachable=False, pk="no_such_object"),
    # The data pack (hub/datapack): aggregates for the region's people and the authorities; an
    # authority's own children row by row for its people only; populations for the service manager.
    "datapack:pack": case(MANAGER, VIEWER, REFERRER, OTHER_REFERRER),
    "datapack:download": case(MANAGER, VIEWER, REFERRER, OTHER_REFERRER, fmt="datapack_format"),
    "datapack:upload": case(REFERRER, OTHER_REFERRER),
    "datapack:returns": case(REFERRER, OTHER_REFERRER),
    "datapack:return": case(REFERRER, pk="datapack_return"),
    "datapack:population": case(MANAGER),
    # A large pack's PDF from the task worker: asked for by anyone who sees the pack, opened by the asker only.
    "datapack:export_request": case(MANAGER, VIEWER, REFERRER, OTHER_REFERRER, reachable=False),
    "datapack:export": case(MANAGER, pk="datapack_export"),
    "datapack:export_download": case(MANAGER, reachable=False, pk="datapack_export"),
}


def url_names() -> list[str]:
    names: list[str] = []

    def walk(patterns: list[Any], namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern).startswith("admin/"):
                    continue  # the administration site: its own test below
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return sorted(set(names))


def test_every_url_is_in_the_matrix():
    missing = [name for name in url_names() if name not in MATRIX]
    assert not missing, f"Decide who may see these URLs and add them to MATRIX: {missing}"
    stale = [name for name in MATRIX if name not in url_names()]
    assert not stale, f"These URLs no longer exist: {stale}"


@pytest.fixture
def world() -> dict[str, Any]:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    people = {
        MANAGER: factories.service_manager(),
        ASSESSOR: factories.assessor("Halton"),
        OTHER_ASSESSOR: factories.assessor("Wirral"),
        REFERRER: factories.referrer("Liverpool"),
        OTHER_REFERRER: factories.referrer("Sefton"),
        VIEWER: factories.user(Role.VIEWER, organisation=factories.hub()),
        ADMINISTRATOR: factories.user(
            Role.ADMINISTRATOR, organisation=factories.hub(), is_staff=True, is_superuser=True
        ),
        DEACTIVATED: factories.referrer("Liverpool"),
    }
    people[DEACTIVATED].is_active = False
    people[DEACTIVATED].save()
    assessment = factories.accepted_assessment(assessor_user=people[ASSESSOR], by=people[REFERRER])
    referral = assessment.referral
    unallocated = factories.accepted_assessment(by=people[REFERRER])
    draft = factories.complete_referral(by=people[REFERRER])
    manager, assessor = people[MANAGER], people[ASSESSOR]
    # Full fostering ("checks permitting") so its clock can be paused; parenting cannot be.
    fostering = factories.accepted_assessment(
        assessor_user=people[ASSESSOR], by=people[REFERRER], assessment_type="full_fostering"
    )
    clock = timescale_services.clock_for(fostering)
    pause = timescale_services.clock_pause(clock=clock, actor=manager, reason="dbs_check", started_on=clock.clock_start)
    session = workspace_services.session_save(
        assessment=assessment,
        actor=assessor,
        data={"kind": "home_visit", "held_on": timezone.localdate()},
        children_seen={},
    )
    entry = workspace_services.chronology_entry_save(
        assessment=assessment,
        actor=assessor,
        when=PartialDate(2020, 1),
        data={"what_happened": "Moved home", "source": "Mother"},
    )
    request = workspace_services.information_request_save(
        assessment=assessment, actor=assessor, data={"agency": "gp", "basis": "statutory"}
    )
    hypothesis = workspace_services.hypothesis_save(
        assessment=assessment, actor=assessor, data={"statement": "The home is safe when the father is away"}
    )
    _, feed_token = timescale_services.calendar_feed_issue(user=assessor)
    cin = _cin_world(people[REFERRER])
    training_session = training_services.session_create(
        course=Course.objects.first(),
        starts_at=timezone.now() + datetime.timedelta(days=30),
        ends_at=timezone.now() + datetime.timedelta(days=30, hours=3),
        places=10,
        venue="Synthetic venue",
    )
    booking = training_services.booking_make(session=training_session, actor=people[REFERRER])
    return {
        **cin,
        "datapack_return": _datapack_return(people[REFERRER]),
        "datapack_format": "xlsx",
        "datapack_export": _datapack_export(people[MANAGER]),
        "people": people,
        "referral": referral.pk,
        "draft": draft.pk,
        "draft_child": draft.children.first().pk,
        "children_step": "children",
        "step": "court",
        "accept_action": "accept",
        "document": referral.bundle_documents.first().pk,
        "assessment": assessment.pk,
        "unallocated": unallocated.pk,
        "assessor": assessor.pk,
        "clock": clock.pk,
        "pause": pause.pk,
        "rule_version": TimescaleRuleVersion.objects.first().pk,
        "feed_token": feed_token,
        "session": session.pk,
        "entry": entry.pk,
        "request": request.pk,
        "hypothesis": hypothesis.pk,
        "record_type": RecordVersion.objects.filter(record_id=session.pk).first().record_type,
        "child": referral.children.first().pk,
        "adult": referral.adults.first().pk,
        "reference": referral.reference,
        "export": 999_999,
        "suggestion": 999_999,
        "report_type": "parenting",
        "report_kind": "pdf",
        "anything": "not-a-real-endpoint",
        "survey_step": 1,
        "no_such_object": 999_999,
        "audit_kind": "authority",
        "uidb64": urlsafe_base64_encode(force_bytes(people[REFERRER].pk)),
        "reset_token": default_token_generator.make_token(people[REFERRER]),
        "training_session": training_session.pk,
        "booking": booking.pk,
        "table_key": "all",
        "download_format": "xlsx",
    }


def _cin_world(referrer: Any) -> dict[str, Any]:
    from datetime import date

    from hub.cin import services as cin_services
    from hub.cin.models import TeamMembership

    TeamMembership.objects.create(user=referrer, is_manager=True)
    kid = cin_services.child_create(
        local_authority=referrer.organisation, la_child_id="M1", full_name="Matrix Child", birth_date=date(2016, 1, 1)
    )
    cin_referral = cin_services.referral_record(
        child=kid,
        by=referrer,
        referral_date=date(2024, 6, 3),
        referral_source="2A",
        referrer_name="A teacher",
        referrer_agency="",
        concerns="Hungry",
        tier=3,
    )
    cin_services.referral_decide(
        referral=cin_referral, by=referrer, decision="assess", reason="Tier 3", primary_need="N1"
    )
    assessment = cin_services.assessment_start(
        referral=cin_referral, by=referrer, kind="initial", started_on=date(2024, 6, 4)
    )
    enquiry = cin_services.section47_start(referral=cin_referral, started_on=date(2024, 6, 5))
    member = cin_services.team_member_add(child=kid, kind="family", name="A parent", role="Mother")
    meeting = cin_services.team_meeting_arrange(
        child=kid, held_on=date(2024, 7, 1), venue="Centre", chair="Manager", reason="Plan", invited=[member]
    )
    plan = cin_services.plan_start(
        child=kid,
        referral=cin_referral,
        by=referrer,
        kind="cin",
        started_on=date(2024, 6, 20),
        objectives="o",
        who_does_what="w",
        what_must_change="c",
        unacceptable="u",
        contingency="c",
        urgent_review_triggers="t",
    )
    family = cin_services.family_meeting_propose(
        child=kid, by=referrer, coordinator="Co-ordinator", planned_on=date(2024, 9, 1)
    )
    cin_services.family_meeting_record(
        meeting=family,
        held_on=date(2024, 9, 1),
        agreement_signed_by="Mother",
        information_shared="i",
        family_time="f",
        plan_notes="",
    )
    proposal = cin_services.family_proposal_add(meeting=family, proposal="School runs", who="Gran")
    return {
        "cin_child": kid.pk,
        "cin_referral": cin_referral.pk,
        "cin_assessment": assessment.pk,
        "cin_plan": plan.pk,
        "cin_meeting": meeting.pk,
        "cin_family_meeting": family.pk,
        "cin_proposal": proposal.pk,
        "cin_section47": enquiry.pk,
        "census_year": 2025,
    }


def _datapack_return(referrer: Any) -> int:
    from hub.datapack import services as datapack_services
    from tests.datapack import builders

    return datapack_services.return_import(
        authority=referrer.organisation, year=2025, uploads=builders.standard_set()
    ).pk


def _datapack_export(manager: Any) -> int:
    from hub.datapack.models import PackExport

    return PackExport.objects.create(requested_by=manager).pk


def client_as(role: str, world: dict[str, Any]) -> Client:
    client = Client()
    if role != ANONYMOUS:
        client.force_login(world["people"][role])
    return client


def refused(response) -> bool:
    if 400 <= response.status_code < 500:
        return True
    return response.status_code in (301, 302) and response["Location"].startswith("/accounts/sign-in/")


def test_nobody_gets_a_page_they_should_not(world):
    unexpected: list[str] = []
    clients = {role: client_as(role, world) for role in PEOPLE}
    for name in url_names():
        entry = MATRIX[name]
        url = reverse(name, kwargs=entry.kwargs(world))
        for role in PEOPLE:
            if role in entry.allowed:
                continue
            for method in ("get", "post"):
                response = getattr(clients[role], method)(url)
                if not refused(response):
                    unexpected.append(f"{method.upper()} {url} ({name}) as {role}: {response.status_code}")
    assert not unexpected, "Unexpected access:\n" + "\n".join(unexpected)


def test_the_people_allowed_really_reach_each_page(world):
    unreachable: list[str] = []
    for name in url_names():
        entry = MATRIX[name]
        if not entry.reachable or not entry.allowed - {DEACTIVATED}:
            continue
        role = next(r for r in PEOPLE if r in entry.allowed and r != DEACTIVATED)
        url = reverse(name, kwargs=entry.kwargs(world))
        response = client_as(role, world).get(url)
        if response.status_code != 200:
            unreachable.append(f"GET {url} ({name}) as {role}: {response.status_code}")
    assert not unreachable, "Allowed but not reachable:\n" + "\n".join(unreachable)


@pytest.mark.parametrize("role", sorted(set(PEOPLE) - {ADMINISTRATOR}))
def test_only_the_administrator_reaches_the_administration_site(world, role):
    response = client_as(role, world).get("/admin/")
    assert refused(response) or response["Location"].startswith("/admin/login/")
    assert client_as(ADMINISTRATOR, world).get("/admin/").status_code == 200
