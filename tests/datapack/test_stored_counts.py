"""The pack's counts are stored with each return when it is imported, and the pack reads them.

They must be the counts the episodes give (counted afresh here), replaced by a
re-import, kept by a refused one, and combined with the population as it is when
the pack is shown.
"""

import importlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command

from hub.datapack import figures, selectors, services, synthetic
from hub.datapack.models import Episode, Return
from tests import factories
from tests.datapack import builders

pytestmark = pytest.mark.django_db

HAND_COUNTED = {
    "looked_after": 5,
    "placed_with_parents": 3,
    "ages": {"5 to 9": 1, "1 to 4": 2},
    "legal_status": {"C2": 2, "C1": 1},
    "time_in_placement": {"6 months to under 1 year": 1, "2 years to under 5 years": 1, "Under 6 months": 1},
    "moves": {"1 move": 1, "No moves": 1, "2 moves": 1},
    "endings": {"E8": 1, "X1": 1},
}


def synthetic_return(authority, year, children):
    header, episodes = io.StringIO(), io.StringIO()
    synthetic.write_return(authority.dfe_code, year, children, header=header, episodes=episodes)
    return services.return_import(
        authority=authority,
        year=year,
        uploads=builders.uploads(header=header.getvalue(), episodes=episodes.getvalue()),
    )


def test_the_stored_counts_are_the_hand_counted_ones_and_those_the_episodes_give():
    liverpool = factories.local_authority("Liverpool")
    imported = services.return_import(authority=liverpool, year=2025, uploads=builders.standard_set())
    imported.refresh_from_db()

    assert imported.counts == HAND_COUNTED
    assert imported.counts == selectors.return_counts(imported)


def test_the_stored_counts_equal_fresh_ones_for_larger_synthetic_returns():
    knowsley = factories.local_authority("Knowsley")
    for year in (2024, 2025):
        imported = synthetic_return(knowsley, year, 300)
        imported.refresh_from_db()

        assert imported.counts["placed_with_parents"] > 5  # enough children for every breakdown to have some
        assert imported.counts == selectors.return_counts(imported)


def test_the_pack_reads_the_stored_counts_not_the_episodes():
    liverpool = factories.local_authority("Liverpool")
    services.return_import(authority=liverpool, year=2025, uploads=builders.standard_set())
    Episode.objects.all().delete()  # only to show the pack no longer counts them

    [row] = selectors.pack_figures()
    assert (row.authority, row.code, row.year, row.looked_after, row.placed_with_parents) == (
        "Liverpool",
        "341",
        2025,
        5,
        3,
    )
    assert row.counts() == HAND_COUNTED


def test_a_population_supplied_after_the_import_gives_the_rates():
    liverpool = factories.local_authority("Liverpool")
    services.return_import(authority=liverpool, year=2025, uploads=builders.standard_set())
    [row] = selectors.pack_figures()
    assert row.placed_with_parents_rate is None

    services.population_set(authority=liverpool, year=2025, children=60_000)
    [row] = selectors.pack_figures()
    assert row.placed_with_parents_rate == 0.5  # 3 * 10,000 / 60,000
    services.population_set(authority=liverpool, year=2025, children=30_000)
    [row] = selectors.pack_figures()
    assert row.placed_with_parents_rate == 1.0


def test_a_re_import_replaces_the_counts_and_a_refused_one_keeps_them():
    liverpool = factories.local_authority("Liverpool")
    services.return_import(authority=liverpool, year=2025, uploads=builders.standard_set())
    # Without A6 (placed with parents since February): 4 looked after, 2 placed with parents.
    header = "\n".join(line for line in builders.HEADER.splitlines() if not line.startswith("A6")) + "\n"
    episodes = "\n".join(line for line in builders.EPISODES.splitlines() if not line.startswith("A6")) + "\n"

    with pytest.raises(services.ReturnRefused):
        services.return_import(
            authority=liverpool,
            year=2025,
            uploads=builders.standard_set(
                header=header, episodes=episodes, reviews=builders.REVIEWS + "A1,31/03/2020,xx,PN1\n"
            ),
        )
    assert Return.objects.get().counts == HAND_COUNTED
    assert selectors.pack_figures()[0].placed_with_parents == 3

    services.return_import(
        authority=liverpool, year=2025, uploads=builders.standard_set(header=header, episodes=episodes)
    )
    again = Return.objects.get()
    assert (again.counts["looked_after"], again.counts["placed_with_parents"]) == (4, 2)
    assert again.counts == selectors.return_counts(again)


def test_the_migration_and_recount_fill_counts_for_returns_imported_before_they_were_stored():
    liverpool = factories.local_authority("Liverpool")
    services.return_import(authority=liverpool, year=2025, uploads=builders.standard_set())
    knowsley = factories.local_authority("Knowsley")
    synthetic_return(knowsley, 2025, 120)
    fresh = {r.pk: selectors.return_counts(r) for r in Return.objects.all()}

    Return.objects.update(counts={})
    migration = importlib.import_module("hub.datapack.migrations.0003_fill_return_counts")
    migration.fill_counts(apps, None)
    assert {r.pk: r.counts for r in Return.objects.all()} == fresh

    Return.objects.update(counts={"looked_after": 0, "placed_with_parents": 0, **{n: {} for n in figures.BREAKDOWNS}})
    call_command("data_pack", "--recount")
    assert {r.pk: r.counts for r in Return.objects.all()} == fresh
