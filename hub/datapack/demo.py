"""Demo data for the data pack: synthetic SSDA903 returns for each demo authority, three years each.

Called at the end of `manage.py seed_demo`, after the demo's authorities exist.
Idempotent: an authority-year already imported is left alone. Every child is
invented (hub/datapack/synthetic.py); the populations are invented numbers of
roughly the right size for the rates to look like the national ones.
"""

import io

from hub.accounts.models import Organisation, OrganisationKind
from hub.datapack import services, synthetic
from hub.datapack.models import Return

DEMO_YEARS = (2023, 2024, 2025)
CHILDREN_PER_RETURN = 150


def datapack_demo_seed() -> None:
    authorities = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).exclude(dfe_code="")
    for authority in authorities:
        for year in DEMO_YEARS:
            if not Return.objects.filter(authority=authority, year=year).exists():
                header, episodes = io.StringIO(), io.StringIO()
                size = CHILDREN_PER_RETURN + int(authority.dfe_code) % 7 * 10
                synthetic.write_return(authority.dfe_code, year, size, header=header, episodes=episodes)
                services.return_import(
                    authority=authority,
                    year=year,
                    uploads=[
                        services.Upload(name="header.csv", stream=io.BytesIO(header.getvalue().encode())),
                        services.Upload(name="episodes.csv", stream=io.BytesIO(episodes.getvalue().encode())),
                    ],
                )
            services.population_set(
                authority=authority, year=year, children=15_000 + int(authority.dfe_code) % 13 * 700 + year % 3 * 100
            )
