"""The real database task worker delivers the referrer's email; demo data loads twice the same."""

import subprocess
import sys

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from hub.accounts.models import Organisation, User
from hub.referrals.models import Referral, ReferralStatus
from tests import factories


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_sends_the_referrers_email(settings, capfd):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    referral = factories.complete_referral(status="submitted")
    # The bundle file is queued for reading too; this test follows the email.
    task = DBTaskResult.objects.exclude(task_path__startswith="hub.bundles.").get()
    assert task.status == "READY"

    call_command("db_worker", "--batch", "--no-startup-delay")

    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    printed = capfd.readouterr().out
    assert f"Referral {referral.reference} received by the assessment hub" in printed


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_covers_every_state():
    call_command("seed_demo", verbosity=0)
    counts = (Organisation.objects.count(), User.objects.count(), Referral.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Organisation.objects.count(), User.objects.count(), Referral.objects.count()) == counts
    assert set(Referral.objects.values_list("status", flat=True)) == set(ReferralStatus.values)
    local_authorities = Organisation.objects.filter(kind="local_authority")
    assert local_authorities.count() == 9
    assert local_authorities.get(name="Cheshire West and Chester").ons_code == "E06000050"
    assessors = User.objects.filter(role="assessor").select_related("assessor_profile__seconded_from")
    assert len({a.assessor_profile.seconded_from.name for a in assessors}) == 6


@pytest.mark.django_db
def test_seed_demo_allocates_through_the_allocation_service_so_the_history_shows_it():
    from hub.allocation.models import AllocationKind, AllocationRecord
    from hub.assessments.models import Assessment

    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    allocated = Assessment.objects.filter(assessor__isnull=False)
    assert allocated.exists()
    for assessment in allocated.select_related("assessor__assessor_profile__seconded_from", "referral"):
        # Every allocation is in the history, once, decided by the demo's service manager...
        record = AllocationRecord.objects.get(assessment=assessment)
        assert (record.kind, record.assessor_id) == (AllocationKind.ALLOCATED, assessment.assessor_id)
        assert record.decided_by.username == "manager@example.org"
        # ...and within the hard rules: never for the authority the assessor came from.
        assert assessment.assessor.assessor_profile.seconded_from_id != assessment.referral.local_authority_id


def test_manage_py_check_passes():
    result = subprocess.run([sys.executable, "manage.py", "check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_demo_accounts_sign_in_with_the_code_demo_code_prints(settings, capsys):
    from django.test import Client

    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    capsys.readouterr()
    call_command("demo_code", "manager@example.org")
    code = capsys.readouterr().out.strip()
    client = Client()
    client.post("/accounts/sign-in/", {"username": "manager@example.org", "password": "demo-password-2026"})
    assert client.post("/accounts/sign-in/code/", {"code": code}).url == "/"
    assert client.get("/referrals/triage/").status_code == 200
