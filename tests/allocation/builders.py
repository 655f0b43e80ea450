"""Builders for allocation tests, on top of tests.factories. Every name is invented."""

from hub.accounts.models import User
from hub.allocation import rules
from hub.allocation.models import AssessorDetails, Skill
from hub.assessments.models import Assessment
from hub.referrals.models import Adult
from tests import factories


def queued(
    la: str = "Liverpool", *, kind: str = "parenting", language: str = "", learning_needs: bool = False
) -> Assessment:
    """An accepted assessment waiting in the allocation queue, referred by the given authority."""
    assessment = factories.accepted_assessment(assessment_type=kind, by=factories.referrer(la))
    if language or learning_needs:
        Adult.objects.filter(referral=assessment.referral).update(
            first_language=language, learning_needs=learning_needs
        )
    return assessment


def assessor(
    home: str = "Halton",
    *,
    max_concurrent: int = 3,
    skills: tuple[str, ...] = (),
    languages: str = "",
    travel: tuple[str, ...] = (),
    name: str | None = None,
) -> User:
    person = factories.assessor(home, max_concurrent=max_concurrent)
    if name:
        person.full_name = name
        person.save(update_fields=["full_name"])
    details = AssessorDetails.objects.create(profile=person.assessor_profile, languages=languages)
    # get_or_create: a transactional test's flush empties the list the migration seeded.
    details.skills.set(
        [Skill.objects.get_or_create(code=code, defaults={"name": rules.SKILL_LABELS[code]})[0] for code in skills]
    )
    details.travel_areas.set([factories.local_authority(la) for la in travel])
    return person


def load(person: User, count: int, *, la: str | None = None) -> list[Assessment]:
    """Give an assessor `count` live assessments from one referral (up to three), allocated
    through the allocation service; by default the referral comes from an authority the
    assessor is independent of."""
    if la is None:
        la = "Sefton" if person.assessor_profile.seconded_from.name == "Wirral" else "Wirral"
    kinds = ["parenting", "kinship_viability", "full_fostering"][:count]
    referral = factories.complete_referral(status="accepted", assessment_types=kinds, by=factories.referrer(la))
    return [factories.allocate(assessment, person) for assessment in referral.assessments.all()]
