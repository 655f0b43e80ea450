"""The courses the hub's practice guide (001) and good practice event (000) name.

Used by the data migration and by tests whose database was emptied since.
"""

COURSES: list[tuple[str, str, str, str]] = [
    # code, name, provider, description
    (
        "parentassess",
        "ParentAssess",
        "ParentAssess",
        "Assessing parents with learning needs with the ParentAssess model.",
    ),
    ("corambaaf-kinship", "CoramBAAF kinship assessment", "CoramBAAF", "Strengthening kinship assessments."),
    (
        "lucy-faithfull-protective-carers",
        "Lucy Faithfull protective carers",
        "Lucy Faithfull Foundation",
        "Assessing protective carers.",
    ),
    ("theraplay", "Theraplay", "TheraplayUK", "Strengthening children's and parents' relationships."),
    (
        "family-time-observation",
        "Family time observation workshop",
        "The hub",
        "A consistent approach to observing family time that informs assessments.",
    ),
    (
        "knowledge-exchange",
        "Knowledge exchange event",
        "The hub",
        "Shared learning across the Cheshire and Merseyside authorities.",
    ),
    ("research-webinar", "Research webinar", "Making Research Count", "Research in practice, online."),
]


def seed(course_model) -> None:  # type: ignore[no-untyped-def]  # a model class, historical in migrations
    for code, name, provider, description in COURSES:
        course_model.objects.get_or_create(
            code=code, defaults={"name": name, "provider": provider, "description": description}
        )
