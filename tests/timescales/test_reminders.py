"""Reminders go once per event per person, whatever the worker does."""

import datetime
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError

from hub.timescales import reminders, services, tasks
from hub.timescales.models import ReminderSent
from tests import factories

pytestmark = pytest.mark.django_db

# The parenting clock (fixture) has its draft due Friday 11 December 2026 and is due Tuesday 29 December.
DRAFT_MINUS_7 = datetime.datetime(2026, 12, 4, 7, 0, tzinfo=datetime.UTC)
DUE_DAY = datetime.datetime(2026, 12, 29, 7, 0, tzinfo=datetime.UTC)
DAY_AFTER = datetime.datetime(2026, 12, 30, 7, 0, tzinfo=datetime.UTC)


def test_it_sends_a_reminder_seven_days_before_the_draft_is_due(clock, frozen):
    frozen.move_to(DRAFT_MINUS_7)
    assert tasks.run_daily() == 1
    assert mail.outbox[0].to == [clock.assessment.assessor.email]
    assert "7 days before the draft to qa" in mail.outbox[0].subject
    # No child's name in an email.
    assert "Child Example" not in mail.outbox[0].body


def test_it_does_not_send_twice_when_the_worker_runs_twice(clock, frozen):
    frozen.move_to(DRAFT_MINUS_7)
    tasks.run_daily()
    tasks.run_daily()
    tasks.send_timescale_reminders.call()
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.count() == 1


def test_it_does_not_send_twice_after_a_restart_part_way(clock, frozen, monkeypatch):
    """A worker that dies on the second email resends neither when it starts again."""
    factories.service_manager()
    frozen.move_to(DAY_AFTER)  # overdue: the assessor and the manager are both told
    real_send = reminders.send_mail
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise ConnectionError("mail server went away")
        return real_send(*args, **kwargs)

    monkeypatch.setattr(reminders, "send_mail", flaky)
    with pytest.raises(ConnectionError):
        tasks.run_daily()
    assert len(mail.outbox) == 1
    # The failed email's claim was rolled back with it; the first one's was kept.
    assert ReminderSent.objects.count() == 1
    monkeypatch.setattr(reminders, "send_mail", real_send)
    tasks.run_daily()
    tasks.run_daily()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [clock.assessment.assessor.email, *[u.email for u in reminders.User.objects.filter(role="service_manager")]]
    )


def test_it_has_the_database_refuse_a_second_row_for_the_same_event_and_person(clock):
    ReminderSent.objects.create(recipient=clock.assessment.assessor, event_key="1:due-today:2026-12-29")
    with pytest.raises(IntegrityError):
        ReminderSent.objects.create(recipient=clock.assessment.assessor, event_key="1:due-today:2026-12-29")


def test_it_sends_a_daily_digest_instead_to_those_who_opt_in(clock, frozen):
    services.reminder_preference_set(user=clock.assessment.assessor, daily_digest=True)
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        factories.accepted_assessment(assessor_user=clock.assessment.assessor, assessment_type="kinship_viability")
    services.timescales_ensure_started()
    frozen.move_to(datetime.datetime(2026, 11, 17, 7, 0, tzinfo=datetime.UTC))  # viability overdue
    call_command("timescale_reminders")
    call_command("timescale_reminders")
    # The managers are told of the overdue viability by their own emails; the assessor gets one digest.
    to_assessor = [m for m in mail.outbox if m.to == [clock.assessment.assessor.email]]
    assert len(to_assessor) == 1
    assert "reminder" in to_assessor[0].subject
    assert ReminderSent.objects.filter(via_digest=True, recipient=clock.assessment.assessor).exists()


def test_it_sends_nothing_about_a_draft_already_with_qa(clock, frozen):
    services.milestone_record(
        clock=clock, actor=clock.assessment.assessor, milestone="draft_to_qa", reached_on=date(2026, 11, 3)
    )
    frozen.move_to(DRAFT_MINUS_7)
    assert tasks.run_daily() == 0


def test_it_schedules_the_next_run_at_seven_in_the_morning_london_time():
    winter = tasks.next_run_after(datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC))
    summer = tasks.next_run_after(datetime.datetime(2026, 7, 1, 5, 0, tzinfo=datetime.UTC))
    assert winter.astimezone(datetime.UTC).hour == 7 and winter.day == 2
    # 05:00 UTC is 06:00 BST: the run is the same morning at 07:00 BST (06:00 UTC).
    assert summer.astimezone(datetime.UTC).hour == 6 and summer.day == 1
