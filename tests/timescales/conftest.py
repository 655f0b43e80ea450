import datetime

import pytest
import time_machine

from hub.timescales import services
from tests import factories

# Tuesday 3 November 2026, mid-morning in London.
NOW = datetime.datetime(2026, 11, 3, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def clock(frozen):
    """A parenting assessment received on Monday 2 November 2026, allocated to an assessor."""
    assessor = factories.assessor()
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        assessment = factories.accepted_assessment(assessor_user=assessor)
    return services.clock_for(assessment)


@pytest.fixture
def fostering_clock(frozen):
    """A full fostering assessment received on Monday 2 November 2026, allocated to an assessor.

    Full fostering is "10 weeks (checks permitting)": its clock may pause.
    """
    assessor = factories.assessor()
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        assessment = factories.accepted_assessment(assessor_user=assessor, assessment_type="full_fostering")
    return services.clock_for(assessment)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Test users need no strong hashing; the default hasher costs seconds per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
