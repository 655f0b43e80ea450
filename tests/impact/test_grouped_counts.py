"""The dashboard counts the assessments filed in the period in the database (grouped counts,
and days grouped for the medians): the figures equal those worked out one row per assessment."""

import datetime
import random
import statistics as plain

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from bench.impact import build
from hub.impact import figures
from hub.impact.statistics import median, median_of_counts, percent
from hub.referrals.models import AssessmentType
from hub.timescales.models import Clock, PauseReason, TimescaleExtension
from tests import factories


def _written_out(counts: list[tuple[int, int]]) -> list[int]:
    return [value for value, n in counts for _ in range(n)]


@pytest.mark.parametrize(
    "counts",
    [
        [],  # nothing to take a median of
        [(5, 0)],  # a value no assessment took
        [(7, 1)],
        [(3, 1), (4, 1)],  # even count: halfway between the middle two
        [(3, 1), (6, 1)],  # ... which may be a half
        [(10, 3), (2, 3)],  # even count, the middle two in different groups, given out of order
        [(4, 2), (9, 2)],
        [(8, 4)],  # ties only
        [(1, 1), (5, 2), (9, 1)],  # even count, the middle two tied
        [(-7, 2), (0, 1), (14, 3)],  # days shorter than instructed may be negative
        [(-3, 1), (-2, 1)],
        [(70, 45_000), (63, 44_999), (84, 1)],  # a national year: one group decides it
    ],
)
def test_the_median_of_grouped_counts_is_the_median_of_the_values(counts):
    assert median_of_counts(counts) == median(_written_out(counts))
    # As the database gives them: a mapping from number of days to how many took it.
    assert median_of_counts(dict(counts)) == median(_written_out(counts))


@given(st.lists(st.tuples(st.integers(-400, 400), st.integers(0, 6)), max_size=30))
def test_the_median_of_any_grouped_counts_is_the_median_of_the_values(counts):
    values = _written_out(counts)
    expected = round(float(plain.median(values)), 1) if values else None
    assert median_of_counts(counts) == expected


@pytest.mark.django_db
def test_the_grouped_figures_equal_those_counted_one_assessment_at_a_time():
    """Bench data (every type, paused clocks, all QA rounds and outcomes) with some clocks extended
    by the court and some without a court date, on whichever database the tests run on."""
    build(assessments=400, bookings=0, seed=3)
    rng = random.Random(3)
    manager = factories.service_manager()
    clocks = list(Clock.objects.filter(ended_on__isnull=False).order_by("pk"))
    for clock in rng.sample(clocks, 40):
        # The court agreed more time: the timescale's own due date is the one before it.
        before = clock.due_date
        extended = before + datetime.timedelta(days=rng.randint(5, 40))
        TimescaleExtension.objects.create(
            clock=clock, cause=PauseReason.MEDICAL, extended_to=extended, agreed_on=clock.clock_start,
            due_date_before=before, recorded_by=manager,
        )  # fmt: skip
        Clock.objects.filter(pk=clock.pk).update(
            due_date=extended, extended_to=extended, clock_start=clock.clock_start - datetime.timedelta(days=3)
        )
    for clock in rng.sample(clocks, 30):
        Clock.objects.filter(pk=clock.pk).update(filing_date=None)
    today = timezone.localdate()
    for filters in [
        figures.Filters(*figures.default_period(today)),
        figures.Filters(today - datetime.timedelta(days=729), today),
        figures.Filters(today - datetime.timedelta(days=729), today, assessment_type="full_fostering"),
        figures.Filters(today - datetime.timedelta(days=10), today - datetime.timedelta(days=10)),
    ]:
        rows = figures.filed_in_period(filters)
        result = figures.impact_figures(filters, as_of=today)
        assert _reference(rows) == _grouped(result), filters
    assert len(figures.filed_in_period(figures.Filters(*figures.default_period(today)))) > 100


def _grouped(result: figures.Figures) -> dict:
    keys = [
        "assessments_completed", "filed_within_timescale_percent", "filed_by_court_date_percent",
        "median_days_taken", "median_days_allowed", "median_days_instructed",
        "median_days_shorter_than_instructed", "qa_rounds_total", "qa_rounds_mean", "qa_first_time_percent",
        "recommendation_positive", "recommendation_negative", "outcome_not_recorded", "la_changed_plan",
    ]  # fmt: skip
    tables = ["completed_by_type", "days_by_type", "completed_by_authority", "qa_rounds", "outcomes"]
    return {key: result.headline(key) for key in keys} | {key: result.table(key).rows for key in tables}  # type: ignore[union-attr]


def _reference(filed: list) -> dict:
    """The figures worked out from one row per assessment, as the dashboard did before it grouped them."""
    n = len(filed)
    within = sum(1 for f in filed if f.within_timescale)
    positive = sum(1 for f in filed if f.recommendation == "positive")
    negative = sum(1 for f in filed if f.recommendation == "negative")

    def court_share(items):
        with_date = [f for f in items if f.court_filing_date is not None]
        return percent(sum(1 for f in with_date if f.by_court_date), len(with_date))

    by_type = {value: [f for f in filed if f.assessment_type == value] for value, _ in AssessmentType.choices}
    authorities = sorted({f.authority for f in filed})
    by_authority = {name: [f for f in filed if f.authority == name] for name in authorities}
    instructed = [f.days_instructed for f in filed if f.days_instructed is not None]
    return {
        "assessments_completed": n,
        "filed_within_timescale_percent": percent(within, n),
        "filed_by_court_date_percent": court_share(filed),
        "median_days_taken": median([f.days_taken for f in filed]),
        "median_days_allowed": median([f.days_allowed for f in filed]),
        "median_days_instructed": median(instructed),
        "median_days_shorter_than_instructed": median(
            [f.days_instructed - f.days_taken for f in filed if f.days_instructed is not None]
        ),
        "qa_rounds_total": sum(f.qa_rounds for f in filed),
        "qa_rounds_mean": round(plain.fmean([f.qa_rounds for f in filed]), 1) if filed else None,
        "qa_first_time_percent": percent(sum(1 for f in filed if f.qa_rounds == 1), n),
        "recommendation_positive": positive,
        "recommendation_negative": negative,
        "outcome_not_recorded": n - positive - negative,
        "la_changed_plan": sum(1 for f in filed if f.la_changed_plan is True),
        "completed_by_type": [
            [label, len(items), on_time, percent(on_time, len(items)), court_share(items)]
            for value, label in AssessmentType.choices
            if (items := by_type[value]) and (on_time := sum(1 for f in items if f.within_timescale)) is not None
        ],
        "days_by_type": [
            [
                label,
                median([f.days_taken for f in items]),
                median([f.days_allowed for f in items]),
                median([f.days_instructed for f in items if f.days_instructed is not None]),
            ]
            for value, label in AssessmentType.choices
            if (items := by_type[value])
        ],
        "completed_by_authority": [
            [name, len(items), percent(sum(1 for f in items if f.within_timescale), len(items)), court_share(items)]
            for name, items in by_authority.items()
        ],
        "qa_rounds": [
            ["1", sum(1 for f in filed if f.qa_rounds == 1)],
            ["2", sum(1 for f in filed if f.qa_rounds == 2)],
            ["3 or more", sum(1 for f in filed if f.qa_rounds >= 3)],
        ],
        "outcomes": [
            ["Positive recommendation", positive],
            ["Negative recommendation", negative],
            ["Not yet recorded", n - positive - negative],
            ["Local authority changed its plan", sum(1 for f in filed if f.la_changed_plan is True)],
            ["Local authority kept its plan", sum(1 for f in filed if f.la_changed_plan is False)],
        ],
    }
