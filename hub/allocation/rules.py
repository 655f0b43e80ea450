"""Allocation rules that need no database: who may take an assessment, how well
they fit, and how much room they have week by week.

Plain Python, so the pages, the tests, the batch solver (solver.py) and the
benchmark all ask the same questions of the same code.

Hard rules nothing overrides:
- an assessor never assesses for the local authority they are seconded from;
- an assessor never holds more than their maximum of live assessments;
- an assessor is never allocated an assessment when they are on leave on its
  deadline, or when their secondment ends before the deadline (or starts after it).

Soft preferences, weighted by `Weights` (an administrator tunes them): the
training the assessment type needs, a shared language with the family, travel
to the referring authority, continuity (an addendum goes back to the writer of
the original report), balanced workload, earliest deadlines first, and as little
leave as possible before the deadline.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from hub.core.calendar import short_date

PARENTASSESS = "parentassess"
CORAMBAAF_KINSHIP = "corambaaf_kinship"
# Names for the reasons shown to the manager; a skill an administrator adds is
# shown by the name the selector passes in `AssessorFacts.skill_names`.
SKILL_LABELS: dict[str, str] = {
    PARENTASSESS: "ParentAssess",
    CORAMBAAF_KINSHIP: "CoramBAAF kinship",
    "lucy_faithfull": "Lucy Faithfull protective carers",
    "theraplay": "Theraplay",
    "family_time_observation": "family time observation",
}
KINSHIP_TYPES = frozenset({"kinship_viability", "full_fostering", "special_guardianship", "joint_fostering_sgo"})
PARENTING_TYPES = frozenset({"parenting", "parenting_addendum"})
# A language nobody needs matched: the hub works in English.
NO_MATCH_NEEDED = frozenset({"", "english"})
# Urgency reaches its full weight this many days before the deadline, or after it.
URGENCY_HORIZON_DAYS = 70
# Any eligible pair scores at least this, so allocating beats leaving unallocated.
ELIGIBLE_BASE = 1.0


def skills_needed(assessment_type: str, *, learning_needs: bool) -> frozenset[str]:
    """Training the assessment type asks for: ParentAssess for a parent with learning
    needs, CoramBAAF kinship training for viability, fostering and SGO assessments."""
    if assessment_type in PARENTING_TYPES and learning_needs:
        return frozenset({PARENTASSESS})
    if assessment_type in KINSHIP_TYPES:
        return frozenset({CORAMBAAF_KINSHIP})
    return frozenset()


def normalise_language(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Weights:
    """How much each soft preference counts. An administrator tunes these."""

    training: float = 30.0
    language: float = 20.0
    travel: float = 10.0
    continuity: float = 40.0
    workload: float = 15.0
    deadline: float = 10.0
    leave: float = 10.0


@dataclass(frozen=True)
class LeavePeriod:
    starts: date
    ends: date  # inclusive
    kind: str = "leave"

    def covers(self, day: date) -> bool:
        return self.starts <= day <= self.ends

    def overlap_days(self, first: date, last: date) -> int:
        start, end = max(self.starts, first), min(self.ends, last)
        return max(0, (end - start).days + 1)


@dataclass(frozen=True)
class AssessorFacts:
    id: int
    name: str
    seconded_from_id: int
    seconded_from_name: str
    max_concurrent: int
    live_count: int
    skills: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()  # normalised with normalise_language
    travel_area_ids: frozenset[int] = frozenset()
    leave: tuple[LeavePeriod, ...] = ()
    secondment_starts: date | None = None
    secondment_ends: date | None = None
    skill_names: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def free_places(self) -> int:
        return max(0, self.max_concurrent - self.live_count)

    def skill_label(self, code: str) -> str:
        return self.skill_names.get(code) or SKILL_LABELS.get(code) or code.replace("_", " ")


@dataclass(frozen=True)
class AssessmentFacts:
    id: int
    reference: str
    assessment_type: str
    local_authority_id: int
    local_authority_name: str
    deadline: date
    skills_needed: frozenset[str] = frozenset()
    family_languages: frozenset[str] = frozenset()  # normalised; English left out
    original_assessor_id: int | None = None  # for an addendum: the assessor of the family's parenting assessment


@dataclass(frozen=True)
class Match:
    """One assessor measured against one assessment, with the reasons a manager reads."""

    assessor: AssessorFacts
    eligible: bool
    score: float
    reasons: tuple[str, ...]
    blockers: tuple[str, ...]


def hard_rule_breaches(assessor: AssessorFacts, assessment: AssessmentFacts, *, extra_load: int = 0) -> list[str]:
    """Why this assessor may not take this assessment; empty when they may.

    `extra_load` counts assessments already proposed to them in the same batch.
    """
    breaches = []
    if assessor.seconded_from_id == assessment.local_authority_id:
        breaches.append(f"Seconded from {assessor.seconded_from_name}: not independent of the referring authority")
    if assessor.live_count + extra_load >= assessor.max_concurrent:
        breaches.append(f"{assessor.live_count + extra_load} of {assessor.max_concurrent} cases: no free place")
    for period in assessor.leave:
        if period.covers(assessment.deadline):
            breaches.append(
                f"On {period.kind} {_span(period.starts, period.ends)}, "
                f"over the deadline {short_date(assessment.deadline)}"
            )
    if assessor.secondment_ends is not None and assessor.secondment_ends < assessment.deadline:
        breaches.append(f"Secondment ends {short_date(assessor.secondment_ends)}, before the deadline")
    if assessor.secondment_starts is not None and assessor.secondment_starts > assessment.deadline:
        breaches.append(f"Secondment starts {short_date(assessor.secondment_starts)}, after the deadline")
    return breaches


def urgency(assessment: AssessmentFacts, today: date, weights: Weights) -> float:
    """Earliest deadlines first: the nearer the deadline, the more allocating it is worth."""
    days_left = (assessment.deadline - today).days
    return weights.deadline * min(1.0, max(0.0, 1.0 - days_left / URGENCY_HORIZON_DAYS))


def workload_value(assessor: AssessorFacts, weights: Weights, *, extra_load: int = 0) -> float:
    """Balanced workload: the emptier the caseload after this allocation, the better.

    Each further case is worth less than the one before, so the batch solver fills
    everyone's first free place before anyone's second.
    """
    if assessor.max_concurrent <= 0:
        return 0.0
    return weights.workload * (1.0 - (assessor.live_count + extra_load) / assessor.max_concurrent)


def match(assessor: AssessorFacts, assessment: AssessmentFacts, weights: Weights, today: date) -> Match:
    """Score one pair and say why, in the manager's words."""
    blockers = hard_rule_breaches(assessor, assessment)
    reasons = [
        f"Seconded from {assessor.seconded_from_name}: independent",
        f"{assessor.live_count} of {assessor.max_concurrent} cases",
    ]
    score = ELIGIBLE_BASE + urgency(assessment, today, weights) + workload_value(assessor, weights)
    if assessment.skills_needed:
        held = assessment.skills_needed & assessor.skills
        score += weights.training * len(held) / len(assessment.skills_needed)
        reasons += [f"{assessor.skill_label(code)} trained" for code in sorted(held)]
        reasons += [f"Not {assessor.skill_label(code)} trained" for code in sorted(assessment.skills_needed - held)]
    if assessment.family_languages:
        shared = assessment.family_languages & assessor.languages
        if shared:
            score += weights.language
            reasons.append("Speaks " + " and ".join(name.title() for name in sorted(shared)))
        else:
            reasons.append(
                "Does not speak " + " or ".join(name.title() for name in sorted(assessment.family_languages))
            )
    if assessment.local_authority_id in assessor.travel_area_ids:
        score += weights.travel
        reasons.append(f"Travels to {assessment.local_authority_name}")
    else:
        reasons.append(f"Does not usually travel to {assessment.local_authority_name}")
    if assessment.original_assessor_id is not None and assessment.original_assessor_id == assessor.id:
        score += weights.continuity
        reasons.append("Assessor of this family's parenting assessment (continuity)")
    fraction = _leave_fraction(assessor, assessment, today)
    if fraction > 0:
        score -= weights.leave * fraction
        for period in assessor.leave:
            if period.overlap_days(today, assessment.deadline):
                reasons.append(f"On {period.kind} {_span(period.starts, period.ends)}, before the deadline")
    if blockers:
        reasons[0] = f"Seconded from {assessor.seconded_from_name}"
    return Match(
        assessor=assessor,
        eligible=not blockers,
        score=round(score, 6),
        reasons=tuple(reasons),
        blockers=tuple(blockers),
    )


def rank(
    assessors: Sequence[AssessorFacts], assessment: AssessmentFacts, weights: Weights, today: date
) -> tuple[list[Match], list[Match]]:
    """The eligible assessors best first, and the ineligible ones with why."""
    matches = [match(a, assessment, weights, today) for a in assessors]
    eligible = sorted((m for m in matches if m.eligible), key=lambda m: (-m.score, m.assessor.name, m.assessor.id))
    ineligible = sorted((m for m in matches if not m.eligible), key=lambda m: (m.assessor.name, m.assessor.id))
    return eligible, ineligible


def _leave_fraction(assessor: AssessorFacts, assessment: AssessmentFacts, today: date) -> float:
    window = (assessment.deadline - today).days + 1
    if window <= 0 or not assessor.leave:
        return 0.0
    days = sum(p.overlap_days(today, assessment.deadline) for p in assessor.leave)
    return min(1.0, days / window)


def _span(starts: date, ends: date) -> str:
    return f"{starts.day} {starts:%b} to {short_date(ends)}"


# Capacity over the coming weeks, for the workload page.


@dataclass(frozen=True)
class WeekCapacity:
    week_starting: date
    live: int
    free: int
    on_leave: bool


def capacity_by_week(
    *, max_concurrent: int, deadlines: Sequence[date], leave: Sequence[LeavePeriod], today: date, weeks: int = 6
) -> list[WeekCapacity]:
    """Free places in each of the coming weeks, assuming each live assessment ends on
    its deadline. A week wholly on leave has no free place to offer."""
    monday = today - timedelta(days=today.weekday())
    result = []
    for n in range(weeks):
        starts = max(today, monday + timedelta(weeks=n))
        week_end = monday + timedelta(weeks=n, days=4)  # Friday: the working week
        live = sum(1 for deadline in deadlines if deadline >= starts)
        working_days = [starts + timedelta(days=d) for d in range((week_end - starts).days + 1)]
        on_leave = bool(working_days) and all(any(p.covers(day) for p in leave) for day in working_days)
        free = 0 if on_leave else max(0, max_concurrent - live)
        result.append(WeekCapacity(week_starting=monday + timedelta(weeks=n), live=live, free=free, on_leave=on_leave))
    return result
