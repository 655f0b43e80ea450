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
        False,
        (
            'Good practice event (000), Parenting Assessment: "8 weeks (from point of receiving Letter of '
            'Instruction and Court Bundle)"; Quality Assurance "Inclusive of these timescales". No "checks '
            'permitting": not paused'
        ),
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
        False,
        (
            'Good practice event (000), Parenting Assessment: "8 weeks ... This includes Addendum '
            'assessments". No "checks permitting": not paused'
        ),
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
        False,
        (
            'Good practice event (000): "2 weeks for viabilities"; practice guide (001): "viability '
            'assessments within two weeks". No "checks permitting": not paused'
        ),
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
        (
            'Good practice event (000): "10 weeks for full fostering (checks permitting)"; practice guide '
            '(001): "ten weeks for full fostering assessments". Paused for DBS, medical and local authority '
            "checks"
        ),
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
        (
            "No timescale of its own in the sources: the hub assesses special guardians on the joint "
            'fostering/SGO route (000: "2 joint fostering/SGO"), so full fostering\'s "10 weeks for full '
            'fostering (checks permitting)"'
        ),
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
        (
            'Good practice event (000): "4 were for fostering (2 viability, 2 joint fostering/SGO)", on full '
            'fostering\'s "10 weeks for full fostering (checks permitting)"'
        ),
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
        (
            'Worcestershire Children in Need guidance (003): "An initial assessment must be completed within '
            '10 working days"'
        ),
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
        (
            'Worcestershire Children in Need guidance (003): "An ICS core assessment must be completed '
            'within 35 working days"'
        ),
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
        (
            "Not in the source documents: Working Together to Safeguard Children 2023 (HM Government), an "
            "assessment concludes within 45 working days of the referral"
        ),
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
        (
            'Worcestershire Children in Need guidance (003): shared with the child and family "at least 7 '
            'working days before any meeting or timescale set for decision-making"'
        ),
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
        (
            'Worcestershire Children in Need guidance (003): "the statutory timescale for the initial visit '
            'is within the first week"'
        ),
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
        (
            'Worcestershire Children in Need guidance (003): "A review of the Plan for the child must be '
            'held at least every 6 months"'
        ),
    ),
]

# Numbers a rule's version holds; when one differs from RULES, bring_up_to_date publishes a version.
_VERSION_NUMBERS = ("amount", "unit", "draft_to_qa_working_days_before", "qa_done_working_days_before", "pausable")

REMINDER_POINTS = [
    ("draft-due-in-7-days", "draft_to_qa", -7, False),
    ("due-today", "due", 0, False),
    ("overdue", "due", 1, True),
]


def first_published_due_date(assessment_type: str, clock_start: date, calendar_: calendar.WorkingCalendar) -> date:
    """The due date under the rule as first published, for an assessment with no clock yet.

    The clock (hub.timescales.models.Clock) is the authority: it knows
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


def bring_up_to_date(Rule: Any, Version: Any, *, note: str) -> list[str]:
    """Make existing rules say what RULES says, keeping the versioning rules.

    Each rule's `source` (where the timescale comes from, not a number) is rewritten in
    place. Where a number differs from the current version, a new version is published
    with `note`: clocks already running keep the version they started under until a
    manager applies the new one, as for any change of rule. Returns the codes given a
    new version.
    """
    published = []
    for code, _, _, _, amount, unit, draft, qa, pausable, source in RULES:
        rule = Rule.objects.filter(code=code).first()
        if rule is None:
            continue
        if rule.source != source:
            rule.source = source
            rule.save(update_fields=["source"])
        current = Version.objects.filter(rule=rule).order_by("-number").first()
        wanted = dict(zip(_VERSION_NUMBERS, (amount, unit, draft, qa, pausable), strict=True))
        if current is not None and all(getattr(current, name) == value for name, value in wanted.items()):
            continue
        Version.objects.create(rule=rule, number=(current.number if current else 0) + 1, note=note, **wanted)
        published.append(code)
    return published
