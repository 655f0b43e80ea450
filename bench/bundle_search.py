"""Searching a case's court bundles when the index holds a million pages.

Synthetic pages go straight into `bundles_bundlepage` and the search index (FTS5 on
SQLite, the generated tsvector column with its GIN index on PostgreSQL): 1,000
referrals with one 1,000-page bundle file each by default. Then `bundle_search` (the
selector the search page calls: the count, the first 50 hits ranked, their snippets)
is timed on a random case for a mix of queries: a common word, a rare word, a phrase,
a prefix, and two words.

    .venv/bin/python -m bench.bundle_search [--referrals 1000] [--pages-per-referral 1000] [--queries 200]
    .venv/bin/python -m bench.bundle_search --keep /tmp/hub-bundle-search   # build once, time again later
    scripts/with-postgres.sh .venv/bin/python -m bench.bundle_search
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path
from typing import Any

from bench import machine, percentile, setup_django, write_results

COMMON = [
    "the",
    "social",
    "worker",
    "visited",
    "family",
    "home",
    "mother",
    "father",
    "children",
    "school",
    "contact",
    "health",
    "visitor",
    "police",
    "parenting",
    "assessment",
    "plan",
    "review",
    "meeting",
    "concerns",
    "support",
    "nursery",
    "attended",
    "reported",
    "agreed",
    "discussed",
    "supervised",
    "weekly",
    "progress",
    "court",
    "order",
    "statement",
    "evidence",
    "grandmother",
    "refuge",
    "housing",
]
RARE = ["methadone", "strangulation", "fractured", "anaphylaxis", "trampoline", "allotment", "accordion"]
QUERIES = [
    "police",
    "grandmother refuge",
    '"health visitor"',
    "supervis*",
    "methadone",
    '"police attended the family home"',
    "strangul*",
]


def page_text(rng: random.Random, words: int = 80) -> str:
    chosen = rng.choices(COMMON, k=words)
    if rng.random() < 0.01:
        chosen[rng.randrange(words)] = rng.choice(RARE)
    if rng.random() < 0.05:
        at = rng.randrange(words - 6)
        chosen[at : at + 6] = ["police", "attended", "the", "family", "home", "after"]
    return " ".join(chosen).capitalize() + "."


def index_fill(*, referrals: int, pages_per_referral: int, seed: int = 0) -> dict[str, float]:
    """Insert the synthetic pages and index them; returns how long each step took."""
    from django.db import connection, transaction

    from bench import synthetic
    from hub.referrals.models import BundleDocument, Referral

    began = time.perf_counter()
    world = synthetic.world_ensure()
    synthetic.referrals_generate(world=world, count=referrals)
    cases = list(Referral.objects.order_by("id").values_list("id", flat=True)[:referrals])
    first_document = {}
    for document in BundleDocument.objects.filter(referral_id__in=cases).order_by("id"):
        first_document.setdefault(document.referral_id, document.pk)
    made_referrals = time.perf_counter() - began

    rng = random.Random(seed)
    began = time.perf_counter()
    postgres = connection.vendor == "postgresql"
    statement = (
        "INSERT INTO bundles_bundlepage (document_id, referral_id, number, label, text, scanned, from_ocr, mined) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, " + ("'[]'::jsonb)" if postgres else "'[]')")
    )
    for referral_id in cases:
        document_id = first_document[referral_id]
        rows = [
            (document_id, referral_id, n, f"C{n}", page_text(rng), False, False)
            for n in range(1, pages_per_referral + 1)
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(statement, rows)
    inserted = time.perf_counter() - began
    began = time.perf_counter()
    if not postgres:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO bundles_page_fts(rowid, text, referral_id) "
                "SELECT id, text, referral_id FROM bundles_bundlepage"
            )
            cursor.execute("INSERT INTO bundles_page_fts(bundles_page_fts) VALUES ('optimize')")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE bundles_bundlepage")
    indexed = time.perf_counter() - began
    return {"referrals_s": made_referrals, "insert_s": inserted, "index_s": indexed}


def run(*, referrals: int = 1000, pages_per_referral: int = 1000, queries: int = 200, seed: int = 0) -> dict[str, Any]:
    """The figures; Django must be set up (main does it, against a throwaway database)."""
    from hub.bundles.models import BundlePage
    from hub.bundles.selectors import bundle_search
    from hub.referrals.models import Referral

    if BundlePage.objects.exists():  # a kept database (--keep): the pages are already indexed
        fill = {"referrals_s": 0.0, "insert_s": 0.0, "index_s": 0.0}
    else:
        fill = index_fill(referrals=referrals, pages_per_referral=pages_per_referral, seed=seed)
    cases = list(Referral.objects.order_by("id").values_list("id", flat=True)[:referrals])
    rng = random.Random(seed + 1)
    by_query: dict[str, list[float]] = {q: [] for q in QUERIES}
    hits: dict[str, list[int]] = {q: [] for q in QUERIES}
    for q in QUERIES:  # warm-up
        bundle_search(Referral(pk=cases[0]), q)
    samples: list[float] = []
    for i in range(queries):
        typed = QUERIES[i % len(QUERIES)]
        referral = Referral(pk=rng.choice(cases))
        began = time.perf_counter()
        results = bundle_search(referral, typed)
        elapsed = time.perf_counter() - began
        samples.append(elapsed)
        by_query[typed].append(elapsed)
        hits[typed].append(results.total)
    return {
        "pages": referrals * pages_per_referral,
        "referrals": referrals,
        "pages_per_referral": pages_per_referral,
        "queries": queries,
        **fill,
        "median_ms": statistics.median(samples) * 1000,
        "p95_ms": percentile(samples, 0.95) * 1000,
        "per_query": {
            q: {
                "median_ms": statistics.median(t) * 1000,
                "p95_ms": percentile(t, 0.95) * 1000,
                "median_hits": statistics.median(hits[q]),
            }
            for q, t in by_query.items()
            if t
        },
        "machine": machine(),
    }


def main() -> int:
    from bench import database_vendor

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--referrals", type=int, default=1000)
    parser.add_argument("--pages-per-referral", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--keep", type=Path, help="keep the database in this folder and reuse it next time (building it takes minutes)"
    )
    args = parser.parse_args()
    setup_django(var_dir=args.keep)
    results = run(referrals=args.referrals, pages_per_referral=args.pages_per_referral, queries=args.queries)
    print(
        f"Bundle search over {results['pages']:,} indexed pages ({results['referrals']:,} cases of "
        f"{results['pages_per_referral']:,} pages) on {database_vendor()}"
    )
    print(f"  built in: insert {results['insert_s']:.0f} s, index {results['index_s']:.0f} s")
    print(f"  all queries: median {results['median_ms']:.1f} ms, p95 {results['p95_ms']:.1f} ms ({results['queries']})")
    for q, figures in results["per_query"].items():
        print(
            f"    {q:38} median {figures['median_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms  "
            f"hits {figures['median_hits']:.0f}"
        )
    print(f"  machine {results['machine']}")
    write_results("bundle_search", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
