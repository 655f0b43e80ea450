"""Demo data for allocation: training, languages and travel for the six demo assessors.

Called at the end of `manage.py seed_demo`. Idempotent: running it twice changes
nothing the second time. Everything here is invented.
"""

from django.db import transaction

from hub.accounts.models import AssessorProfile, Organisation
from hub.allocation.models import AssessorDetails, Skill

# email local part: (skill codes, languages besides English, authorities they travel to)
DEMO_ASSESSORS: dict[str, tuple[list[str], str, list[str]]] = {
    "assessor.halton": (["parentassess", "family_time_observation"], "Polish", ["Liverpool", "Knowsley", "St Helens"]),
    "assessor.knowsley": (["corambaaf_kinship", "theraplay"], "", ["Liverpool", "Sefton", "St Helens", "Halton"]),
    "assessor.liverpool": (["parentassess", "lucy_faithfull"], "Polish, Lithuanian", ["Sefton", "Knowsley", "Wirral"]),
    "assessor.sefton": (["corambaaf_kinship", "family_time_observation"], "", ["Liverpool", "Knowsley", "Wirral"]),
    "assessor.wirral": (["parentassess", "corambaaf_kinship"], "Welsh", ["Cheshire West and Chester", "Liverpool"]),
    "assessor.warrington": (["lucy_faithfull", "theraplay"], "Urdu, Punjabi", ["Halton", "Cheshire East", "St Helens"]),
}


@transaction.atomic
def assessor_details_seed() -> None:
    for local, (skills, languages, travel) in DEMO_ASSESSORS.items():
        profile = AssessorProfile.objects.filter(user__username__startswith=f"{local}@").first()
        if profile is None:
            continue
        details, _ = AssessorDetails.objects.update_or_create(profile=profile, defaults={"languages": languages})
        details.skills.set(Skill.objects.filter(code__in=skills))
        details.travel_areas.set(Organisation.objects.filter(name__in=travel))
