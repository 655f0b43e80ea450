"""Which reminders are due today, and sending each exactly once per person.

A reminder is an event: a clock, a reminder point ("7 days before the draft
is due") and the date it is about. Before an email goes, a ReminderSent row is
inserted in the same transaction; the database's unique constraint refuses a
second row for the same event and person, so a worker that runs twice, or two
workers at once, or a worker restarted half way, sends nothing twice. If the
email cannot be sent the transaction rolls back and the next run tries again.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from hub.accounts.models import Role, User
from hub.assessments.models import AssessmentStatus
from hub.timescales.models import Clock, ReminderMilestone, ReminderPoint, ReminderSent

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Due:
    recipient: User
    clock: Clock
    point: ReminderPoint
    about: datetime.date

    @property
    def key(self) -> str:
        return f"{self.clock.pk}:{self.point.code}:{self.about.isoformat()}"

    def line(self) -> str:
        assessment = self.clock.assessment
        what = "draft due to QA" if self.point.milestone == ReminderMilestone.DRAFT_TO_QA else "due"
        link = settings.HUB_BASE_URL + reverse("timescales:detail", args=[self.clock.pk])
        return (
            f"{assessment.referral.reference}, {assessment.get_assessment_type_display()}: {what} "
            f"{self.about:%-d %B %Y} ({self.point.describe()}). {link}"
        )


def reminders_due(*, as_of: datetime.date) -> list[Due]:
    """Every (person, clock, point) whose reminder day has come, about a milestone not yet reached."""
    points = list(ReminderPoint.objects.filter(is_active=True))
    if not points:
        return []
    managers = list(User.objects.filter(role=Role.SERVICE_MANAGER, is_active=True))
    clocks = (
        Clock.objects.exclude(assessment__status=AssessmentStatus.FILED)
        .filter(paused_since__isnull=True)
        .select_related("assessment__referral", "assessment__assessor")
    )
    due: list[Due] = []
    for clock in clocks:
        for point in points:
            if point.milestone == ReminderMilestone.DRAFT_TO_QA:
                about = clock.draft_due_date
                reached = clock.draft_submitted_on is not None or clock.qa_completed_on is not None
            else:
                about = clock.due_date
                reached = False
            if about is None or reached:
                continue
            if about + datetime.timedelta(days=point.offset_days) > as_of:
                continue
            # A worker that was down catches up, but a reminder before or on the day
            # ("7 days before", "on the due date") is pointless once the day has passed:
            # the "overdue" point says it instead.
            if point.offset_days <= 0 and about < as_of:
                continue
            recipients: list[User] = []
            if clock.assessment.assessor is not None:
                recipients.append(clock.assessment.assessor)
            if point.notify_service_managers:
                recipients.extend(managers)
            for recipient in recipients:
                if recipient.email and recipient.is_active:
                    due.append(Due(recipient=recipient, clock=clock, point=point, about=about))
    return due


def _claim(recipient: User, key: str, *, clock: Clock | None, via_digest: bool) -> bool:
    """Insert the row that says this was sent; False if it already was."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(recipient=recipient, event_key=key, clock=clock, via_digest=via_digest)
    except IntegrityError:
        return False
    return True


def reminders_send(*, as_of: datetime.date) -> int:
    """Send today's reminders; return how many emails went."""
    from hub.timescales.models import ReminderPreference

    due = reminders_due(as_of=as_of)
    digest_users = set(
        ReminderPreference.objects.filter(daily_digest=True, user__in={d.recipient.pk for d in due}).values_list(
            "user_id", flat=True
        )
    )
    sent_already = set(
        ReminderSent.objects.filter(event_key__in={d.key for d in due}).values_list("recipient_id", "event_key")
    )
    emails = 0
    by_person: dict[int, list[Due]] = {}
    for item in due:
        if (item.recipient.pk, item.key) in sent_already:
            continue
        by_person.setdefault(item.recipient.pk, []).append(item)
    for items in by_person.values():
        recipient = items[0].recipient
        if recipient.pk in digest_users:
            emails += _send_digest(recipient, items, as_of=as_of)
        else:
            for item in items:
                emails += _send_one(item)
    return emails


def _send_one(item: Due) -> int:
    with transaction.atomic():
        if not _claim(item.recipient, item.key, clock=item.clock, via_digest=False):
            return 0
        reference = item.clock.assessment.referral.reference
        send_mail(
            f"Assessment hub reminder: {reference} {item.point.describe()}",
            "\n".join(
                [item.line(), "", "You get this because the assessment is allocated to you or you manage the hub."]
            ),
            settings.DEFAULT_FROM_EMAIL,
            [item.recipient.email],
        )
    return 1


def _send_digest(recipient: User, items: list[Due], *, as_of: datetime.date) -> int:
    with transaction.atomic():
        if not _claim(recipient, f"digest:{as_of.isoformat()}", clock=None, via_digest=True):
            # Today's digest already went; these events wait for tomorrow's.
            return 0
        lines = [item.line() for item in items if _claim(recipient, item.key, clock=item.clock, via_digest=True)]
        if not lines:
            return 0
        send_mail(
            f"Assessment hub: {len(lines)} reminder{'s' if len(lines) != 1 else ''} for {as_of:%-d %B %Y}",
            "\n\n".join(["Your deadlines today:", *lines]),
            settings.DEFAULT_FROM_EMAIL,
            [recipient.email],
        )
    return 1
