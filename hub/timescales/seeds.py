"""The hub's timescales and the statutory ones, from the source documents (see shared/sources).

Used by the data migration, and again if the rules are ever found missing
(a database flushed by a test, for example).
"""

from datetime import date
from typing import Any

from hub.core import calendar
from hub.timescales import engine

# (code, name, assessment type, counted from, amount, unit, draft-to-QA and QA-done
# working days before the due date, pausable, source)
RULES = [
    (
        "parenting",
        "Parenting assessment",
        "parenting",
        "clock_start",
        8,
        "calendar_weeks",
        10,
        3,
        True,
        "Hub good practice event: 8 weeks from receipt of the LOI and court bundle, QA inclusive",
    ),
    (
        "parenting-addendum",
        "Parenting addendum",
        "parenting_addendum",
        "clock_start",
        8,
        "calendar_weeks",
        10,
        3,
        True,
        "Hub good practice event: the 8 weeks include addendum assessments",
    ),
    (
        "kinship-viability",
        "Kinship viability assessment",
        "kinship_viability",
        "clock_start",
        2,
        "calendar_weeks",
        3,
        1,
        True,
        "Hub good practice event: 2 weeks for viabilities",
    ),
    (
        "full-fostering",
        "Full fostering assessment",
        "full_fostering",
        "clock_start",
        10,
        "calendar_weeks",
        10,
        3,
        True,
        "Hub good practice event: 10 weeks for full fostering, checks permitting",
    ),
    (
        "special-guardianship",
        "Special guardianship assessment",
        "special_guardianship",
        "clock_start",
        10,
        "calendar_weeks",
        10,
        3,
        True,
        "Hub practice guide: 10 weeks, checks permitting",
    ),
    (
        "joint-fostering-sgo",
        "Joint fostering and special guardianship assessment",
        "joint_fostering_sgo",
        "clock_start",
        10,
        "calendar_weeks",
        10,
        3,
        True,
        "Hub good practice event: joint fostering/SGO, 10 weeks checks permitting",
    ),
    (
        "initial-assessment",
        "Initial assessment",
        None,
        "clock_start",
        10,
        "working_days",
        0,
        0,
        False,
        "Children in Need guidance: within 10 working days",
    ),
    (
        "core-assessment",
        "Core assessment",
        None,
        "clock_start",
        35,
        "working_days",
        0,
        0,
        False,
        "Children in Need guidance: within 35 working days",
    ),
    (
        "single-assessment",
        "Single assessment",
        None,
        "clock_start",
        45,
        "working_days",
        0,
        0,
        False,
        "Working Together to Safeguard Children: within 45 working days",
    ),
    (
        "analysis-shared",
        "Analysis shared with the family",
        None,
        "before_event",
        7,
        "working_days",
        0,
        0,
        False,
        "Children in Need guidance: at least 7 working days before the decision meeting",
    ),
    (
        "private-fostering-visit",
        "Private fostering first visit",
        None,
        "clock_start",
        7,
        "calendar_days",
        0,
        0,
        False,
        "Children in Need guidance: the initial visit within the first week",
    ),
    (
        "plan-review",
        "Review of the child's plan",
        None,
        "clock_start",
        6,
        "calendar_months",
        0,
        0,
        False,
        "Children in Need guidance: plans reviewed at least every 6 months",
    ),
]

REMINDER_POINTS = [
    ("draft-due-in-7-days", "draft_to_qa", -7, False),
    ("due-today", "due", 0, False),
    ("overdue", "due", 1, True),
]


def first_published_due_date(assessment_type: str, clock_start: date, calendar_: calendar.WorkingCalendar) -> date:
    """The due date under the rule as first published, for an assessment with no clock yet.

    The clock (hub.timescales.models.AssessmentTimescale) is the authority: it knows
    later rule versions, pauses and court changes. This is only for the moment
    before a clock exists, and for benchmarks with no database.
    """
    for _, _, kind, _, amount, unit, *_ in RULES:
        if kind == assessment_type:
            rule = engine.Rule(amount=amount, unit=engine.Unit(unit))
            return engine.due_date(rule, clock_start=clock_start, calendar_=calendar_)
    raise ValueError(f"There is no timescale rule for {assessment_type}")


def seed(Rule: Any, Version: Any, Point: Any) -> None:
    """Create the rules and reminder points that are missing; never change one that exists."""
    for code, name, kind, counted_from, amount, unit, draft, qa, pausable, source in RULES:
        rule, created = Rule.objects.get_or_create(
            code=code,
            defaults={"name": name, "assessment_type": kind, "counted_from": counted_from, "source": source},
        )
        if created:
            Version.objects.create(
                rule=rule,
                number=1,
                amount=amount,
                unit=unit,
                draft_to_qa_working_days_before=draft,
                qa_done_working_days_before=qa,
                pausable=pausable,
                note="As first published",
            )
    for code, milestone, offset, managers in REMINDER_POINTS:
        Point.objects.get_or_create(
            code=code, defaults={"milestone": milestone, "offset_days": offset, "notify_service_managers": managers}
        )
