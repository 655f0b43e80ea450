"""A children in need child is a data subject of the authority's record: a subject access
export finds the child's row and everything under it, and nothing of another child."""

import datetime
import io
import json

import pytest
from django.core.management import call_command

from hub.audit.models import AccessLogEntry
from hub.cin import services as cin
from hub.datapack.models import Return, ReturnChild
from hub.privacy import selectors, services
from hub.privacy.selectors import Subject
from tests.cin import builders


def _case(worker, *, la_child_id: str, name: str, progress: str):
    child = builders.child(worker, la_child_id=la_child_id, full_name=name)
    referral = builders.referral(worker, child)
    builders.completed_assessment(worker, referral)
    plan = builders.plan(worker, referral)
    review = cin.plan_review_record(plan=plan, by=worker, held_on=datetime.date(2024, 12, 2), progress=progress)
    member = cin.team_member_add(child=child, kind="family", name=f"Carer of {name}", role="Grandmother")
    cin.team_meeting_arrange(
        child=child,
        held_on=datetime.date(2024, 7, 1),
        venue="Family centre",
        chair="Team manager",
        reason="First meeting",
        invited=[member],
    )
    return child, plan, review


@pytest.mark.django_db
def test_a_cin_childs_export_holds_their_plan_and_review_and_nothing_of_another_child():
    worker = builders.worker()
    child, plan, review = _case(worker, la_child_id="LV000001", name="Robin Testwell", progress="Attending school")
    other, other_plan, other_review = _case(
        worker, la_child_id="LV000002", name="Sam Otherwell", progress="Other child's progress"
    )
    AccessLogEntry.objects.create(user=worker, action="view", object_type="cin_plan", object_id=str(plan.pk))
    AccessLogEntry.objects.create(user=worker, action="view", object_type="cin_plan", object_id=str(other_plan.pk))
    # The authority's SSDA903 return names children by the same code it gives them here.
    pack = Return.objects.create(authority=child.local_authority, year=2025)
    ReturnChild.objects.create(ssda903_return=pack, child="LV000001", sex="2", dob=datetime.date(2015, 4, 1))
    ReturnChild.objects.create(ssda903_return=pack, child="LV000002", sex="1", dob=datetime.date(2014, 1, 1))

    assert Subject("cin_child", child.pk) in selectors.subjects_named(" robin  testwell")
    export = services.subject_access_export(subjects=[Subject("cin_child", child.pk)], requested_by=None, via="test")

    records = export["records"]
    assert [row["pk"] for row in records["cin.Child"]] == [child.pk]
    assert [row["pk"] for row in records["cin.Plan"]] == [plan.pk]
    assert [row["pk"] for row in records["cin.PlanReview"]] == [review.pk]
    assert records["cin.PlanReview"][0]["fields"]["progress"] == "Attending school"
    for label in ("cin.Referral", "cin.Assessment", "cin.TeamMember", "cin.TeamMeeting", "cin.Invitation"):
        assert len(records[label]) == 1, label
    assert [row["fields"]["child"] for row in records["datapack.ReturnChild"]] == ["LV000001"]
    assert [row["fields"]["object_id"] for row in records["audit.AccessLogEntry"]] == [str(plan.pk)]
    # Nothing of the other child, and nothing of any hub referral.
    text = json.dumps(records)
    assert "Sam Otherwell" not in text and "Other child's progress" not in text and "LV000002" not in text
    assert "referrals.Referral" not in records
    assert other.pk not in {row["fields"].get("child") for rows in records.values() for row in rows}
    assert other_review.plan_id == other_plan.pk and other_review.pk not in {r["pk"] for r in records["cin.PlanReview"]}
    log = AccessLogEntry.objects.get(action="export")
    assert (log.object_type, log.object_id) == ("subject-access:cin_child", str(child.pk))


@pytest.mark.django_db
def test_a_worker_is_found_in_the_cin_records_they_made():
    worker = builders.worker()
    _case(worker, la_child_id="LV000001", name="Robin Testwell", progress="Attending school")
    export = services.subject_access_export(subjects=[Subject("user", worker.pk)], requested_by=None, via="test")
    records = export["records"]
    assert records["cin.TeamMembership"] and records["cin.Referral"] and records["cin.PlanReview"]


@pytest.mark.django_db
def test_the_command_exports_a_cin_child_by_id(tmp_path):
    worker = builders.worker()
    child, _plan, _review = _case(worker, la_child_id="LV000001", name="Robin Testwell", progress="Attending school")
    out = tmp_path / "sar.json"
    call_command("subject_access_export", "--cin-child", str(child.pk), "--output", str(out), stdout=io.StringIO())
    export = json.loads(out.read_text())
    assert export["subjects"] == [{"kind": "cin_child", "id": child.pk}]
    assert export["records"]["cin.Child"][0]["fields"]["full_name"] == "Robin Testwell"
