"""Run every benchmark: each `bench/<name>.py` that defines a top-level `main()`.

Each runs in its own Python process, because each sets Django up against its own
throwaway database. The modules are found by reading their source, so none is
imported here. Extra arguments name the benchmarks to run (default: all).

    .venv/bin/python -m bench.run_all
    .venv/bin/python -m bench.run_all intake
"""

from __future__ import annotations

import ast
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
# Helpers, not benchmarks.
NOT_BENCHMARKS = {"run_all", "synthetic"}


def benchmarks() -> list[str]:
    """Names of the modules in bench/ with a top-level `def main`, in alphabetical order."""
    names = []
    for path in sorted(BENCH_DIR.glob("*.py")):
        name = path.stem
        if name.startswith("_") or name in NOT_BENCHMARKS:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        if any(isinstance(node, ast.FunctionDef) and node.name == "main" for node in tree.body):
            names.append(name)
    return names


def main(argv: list[str] | None = None) -> int:
    wanted = list(sys.argv[1:] if argv is None else argv)
    available = benchmarks()
    unknown = [name for name in wanted if name not in available]
    if unknown:
        print(f"No such benchmark: {', '.join(unknown)}. Available: {', '.join(available)}", file=sys.stderr)
        return 2
    failed = []
    for name in wanted or available:
        print(f"\n=== bench.{name} ===", flush=True)
        began = time.perf_counter()
        # main() is called with no arguments (and an empty command line), so each
        # benchmark uses its defaults; a non-zero return or an exception marks it failed.
        code = f"import sys, bench.{name} as m; sys.exit(m.main() or 0)"
        result = subprocess.run([sys.executable, "-c", code], cwd=BENCH_DIR.parent, check=False)
        print(f"=== bench.{name}: exit {result.returncode} after {time.perf_counter() - began:.0f} s ===", flush=True)
        if result.returncode != 0:
            failed.append(name)
    if failed:
        print(f"\nFailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
