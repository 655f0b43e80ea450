"""The demo's synthetic returns: three years for each demo authority, imported once."""

import pytest

from hub.datapack import selectors
from hub.datapack.demo import DEMO_YEARS, datapack_demo_seed
from hub.datapack.models import Episode, Return
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_demo_imports_three_years_for_each_authority_once():
    factories.local_authority("Halton"), factories.local_authority("Wirral")
    datapack_demo_seed()
    episodes = Episode.objects.count()
    datapack_demo_seed()

    assert Return.objects.count() == 2 * len(DEMO_YEARS) == 6
    assert Episode.objects.count() == episodes > 0
    rows = selectors.pack_figures()
    assert all(row.looked_after > 0 and row.population for row in rows)
    assert sum(row.placed_with_parents for row in rows) > 0
