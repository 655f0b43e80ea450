"""The pack's figures match the ones worked out by hand for the small synthetic return (builders.py)."""

import datetime
import json
from collections import Counter

import pytest
from django.core.management import call_command

from hub.datapack import figures, selectors, services
from tests import factories
from tests.datapack import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def liverpool_2025():
    liverpool = factories.local_authority("Liverpool")
    services.return_import(authority=liverpool, year=2025, uploads=builders.standard_set())
    services.population_set(authority=liverpool, year=2025, children=60_000)
    return liverpool


def test_the_figures_match_the_hand_counted_return(liverpool_2025):
    [row] = selectors.pack_figures()

    assert (row.authority, row.code, row.year) == ("Liverpool", "341", 2025)
    # A1, A2, A4, A5, A6: A3's episode ended on 31 March, A7 is on short breaks.
    assert row.looked_after == 5
    # A1 (episode spanning 31 March), A2, A6.
    assert row.placed_with_parents == 3
    assert row.placed_with_parents_share == 60.0
    assert row.looked_after_rate == 0.8  # 5 * 10,000 / 60,000 = 0.83
    assert row.placed_with_parents_rate == 0.5  # 3 * 10,000 / 60,000
    # A1 turned 5 on 31 March; A2 turns 5 on 1 April, so is still in the 1 to 4 band.
    assert row.ages == Counter({"5 to 9": 1, "1 to 4": 2})
    assert row.legal_status == Counter({"C2": 2, "C1": 1})
    # A1 since 01/06/2024 (9 months); A2 since 10/01/2023 through a legal-status-only change (26 months);
    # A6 since 01/02/2025 (1 month).
    assert row.time_in_placement == Counter(
        {"6 months to under 1 year": 1, "2 years to under 5 years": 1, "Under 6 months": 1}
    )
    # A1 moved once in the year (into P1), A2 not at all, A6 twice.
    assert row.moves == Counter({"1 move": 1, "No moves": 1, "2 moves": 1})
    # P1 episodes that ended in the year: A3's on 31 March (E8) and A5's (X1); A2's ended in 2023.
    assert row.endings == Counter({"E8": 1, "X1": 1})


def test_the_region_adds_up_its_authorities_and_its_rate_needs_every_population(liverpool_2025):
    knowsley = factories.local_authority("Knowsley")
    services.return_import(authority=knowsley, year=2025, uploads=builders.standard_set())
    rows = selectors.pack_figures()
    totals = figures.region(rows, name="Region")

    assert totals[2025].looked_after == 10
    assert totals[2025].placed_with_parents == 6
    # Knowsley has no population for 2025: no regional rate rather than one over part of the region.
    assert totals[2025].population is None
    assert totals[2025].placed_with_parents_rate is None

    services.population_set(authority=knowsley, year=2025, children=40_000)
    totals = figures.region(selectors.pack_figures(), name="Region")
    assert totals[2025].population == 100_000
    assert totals[2025].placed_with_parents_rate == 0.6  # 6 * 10,000 / 100,000


@pytest.mark.parametrize(
    ("dob", "age", "band"),
    [
        (datetime.date(2024, 4, 1), 0, "Under 1"),
        (datetime.date(2024, 3, 31), 1, "1 to 4"),
        (datetime.date(2020, 4, 1), 4, "1 to 4"),
        (datetime.date(2020, 3, 31), 5, "5 to 9"),
        (datetime.date(2009, 3, 31), 16, "16 and over"),
        (datetime.date(2009, 4, 1), 15, "10 to 15"),
    ],
)
def test_age_on_31_march_falls_in_the_dfe_band(dob, age, band):
    assert figures.age_on(dob, datetime.date(2025, 3, 31)) == age
    assert figures.age_band(age) == band


def test_data_pack_json_prints_the_figures_by_authority_and_year(liverpool_2025, capsys):
    call_command("data_pack", "--json")
    data = json.loads(capsys.readouterr().out)

    assert data["authorities"] == [
        {
            "authority": "Liverpool",
            "la_code": "341",
            "year": 2025,
            "looked_after_at_31_march": 5,
            "placed_with_parents": 3,
            "placed_with_parents_percent": 60.0,
            "population_0_17": 60000,
            "looked_after_per_10000": 0.8,
            "placed_with_parents_per_10000": 0.5,
        }
    ]
    assert data["region"][0]["placed_with_parents"] == 3
