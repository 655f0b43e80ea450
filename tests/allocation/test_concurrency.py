"""Two managers allocating at once can never push an assessor over capacity.

Real threads, real connections, real transactions (transaction=True). The count
of live assessments is slowed down on purpose, so that without the row lock both
threads would read "one free place" before either wrote: the test fails if the
lock is taken away (on PostgreSQL, where SELECT ... FOR UPDATE makes the second
manager wait; SQLite serialises writers with its IMMEDIATE transactions instead).

The SQLite test database is a file (config/settings.py), so its locks wait as
they would in production rather than failing at once.
"""

import threading
import time

import pytest
from django.db import connection

from hub.allocation import selectors, services
from tests import factories
from tests.allocation.builders import assessor, load, queued

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_lets_only_one_of_two_simultaneous_allocations_take_the_last_free_place(monkeypatch):
    person = assessor("Halton", max_concurrent=2, name="Rowan Example")
    load(person, 1)
    first, second = queued("Liverpool"), queued("Sefton")
    managers = [factories.service_manager(), factories.service_manager()]

    slow_count = selectors.live_count

    def counted_slowly(user_id: int) -> int:
        count = slow_count(user_id)
        time.sleep(0.5)  # the window a lost update would need
        return count

    monkeypatch.setattr(selectors, "live_count", counted_slowly)
    start = threading.Barrier(2)
    outcomes: dict[int, str] = {}

    def attempt(assessment_id: int, manager) -> str:
        try:
            services.assessment_allocate(assessment_id=assessment_id, assessor_id=person.pk, actor=manager, reason="x")
        except services.AllocationRefused as refusal:
            return str(refusal)
        return "allocated"

    def allocate(assessment_id: int, manager) -> None:
        start.wait()
        try:
            outcomes[assessment_id] = attempt(assessment_id, manager)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=allocate, args=(a.pk, m)) for a, m in zip((first, second), managers, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values(), key=len) == [
        "allocated",
        "Rowan Example cannot take this assessment: 2 of 2 cases: no free place.",
    ]
    assert selectors.live_count(person.pk) == 2
