"""Every model with personal data is registered; a subject access export finds a person everywhere."""

import datetime
import io
import json
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models

from hub.audit.models import AccessLogEntry
from hub.privacy import selectors, services
from hub.privacy.models import PersonalDataCorrection
from hub.privacy.registry import EXEMPT, REGISTRY
from hub.privacy.selectors import Subject
from hub.privacy.services import CorrectionRefused
from hub.referrals.models import Adult, Child
from tests import factories

# Field names that suggest a person's data: names, contact details, dates of birth,
# identity, anything typed about them, and where they were.
PERSONAL_NAME = re.compile(
    r"name|birth|dob|email|phone|address|postcode|note|message|text|comment|reason|detail|background|"
    r"views|present|happened|significance|said|evidence|concern|strength|statement|language|ethnic|religion|"
    r"disabilit|sex|gender|health|ip_address|repr|data$|_at$"
)
PEOPLE = {settings.AUTH_USER_MODEL, "referrals.Child", "referrals.Adult", "referrals.Contact"}


def _personal_looking(model: type[models.Model]) -> list[str]:
    found = []
    for field in model._meta.concrete_fields:
        points_at_a_person = field.is_relation and field.related_model._meta.label in PEOPLE
        text = isinstance(field, models.TextField) or (not field.is_relation and PERSONAL_NAME.search(field.name))
        if points_at_a_person or text:
            found.append(field.name)
    # Timestamps alone (created_at) say nothing about a person unless something else does.
    return [] if all(name.endswith("_at") for name in found) else found


def test_it_fails_when_a_model_with_personal_data_is_neither_registered_nor_exempted():
    missing = {}
    for model in apps.get_models():
        label = model._meta.label
        if label in REGISTRY or label in EXEMPT:
            continue
        fields = _personal_looking(model)
        if fields:
            missing[label] = fields
    assert not missing, (
        "These models hold personal-looking fields but are not in hub/privacy/registry.py "
        f"(register them, or exempt them with a reason): {missing}"
    )


def test_it_names_real_fields_and_routes_in_the_registry():
    for label, entry in REGISTRY.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        for name in entry.fields:
            model._meta.get_field(name)
        for path in (*entry.referral_paths, *entry.user_paths, *entry.cin_child_paths):
            # Building the query checks every step of the route exists.
            str(model._default_manager.filter(**{f"{path}__in": [1]}).query)
    for label, reason in EXEMPT.items():
        assert reason.strip(), label


@pytest.mark.django_db
def test_it_exports_everything_held_about_a_child_and_logs_the_export():
    referral = factories.complete_referral(status="accepted", children=2)
    other = factories.complete_referral()
    child = referral.children.get(full_name="Child Example 0")
    subjects = selectors.subjects_named("  child   example 0 ")
    assert Subject("child", child.pk) in subjects
    assert len(subjects) == 2  # the same name appears in the other referral too

    export = services.subject_access_export(subjects=[Subject("child", child.pk)], requested_by=None, via="test")

    records = export["records"]
    assert [row["pk"] for row in records["referrals.Referral"]] == [referral.pk]
    assert child.pk in [row["pk"] for row in records["referrals.Child"]]
    assert other.pk not in {row["fields"].get("referral") for rows in records.values() for row in rows}
    for label in (
        "referrals.Adult",
        "referrals.CourtQuestion",
        "referrals.Contact",
        "referrals.BundleDocument",
        "referrals.ReferralEvent",
        "assessments.Assessment",
    ):
        assert records[label], label
    assert records["referrals.Child"][0]["fields"]["full_name"] == "Child Example 0"
    json.dumps(export)  # plain JSON throughout
    log = AccessLogEntry.objects.get(action="export")
    assert (log.object_type, log.object_id) == ("subject-access:child", str(child.pk))


@pytest.mark.django_db
def test_it_exports_what_is_held_about_a_member_of_staff():
    referrer = factories.referrer()
    referral = factories.complete_referral(by=referrer, status="submitted")
    export = services.subject_access_export(subjects=[Subject("user", referrer.pk)], requested_by=None, via="test")
    records = export["records"]
    assert [row["pk"] for row in records["accounts.User"]] == [referrer.pk]
    # The password hash is held, and said to be, but never handed out.
    assert records["accounts.User"][0]["fields"]["password"] == services.WITHHELD
    assert {row["pk"] for row in records["referrals.Referral"]} == {referral.pk}
    assert records["referrals.BundleDocument"]
    assert records["referrals.ReferralEvent"]


@pytest.mark.django_db
def test_the_command_writes_the_export_for_a_name(tmp_path):
    factories.complete_referral()
    out = tmp_path / "sar.json"
    call_command("subject_access_export", "--name", "Parent Example", "--output", str(out), stdout=io.StringIO())
    export = json.loads(out.read_text())
    assert export["subjects"][0]["kind"] == "adult"
    assert export["records"]["referrals.Adult"][0]["fields"]["full_name"] == "Parent Example"


@pytest.mark.django_db
def test_it_keeps_the_previous_version_when_a_record_is_corrected():
    referral = factories.complete_referral()
    child = Child.objects.get(referral=referral)
    manager = factories.service_manager()

    correction = services.personal_data_correct(
        instance=child,
        field_name="date_of_birth",
        new_value=datetime.date(2020, 3, 1),
        actor=manager,
        reason="Birth certificate seen",
    )

    child.refresh_from_db()
    assert child.date_of_birth == datetime.date(2020, 3, 1)
    correction.refresh_from_db()
    assert (correction.old_value, correction.new_value) == ("2020-01-01", "2020-03-01")
    assert (correction.corrected_by, correction.reason) == (manager, "Birth certificate seen")
    assert correction.model_label == "referrals.Child"
    # The correction travels with the child's subject access export.
    export = services.subject_access_export(subjects=[Subject("child", child.pk)], requested_by=None, via="test")
    assert export["records"]["privacy.PersonalDataCorrection"][0]["fields"]["old_value"] == "2020-01-01"


@pytest.mark.django_db
def test_it_refuses_a_correction_without_a_reason_or_of_an_unregistered_field():
    referral = factories.complete_referral()
    adult = Adult.objects.get(referral=referral)
    manager = factories.service_manager()
    with pytest.raises(CorrectionRefused):
        services.personal_data_correct(instance=adult, field_name="full_name", new_value="X", actor=manager, reason=" ")
    with pytest.raises(CorrectionRefused):
        services.personal_data_correct(instance=adult, field_name="id", new_value=5, actor=manager, reason="no")
    assert not PersonalDataCorrection.objects.exists()
    adult.refresh_from_db()
    assert adult.full_name == "Parent Example"
