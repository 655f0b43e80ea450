"""100,000 due dates worked out in bulk by the timescales engine (no database).

A mix of the hub's and the statutory rules (weeks, working days, months),
start dates spread over 2016-2035, a third of the clocks with one to three
pauses (some overlapping, some still open). Prints the time for the whole
batch, the rate, and the same again with milestones and status explanations.

    .venv/bin/python -m bench.timescales_bulk
    .venv/bin/python -m bench.timescales_bulk --count 20000
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, timedelta

from bench import machine, write_results
from hub.core import calendar
from hub.timescales import engine

RULES = [
    engine.Rule(8, engine.Unit.CALENDAR_WEEKS, (engine.Milestone("draft_to_qa", "Draft to QA", 10),)),
    engine.Rule(2, engine.Unit.CALENDAR_WEEKS, (engine.Milestone("draft_to_qa", "Draft to QA", 3),)),
    engine.Rule(10, engine.Unit.CALENDAR_WEEKS, (engine.Milestone("draft_to_qa", "Draft to QA", 10),)),
    engine.Rule(10, engine.Unit.WORKING_DAYS),
    engine.Rule(35, engine.Unit.WORKING_DAYS),
    engine.Rule(45, engine.Unit.WORKING_DAYS),
    engine.Rule(7, engine.Unit.CALENDAR_DAYS),
    engine.Rule(6, engine.Unit.CALENDAR_MONTHS),
]


def cases(count: int, seed: int = 26) -> list[tuple[engine.Rule, date, list[engine.Pause]]]:
    rng = random.Random(seed)
    first = date(2016, 1, 1)
    made = []
    for _ in range(count):
        start = first + timedelta(days=rng.randrange(365 * 20))
        pauses = []
        if rng.random() < 0.33:
            for _ in range(rng.randint(1, 3)):
                begins = start + timedelta(days=rng.randrange(60))
                ends = None if rng.random() < 0.1 else begins + timedelta(days=rng.randrange(30))
                pauses.append(engine.Pause(begins, ends, rng.choice(list(engine.PauseReason))))
        made.append((rng.choice(RULES), start, pauses))
    return made


def run(count: int, rounds: int) -> dict:
    batch = cases(count)
    calendar_ = calendar.WorkingCalendar()
    due_times, full_times = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        dues = [
            engine.due_date(
                rule, clock_start=start, calendar_=calendar_, pauses=pauses, as_of=start + timedelta(days=30)
            )
            for rule, start, pauses in batch
        ]
        due_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        for (rule, start, pauses), due in zip(batch, dues, strict=True):
            as_of = start + timedelta(days=30)
            milestones = engine.milestone_dates(rule, due=due, clock_start=start, calendar_=calendar_)
            open_pause = next((p for p in pauses if p.ended_on is None), None)
            engine.assess(
                engine.ClockFacts(
                    due=due, milestones=milestones, open_pause=open_pause, pauses=tuple(pauses), clock_start=start
                ),
                as_of=as_of,
                calendar_=calendar_,
            )
        full_times.append(time.perf_counter() - started + due_times[-1])
    due_s = statistics.median(due_times)
    full_s = statistics.median(full_times)
    return {
        "count": count,
        "rounds": rounds,
        "with_pauses": sum(1 for _, _, p in batch if p),
        "due_dates_seconds_median": round(due_s, 3),
        "due_dates_per_second": round(count / due_s),
        "with_milestones_and_status_seconds_median": round(full_s, 3),
        "with_milestones_and_status_per_second": round(count / full_s),
        "machine": machine(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results = run(args.count, args.rounds)
    print(f"Timescales engine: {results['count']:,} due dates ({results['with_pauses']:,} with pauses)")
    print(
        f"  due dates only:           {results['due_dates_seconds_median']:.3f} s  "
        f"({results['due_dates_per_second']:,}/s)"
    )
    print(
        f"  + milestones and status:  {results['with_milestones_and_status_seconds_median']:.3f} s  "
        f"({results['with_milestones_and_status_per_second']:,}/s)"
    )
    print(f"  median of {results['rounds']} rounds; machine {results['machine']}")
    write_results("timescales_bulk", results)


if __name__ == "__main__":
    main()
