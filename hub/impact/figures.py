"""The impact dashboard's figures for a period: one function (`impact_figures`) computes
them for the pages, the CSV and Excel downloads, the board's PDF and
`manage.py impact_figures --json` alike.

Each section of the dashboard is one function here, reading other apps through
their models and selectors: referrals (received, accepted, declined), assessments
completed and their timeliness (from the clocks the timescale engine keeps),
pauses by cause (the engine's paused-day count), QA rounds and outcomes (the
filed reports), training (hub.training.selectors), and feedback, advocacy and
kinship referrals (hub.feedback, its selectors and models). Imported records are ordinary referrals,
assessments, clocks and reports, so they are counted exactly as live ones.

Only counts, shares and medians leave this module: no name, no reference, no
link into a case, so the performance and audit viewer may see all of it.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from hub.accounts.models import Organisation, OrganisationKind, User
from hub.assessments.models import Assessment, AssessmentStatus
from hub.feedback import selectors as feedback
from hub.feedback.models import AdvocacyAnswer, AdvocacyOffer, ProviderKind, SupportReferral, SurveyKind
from hub.impact.statistics import median_of_counts, percent
from hub.referrals.models import AssessmentType, Referral, ReferralReason, ReferralStatus
from hub.reports.models import Recommendation, ReportState
from hub.timescales import engine
from hub.timescales.models import ClockPause, PauseReason, TimescaleExtension
from hub.training import selectors as training

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler

Value = int | float | str | None

# Pauses are reported under the causes the sources name ("medical assessments and DBS
# checks lead to delay for kinship assessments", 000); the rest together as "other".
PAUSE_GROUPS: list[tuple[str, str, frozenset[str]]] = [
    ("dbs", "DBS checks", frozenset({PauseReason.DBS_CHECK.value})),
    ("medical", "Medical assessments", frozenset({PauseReason.MEDICAL.value})),
    (
        "other",
        "Other causes",
        frozenset(PauseReason.values) - {PauseReason.DBS_CHECK.value, PauseReason.MEDICAL.value},
    ),
]


@dataclass(frozen=True)
class Filters:
    starts: datetime.date
    ends: datetime.date
    local_authority: int | None = None
    assessment_type: str = ""
    assessor: int | None = None

    def describe(self) -> list[tuple[str, str]]:
        """The filters as a person reads them, for the page, the downloads and the PDF."""
        parts = [("Period", f"{self.starts:%-d %B %Y} to {self.ends:%-d %B %Y}")]
        if self.local_authority:
            name = Organisation.objects.filter(pk=self.local_authority).values_list("name", flat=True).first()
            parts.append(("Local authority", name or "Unknown"))
        if self.assessment_type:
            parts.append(("Type", AssessmentType(self.assessment_type).label))
        if self.assessor:
            name = User.objects.filter(pk=self.assessor).values_list("full_name", flat=True).first()
            parts.append(("Assessor", name or "Unknown"))
        return parts


@dataclass(frozen=True)
class Chart:
    """A bar chart drawn from a table: the label column and the value columns to draw."""

    label_column: int
    value_columns: tuple[int, ...]
    # Bars of percentages are drawn against 100, not against the largest bar.
    percent: bool = False


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Value]]
    chart: Chart | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "columns": self.columns, "rows": self.rows}


@dataclass(frozen=True)
class Headline:
    key: str
    label: str
    value: Value
    # What the number is out of, or how it was counted, shown under it.
    note: str = ""


@dataclass
class Section:
    key: str
    title: str
    headlines: list[Headline] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    note: str = ""
    # A section whose data arrives with another issue: shown as such, never as zeros.
    pending: bool = False


@dataclass
class Figures:
    filters: Filters
    sections: list[Section]
    as_of: datetime.date

    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]

    def table(self, key: str) -> Table | None:
        return next((t for t in self.tables() if t.key == key), None)

    def headline(self, key: str) -> Value:
        for section in self.sections:
            for item in section.headlines:
                if item.key == key:
                    return item.value
        raise KeyError(key)

    def as_dict(self) -> dict[str, Any]:
        """What `impact_figures --json` prints: the same numbers as the pages."""
        return {
            "period": {"from": self.filters.starts.isoformat(), "to": self.filters.ends.isoformat()},
            "filters": {
                "local_authority": self.filters.local_authority,
                "assessment_type": self.filters.assessment_type or None,
                "assessor": self.filters.assessor,
            },
            "as_of": self.as_of.isoformat(),
            "sections": {
                section.key: {
                    "title": section.title,
                    "pending": section.pending,
                    "note": section.note,
                    "headlines": {item.key: item.value for item in section.headlines},
                    "tables": {table.key: table.as_dict() for table in section.tables},
                }
                for section in self.sections
            },
        }


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last twelve months up to today."""
    try:
        starts = today.replace(year=today.year - 1) + datetime.timedelta(days=1)
    except ValueError:  # 29 February
        starts = today.replace(year=today.year - 1, day=28) + datetime.timedelta(days=1)
    return starts, today


def _instants(filters: Filters) -> tuple[datetime.datetime, datetime.datetime]:
    """The period as instants: from the start of its first London day to the start of the day after its last."""
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(filters.starts, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(filters.ends + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone),
    )


def _type_label(value: str) -> str:
    return AssessmentType(value).label if value in AssessmentType.values else value


# --- Referrals -------------------------------------------------------------------------


def referrals_section(filters: Filters) -> Section:
    """Referrals received in the period (the complete letter and bundle reached the hub), by
    what the hub decided, by authority, by the types the court asked for and by reason."""
    starts, ends = _instants(filters)
    referrals = Referral.objects.exclude(status=ReferralStatus.DRAFT).filter(
        received_at__gte=starts, received_at__lt=ends
    )
    if filters.local_authority:
        referrals = referrals.filter(local_authority_id=filters.local_authority)
    if filters.assessor:
        referrals = referrals.filter(
            Exists(Assessment.objects.filter(referral=OuterRef("pk"), assessor_id=filters.assessor))
        )
    # A handful of groups whatever the number of referrals; the type filter is applied to the
    # groups, since which types a referral asked for is a list (JSON) the databases search differently.
    groups = (
        referrals.order_by()
        .values("status", "local_authority__name", "referral_reason", "assessment_types")
        .annotate(n=Count("id"))
    )
    by_status: Counter[str] = Counter()
    by_authority: dict[str, Counter[str]] = defaultdict(Counter)
    by_type: Counter[str] = Counter()
    by_reason: Counter[str] = Counter()
    for group in groups:
        types = group["assessment_types"] or []
        if filters.assessment_type and filters.assessment_type not in types:
            continue
        n = group["n"]
        status = group["status"]
        by_status[status] += n
        by_authority[group["local_authority__name"]]["received"] += n
        by_authority[group["local_authority__name"]][status] += n
        for kind in types:
            by_type[kind] += n
        by_reason[group["referral_reason"] or "not_given"] += n
    received = sum(by_status.values())
    accepted = by_status[ReferralStatus.ACCEPTED]
    declined = by_status[ReferralStatus.DECLINED]
    awaiting = by_status[ReferralStatus.SUBMITTED] + by_status[ReferralStatus.QUERY_RAISED]
    reason_labels = dict(ReferralReason.choices) | {"not_given": "Not given"}
    return Section(
        key="referrals",
        title="Referrals",
        headlines=[
            Headline("referrals_received", "Referrals received", received),
            Headline("referrals_accepted", "Accepted", accepted, _share(accepted, received)),
            Headline("referrals_declined", "Declined", declined, _share(declined, received)),
            Headline("referrals_awaiting_decision", "Awaiting a decision", awaiting),
            Headline("referring_authorities", "Authorities referring", len(by_authority)),
        ],
        tables=[
            Table(
                "referrals_by_authority",
                "Referrals by local authority",
                ["Local authority", "Received", "Accepted", "Declined"],
                [
                    [name, c["received"], c[ReferralStatus.ACCEPTED], c[ReferralStatus.DECLINED]]
                    for name, c in sorted(by_authority.items())
                ],
                Chart(0, (1,)),
            ),
            Table(
                "referrals_by_type",
                "Referrals by type of assessment asked for",
                ["Type", "Referrals"],
                [[label, by_type[value]] for value, label in AssessmentType.choices if by_type[value]],
                Chart(0, (1,)),
            ),
            Table(
                "referrals_by_reason",
                "Referrals by reason",
                ["Reason", "Referrals"],
                [[reason_labels[key], n] for key, n in sorted(by_reason.items(), key=lambda kv: (-kv[1], kv[0]))],
                Chart(0, (1,)),
            ),
        ],
        note="A referral asking for two types of assessment counts once under each type.",
    )


def _share(part: int, whole: int) -> str:
    value = percent(part, whole)
    return "" if value is None else f"{value:g}% of {whole}"


# --- Assessments completed, timeliness, QA rounds and outcomes -----------------------------


@dataclass(slots=True)
class _Filed:
    assessment_type: str
    authority: str
    filed_on: datetime.date
    clock_start: datetime.date
    due_date: datetime.date
    extended_to: datetime.date | None
    court_filing_date: datetime.date | None
    rule_due_date: datetime.date
    qa_rounds: int
    recommendation: str
    la_changed_plan: bool | None

    @property
    def within_timescale(self) -> bool:
        # An assessment the court gave more time is outside its timescale in every figure.
        return self.extended_to is None and self.filed_on <= self.due_date

    @property
    def by_court_date(self) -> bool:
        return self.court_filing_date is not None and self.filed_on <= self.court_filing_date

    @property
    def days_taken(self) -> int:
        return (self.filed_on - self.clock_start).days

    @property
    def days_allowed(self) -> int:
        return (self.rule_due_date - self.clock_start).days

    @property
    def days_instructed(self) -> int | None:
        return None if self.court_filing_date is None else (self.court_filing_date - self.clock_start).days


def _assessments(filters: Filters) -> Any:
    assessments = Assessment.objects.all()
    if filters.local_authority:
        assessments = assessments.filter(referral__local_authority_id=filters.local_authority)
    if filters.assessment_type:
        assessments = assessments.filter(assessment_type=filters.assessment_type)
    if filters.assessor:
        assessments = assessments.filter(assessor_id=filters.assessor)
    return assessments


def _filed(filters: Filters) -> Any:
    """The assessments whose report was filed in the period (the filters applied)."""
    return _assessments(filters).filter(
        status=AssessmentStatus.FILED,
        report__state=ReportState.FILED,
        report__filed_on__gte=filters.starts,
        report__filed_on__lte=filters.ends,
        clock__isnull=False,
    )


def _rule_due() -> Subquery:
    """The timescale's own due date: the one before the first extension the court agreed (else the clock's)."""
    first_extension = TimescaleExtension.objects.filter(clock=OuterRef("clock")).order_by("recorded_at", "id")
    return Subquery(first_extension.values("due_date_before")[:1])


def filed_in_period(filters: Filters) -> list[_Filed]:
    """Assessments whose report was filed in the period, with what their clock and report say (one query).

    One row per assessment: for checking one assessment's figures against another's. The
    dashboard counts the same rows grouped in the database (`filed_counts`)."""
    rows = (
        _filed(filters)
        .annotate(rule_due=_rule_due())
        .order_by()
        .values_list(
            "assessment_type",
            "referral__local_authority__name",
            "report__filed_on",
            "clock__clock_start",
            "clock__due_date",
            "clock__extended_to",
            "clock__filing_date",
            "rule_due",
            "report__qa_rounds",
            "report__recommendation",
            "report__la_changed_plan",
        )
    )
    return [
        _Filed(
            assessment_type=kind,
            authority=authority,
            filed_on=filed_on,
            clock_start=start,
            due_date=due,
            extended_to=extended,
            court_filing_date=court,
            # The timescale's own date: before any extension the court agreed, else the due date.
            rule_due_date=rule_due or due,
            qa_rounds=rounds,
            recommendation=recommendation,
            la_changed_plan=changed,
        )
        for kind, authority, filed_on, start, due, extended, court, rule_due, rounds, recommendation, changed in rows
    ]


class DaysBetween(Func):
    """Whole days from one date to a later one, counted by the database.

    The one place the two databases differ: PostgreSQL subtracts dates to a number of
    days; SQLite has no date type, so the dates (ISO text) go through julianday (its
    own C function; Django's portable date subtraction calls back into Python once
    a row). Both are run by the tests (SQLite, and the same tests on PostgreSQL)."""

    output_field = IntegerField()
    arity = 2

    def _dates(self, compiler: SQLCompiler) -> tuple[str, str, tuple[Any, ...]]:
        later, earlier = (compiler.compile(expression) for expression in self.get_source_expressions())
        return later[0], earlier[0], (*later[1], *earlier[1])

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[Any, ...]]:
        later, earlier, params = self._dates(compiler)
        return f"({later} - {earlier})", params

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, tuple[Any, ...]]:
        later, earlier, params = self._dates(compiler)
        return f"CAST(ROUND(julianday({later}) - julianday({earlier})) AS INTEGER)", params


# The days each median is taken of, as days between two dates: (later, earlier). The days
# shorter than instructed are the days instructed less the days taken, worked out from these.
DAY_MEASURES: dict[str, tuple[Any, Any]] = {
    # From the complete letter and bundle to filing.
    "taken": (F("report__filed_on"), F("clock__clock_start")),
    # To the clock's due date: what the timescale allowed unless the court extended it.
    "allowed": (F("clock__due_date"), F("clock__clock_start")),
    # What the court instructed: to its filing date (none without one).
    "instructed": (F("clock__filing_date"), F("clock__clock_start")),
}


@dataclass(frozen=True, slots=True)
class FiledGroup:
    """The assessments filed in the period of one type for one authority, counted."""

    assessment_type: str
    authority: str
    completed: int
    within_timescale: int
    with_court_date: int
    by_court_date: int
    qa_rounds: int
    qa_once: int
    qa_twice: int
    qa_three_or_more: int
    positive: int
    negative: int
    la_changed_plan: int
    la_kept_plan: int


@dataclass
class FiledCounts:
    """What the assessments, QA and outcomes sections need of the assessments filed in the period:
    counts by type and authority, and for each median how many assessments of each type took
    each number of days (`days[measure][type][days] = assessments`)."""

    groups: list[FiledGroup]
    days: dict[str, dict[str, Counter[int]]]

    def total(self, name: str, groups: list[FiledGroup] | None = None) -> int:
        return sum(getattr(g, name) for g in (self.groups if groups is None else groups))

    def median(self, measure: str, assessment_type: str | None = None) -> float | None:
        by_type = self.days[measure]
        if assessment_type is not None:
            return median_of_counts(by_type.get(assessment_type, Counter()))
        return median_of_counts(sum(by_type.values(), Counter()))


def filed_counts(filters: Filters) -> FiledCounts:
    """The assessments filed in the period counted in the database: one grouped query (by type,
    authority and distinct days) for the counts and the days behind the medians, and one for the
    few the court extended, so the rows read grow with the types, authorities and distinct day
    counts, not with the assessments."""
    filed = _filed(filters).order_by()
    qa = "report__qa_rounds"
    # One pass: the counts by type, authority and distinct (days taken, to the due date, instructed),
    # a few thousand rows however many assessments, added up here by type and authority for the
    # counts and by type for the days.
    rows = (
        filed.values(
            "assessment_type",
            authority=F("referral__local_authority__name"),
            **{measure: DaysBetween(later, earlier) for measure, (later, earlier) in DAY_MEASURES.items()},
        )
        .annotate(
            completed=Count("pk"),
            # An assessment the court gave more time is outside its timescale in every figure.
            within_timescale=Count(
                "pk", filter=Q(clock__extended_to__isnull=True, report__filed_on__lte=F("clock__due_date"))
            ),
            with_court_date=Count("pk", filter=Q(clock__filing_date__isnull=False)),
            by_court_date=Count("pk", filter=Q(report__filed_on__lte=F("clock__filing_date"))),
            qa_rounds=Coalesce(Sum(qa), 0),
            qa_once=Count("pk", filter=Q(**{qa: 1})),
            qa_twice=Count("pk", filter=Q(**{qa: 2})),
            qa_three_or_more=Count("pk", filter=Q(**{f"{qa}__gte": 3})),
            positive=Count("pk", filter=Q(report__recommendation=Recommendation.POSITIVE)),
            negative=Count("pk", filter=Q(report__recommendation=Recommendation.NEGATIVE)),
            la_changed_plan=Count("pk", filter=Q(report__la_changed_plan=True)),
            la_kept_plan=Count("pk", filter=Q(report__la_changed_plan=False)),
        )
        .order_by()
    )
    counted = [name for name in FiledGroup.__dataclass_fields__ if name not in ("assessment_type", "authority")]
    totals: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    days: dict[str, dict[str, Counter[int]]] = {
        measure: defaultdict(Counter) for measure in ("taken", "allowed", "instructed", "saved")
    }
    for row in rows:
        kind, n = row["assessment_type"], row["completed"]
        totals[kind, row["authority"]].update({name: row[name] for name in counted})
        taken, instructed = row["taken"], row["instructed"]
        days["taken"][kind][taken] += n
        days["allowed"][kind][row["allowed"]] += n
        if instructed is not None:  # no court date: nothing instructed
            days["instructed"][kind][instructed] += n
            days["saved"][kind][instructed - taken] += n
    groups = [
        FiledGroup(kind, authority, **{name: total[name] for name in counted})
        for (kind, authority), total in totals.items()
    ]
    if groups:
        # An extended clock's due date is the court's: the timescale allowed the days to the due date
        # before the first extension. Only those assessments are looked up one by one (in the database),
        # so the per-row lookup is not costed (and compiled) for every assessment in the period.
        extended = (
            filed.filter(clock__in=TimescaleExtension.objects.values("clock"))
            .values(
                "assessment_type",
                due=DaysBetween(*DAY_MEASURES["allowed"]),
                allowed=DaysBetween(_rule_due(), F("clock__clock_start")),
            )
            .annotate(n=Count("pk"))
            .order_by()
            .values_list("assessment_type", "due", "allowed", "n")
        )
        for kind, due, allowed, n in extended:
            days["allowed"][kind][due] -= n
            days["allowed"][kind][allowed] += n
    return FiledCounts(groups=groups, days=days)


def assessments_section(filters: Filters, filed: FiledCounts) -> Section:
    """Assessments completed (report filed) in the period; on time against the hub's timescale and the court's date."""
    completed = filed.total("completed")
    within = filed.total("within_timescale")
    with_court_date = filed.total("with_court_date")
    by_court = filed.total("by_court_date")
    by_type: dict[str, list[FiledGroup]] = defaultdict(list)
    by_authority: dict[str, list[FiledGroup]] = defaultdict(list)
    for group in filed.groups:
        by_type[group.assessment_type].append(group)
        by_authority[group.authority].append(group)

    def court_share(items: list[FiledGroup]) -> float | None:
        return percent(filed.total("by_court_date", items), filed.total("with_court_date", items))

    type_rows: list[list[Value]] = []
    days_rows: list[list[Value]] = []
    for value, label in AssessmentType.choices:
        items = by_type.get(value)
        if not items:
            continue
        count = filed.total("completed", items)
        on_time = filed.total("within_timescale", items)
        type_rows.append([label, count, on_time, percent(on_time, count), court_share(items)])
        days_rows.append(
            [
                label,
                filed.median("taken", value),
                filed.median("allowed", value),
                filed.median("instructed", value),
            ]
        )
    return Section(
        key="assessments",
        title="Assessments completed",
        headlines=[
            Headline("assessments_completed", "Assessments completed", completed, "report filed in the period"),
            Headline(
                "filed_within_timescale_percent",
                "Filed within the hub's timescale",
                percent(within, completed),
                f"{within} of {completed}",
            ),
            Headline(
                "filed_by_court_date_percent",
                "Filed by the court's filing date",
                percent(by_court, with_court_date),
                f"{by_court} of {with_court_date} with a court date",
            ),
            Headline("median_days_taken", "Median days taken", filed.median("taken"), "from the letter and bundle"),
            Headline("median_days_allowed", "Median days the timescale allowed", filed.median("allowed")),
            Headline("median_days_instructed", "Median days the court instructed", filed.median("instructed")),
            Headline(
                "median_days_shorter_than_instructed", "Median days shorter than instructed", filed.median("saved")
            ),
            Headline("assessments_filed_within_timescale", "Filed within timescale (count)", within),
            Headline("assessments_filed_by_court_date", "Filed by the court's date (count)", by_court),
        ],
        tables=[
            Table(
                "completed_by_type",
                "Assessments completed by type",
                ["Type", "Completed", "Within timescale", "Within timescale %", "By the court's date %"],
                type_rows,
                Chart(0, (1,)),
            ),
            Table(
                "timeliness_by_type",
                "Share filed within the hub's timescale, by type",
                ["Type", "Within timescale %"],
                [[row[0], row[3]] for row in type_rows],
                Chart(0, (1,), percent=True),
            ),
            Table(
                "days_by_type",
                "Median days taken against the timescale and what the court instructed",
                ["Type", "Median days taken", "Median days the timescale allowed", "Median days instructed"],
                days_rows,
                Chart(0, (1, 2, 3)),
            ),
            Table(
                "completed_by_authority",
                "Assessments completed by local authority",
                ["Local authority", "Completed", "Within timescale %", "By the court's date %"],
                [
                    [
                        name,
                        filed.total("completed", items),
                        percent(filed.total("within_timescale", items), filed.total("completed", items)),
                        court_share(items),
                    ]
                    for name, items in sorted(by_authority.items())
                ],
                Chart(0, (1,)),
            ),
        ],
        note="Days are calendar days from the day the complete letter of instruction and bundle were received. "
        "The timescale's days include any pause (checks permitting); an assessment the court extended is "
        "outside its timescale.",
    )


def qa_section(filters: Filters, filed: FiledCounts) -> Section:
    """How many times each report completed in the period went to the service manager's QA."""
    completed = filed.total("completed")
    once = filed.total("qa_once")
    return Section(
        key="quality_assurance",
        title="Quality assurance",
        headlines=[
            Headline("qa_rounds_total", "QA rounds", filed.total("qa_rounds")),
            Headline(
                "qa_rounds_mean",
                "Rounds per report",
                round(filed.total("qa_rounds") / completed, 1) if completed else None,
            ),
            Headline(
                "qa_first_time_percent",
                "Approved at the first round",
                percent(once, completed),
                f"{once} of {completed}",
            ),
        ],
        tables=[
            Table(
                "qa_rounds",
                "Reports by QA rounds",
                ["QA rounds", "Reports"],
                [["1", once], ["2", filed.total("qa_twice")], ["3 or more", filed.total("qa_three_or_more")]],
                Chart(0, (1,)),
            )
        ],
    )


def outcomes_section(filters: Filters, filed: FiledCounts) -> Section:
    completed = filed.total("completed")
    positive = filed.total("positive")
    negative = filed.total("negative")
    changed = filed.total("la_changed_plan")
    unchanged = filed.total("la_kept_plan")
    return Section(
        key="outcomes",
        title="Outcomes",
        headlines=[
            Headline("recommendation_positive", "Positive recommendation", positive),
            Headline("recommendation_negative", "Negative recommendation", negative),
            Headline("outcome_not_recorded", "Outcome not yet recorded", completed - positive - negative),
            Headline("la_changed_plan", "Local authority changed its plan", changed),
        ],
        tables=[
            Table(
                "outcomes",
                "Outcomes of the assessments completed",
                ["Outcome", "Assessments"],
                [
                    ["Positive recommendation", positive],
                    ["Negative recommendation", negative],
                    ["Not yet recorded", completed - positive - negative],
                    ["Local authority changed its plan", changed],
                    ["Local authority kept its plan", unchanged],
                ],
                Chart(0, (1,)),
            )
        ],
    )


# --- Pauses ----------------------------------------------------------------------------


def pauses_section(filters: Filters, *, as_of: datetime.date) -> Section:
    """Days the clocks stood still in the period, by cause: each pause cut to the period and
    counted by the timescale engine (engine.paused_days), live and filed assessments alike."""
    after_end = filters.ends + datetime.timedelta(days=1)
    pauses = (
        ClockPause.objects.filter(started_on__lte=filters.ends)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=filters.starts))
        .filter(clock__assessment__in=_assessments(filters).values("pk"))
        .order_by()
        .values_list("reason", "started_on", "ended_on", "clock_id", "clock__clock_start")
    )
    days: Counter[str] = Counter()
    clocks: dict[str, set[int]] = defaultdict(set)
    group_of = {reason: key for key, _, reasons in PAUSE_GROUPS for reason in reasons}
    for reason, started_on, ended_on, clock_id, clock_start in pauses:
        cut = engine.Pause(
            max(started_on, filters.starts),
            min(ended_on, after_end) if ended_on is not None else after_end,
            engine.PauseReason(reason),
        )
        counted = engine.paused_days([cut], clock_start=clock_start, as_of=min(as_of, filters.ends))
        if counted:
            days[group_of[reason]] += counted
            clocks[group_of[reason]].add(clock_id)
    return Section(
        key="pauses",
        title="Pauses",
        headlines=[
            *[Headline(f"pause_days_{key}", f"Days paused: {label}", days[key]) for key, label, _ in PAUSE_GROUPS],
            Headline("assessments_paused", "Assessments paused", len(set().union(*clocks.values()))),
        ],
        tables=[
            Table(
                "pauses_by_cause",
                "Days paused by cause",
                ["Cause", "Days paused", "Assessments paused"],
                [[label, days[key], len(clocks[key])] for key, label, _ in PAUSE_GROUPS],
                Chart(0, (1,)),
            )
        ],
        note="Only timescales that allow for checks (full fostering and special guardianship) pause. "
        "Days are counted within the period; a pause still open counts up to today.",
    )


# --- Training --------------------------------------------------------------------------


def training_section(filters: Filters) -> Section:
    """Places booked and attended on sessions held in the period (hub.training.selectors)."""
    rows = training.places_by_authority_and_course(
        starts=filters.starts, ends=filters.ends, local_authority=filters.local_authority
    )
    by_authority: dict[str, Counter[str]] = defaultdict(Counter)
    by_course: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        for totals, key in ((by_authority, row.local_authority), (by_course, row.course)):
            totals[key]["booked"] += row.booked
            totals[key]["attended"] += row.attended
    booked = sum(row.booked for row in rows)
    attended = sum(row.attended for row in rows)
    return Section(
        key="training",
        title="Training",
        headlines=[
            Headline("training_places_booked", "Training places booked", booked),
            Headline("training_places_attended", "Places attended", attended, _share(attended, booked)),
            Headline("training_authorities", "Authorities taking places", len(by_authority)),
        ],
        tables=[
            Table(
                "training_by_authority",
                "Training places booked and attended by local authority",
                ["Local authority", "Booked", "Attended"],
                [[name, c["booked"], c["attended"]] for name, c in sorted(by_authority.items())],
                Chart(0, (1, 2)),
            ),
            Table(
                "training_by_course",
                "Training places booked and attended by course",
                ["Course", "Booked", "Attended"],
                [[name, c["booked"], c["attended"]] for name, c in sorted(by_course.items())],
                Chart(0, (1, 2)),
            ),
        ],
        note="Sessions held in the period; the type and assessor filters do not apply to training.",
    )


# --- Feedback, advocacy and kinship referrals (hub.feedback, issue 12) ------------------


def _support_assessments(filters: Filters) -> Any:
    """The assessments the filters choose, for the feedback app's rows that hang off one."""
    return _assessments(filters).values("pk")


def feedback_section(filters: Filters) -> Section:
    """Family members' and professionals' answers by statement: % agreeing, with counts
    (hub.feedback.selectors.results, the feedback app's own count)."""
    chosen = feedback.ResultsFilter(
        local_authority_id=filters.local_authority,
        assessment_type=filters.assessment_type,
        assessor_id=filters.assessor,
        submitted_from=filters.starts,
        submitted_to=filters.ends,
    )
    headlines: list[Headline] = []
    tables: list[Table] = []
    for kind, label in ((SurveyKind.FAMILY, "Family members"), (SurveyKind.PROFESSIONAL, "Professionals")):
        result = feedback.results(kind, chosen, by="hub")
        found = result.groups[0].findings if result.groups else []
        headlines.append(Headline(f"{kind}_surveys_answered", f"{label}: surveys answered", result.responses))
        tables.append(
            Table(
                f"feedback_{kind}",
                f"{label}: feedback by statement",
                ["Statement", "Agreeing %", "Agreeing", "Answered"],
                [[f.finding[:1].upper() + f.finding[1:], f.percent, f.count, f.answered] for f in found],
                Chart(0, (1,), percent=True),
            )
        )
    return Section(
        key="feedback",
        title="Feedback by statement",
        headlines=headlines,
        tables=tables,
        note="Surveys answered in the period. A statement counts those who answered it; a rating counts as "
        "agreeing at 4 or 5.",
    )


def advocacy_section(filters: Filters) -> Section:
    """Advocacy offered to the parents and carers assessed (by the day offered) and taken up."""
    offers = AdvocacyOffer.objects.filter(
        offered_on__gte=filters.starts, offered_on__lte=filters.ends, assessment__in=_support_assessments(filters)
    )
    offered = offers.count()
    taken_up = offers.filter(answer=AdvocacyAnswer.ACCEPTED).count()
    referred = AdvocacyOffer.objects.filter(
        referred_on__gte=filters.starts, referred_on__lte=filters.ends, assessment__in=_support_assessments(filters)
    ).count()
    return Section(
        key="advocacy",
        title="Advocacy offered and taken up",
        headlines=[
            Headline("advocacy_offered", "Advocacy offered", offered),
            Headline("advocacy_taken_up", "Taken up", taken_up, _share(taken_up, offered)),
            Headline("advocacy_referred", "Referred to an advocate", referred),
        ],
        tables=[
            Table(
                "advocacy",
                "Advocacy offered and taken up",
                ["Advocacy", "People"],
                [["Offered", offered], ["Taken up", taken_up], ["Referred to an advocate", referred]],
                Chart(0, (1,)),
            )
        ],
    )


def kinship_section(filters: Filters) -> Section:
    """Kinship carers referred to a kinship support programme in the period, by authority."""
    referrals = SupportReferral.objects.filter(
        kind=ProviderKind.KINSHIP,
        referred_on__gte=filters.starts,
        referred_on__lte=filters.ends,
        assessment__in=_support_assessments(filters),
    )
    rows = (
        referrals.order_by()
        .values("assessment__referral__local_authority__name")
        .annotate(n=Count("id"))
        .order_by("assessment__referral__local_authority__name")
    )
    by_authority = [[row["assessment__referral__local_authority__name"], row["n"]] for row in rows]
    post_separation = SupportReferral.objects.filter(
        kind=ProviderKind.POST_SEPARATION,
        referred_on__gte=filters.starts,
        referred_on__lte=filters.ends,
        assessment__in=_support_assessments(filters),
    ).count()
    return Section(
        key="kinship",
        title="Kinship referrals",
        headlines=[
            Headline("kinship_referrals", "Referrals to kinship support", sum(n for _, n in by_authority)),
            Headline("post_separation_referrals", "Parents referred for support after separation", post_separation),
        ],
        tables=[
            Table(
                "kinship_by_authority",
                "Referrals to kinship support by local authority",
                ["Local authority", "Referrals"],
                by_authority,
                Chart(0, (1,)),
            )
        ],
    )


# --- All of it -------------------------------------------------------------------------


def impact_figures(filters: Filters, *, as_of: datetime.date | None = None) -> Figures:
    """Every section's figures for the period and filters: the one function the pages,
    downloads, PDF and `manage.py impact_figures` all call."""
    as_of = as_of or timezone.localdate()
    filed = filed_counts(filters)
    return Figures(
        filters=filters,
        as_of=as_of,
        sections=[
            referrals_section(filters),
            assessments_section(filters, filed),
            pauses_section(filters, as_of=as_of),
            qa_section(filters, filed),
            outcomes_section(filters, filed),
            feedback_section(filters),
            advocacy_section(filters),
            kinship_section(filters),
            training_section(filters),
        ],
    )


def authorities() -> list[tuple[int, str]]:
    return list(
        Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).order_by("name").values_list("pk", "name")
    )
