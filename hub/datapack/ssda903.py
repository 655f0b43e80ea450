"""The DfE's SSDA903 (children looked after) return as the authorities send it: CSV layouts, codes, row checks.

Plain Python with no Django import: the importer (services), the benchmark and the
tests read files through the same functions.

Sources followed:
- Column names of each table, as the DfE's CSV layouts name them: the open-source
  903 validator's upload page (SocialFinanceDigitalLabs/quality-lac-data-beta-validator,
  "column headers for each CSV file - these must match exactly"), checked against
  the data-to-insight SSD 903 extract (built from the DfE's CLA SSDA903 2023-24
  technical specification).
- Codes: the same validator's DfE rules 101 (SEX), 143 (RNE), 144 (LS), 145 (CIN),
  146 (PLACE), 149 (REC), 178 (PLACE_PROVIDER), 1009 (REASON_PLACE_CHANGE); its
  date rules (102, 141, 147) read dates as dd/mm/yyyy; rule 356 refuses an episode
  that ceased before it began.
- Labels of the codes: the DfE's SSDA903 guidance (children looked after return).

A table is recognised by its header row, not by the file's name (authorities name
their files in many ways); the header must match the DfE's columns exactly, in order.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Table(StrEnum):
    HEADER = "Header"
    EPISODES = "Episodes"
    UASC = "UASC"
    OC2 = "OC2"
    OC3 = "OC3"
    AD1 = "AD1"
    PLACED_FOR_ADOPTION = "Placed for adoption"
    PREVIOUS_PERMANENCE = "Previous permanence"
    MISSING = "Missing"
    REVIEWS = "Reviews"


COLUMNS: dict[Table, tuple[str, ...]] = {
    Table.HEADER: ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    Table.EPISODES: (
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ),
    Table.UASC: ("CHILD", "SEX", "DOB", "DUC"),
    Table.OC2: (
        "CHILD",
        "DOB",
        "SDQ_SCORE",
        "SDQ_REASON",
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ),
    Table.OC3: ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
    Table.AD1: ("CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"),
    Table.PLACED_FOR_ADOPTION: ("CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
    Table.PREVIOUS_PERMANENCE: ("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"),
    Table.MISSING: ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
    Table.REVIEWS: ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
}
TABLE_BY_COLUMNS = {columns: table for table, columns in COLUMNS.items()}
REQUIRED_TABLES = (Table.HEADER, Table.EPISODES)
# Header first: an episode is checked against the children the header lists.
TABLE_ORDER = tuple(COLUMNS)

# Dates in the other tables, checked for their dd/mm/yyyy format.
DATE_COLUMNS = frozenset(
    {
        "DOB",
        "MC_DOB",
        "DECOM",
        "DEC",
        "DUC",
        "DATE_INT",
        "DATE_MATCH",
        "DATE_PLACED",
        "DATE_PLACED_CEASED",
        "DATE_PERM",
        "MIS_START",
        "MIS_END",
        "REVIEW",
    }
)

SEX = {"1": "Male", "2": "Female"}
RNE = {
    "S": "Started to be looked after",
    "L": "Change of legal status only",
    "P": "Change of placement and carer(s) only",
    "T": "Change of both legal status and placement and carer(s) at the same time",
    "U": "Change of placement but with the same carer(s)",
    "B": "Change of legal status and placement, with the same carer(s)",
}
# A new episode for any of these reasons is a change of placement: a move.
MOVE_REASONS = frozenset({"P", "T", "U", "B"})
LEGAL_STATUS = {
    "C1": "Interim care order",
    "C2": "Full care order",
    "D1": "Freeing order granted",
    "E1": "Placement order granted",
    "V2": "Single period of accommodation under section 20",
    "V3": "Short breaks: individual episodes recorded",
    "V4": "Short breaks: agreements recorded",
    "J1": "Remanded to local authority or youth detention accommodation",
    "J2": "Placed in local authority accommodation under PACE",
    "J3": "Supervision order with residence requirement",
    "L1": "Police protection, in local authority accommodation",
    "L2": "Emergency protection order",
    "L3": "Child assessment order, in local authority accommodation",
}
# The DfE's counts of children looked after at 31 March leave out children looked
# after under an agreed series of short-term placements (short breaks).
SHORT_BREAKS = frozenset({"V3", "V4"})
CATEGORY_OF_NEED = {f"N{n}": f"N{n}" for n in range(1, 9)}
PLACEMENT = {
    "A3": "Placed for adoption with consent, with current foster carer(s)",
    "A4": "Placed for adoption with consent, not with current foster carer(s)",
    "A5": "Placed for adoption with placement order, with current foster carer(s)",
    "A6": "Placed for adoption with placement order, not with current foster carer(s)",
    "H5": "Semi-independent living accommodation not subject to children's homes regulations",
    "K1": "Secure children's home",
    "K2": "Children's home subject to children's homes regulations",
    "P1": "Placed with own parent(s) or other person(s) with parental responsibility",
    "P2": "Independent living",
    "P3": "Residential employment",
    "R1": "Residential care home",
    "R2": "NHS or health trust establishment",
    "R3": "Family centre or mother and baby unit",
    "R5": "Young offender institution or prison",
    "S1": "All residential schools, except where dual-registered as a school and children's home",
    "T0": "Temporary placement: all types",
    "T1": "Temporary periods in hospital",
    "T2": "Temporary absences of the child on holiday",
    "T3": "Temporary accommodation while the normal foster carer is unavailable",
    "T4": "Temporary accommodation of seven days or less",
    "U1": "Foster placement with relative or friend, long term",
    "U2": "Foster placement with relative or friend, for adoption, FFA or concurrent planning",
    "U3": "Foster placement with relative or friend, not long term or FFA",
    "U4": "Foster placement with other foster carer, long term",
    "U5": "Foster placement with other foster carer, for adoption, FFA or concurrent planning",
    "U6": "Foster placement with other foster carer, not long term or FFA",
    "Z1": "Other placements",
}
PLACED_WITH_PARENTS = "P1"
PLACE_PROVIDER = {f"PR{n}": f"PR{n}" for n in range(6)}
REASON_EPISODE_CEASED = {
    "E11": "Adopted: application unopposed",
    "E12": "Adopted: consent dispensed with by the court",
    "E13": "Left care to live with parent(s), relative(s) or others with no parental responsibility",
    "E14": "Accommodation on remand ended",
    "E15": "Age assessment found the child to be 18 or over",
    "E16": "Child moved abroad",
    "E17": "Aged 18 or over and remained with current carers (including staying put)",
    "E2": "Died",
    "E3": "Care taken over by another local authority in the UK",
    "E4A": "Returned home to parent(s) or others with parental responsibility, as part of the care plan",
    "E4B": "Returned home to parent(s) or others with parental responsibility, not as part of the care plan",
    "E41": "Residence or child arrangements order granted",
    "E45": "Special guardianship order: former foster carer(s), relative or friend",
    "E46": "Special guardianship order: former foster carer(s), not relative or friend",
    "E47": "Special guardianship order: other carer(s), relative or friend",
    "E48": "Special guardianship order: other carer(s), not relative or friend",
    "E5": "Independent living with formalised support",
    "E6": "Independent living without formalised support",
    "E7": "Residential care funded by adult social care",
    "E8": "Period of being looked after ceased for any other reason",
    "E9": "Sentenced to custody",
    "X1": "Episode ceased and a new episode began the same day",
}
NEW_EPISODE_FOLLOWS = "X1"
REASON_PLACE_CHANGE = {
    code: code
    for code in ("CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ", "PLACE", "CUSTOD")
} | {"OTHER": "OTHER"}

# Coded columns and where they must come from; blank is allowed where the DfE allows it.
EPISODE_CODES: dict[str, tuple[dict[str, str], bool]] = {
    "RNE": (RNE, False),
    "LS": (LEGAL_STATUS, False),
    "CIN": (CATEGORY_OF_NEED, False),
    "PLACE": (PLACEMENT, False),
    "PLACE_PROVIDER": (PLACE_PROVIDER, True),
    "REC": (REASON_EPISODE_CEASED, True),
    "REASON_PLACE_CHANGE": (REASON_PLACE_CHANGE, True),
}

# No more messages than this are kept for one import: a file with a fault on every
# line says so in the first few hundred, and the page stays readable.
MAX_PROBLEMS = 200


@dataclass(frozen=True)
class Problem:
    """One reason a file set is refused: where (file, line, column) and why."""

    file: str
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class HeaderRow:
    child: str
    sex: str
    dob: datetime.date
    ethnic: str


@dataclass(frozen=True)
class EpisodeRow:
    child: str
    decom: datetime.date
    rne: str
    ls: str
    cin: str
    place: str
    place_provider: str
    dec: datetime.date | None
    rec: str
    reason_place_change: str


def collection_year_end(year: int) -> datetime.date:
    """The last day of a collection year: the 2025 return covers 1 April 2024 to 31 March 2025."""
    return datetime.date(year, 3, 31)


def collection_year_start(year: int) -> datetime.date:
    return datetime.date(year - 1, 4, 1)


def parse_date(value: str) -> datetime.date | None:
    """A dd/mm/yyyy date as the DfE's layouts write it, or None if it is not one."""
    parts = value.split("/")
    if len(parts) != 3 or len(parts[0]) != 2 or len(parts[1]) != 2 or len(parts[2]) != 4:
        return None
    if not all(part.isdigit() for part in parts):
        return None
    try:
        return datetime.date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None


def table_for(columns: Sequence[str]) -> Table | None:
    """Which 903 table a header row belongs to (names compared without surrounding spaces, in upper case)."""
    return TABLE_BY_COLUMNS.get(tuple(name.strip().upper() for name in columns))


def _date(file: str, line: int, column: str, value: str, problems: list[Problem]) -> datetime.date | None:
    parsed = parse_date(value)
    if parsed is None:
        problems.append(Problem(file, line, column, f"“{value}” is not a date in the form dd/mm/yyyy"))
    return parsed


def _code(
    file: str, line: int, column: str, value: str, codes: dict[str, str], blank_allowed: bool, problems: list[Problem]
) -> None:
    if not value:
        if not blank_allowed:
            problems.append(Problem(file, line, column, "is blank, and the DfE's layout needs a code here"))
        return
    if value not in codes:
        problems.append(Problem(file, line, column, f"“{value}” is not a DfE code for {column}"))


def check_header_row(file: str, line: int, row: dict[str, str]) -> tuple[HeaderRow | None, list[Problem]]:
    problems: list[Problem] = []
    child = row["CHILD"]
    if not child:
        problems.append(Problem(file, line, "CHILD", "is blank: every child needs the authority's child identifier"))
    _code(file, line, "SEX", row["SEX"], SEX, False, problems)
    dob = _date(file, line, "DOB", row["DOB"], problems)
    if row["MC_DOB"]:
        _date(file, line, "MC_DOB", row["MC_DOB"], problems)
    if problems or dob is None:
        return None, problems
    return HeaderRow(child=child, sex=row["SEX"], dob=dob, ethnic=row["ETHNIC"]), problems


def check_episode_row(
    file: str, line: int, row: dict[str, str], *, year: int
) -> tuple[EpisodeRow | None, list[Problem]]:
    problems: list[Problem] = []
    if not row["CHILD"]:
        problems.append(Problem(file, line, "CHILD", "is blank: every episode needs the child's identifier"))
    decom = _date(file, line, "DECOM", row["DECOM"], problems)
    dec = _date(file, line, "DEC", row["DEC"], problems) if row["DEC"] else None
    for column, (codes, blank_allowed) in EPISODE_CODES.items():
        _code(file, line, column, row[column], codes, blank_allowed, problems)
    if bool(row["DEC"]) != bool(row["REC"]):
        # DfE rule 148: both coded, or both blank.
        problems.append(Problem(file, line, "REC", "the date and the reason the episode ceased go together"))
    if decom is not None and dec is not None and dec < decom:
        problems.append(Problem(file, line, "DEC", "the episode ceased (DEC) before it began (DECOM)"))
    end = collection_year_end(year)
    if decom is not None and decom > end:
        problems.append(Problem(file, line, "DECOM", f"begins after 31 March {year}, the end of this collection year"))
    if dec is not None and dec > end:
        problems.append(Problem(file, line, "DEC", f"ceases after 31 March {year}, the end of this collection year"))
    if problems or decom is None:
        return None, problems
    return (
        EpisodeRow(
            child=row["CHILD"],
            decom=decom,
            rne=row["RNE"],
            ls=row["LS"],
            cin=row["CIN"],
            place=row["PLACE"],
            place_provider=row["PLACE_PROVIDER"],
            dec=dec,
            rec=row["REC"],
            reason_place_change=row["REASON_PLACE_CHANGE"],
        ),
        problems,
    )


def check_other_row(file: str, line: int, row: dict[str, str], children: set[str] | None) -> list[Problem]:
    """The other tables: the child is known to the header and dates are dates (the pack keeps only their counts)."""
    problems: list[Problem] = []
    if children is not None and row["CHILD"] not in children:
        problems.append(Problem(file, line, "CHILD", f"child “{row['CHILD']}” is not in the header file"))
    for column, value in row.items():
        if column in DATE_COLUMNS and value:
            _date(file, line, column, value, problems)
    return problems


def read_rows(reader: Any, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """The data rows of a `csv.reader` (after its header) as dicts, with the line each ends on.

    Cells are stripped of surrounding spaces; blank rows are skipped; a row of the
    wrong width comes back as {"__width__": "n"} so the caller can report it.
    """
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(columns):
            yield line, {"__width__": str(len(cells))}
            continue
        yield line, {name: cell.strip() for name, cell in zip(columns, cells, strict=True)}
