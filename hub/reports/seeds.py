"""The report templates the hub starts with, one per assessment type.

Administrators change them afterwards in the administration site: each section
is a key (kept across versions so comments and provenance follow it), a heading,
guidance for the assessor, a kind (what the checks and the pre-filling look for,
see rules.Kind) and, optionally, what to pre-fill it with from the workspace
(see prefill.PREFILLS). Plain data, used by the data migration.
"""

from typing import Any

Section = dict[str, str]


def _s(key: str, heading: str, guidance: str, kind: str = "text", prefill: str = "") -> Section:
    section = {"key": key, "heading": heading, "guidance": guidance, "kind": kind}
    if prefill:
        section["prefill"] = prefill
    return section


_QUESTIONS = _s(
    "court_questions",
    "The court's questions",
    "Answer each question the court asked, in its own words, one by one.",
    "questions",
)
_GAPS = _s(
    "gaps",
    "Gaps in the information",
    "What you could not find out or verify, and why; say so if there are none.",
    "gaps",
    "gaps",
)
_CHRONOLOGY = _s(
    "chronology",
    "Appendix: chronology",
    "The family's chronology, oldest first, with sources. Pre-filled from the workspace.",
    "chronology",
    "chronology",
)

PARENTING: list[Section] = [
    _s(
        "parents",
        "Profile of each parent",
        "Each parent: background, health, relationships, history.",
        "text",
        "adults",
    ),
    _s(
        "children",
        "Profile of each child",
        "Each child: age, development, needs, where they live now.",
        "children",
        "children",
    ),
    _QUESTIONS,
    _s(
        "methodology",
        "Methodology and sources",
        "Sessions held, who was seen and where; the information relied on and the weight given to each source.",
        "sources",
        "sources",
    ),
    _GAPS,
    _s("parenting_capacity", "Parenting capacity", "An overview across the six dimensions below.", "text", "parenting"),
    _s("basic_care", "Basic care", "Meeting the child's physical needs: food, warmth, hygiene, health care."),
    _s("ensuring_safety", "Ensuring safety", "Protecting the child from harm, in and outside the home."),
    _s("emotional_warmth", "Emotional warmth", "Meeting the child's emotional needs; secure, warm relationships."),
    _s("stimulation", "Stimulation", "Promoting learning and development through play, talk and education."),
    _s("guidance_boundaries", "Guidance and boundaries", "Helping the child regulate their behaviour and emotions."),
    _s("stability", "Stability", "A stable family environment and consistent, enduring relationships."),
    _s(
        "family_environment",
        "Family and environmental factors",
        "Housing, income, wider family, community resources.",
        "text",
        "environment",
    ),
    _s(
        "capacity_to_change",
        "Capacity to change",
        "Each parent's effort and commitment to change, and their stage of change, with evidence.",
        "text",
        "capacity",
    ),
    _s("risk", "Risk", "Risk and protective factors, the level of risk and how it could be managed.", "text", "risk"),
    _s(
        "views",
        "Views of the child and family",
        "The child's wishes and feelings in their own words, and the views of each parent.",
        "child_views",
        "views",
    ),
    _s(
        "parentassess_outcomes",
        "ParentAssess outcome table",
        "Where ParentAssess was used: each area with red, amber or green, one area a line "
        "(for example 'Keeping the child safe: amber'). Leave empty if it was not used.",
        "outcome_table",
    ),
    _s(
        "parent_summary",
        "Short report for the parent",
        "In plain words the parent can read: things that are good and you do well; things I'm concerned about; "
        "what I am going to tell the court.",
        "text",
        "parent_summary",
    ),
    _s(
        "analysis",
        "Analysis",
        "Weigh the evidence: the child's needs, the parents' capacity to meet them in the child's timescale, "
        "the hypotheses you tested. Keep the recommendation for the next section.",
        "analysis",
        "analysis",
    ),
    _s(
        "recommendation",
        "Recommendation",
        "What you recommend and why, following from the analysis.",
        "recommendation",
    ),
    _CHRONOLOGY,
]

KINSHIP_VIABILITY: list[Section] = [
    _s(
        "child",
        "The child",
        "The child, their needs and their wishes and feelings.",
        "child_views",
        "views",
    ),
    _s("children", "The children in the household", "Each child the carer would care for.", "children", "children"),
    _QUESTIONS,
    _s("why_not_parent", "Why the child cannot live with a parent", "As the local authority and the court set it out."),
    _s(
        "risks",
        "The risks and what the carer must do",
        "The risks to the child and what the carer would need to do to keep them safe.",
        "text",
        "risk",
    ),
    _s(
        "carer",
        "The carer and their household",
        "Everyone in the household and their relationship to the child.",
        "text",
        "adults",
    ),
    _s(
        "checks", "Checks done", "Checks and references made, their results and the weight given.", "sources", "sources"
    ),
    _GAPS,
    _s("reasons", "Reasons", "The analysis the outcome follows from.", "analysis", "analysis"),
    _s(
        "outcome",
        "Outcome and recommended route",
        "Positive or negative; if positive, the route: temporary approval as a connected person, a full "
        "connected-person fostering assessment, special guardianship, or a child arrangements order.",
        "recommendation",
    ),
    _s("manager_authorisation", "Manager authorisation", "The manager who agreed the outcome, and when."),
    _s("carer_comments", "The carer's comments", "What the carer said about the assessment and its outcome."),
    _s("who_was_told", "Who was told", "Who was told the outcome, when and how."),
    _CHRONOLOGY,
]

SPECIAL_GUARDIANSHIP: list[Section] = [
    _s(
        "child",
        "The child",
        "Schedule, paragraph 1: the child, their needs, and their wishes and feelings.",
        "child_views",
        "views",
    ),
    _s("children", "Each child", "Each child the order would be about.", "children", "children"),
    _QUESTIONS,
    _s(
        "harm",
        "Harm suffered and risk of future harm",
        "Schedule (as amended 2016): any harm the child has suffered and the risk of future harm, "
        "including from the parents.",
        "text",
        "risk",
    ),
    _s(
        "family",
        "The child's family",
        "Schedule, paragraph 2: the child's family, their views and relationships.",
        "text",
        "adults",
    ),
    _s(
        "prospective_guardian",
        "The prospective special guardian",
        "Schedule, paragraph 3: the prospective special guardian, their history, health and household.",
    ),
    _s(
        "relationship",
        "The prospective special guardian's relationship with the child",
        "Its nature and quality now and as it is likely to be in future (2016 amendment).",
    ),
    _s(
        "parenting_capacity",
        "Parenting capacity now and for the child's future needs",
        "Their capacity to meet the child's needs now and until the child is 18 (2016 amendment).",
        "text",
        "parenting",
    ),
    _s("contact", "Contact", "Arrangements for contact with the parents and others, and their effect on the child."),
    _s(
        "sources",
        "Sources and checks",
        "Checks, references and information relied on, with weight.",
        "sources",
        "sources",
    ),
    _GAPS,
    _s(
        "merits",
        "The merits of a special guardianship order",
        "Schedule, paragraph 8: the merits of an order against other orders, and the implications for "
        "everyone concerned.",
        "analysis",
        "analysis",
    ),
    _s("recommendation", "Recommendation", "Whether an order should be made, and any support plan.", "recommendation"),
    _CHRONOLOGY,
]

FULL_FOSTERING: list[Section] = [
    _s(
        "applicants",
        "Section A: the applicants",
        "Form C: each applicant's personal details and history.",
        "text",
        "adults",
    ),
    _s("child", "The child and their views", "Form C: the child, their needs and wishes.", "child_views", "views"),
    _s("children", "The children in the household", "Each child in the household.", "children", "children"),
    _QUESTIONS,
    _s(
        "relationship",
        "The applicants' relationship with the child",
        "Form C: how they know the child, and for how long.",
    ),
    _s("health", "Health", "Form C: the applicants' health and any medical advice."),
    _s(
        "household", "Accommodation and household", "Form C: the home and everyone living there.", "text", "environment"
    ),
    _s(
        "capacity_to_care",
        "Capacity to care",
        "Form C: capacity to care for the child, with evidence.",
        "text",
        "parenting",
    ),
    _s("support", "Support network", "Form C: the family and community support available."),
    _s(
        "checks", "Checks and references", "Form C: statutory checks and references, with weight.", "sources", "sources"
    ),
    _GAPS,
    _s("analysis", "Assessor's analysis", "Form C: the assessor's analysis of suitability.", "analysis", "analysis"),
    _s("recommendation", "Recommendation to the fostering panel", "Approval, the terms, or not.", "recommendation"),
    _CHRONOLOGY,
]

PARENTING_ADDENDUM: list[Section] = [
    _QUESTIONS,
    _s("update", "What has changed since the report", "Events and evidence since the report was filed."),
    _s("sources", "Sources", "Sessions and information since the report, with weight.", "sources", "sources"),
    _GAPS,
    _s("views", "The child's views now", "The child's wishes and feelings now.", "child_views", "views"),
    _s("children", "Each child", "Each child, as they are now.", "children", "children"),
    _s("analysis", "Analysis", "The analysis, updated.", "analysis", "analysis"),
    _s("recommendation", "Recommendation", "The recommendation, updated.", "recommendation"),
    _CHRONOLOGY,
]

TEMPLATES: dict[str, dict[str, Any]] = {
    "parenting": {"name": "Parenting assessment report", "note": "", "sections": PARENTING},
    "parenting_addendum": {"name": "Parenting addendum report", "note": "", "sections": PARENTING_ADDENDUM},
    "kinship_viability": {"name": "Kinship viability assessment", "note": "", "sections": KINSHIP_VIABILITY},
    "special_guardianship": {
        "name": "Special guardianship report",
        "note": "The matters in the Schedule to the Special Guardianship Regulations 2005, as amended in 2016.",
        "sections": SPECIAL_GUARDIANSHIP,
    },
    "full_fostering": {
        "name": "Connected-person fostering assessment",
        "note": (
            "Follows CoramBAAF Form C, which is being replaced by Form K: edit the sections when the hub moves over."
        ),
        "sections": FULL_FOSTERING,
    },
    "joint_fostering_sgo": {
        "name": "Joint fostering and special guardianship assessment",
        "note": "The special guardianship Schedule's matters, with the fostering capacity to care.",
        "sections": [*SPECIAL_GUARDIANSHIP[:-3], FULL_FOSTERING[7], *SPECIAL_GUARDIANSHIP[-3:]],
    },
}


def seed(report_template_model: Any) -> None:
    """Create the templates not yet there (never overwrites an administrator's changes)."""
    for assessment_type, spec in TEMPLATES.items():
        report_template_model.objects.get_or_create(
            assessment_type=assessment_type,
            defaults={"name": spec["name"], "note": spec["note"], "sections": spec["sections"]},
        )
