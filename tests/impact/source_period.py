"""A hub period like the one in the source documents (000, 001), as a history file.

"12 assessments accepted into the Hub (between 5th December and 6th March).
Referrals have been received from 5 separate Local Authorities. 8 were parenting
assessments (filed within 8 weeks of LOI), 4 were for fostering (2 viability, 2
joint fostering/SGO)." One more referral, declined, is added so that declines are
counted too. Medical and DBS checks pause the two joint fostering/SGO
assessments, the sources' key theme. Every reference and date is invented.

The figures the tests expect are counted by hand, here, from these rows.
"""

import csv
import datetime
import io
import re

from openpyxl import Workbook

from hub.impact.history import COLUMN_NAMES

PERIOD = (datetime.date(2025, 12, 5), datetime.date(2026, 3, 6))
# A day after the period, so that no date in the file is in the future.
TODAY = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)

CWAC, LIVERPOOL, WIRRAL, HALTON, SEFTON = "Cheshire West and Chester", "Liverpool", "Wirral", "Halton", "Sefton"

# reference, authority, type, reason, received, filed, court's filing date, QA rounds, recommendation,
# LA changed its plan, pauses
ROWS = [
    ("P1", CWAC, "parenting", "disagreement", "2025-12-05", "2026-01-16", "2026-01-30", 1, "positive", "yes", ""),
    ("P2", LIVERPOOL, "parenting", "previous_quality", "2025-12-08", "2026-01-22", "2026-02-02", 1, "negative", "", ""),
    ("P3", WIRRAL, "parenting", "disagreement", "2025-12-10", "2026-01-28", "2026-02-04", 2, "positive", "", ""),
    ("P4", HALTON, "parenting", "previous_quality", "2025-12-15", "2026-02-03", "2026-02-09", 1, "negative", "no", ""),
    ("P5", SEFTON, "parenting", "disagreement", "2025-12-17", "2026-02-09", "2026-02-11", 1, "positive", "", ""),
    ("P6", LIVERPOOL, "parenting", "previous_quality", "2026-01-05", "2026-02-27", "2026-03-02", 1, "positive", "", ""),
    ("P7", CWAC, "parenting", "disagreement", "2026-01-07", "2026-03-03", "2026-03-04", 1, "negative", "", ""),
    ("P8", WIRRAL, "parenting", "previous_quality", "2026-01-09", "2026-03-05", "2026-03-06", 1, "positive", "", ""),
    ("V1", HALTON, "kinship_viability", "disputed_fostering", "2025-12-08", "2025-12-19", "2025-12-22", 1, "negative",
     "", ""),
    ("V2", SEFTON, "kinship_viability", "disputed_fostering", "2026-01-05", "2026-01-16", "2026-01-19", 1, "positive",
     "", ""),
    ("J1", LIVERPOOL, "joint_fostering_sgo", "disputed_fostering", "2025-12-09", "2026-02-13", "2026-02-20", 2,
     "positive", "", "dbs_check 2025-12-15/2025-12-29"),
    ("J2", WIRRAL, "joint_fostering_sgo", "disagreement", "2025-12-12", "2026-03-02", "2026-02-27", 1, "negative", "",
     "dbs_check 2025-12-19/2026-01-02; medical 2026-01-05/2026-01-12"),
]  # fmt: skip
DECLINED = ("D1", LIVERPOOL, "full_fostering", "other", "2026-02-02")

# Counted by hand from the rows above.
EXPECTED = {
    "referrals_received": 13,
    "referrals_accepted": 12,
    "referrals_declined": 1,
    "referrals_awaiting_decision": 0,
    "referring_authorities": 5,
    "assessments_completed": 12,
    "assessments_filed_within_timescale": 12,
    "filed_within_timescale_percent": 100.0,
    # J2 was filed on 2 March, after the court's 27 February (its pauses moved the hub's date on).
    "assessments_filed_by_court_date": 11,
    "filed_by_court_date_percent": 91.7,
    # Days taken: 11, 11, 42, 45, 49, 50, 53, 54, 55, 55, 66, 80.
    "median_days_taken": 51.5,
    # Allowed: 14, 14, 56 (x8), 84 (70 + 14 paused), 91 (70 + 21 paused).
    "median_days_allowed": 56.0,
    # Instructed (the court's date less the day received): 14, 14, 56 (x8), 73, 77.
    "median_days_instructed": 56.0,
    # Instructed less taken: -3, 1, 1, 2, 3, 3, 3, 6, 7, 7, 11, 14.
    "median_days_shorter_than_instructed": 3.0,
    "pause_days_dbs": 28,
    "pause_days_medical": 7,
    "pause_days_other": 0,
    "assessments_paused": 2,
    "qa_rounds_total": 14,
    "qa_rounds_mean": 1.2,
    "qa_first_time_percent": 83.3,
    "recommendation_positive": 7,
    "recommendation_negative": 5,
    "outcome_not_recorded": 0,
    "la_changed_plan": 1,
}
EXPECTED_BY_AUTHORITY = [
    [CWAC, 2, 2, 0],
    [HALTON, 2, 2, 0],
    [LIVERPOOL, 4, 3, 1],
    [SEFTON, 2, 2, 0],
    [WIRRAL, 3, 3, 0],
]
EXPECTED_BY_TYPE = [
    ["Parenting assessment", 8],
    ["Kinship viability assessment", 2],
    ["Full fostering assessment", 1],
    ["Joint fostering and special guardianship assessment", 2],
]
EXPECTED_COMPLETED_BY_TYPE = [
    ["Parenting assessment", 8, 8, 100.0, 100.0],
    ["Kinship viability assessment", 2, 2, 100.0, 100.0],
    ["Joint fostering and special guardianship assessment", 2, 2, 100.0, 50.0],
]


def _day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def shifted(data: list[dict[str, str]], days: int) -> list[dict[str, str]]:
    """The same rows moved by `days` (whole weeks keep each date's weekday), for a test that needs them recent."""

    def move(match: re.Match[str]) -> str:
        return (datetime.date.fromisoformat(match.group(0)) + datetime.timedelta(days=days)).isoformat()

    return [{k: re.sub(r"\d{4}-\d{2}-\d{2}", move, v) for k, v in row.items()} for row in data]


def rows(*, assessor_email: str = "") -> list[dict[str, str]]:
    """The rows as the history file holds them (P1 and P2 with an assessor when one is given)."""
    result = []
    for ref, la, kind, reason, received, filed, court, rounds, recommendation, changed, pauses in ROWS:
        filed_on = _day(filed)
        result.append(
            {
                "reference": f"SRC-{ref}",
                "local_authority": la,
                "assessment_type": kind,
                "reason": reason,
                "received": received,
                "decision": "accepted",
                "decided": (_day(received) + datetime.timedelta(days=1 if ref != "P1" else 0)).isoformat(),
                "allocated": (_day(received) + datetime.timedelta(days=1)).isoformat(),
                "assessor_email": assessor_email if ref in ("P1", "P2") else "",
                "draft_to_qa": (filed_on - datetime.timedelta(days=4)).isoformat(),
                "qa_done": (filed_on - datetime.timedelta(days=1)).isoformat(),
                "qa_rounds": str(rounds),
                "filed": filed,
                "court_filing_date": court,
                "pauses": pauses,
                "recommendation": recommendation,
                "la_changed_plan": changed,
            }
        )
    ref, la, kind, reason, received = DECLINED
    result.append(
        {"reference": f"SRC-{ref}", "local_authority": la, "assessment_type": kind, "reason": reason,
         "received": received, "decision": "declined", "decided": received}
    )  # fmt: skip
    return result


def as_csv(data: list[dict[str, str]], columns: list[str] | None = None) -> bytes:
    columns = columns or COLUMN_NAMES
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in data:
        writer.writerow([row.get(name, "") for name in columns])
    return buffer.getvalue().encode()


def as_xlsx(data: list[dict[str, str]], *, real_dates: bool = True) -> bytes:
    """An Excel file as a person would make it: dates as Excel dates, numbers as numbers."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMN_NAMES)
    for row in data:
        cells: list[object] = []
        for name in COLUMN_NAMES:
            value = row.get(name, "")
            if real_dates and name in ("received", "decided", "allocated", "draft_to_qa", "qa_done", "filed",
                                       "court_filing_date") and value:  # fmt: skip
                cells.append(datetime.datetime.fromisoformat(value))
            elif name == "qa_rounds" and value:
                cells.append(int(value))
            else:
                cells.append(value or None)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
