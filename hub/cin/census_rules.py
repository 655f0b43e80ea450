"""The children in need census for 2024 to 2025: the return as data, its XML, and the
DfE's validation rules that apply to what this service records.

Plain Python, no Django: the export command, the manager's download and the tests
build a `CensusReturn` from the record and ask the same questions of it.

What this follows, and where from:
- The structure and order of the XML (Message, Header/CollectionDetails/Source,
  Children/Child/ChildIdentifiers, ChildCharacteristics/Disabilities, CINdetails
  with Assessments/FactorsIdentifiedAtAssessment, CINPlanDates, Section47,
  ReferralNFA, ChildProtectionPlans/Reviews) is the DfE's "Children in need census
  2024 to 2025: business and technical specification" (version 1.2, November 2024).
  Its one change from 2023 to 2024 is kept: `<Sex>` (N00783, F, M or U) replaces
  `<GenderCurrent>`, so the gender rules (4180, 8750) read Sex here.
- The validation rules are the DfE's census rules as implemented in the open-source
  CIN validator (Social Finance and the DfE, `cin_validator/rules/`) and in the
  Bristol CIN import-export script that replicates COLLECT's checks; each check
  below carries the DfE rule number it implements and the DfE's message. Rules on
  items this service never records (former UPN format, CPP review counts across the
  return, percentage checks over a whole authority) are left out, and queries
  ("Q" rules, which COLLECT lets an authority explain rather than fix) are
  returned as queries, never as errors. Checks numbered HUB-... are this service's
  own, on items the specification makes required where no DfE rule number was
  found to cite.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

from hub.core import census_factors
from hub.core.calendar import add_months

# --- Code sets (the census code set tables) ------------------------------------------

SEX = {"F": "Female", "M": "Male", "U": "Unknown, or an unborn child"}
ETHNICITY = {
    "WBRI": "White British",
    "WIRI": "White Irish",
    "WIRT": "Traveller of Irish heritage",
    "WOTH": "Any other White background",
    "WROM": "Gypsy or Roma",
    "MWBC": "White and Black Caribbean",
    "MWBA": "White and Black African",
    "MWAS": "White and Asian",
    "MOTH": "Any other mixed background",
    "AIND": "Indian",
    "APKN": "Pakistani",
    "ABAN": "Bangladeshi",
    "AOTH": "Any other Asian background",
    "BCRB": "Black Caribbean",
    "BAFR": "Black African",
    "BOTH": "Any other Black background",
    "CHNE": "Chinese",
    "OOTH": "Any other ethnic group",
    "REFU": "Refused",
    "NOBT": "Information not yet obtained",
}
DISABILITY = {
    "NONE": "No disability",
    "AUT": "Autism or Asperger syndrome",
    "BEH": "Behaviour",
    "COMM": "Communication",
    "CON": "Consciousness",
    "DDA": "Disabled under the Equality Act, no further detail",
    "HAND": "Hand function",
    "HEAR": "Hearing",
    "INC": "Incontinence",
    "LD": "Learning",
    "MOB": "Mobility",
    "PC": "Personal care",
    "VIS": "Vision",
}
UPN_UNKNOWN = {
    "UN1": "Child is aged under 6 years old and is not yet in school",
    "UN2": "Child has never attended a state-funded school in England",
    "UN3": "Child is educated outside England",
    "UN4": "Child is newly arrived and the UPN is not yet known",
    "UN5": "Sources collating UPNs reflect a discrepancy",
    "UN6": "Child is an unaccompanied asylum-seeking child",
    "UN7": "Referral with no further action",
}
REFERRAL_SOURCE = {
    "1A": "Individual: family member, relative or carer",
    "1B": "Individual: acquaintance",
    "1C": "Individual: self",
    "1D": "Individual: other",
    "2A": "Schools",
    "2B": "Education services",
    "3A": "Health services: GP",
    "3B": "Health services: health visitor",
    "3C": "Health services: school nurse",
    "3D": "Health services: other primary health services",
    "3E": "Health services: A&E",
    "3F": "Health services: other, including midwifery",
    "4": "Housing",
    "5A": "Local authority services: social care",
    "5B": "Local authority services: other internal",
    "5C": "Local authority services: external",
    "6": "Police",
    "7": "Other legal agency",
    "8": "Other",
    "9": "Anonymous",
    "10": "Unknown",
}
PRIMARY_NEED = {
    "N1": "Abuse or neglect",
    "N2": "Child's disability or illness",
    "N3": "Parental disability or illness",
    "N4": "Family in acute stress",
    "N5": "Family dysfunction",
    "N6": "Socially unacceptable behaviour",
    "N7": "Low income",
    "N8": "Absent parenting",
    "N9": "Cases other than children in need",
}
REASON_FOR_CLOSURE = {
    "RC1": "Adopted",
    "RC2": "Died",
    "RC3": "Child arrangements order",
    "RC4": "Special guardianship order",
    "RC5": "Transferred to services of another local authority",
    "RC6": "Transferred to adult social care services",
    "RC7": "Services ceased for any other reason, including the child no longer in need",
    "RC8": "Case closed after assessment, no further action",
    "RC9": "Case closed after assessment, referred to early help",
}
CATEGORY_OF_ABUSE = {
    "NEG": "Neglect",
    "PHY": "Physical abuse",
    "SAB": "Sexual abuse",
    "EMO": "Emotional abuse",
    "MUL": "Multiple",
}
# Factors identified at the end of assessment: the census's own list since 2018 to 2019,
# shared with the hub's workspace (8A is no longer valid, rule 8617).
ASSESSMENT_FACTORS = census_factors.CIN_FACTORS
NO_FACTORS = census_factors.NO_FACTORS
factor_sort_key = census_factors.factor_sort_key


# --- The return as data -------------------------------------------------------------


@dataclass(frozen=True)
class CensusAssessment:
    start: date | None
    authorised: date | None = None
    factors: tuple[str, ...] = ()


@dataclass(frozen=True)
class CensusPlan:
    start: date | None
    end: date | None = None


@dataclass(frozen=True)
class CensusSection47:
    start: date | None
    icpc_target: date | None = None
    icpc_date: date | None = None
    icpc_not_required: bool = False


@dataclass(frozen=True)
class CensusProtectionPlan:
    start: date | None
    end: date | None = None
    initial_category: str = ""
    latest_category: str = ""
    previous_plans: int | None = 0
    reviews: tuple[date, ...] = ()


@dataclass(frozen=True)
class CensusEpisode:
    referral_date: date | None
    referral_source: str = ""
    primary_need: str = ""
    closure_date: date | None = None
    reason_for_closure: str = ""
    referral_nfa: bool | None = False
    assessments: tuple[CensusAssessment, ...] = ()
    plans: tuple[CensusPlan, ...] = ()
    section47s: tuple[CensusSection47, ...] = ()
    protection_plans: tuple[CensusProtectionPlan, ...] = ()


@dataclass(frozen=True)
class CensusChild:
    la_child_id: str
    # How the child is named to the authority's own staff in the list of what is missing;
    # never written to the return.
    label: str = ""
    upn: str = ""
    upn_unknown: str = ""
    birth_date: date | None = None
    expected_birth_date: date | None = None
    sex: str = ""
    death_date: date | None = None
    ethnicity: str = ""
    disabilities: tuple[str, ...] = ()
    episodes: tuple[CensusEpisode, ...] = ()


@dataclass(frozen=True)
class CensusReturn:
    year: int  # the census year ends on 31 March of this year: 2025 is 2024 to 2025
    la_code: str
    children: tuple[CensusChild, ...] = ()
    serial_no: int = 1
    made_at: dt.datetime | None = None
    software_code: str = "Assessment Hub"
    release: str = "1"

    @property
    def start(self) -> date:
        return date(self.year - 1, 4, 1)

    @property
    def end(self) -> date:
        return date(self.year, 3, 31)


@dataclass(frozen=True)
class Issue:
    rule: str
    message: str
    la_child_id: str = ""
    label: str = ""

    @property
    def is_query(self) -> bool:
        """A DfE query ("Q" rule): to check or explain, not an error that stops the return."""
        return self.rule.endswith("Q")


# --- Which episodes the census covers ----------------------------------------------


def episode_in_year(episode: CensusEpisode, *, start: date, end: date) -> bool:
    """A referral open at any point in the census year (1 April to 31 March)."""
    if episode.referral_date is None or episode.referral_date > end:
        return False
    return episode.closure_date is None or episode.closure_date >= start


# --- UPN check letter (rule 1510) ---------------------------------------------------

_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # 23 letters: no I, O or S
_UPN_SHAPE = re.compile(r"^[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]$")


def upn_check_letter(rest: str) -> str:
    """The check letter for the 12 characters after it (weights 2 to 13, modulo 23)."""
    total = 0
    for weight, char in enumerate(rest, start=2):
        value = int(char) if char.isdigit() else _UPN_LETTERS.index(char)
        total += value * weight
    return _UPN_LETTERS[total % 23]


def upn_valid(upn: str) -> bool:
    upn = upn.upper()
    return bool(_UPN_SHAPE.match(upn)) and upn[0] == upn_check_letter(upn[1:])


# --- The rules ----------------------------------------------------------------------


def _weekend(day: date) -> bool:
    return day.weekday() >= 5


def validate(census: CensusReturn) -> list[Issue]:
    """Every DfE rule below that the return breaks, child by child."""
    issues: list[Issue] = []
    start, end = census.start, census.end
    if not re.fullmatch(r"[0-9]{3}", census.la_code or ""):
        issues.append(Issue("1530", "The LA code in the header is missing or not a valid DfE LA code"))
    ids = Counter(child.la_child_id for child in census.children if child.la_child_id)
    for child in census.children:
        issues.extend(_child_issues(child, start=start, end=end, duplicate=ids[child.la_child_id] > 1))
    return issues


def _child_issues(child: CensusChild, *, start: date, end: date, duplicate: bool) -> list[Issue]:
    found: list[tuple[str, str]] = []

    def add(rule: str, message: str) -> None:
        found.append((rule, message))

    if not child.la_child_id:
        add("8500", "LA Child ID missing")
    elif duplicate:
        add("8510", "More than one child record with the same LA Child ID")
    if child.upn and not upn_valid(child.upn):
        add("1510", "UPN invalid (wrong check letter at character 1)")
    if not child.upn and child.upn_unknown not in UPN_UNKNOWN:
        add("HUB-U1", "UPN is missing and no valid reason for the missing UPN (UPN unknown) is given")
    if child.upn_unknown == "UN7" and any(e.referral_nfa is False for e in child.episodes):
        add(
            "8772",
            "UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is a "
            "referral going on to further action",
        )
    if (child.birth_date is None) == (child.expected_birth_date is None):
        add("8525", "Either Date of Birth or Expected Date of Birth must be provided (but not both)")
    if child.birth_date and child.birth_date > end:
        add("8520", "Date of Birth is after data collection period (must be on or before the end of the census period)")
    if child.expected_birth_date and not (
        end - dt.timedelta(days=30) <= child.expected_birth_date <= add_months(end, 9)
    ):
        add(
            "8530Q",
            "Please check: Expected Date of Birth is outside the expected range for this census "
            "(March to December of the Census Year end)",
        )
    if child.sex not in SEX:
        add("4180", "Sex is missing or invalid (see Sex table in CIN census code set)")
    elif child.expected_birth_date and child.sex != "U":
        add("8750", "Sex must equal U for an unborn child")
    if child.death_date and child.birth_date and child.death_date < child.birth_date:
        add("8535Q", "Please check: Child's date of death should not be prior to the date of birth")
    if child.ethnicity not in ETHNICITY:
        add("4220", "Ethnicity is missing or invalid (see Ethnicity table)")
    further_action = any(e.referral_nfa is False for e in child.episodes)
    if (
        child.birth_date
        and further_action
        and (not child.disabilities or any(code not in DISABILITY for code in child.disabilities))
    ):
        add("8540", "Child's disability is missing or invalid (see Disability table)")
    if "NONE" in child.disabilities and len(set(child.disabilities)) > 1:
        add("8790", "Disability information includes both None and other values")
    if len(set(child.disabilities)) < len(child.disabilities):
        add("8794", "Child has two or more disabilities with the same code")
    if not child.episodes:
        add("8590", "Child does not have a recorded CIN episode.")
    open_further = [e for e in child.episodes if e.closure_date is None and e.referral_nfa is False]
    if len(open_further) > 1:
        add(
            "8815",
            "More than one open CIN Details episode (a module with no CIN Closure Date) has been provided for "
            "this child and case is not a referral with no further action.",
        )
    episodes = sorted((e for e in child.episodes if e.referral_date), key=lambda e: e.referral_date or start)
    for earlier, later in pairwise(episodes):
        ends = earlier.closure_date or (end if earlier.referral_nfa is False else None)
        if ends is not None and later.referral_date is not None and later.referral_date < ends:
            add("8820", "The dates on the CIN episodes for this child overlap")
    for episode in child.episodes:
        for rule, message in _episode_issues(child, episode, start=start, end=end):
            add(rule, message)
    seen: set[tuple[str, str]] = set()
    issues: list[Issue] = []
    for rule, message in found:
        if (rule, message) not in seen:
            seen.add((rule, message))
            issues.append(Issue(rule, message, child.la_child_id, child.label))
    return issues


def _episode_issues(child: CensusChild, e: CensusEpisode, *, start: date, end: date) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []

    def add(rule: str, message: str) -> None:
        out.append((rule, message))

    referral = e.referral_date
    if referral is None:
        add("8600", "Child referral date is missing or after data collection period")
        return out
    if referral > end:
        add("8600", "Child referral date is missing or after data collection period")
    born = child.birth_date or child.expected_birth_date
    if born and referral < born - dt.timedelta(days=280):
        add("8606", "Child referral date is more than 40 weeks before DOB or expected DOB")
    if child.death_date and child.death_date < referral:
        add("8555", "Child cannot be referred after its recorded date of death")
    if e.referral_nfa is None:
        add("8568", "RNFA flag is missing or invalid")
    if e.referral_nfa is False and not e.primary_need:
        add("8610", "Primary Need code is missing for a referral which led to further action")
    if e.primary_need and e.primary_need not in PRIMARY_NEED:
        add("8650", "Primary Need Code invalid (see Primary Need table in CIN census code set)")
    if e.referral_source not in REFERRAL_SOURCE:
        add("8866", "Source of Referral is missing or an invalid code")
    if e.closure_date and not start <= e.closure_date <= end:
        add("8620", "CIN Closure Date present and does not fall within the Census year")
    if e.closure_date and e.closure_date < referral:
        add("8630", "CIN Closure Date is before CIN Referral Date for the same CIN episode")
    if e.reason_for_closure and e.reason_for_closure not in REASON_FOR_CLOSURE:
        add("8640", "CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)")
    if e.closure_date and not e.reason_for_closure:
        add("8805", "A CIN case cannot have a CIN closure date without a Reason for Closure")
    if e.reason_for_closure and not e.closure_date:
        add("8810", "A CIN case cannot have a Reason for Closure without a CIN Closure Date")
    if e.reason_for_closure in ("RC8", "RC9") and not e.assessments:
        add(
            "8825Q",
            "Please check and either amend data or provide a reason: Reason for Closure code RC8 or RC9 has been "
            "returned but there is no assessment present for the episode.",
        )
    if e.reason_for_closure == "RC2" and not child.death_date:
        add(
            "8585Q",
            "Please check: CIN episode shows Died as the Closure Reason, however child has no recorded Date of Death",
        )
    if e.reason_for_closure == "RC8" and (e.section47s or e.plans or e.protection_plans):
        add("2990", "Activity is recorded against a case marked as 'Case closed after assessment, no further action'")
    if e.referral_nfa and (e.assessments or e.section47s):
        add("8831", "Activity is recorded against a case marked as a referral with no further action")
    if e.referral_nfa and e.plans:
        add("4000", "CIN Plan details provided for a referral with no further action")
    if e.referral_nfa and e.protection_plans:
        add("8832", "Child Protection details provided for a referral with no further action")
    closure = e.closure_date
    activity = [
        *(a.start for a in e.assessments),
        *(a.authorised for a in e.assessments),
        *(s.start for s in e.section47s),
        *(s.icpc_date for s in e.section47s),
        *(p.start for p in e.plans),
        *(p.end for p in e.plans),
        *(p.end for p in e.protection_plans),
    ]
    if closure and any(day and day > closure for day in activity):
        add("8565", "Activity shown after a case has been closed")
    if closure and any(a.authorised is None for a in e.assessments):
        add("8867", "CIN episode is shown as closed, however Assessment is not shown as completed")
    if closure and any(s.icpc_date is None and not s.icpc_not_required for s in e.section47s):
        add(
            "8868",
            "CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or "
            "ICPC not required flag",
        )
    out.extend(_assessment_issues(child, e, start=start, end=end))
    out.extend(_plan_issues(e, start=start, end=end))
    out.extend(_section47_issues(e, start=start, end=end))
    out.extend(_protection_plan_issues(child, e, start=start, end=end))
    return out


def _assessment_issues(child: CensusChild, e: CensusEpisode, *, start: date, end: date) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    assert e.referral_date is not None
    if sum(1 for a in e.assessments if a.authorised is None) > 1:
        out.append(("8896", "Within one CINDetails group there are 2 or more open Assessments groups"))
    ordered = sorted((a for a in e.assessments if a.start), key=lambda a: a.start or start)
    for earlier, later in pairwise(ordered):
        if later.start and earlier.start and later.start < (earlier.authorised or end):
            out.append(("8863", "An Assessment is shown as starting when there is another Assessment ongoing"))
    for a in e.assessments:
        if a.start is None:
            out.append(("HUB-A1", "Assessment actual start date is missing"))
            continue
        if a.start < e.referral_date:
            out.append(("1103", "The assessment start date cannot be before the referral date"))
        if a.authorised and a.start > a.authorised:
            out.append(("8608", "Assessment Start Date cannot be later than its End Date"))
        if a.authorised and not start <= a.authorised <= end:
            out.append(("8696", "Assessment end date must fall within the census year"))
        if a.authorised is None and not start <= a.start <= end:
            out.append(
                (
                    "8736",
                    "For an Assessment that has not been completed, the start date must fall within the census year",
                )
            )
        if a.authorised and a.authorised >= start and not any(f in ASSESSMENT_FACTORS for f in a.factors):
            out.append(
                ("8897", "Parental or child factors at assessment information is missing from a completed assessment")
            )
        if a.authorised is None and a.factors:
            out.append(
                ("8614", "Parental or child factors at assessment should only be present for a completed assessment.")
            )
        if len(set(a.factors)) < len(a.factors):
            out.append(("8898", "The assessment has more than one parental or child factors with the same code"))
        if NO_FACTORS in a.factors and len(set(a.factors)) > 1:
            out.append(
                (
                    "8869",
                    'The assessment factors code "21" cannot be used in conjunction with any other assessment factors.',
                )
            )
        if "8A" in a.factors:
            out.append(("8617", "Code 8A has been returned. This code is not a valid code."))
        if any(f not in ASSESSMENT_FACTORS and f != "8A" for f in a.factors):
            out.append(
                ("HUB-F1", "An assessment factor code is not in the Factors identified at the end of assessment table")
            )
        disabled = any(code != "NONE" for code in child.disabilities)
        if disabled and a.authorised and a.authorised >= start and not {"5A", "6A"} & set(a.factors):
            out.append(
                (
                    "8899Q",
                    "Please check: A child identified as having a disability does not have a disability factor "
                    "recorded at the end of assessment.",
                )
            )
    only_one = len(e.assessments) == 1
    if only_one and NO_FACTORS in e.assessments[0].factors and e.closure_date and e.reason_for_closure != "RC8":
        out.append(
            (
                "8873",
                'When there is only one assessment on the episode and the factors code "21 No factors identified" '
                "has been used for the completed assessment, the reason for closure 'RC8' must be used.",
            )
        )
    return out


def _plan_issues(e: CensusEpisode, *, start: date, end: date) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    assert e.referral_date is not None
    if sum(1 for p in e.plans if p.end is None) > 1:
        out.append(("4004", "This child is showing more than one open CIN Plan, i.e. with no End Date"))
    for p in e.plans:
        if p.start is None or p.start > end:
            out.append(("4010", "CIN Plan start date is missing or out of data collection period"))
            continue
        if p.end and p.end < p.start:
            out.append(("4011", "CIN Plan End Date earlier than Start Date"))
        if p.end and not start <= p.end <= end:
            out.append(("4013", "CIN Plan end date must fall within the census year"))
        if p.start < e.referral_date:
            out.append(("4015", "The CIN Plan start date cannot be before the referral date"))
        for cpp in e.protection_plans:
            if cpp.start and cpp.start <= p.start <= (cpp.end or end) and p.start != cpp.end:
                out.append(
                    ("4016", "A CIN Plan has been reported as open at the same time as a Child Protection Plan.")
                )
            if cpp.start and p.start <= cpp.start <= (p.end or end) and cpp.start != p.end:
                out.append(
                    ("4017", "A CIN Plan has been reported as open at the same time as a Child Protection Plan.")
                )
    ordered = sorted((p for p in e.plans if p.start), key=lambda p: p.start or start)
    for earlier, later in pairwise(ordered):
        if later.start and later.start <= (earlier.end or end) and later.start != earlier.end:
            out.append(("4014", "CIN Plan data contains overlapping dates"))
    return out


def _section47_issues(e: CensusEpisode, *, start: date, end: date) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    assert e.referral_date is not None
    if sum(1 for s in e.section47s if s.icpc_date is None and not s.icpc_not_required) > 1:
        out.append(("8839", "Within one CINDetails group there are 2 or more open S47 Assessments"))
    for s in e.section47s:
        if s.icpc_date and (s.start is None or s.start > s.icpc_date):
            out.append(
                (
                    "8615",
                    "Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial "
                    "Child Protection Conference",
                )
            )
        if s.start and s.start < e.referral_date:
            out.append(("2889", "The S47 start date cannot be before the referral date."))
        if s.icpc_date and s.icpc_date < e.referral_date:
            out.append(
                ("1104", "The date of the initial child protection conference cannot be before the referral date")
            )
        if s.icpc_date and not start <= s.icpc_date <= end:
            out.append(("8715", "Date of Initial Child Protection Conference must fall within the census year"))
        if s.icpc_date and _weekend(s.icpc_date):
            out.append(("8875", "The Date of Initial Child Protection Conference cannot be a weekend"))
        if s.icpc_target and _weekend(s.icpc_target):
            out.append(
                (
                    "8870Q",
                    "Please check: The Target Date for Initial Child Protection Conference should not be a weekend",
                )
            )
        if s.icpc_date is None and not s.icpc_not_required and s.start and not start <= s.start <= end:
            out.append(
                (
                    "8740",
                    "For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end of "
                    "the census year, the start date must fall within the census year",
                )
            )
    return out


def _protection_plan_issues(child: CensusChild, e: CensusEpisode, *, start: date, end: date) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    assert e.referral_date is not None
    if sum(1 for p in e.protection_plans if p.end is None) > 1:
        out.append(("8935", "This child is showing more than one open Child Protection plan, i.e. with no End Date"))
    conferences = {s.icpc_date for s in e.section47s if s.icpc_date}
    for p in e.protection_plans:
        if p.initial_category not in CATEGORY_OF_ABUSE:
            out.append(
                (
                    "8905",
                    "Initial Category of Abuse code missing or invalid "
                    "(see Category of Abuse table in CIN Census code set)",
                )
            )
        if p.latest_category not in CATEGORY_OF_ABUSE:
            out.append(
                (
                    "8910",
                    "Latest Category of Abuse code missing or invalid "
                    "(see Category of Abuse table in CIN Census code set)",
                )
            )
        if p.previous_plans is None or p.previous_plans < 0:
            out.append(("HUB-C1", "Number of previous child protection plans is missing"))
        if p.start is None or p.start > end:
            out.append(("8720", "Child Protection Plan Start Date missing or out of data collection period"))
            continue
        if p.end and p.end < p.start:
            out.append(("8925", "Child Protection Plan End Date earlier than Start Date"))
        if p.end and not start <= p.end <= end:
            out.append(("8930", "Child Protection Plan End Date must fall within the census year"))
        if p.end and p.end == p.start:
            out.append(("8840", "Child Protection Plan cannot start and end on the same day"))
        if any(review <= p.start for review in p.reviews):
            out.append(
                ("8841", "The review date cannot be on the same day or before the Child protection Plan start date.")
            )
        if p.start < e.referral_date:
            out.append(("1105", "The child protection plan start date cannot be before the referral date"))
        if start <= p.start <= end and p.start not in conferences:
            out.append(
                (
                    "2885",
                    "Child protection plan shown as starting a different day to the initial child protection "
                    "conference",
                )
            )
        if child.death_date and p.start > child.death_date:
            out.append(("8915", "Child Protection Plan shown as starting after the child's Date of Death"))
    return out


def errors(issues: Iterable[Issue]) -> list[Issue]:
    return [issue for issue in issues if not issue.is_query]


# --- The XML ------------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, value: object) -> None:
    if value is None or value == "":
        return
    element = ET.SubElement(parent, tag)
    if isinstance(value, bool):
        element.text = "true" if value else "false"
    elif isinstance(value, date):
        element.text = value.isoformat()
    else:
        element.text = str(value)


def to_xml(census: CensusReturn) -> bytes:
    """The return as the DfE's CIN census XML, in the specification's element order."""
    message = ET.Element("Message")
    header = ET.SubElement(message, "Header")
    collection = ET.SubElement(header, "CollectionDetails")
    _sub(collection, "Collection", "CIN")
    _sub(collection, "Year", census.year)
    _sub(collection, "ReferenceDate", census.end)
    source = ET.SubElement(header, "Source")
    _sub(source, "SourceLevel", "L")
    _sub(source, "LEA", census.la_code)
    _sub(source, "SoftwareCode", census.software_code)
    _sub(source, "Release", census.release)
    _sub(source, "SerialNo", census.serial_no)
    made = census.made_at or dt.datetime(census.year, 4, 1, 9, 0, tzinfo=dt.UTC)
    _sub(source, "DateTime", made.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0).isoformat())
    children = ET.SubElement(message, "Children")
    for child in census.children:
        node = ET.SubElement(children, "Child")
        identifiers = ET.SubElement(node, "ChildIdentifiers")
        _sub(identifiers, "LAchildID", child.la_child_id)
        _sub(identifiers, "UPN", child.upn)
        _sub(identifiers, "UPNunknown", "" if child.upn else child.upn_unknown)
        _sub(identifiers, "PersonBirthDate", child.birth_date)
        _sub(identifiers, "ExpectedPersonBirthDate", child.expected_birth_date)
        _sub(identifiers, "Sex", child.sex)
        _sub(identifiers, "PersonDeathDate", child.death_date)
        characteristics = ET.SubElement(node, "ChildCharacteristics")
        _sub(characteristics, "Ethnicity", child.ethnicity)
        if child.disabilities:
            disabilities = ET.SubElement(characteristics, "Disabilities")
            for code in child.disabilities:
                _sub(disabilities, "Disability", code)
        for episode in child.episodes:
            _episode_xml(ET.SubElement(node, "CINdetails"), episode)
    ET.indent(message)
    return ET.tostring(message, encoding="utf-8", xml_declaration=True)


def _episode_xml(details: ET.Element, e: CensusEpisode) -> None:
    _sub(details, "CINreferralDate", e.referral_date)
    _sub(details, "ReferralSource", e.referral_source)
    _sub(details, "PrimaryNeedCode", e.primary_need)
    _sub(details, "CINclosureDate", e.closure_date)
    _sub(details, "ReasonForClosure", e.reason_for_closure)
    for a in e.assessments:
        node = ET.SubElement(details, "Assessments")
        _sub(node, "AssessmentActualStartDate", a.start)
        _sub(node, "AssessmentAuthorisationDate", a.authorised)
        if a.authorised:
            factors = ET.SubElement(node, "FactorsIdentifiedAtAssessment")
            for code in sorted(a.factors, key=factor_sort_key):
                _sub(factors, "AssessmentFactors", code)
    for p in e.plans:
        node = ET.SubElement(details, "CINPlanDates")
        _sub(node, "CINPlanStartDate", p.start)
        _sub(node, "CINPlanEndDate", p.end)
    for s in e.section47s:
        node = ET.SubElement(details, "Section47")
        _sub(node, "S47ActualStartDate", s.start)
        _sub(node, "InitialCPCtarget", s.icpc_target)
        _sub(node, "DateOfInitialCPC", s.icpc_date)
        _sub(node, "ICPCnotRequired", s.icpc_not_required)
    _sub(details, "ReferralNFA", e.referral_nfa)
    for cpp in e.protection_plans:
        node = ET.SubElement(details, "ChildProtectionPlans")
        _sub(node, "CPPstartDate", cpp.start)
        _sub(node, "CPPendDate", cpp.end)
        _sub(node, "InitialCategoryOfAbuse", cpp.initial_category)
        _sub(node, "LatestCategoryOfAbuse", cpp.latest_category)
        _sub(node, "NumberOfPreviousCPP", cpp.previous_plans)
        if cpp.reviews:
            reviews = ET.SubElement(node, "Reviews")
            for day in cpp.reviews:
                _sub(reviews, "CPPreviewDate", day)


# --- Reading a return back (so the file itself is validated, not only the data) -----


def _date(node: Any, tag: str) -> date | None:
    text = node.findtext(tag) if node is not None else None
    return date.fromisoformat(text) if text else None


def _bool(text: str | None) -> bool | None:
    if text is None:
        return None
    return {"true": True, "1": True, "false": False, "0": False}.get(text.strip().lower())


def from_xml(data: bytes) -> CensusReturn:
    # The file is parsed by lxml with entities left unresolved and no network, so a
    # return handed back to the service cannot make it read a file or call out.
    from lxml import etree

    root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    children: list[CensusChild] = []
    for node in root.iterfind("Children/Child"):
        ids = node.find("ChildIdentifiers")
        chars = node.find("ChildCharacteristics")
        episodes = []
        for d in node.iterfind("CINdetails"):
            episodes.append(
                CensusEpisode(
                    referral_date=_date(d, "CINreferralDate"),
                    referral_source=d.findtext("ReferralSource") or "",
                    primary_need=d.findtext("PrimaryNeedCode") or "",
                    closure_date=_date(d, "CINclosureDate"),
                    reason_for_closure=d.findtext("ReasonForClosure") or "",
                    referral_nfa=_bool(d.findtext("ReferralNFA")),
                    assessments=tuple(
                        CensusAssessment(
                            start=_date(a, "AssessmentActualStartDate"),
                            authorised=_date(a, "AssessmentAuthorisationDate"),
                            factors=tuple(
                                f.text or "" for f in a.iterfind("FactorsIdentifiedAtAssessment/AssessmentFactors")
                            ),
                        )
                        for a in d.iterfind("Assessments")
                    ),
                    plans=tuple(
                        CensusPlan(start=_date(p, "CINPlanStartDate"), end=_date(p, "CINPlanEndDate"))
                        for p in d.iterfind("CINPlanDates")
                    ),
                    section47s=tuple(
                        CensusSection47(
                            start=_date(s, "S47ActualStartDate"),
                            icpc_target=_date(s, "InitialCPCtarget"),
                            icpc_date=_date(s, "DateOfInitialCPC"),
                            icpc_not_required=bool(_bool(s.findtext("ICPCnotRequired"))),
                        )
                        for s in d.iterfind("Section47")
                    ),
                    protection_plans=tuple(
                        CensusProtectionPlan(
                            start=_date(c, "CPPstartDate"),
                            end=_date(c, "CPPendDate"),
                            initial_category=c.findtext("InitialCategoryOfAbuse") or "",
                            latest_category=c.findtext("LatestCategoryOfAbuse") or "",
                            previous_plans=int(c.findtext("NumberOfPreviousCPP") or "0"),
                            reviews=tuple(
                                date.fromisoformat(r.text or "") for r in c.iterfind("Reviews/CPPreviewDate")
                            ),
                        )
                        for c in d.iterfind("ChildProtectionPlans")
                    ),
                )
            )
        children.append(
            CensusChild(
                la_child_id=(ids.findtext("LAchildID") if ids is not None else "") or "",
                upn=(ids.findtext("UPN") if ids is not None else "") or "",
                upn_unknown=(ids.findtext("UPNunknown") if ids is not None else "") or "",
                birth_date=_date(ids, "PersonBirthDate"),
                expected_birth_date=_date(ids, "ExpectedPersonBirthDate"),
                sex=(ids.findtext("Sex") if ids is not None else "") or "",
                death_date=_date(ids, "PersonDeathDate"),
                ethnicity=(chars.findtext("Ethnicity") if chars is not None else "") or "",
                disabilities=tuple(
                    d.text or "" for d in (chars.iterfind("Disabilities/Disability") if chars is not None else [])
                ),
                episodes=tuple(episodes),
            )
        )
    year = int(root.findtext("Header/CollectionDetails/Year") or "0")
    return CensusReturn(year=year, la_code=root.findtext("Header/Source/LEA") or "", children=tuple(children))


SCHEMA = Path(__file__).parent / "schema" / "cin_census_2024_25.xsd"


def schema_problems(data: bytes) -> list[str]:
    """The file checked against this service's XSD for the 2024 to 2025 structure (lxml)."""
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    document = etree.fromstring(data)
    if schema.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


def check_file(data: bytes) -> list[Issue]:
    """Everything wrong with a return file: its shape against the XSD, then the DfE rules on what it says."""
    problems = [Issue("XSD", message) for message in schema_problems(data)]
    if problems:
        return problems
    return validate(from_xml(data))


def issues_by_child(issues: Sequence[Issue]) -> dict[str, list[Issue]]:
    grouped: dict[str, list[Issue]] = {}
    for issue in issues:
        grouped.setdefault(issue.label or issue.la_child_id or "The return", []).append(issue)
    return grouped


__all__ = [
    "ASSESSMENT_FACTORS",
    "CensusAssessment",
    "CensusChild",
    "CensusEpisode",
    "CensusPlan",
    "CensusProtectionPlan",
    "CensusReturn",
    "CensusSection47",
    "Issue",
    "check_file",
    "episode_in_year",
    "errors",
    "from_xml",
    "to_xml",
    "validate",
]
