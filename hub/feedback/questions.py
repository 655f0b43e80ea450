"""The survey questions, in plain English, and how each is counted.

Plain Python, no Django: the forms, the results and the benchmarks read the same list.

Family members: the six things the hub reported ("100% felt respected, listened
to...", 000) and the Worcestershire feedback sheet (003, "Feedback Sheet"): five
yes/no questions, five ratings from poor (1) to excellent (5), how helpful the
service was on five points, what was most and least helpful, and how it could
be better. Professionals: timeliness, quality and thoroughness, communication,
use of research and impact (what professionals said of the hub, 000 and 001),
each rated, and in their own words.
"""

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    YES_NO = "yes_no"
    RATING = "rating"  # 1 poor to 5 excellent
    HELPFUL = "helpful"  # 1 very unhelpful to 5 very helpful
    TEXT = "text"


@dataclass(frozen=True)
class Question:
    key: str  # the field on SurveyResponse
    text: str  # as the respondent reads it
    kind: Kind
    # How the result reads: "felt respected" in "100% (12 of 12) felt respected".
    finding: str = ""


RATING_LABELS = {1: "1 (poor)", 2: "2", 3: "3", 4: "4", 5: "5 (excellent)"}
HELPFUL_LABELS = {1: "Very unhelpful", 2: "Unhelpful", 3: "No difference", 4: "Helpful", 5: "Very helpful"}

FAMILY_STATEMENTS = [
    Question("felt_respected", "Did you feel respected?", Kind.YES_NO, "felt respected"),
    Question("felt_listened_to", "Did you feel listened to?", Kind.YES_NO, "felt listened to"),
    Question(
        "able_to_say",
        "Were you able to say what you wanted to say during the assessment?",
        Kind.YES_NO,
        "were able to say what they wanted to say",
    ),
    Question("sessions_helpful", "Did you find the sessions helpful?", Kind.YES_NO, "found the sessions helpful"),
    Question(
        "felt_included",
        "Did you feel included in the assessment?",
        Kind.YES_NO,
        "felt included in the assessment",
    ),
    Question(
        "outcome_explained",
        "Was the outcome of the assessment clearly explained to you?",
        Kind.YES_NO,
        "had the outcome clearly explained",
    ),
]
FAMILY_WORK = [
    Question(
        "aims_clear",
        "Were the aims of the work, and the reasons for it, made clear to you?",
        Kind.YES_NO,
        "had the aims and reasons made clear",
    ),
    Question(
        "role_clear",
        "Was the role of the social worker made clear to you?",
        Kind.YES_NO,
        "had the worker's role made clear",
    ),
    Question(
        "talked_about_what_mattered",
        "Were you able to talk about the things important to you?",
        Kind.YES_NO,
        "could talk about what mattered to them",
    ),
    Question(
        "regular_feedback",
        "Did the social worker tell you regularly how things were going?",
        Kind.YES_NO,
        "were given regular feedback",
    ),
    Question(
        "included_in_decisions", "Were you included in making decisions?", Kind.YES_NO, "were included in decisions"
    ),
]
FAMILY_RATINGS = [
    Question("approachability", "How approachable was the social worker?", Kind.RATING, "rated approachability good"),
    Question("reliability", "How reliable was the social worker?", Kind.RATING, "rated reliability good"),
    Question(
        "accuracy", "How accurate were the assessment and the information shared?", Kind.RATING, "rated accuracy good"
    ),
    Question(
        "cultural_sensitivity",
        "How well were your cultural and religious needs respected?",
        Kind.RATING,
        "rated sensitivity to cultural and religious needs good",
    ),
    Question(
        "children_sensitivity",
        "How well did the social worker understand your children's needs?",
        Kind.RATING,
        "rated understanding of the children's needs good",
    ),
    Question(
        "helpfulness", "How helpful has this service been to your family?", Kind.HELPFUL, "found the service helpful"
    ),
]
FAMILY_WORDS = [
    Question("most_helpful", "What was most helpful?", Kind.TEXT),
    Question("least_helpful", "What was least helpful?", Kind.TEXT),
    Question("improvements", "How could the service be better?", Kind.TEXT),
]
PROFESSIONAL_RATINGS = [
    Question(
        "timeliness", "How would you rate the timeliness of the assessment?", Kind.RATING, "rated timeliness good"
    ),
    Question(
        "quality",
        "How would you rate its quality and thoroughness?",
        Kind.RATING,
        "rated quality and thoroughness good",
    ),
    Question(
        "communication",
        "How would you rate the hub's communication with you and the parties?",
        Kind.RATING,
        "rated communication good",
    ),
    Question("use_of_research", "How would you rate its use of research?", Kind.RATING, "rated use of research good"),
    Question("impact", "How would you rate its impact for the child?", Kind.RATING, "rated the impact good"),
]
PROFESSIONAL_WORDS = [
    Question(
        "impact_comments", "What difference did the assessment make? For example, to delay or to the plan.", Kind.TEXT
    ),
    Question("comments", "Anything else you would like to tell us", Kind.TEXT),
]

FAMILY = FAMILY_STATEMENTS + FAMILY_WORK + FAMILY_RATINGS + FAMILY_WORDS
PROFESSIONAL = PROFESSIONAL_RATINGS + PROFESSIONAL_WORDS
TEXT_KEYS = [q.key for q in FAMILY_WORDS + PROFESSIONAL_WORDS]
