"""The data pack at national scale: 150 authorities x 5 years of SSDA903 returns (about 2 million episodes).

Generates each authority-year's header and episodes CSVs (synthetic children,
`hub/datapack/synthetic.py`) into a temporary folder, imports them one return at a
time through `services.return_import` (the same path as the upload page and
`manage.py import_903`: csv module, rows checked, bulk_create in batches, one
transaction a return, which also counts and stores the return's figures), then
builds the pack for every return (`selectors.pack_figures`, which reads the counts
stored with each return, and `pack.build_pack`, which adds them up and suppresses)
and makes the PDF and the workbook.

Times each phase and measures memory: the process's peak resident size
(getrusage) after the first tenth of the returns is imported, after all of them
(the same if the importer streams), after the computation and at the end; with
--trace also the peak of Python's own allocations (tracemalloc) in the import and
in the computation (tracing slows allocation, so the times are taken without it).

    .venv/bin/python -m bench.datapack
    .venv/bin/python -m bench.datapack --authorities 10 --years 2 --children 200
    .venv/bin/python -m bench.datapack --data var/bench-datapack   # keep the data; later runs only compute
    scripts/with-postgres.sh .venv/bin/python -m bench.datapack
"""

from __future__ import annotations

import argparse
import datetime
import resource
import shutil
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from bench import database_vendor, machine, setup_django, sign_in, time_page, write_results

FIRST_YEAR = 2021


def _mib(value: float) -> float:
    return round(value / 1024 / 1024, 1)


def _rss_mib() -> float:
    """The process's peak resident size so far (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def load(*, authorities: int, years: int, children: int, trace: bool) -> dict[str, Any]:
    """Generate the CSVs and import them, one return at a time; times and memory."""
    from hub.accounts.models import Organisation, OrganisationKind
    from hub.datapack import services, synthetic
    from hub.datapack.models import Episode

    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Synthetic authority {100 + n}", kind=OrganisationKind.LOCAL_AUTHORITY, dfe_code=str(100 + n)
        )
        for n in range(authorities)
    )
    folder = Path(tempfile.mkdtemp(prefix="bench-datapack-"))
    try:
        started = time.perf_counter()
        files: list[tuple[Any, int, Path, Path]] = []
        episodes_written = 0
        for organisation in organisations:
            for year in range(FIRST_YEAR, FIRST_YEAR + years):
                header = folder / f"{organisation.dfe_code}-{year}-header.csv"
                episodes = folder / f"{organisation.dfe_code}-{year}-episodes.csv"
                with header.open("w", newline="") as h, episodes.open("w", newline="") as e:
                    _, written = synthetic.write_return(organisation.dfe_code, year, children, header=h, episodes=e)
                episodes_written += written
                files.append((organisation, year, header, episodes))
        generate_s = time.perf_counter() - started

        if trace:
            tracemalloc.start()
        started = time.perf_counter()
        tenth = max(1, len(files) // 10)
        early_peak, early_rss = 0, 0.0
        for index, (organisation, year, header, episodes) in enumerate(files, start=1):
            services.population_set(
                authority=organisation, year=year, children=20_000 + int(organisation.dfe_code) * 10
            )
            with header.open("rb") as h, episodes.open("rb") as e:
                services.return_import(
                    authority=organisation,
                    year=year,
                    uploads=[
                        services.Upload(name=header.name, stream=h),
                        services.Upload(name=episodes.name, stream=e),
                    ],
                )
            if index == tenth:
                early_rss = _rss_mib()
                if trace:
                    early_peak = tracemalloc.get_traced_memory()[1]
        import_s = time.perf_counter() - started
        import_peak = tracemalloc.get_traced_memory()[1] if trace else 0
        if trace:
            tracemalloc.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    episodes_imported = Episode.objects.count()
    return {
        "authorities": authorities,
        "years": years,
        "children_per_return": children,
        "returns": len(files),
        "episodes_written": episodes_written,
        "episodes_imported": episodes_imported,
        "generate_csv_s": round(generate_s, 1),
        "import_s": round(import_s, 1),
        "import_episodes_per_s": round(episodes_imported / import_s) if import_s else None,
        "max_rss_mib_after_first_tenth_of_import": early_rss,
        "max_rss_mib_after_import": _rss_mib(),
        "import_peak_traced_mib_first_tenth": _mib(early_peak) if trace else None,
        "import_peak_traced_mib_all": _mib(import_peak) if trace else None,
    }


def compute(*, trace: bool) -> dict[str, Any]:
    """The pack's figures for every imported return, then the workbook and the PDF; times and memory."""
    from hub.datapack import pack, selectors
    from hub.datapack.models import Episode, Return

    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    rows = selectors.pack_figures()
    built = pack.build_pack(rows, region="England (synthetic)", made_on=datetime.date(2025, 6, 1))
    compute_s = time.perf_counter() - started
    compute_peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    compute_rss = _rss_mib()
    started = time.perf_counter()
    workbook = pack.render_workbook(built)
    workbook_s = time.perf_counter() - started
    started = time.perf_counter()
    pdf = pack.render_pdf(built)
    pdf_s = time.perf_counter() - started
    latest = max((r.year for r in rows), default=None)
    pages = time_pages()
    return {
        "returns_computed": Return.objects.count(),
        "episodes_computed": Episode.objects.count(),
        "compute_s": round(compute_s, 3),
        "max_rss_mib_after_compute": compute_rss,
        "compute_peak_traced_mib": _mib(compute_peak) if trace else None,
        "looked_after_at_31_march_latest_year": sum(r.looked_after for r in rows if r.year == latest),
        "placed_with_parents_latest_year": sum(r.placed_with_parents for r in rows if r.year == latest),
        "workbook_s": round(workbook_s, 1),
        "workbook_bytes": len(workbook),
        "pdf_s": round(pdf_s, 1),
        "pdf_bytes": len(pdf),
        **pages,
    }


def time_pages() -> dict[str, Any]:
    """The pack page and its workbook download for every authority, as the hub's service manager opens them."""
    from django.test import Client
    from django.urls import reverse

    from hub.accounts.models import Role, User

    user, _ = User.objects.get_or_create(
        username="bench-datapack", defaults={"role": Role.SERVICE_MANAGER, "full_name": "Benchmark manager"}
    )
    client = Client()
    sign_in(client, user)
    page = time_page(client, reverse("datapack:pack"), repetitions=10, warmup=1)
    workbook = time_page(client, reverse("datapack:download", args=["xlsx"]), repetitions=5, warmup=1)
    return {
        "pack_page_median_ms": round(page.median_ms),
        "pack_page_queries": page.queries,
        "workbook_download_median_ms": round(workbook.median_ms),
    }


def run(*, authorities: int = 150, years: int = 5, children: int = 1_230, trace: bool = False) -> dict[str, Any]:
    from hub.datapack.models import Return

    results: dict[str, Any] = {"database": database_vendor(), "traced": trace}
    if Return.objects.exists():
        # A kept database (--data): measure the computation on what is there.
        results["reused_data"] = True
    else:
        results.update(load(authorities=authorities, years=years, children=children, trace=trace))
    results.update(compute(trace=trace))
    results["max_rss_mib_at_end"] = _rss_mib()
    results["machine"] = machine()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--authorities", type=int, default=150)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--children", type=int, default=1_230, help="children in each return (about 2.7 episodes each)")
    parser.add_argument(
        "--trace", action="store_true", help="also trace Python's allocations (tracemalloc; slows the import)"
    )
    parser.add_argument(
        "--data", type=Path, help="keep the database in this folder; if it already holds returns, only compute"
    )
    options = parser.parse_args()
    setup_django(var_dir=options.data)
    results = run(authorities=options.authorities, years=options.years, children=options.children, trace=options.trace)
    for key, value in results.items():
        if key != "machine":
            print(f"{key:40} {value}")
    write_results("datapack", results)


if __name__ == "__main__":
    main()
