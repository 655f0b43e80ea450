"""The private iCalendar feed of a person's due dates, milestones and court dates.

Calendar applications sync to servers the hub does not control, so an event
carries the referral reference and the kind of assessment, never a child's
or family member's name.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from hub.accounts.models import User
from hub.timescales import selectors
from hub.timescales.models import CalendarFeed, hash_feed_token


def feed_for_token(raw: str) -> CalendarFeed | None:
    return (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=hash_feed_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def calendar_for(user: User) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.HUB_NAME}//Deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Assessment hub deadlines")
    stamp = timezone.now()
    for clock in selectors.feed_clocks(user):
        assessment = clock.assessment
        reference = assessment.referral.reference
        kind = assessment.get_assessment_type_display()
        link = settings.HUB_BASE_URL + reverse("timescales:detail", args=[clock.pk])
        dates: list[tuple[str, str, datetime.date | None]] = [
            ("due", f"Due: {kind}, {reference}", clock.due_date),
            ("draft", f"Draft to QA: {kind}, {reference}", None if clock.draft_submitted_on else clock.draft_due_date),
            ("qa", f"QA done: {kind}, {reference}", None if clock.qa_completed_on else clock.qa_due_date),
            ("filing", f"Court filing date: {reference}", clock.filing_date),
            ("irh", f"Issues resolution hearing: {reference}", clock.irh_date),
            ("final", f"Final hearing: {reference}", clock.final_hearing_date),
        ]
        for code, summary, day in dates:
            if day is None:
                continue
            event = Event()
            # A stable UID lets a calendar move the event when the date moves, not add another.
            event.add("uid", f"{code}-{clock.pk}@assessment-hub")
            event.add("dtstamp", stamp)
            event.add("dtstart", day)
            event.add("dtend", day + datetime.timedelta(days=1))
            event.add("summary", summary)
            event.add("url", link)
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
    return calendar.to_ical()
