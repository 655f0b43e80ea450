"""The solver benchmark still runs (on a handful of rows, so it cannot rot)."""

from bench import allocation_solver


def test_it_runs_the_solver_benchmark_on_a_small_queue(capsys):
    assert allocation_solver.main(["--assessments", "60", "--assessors", "12"]) == 0
    printed = capsys.readouterr().out
    assert "60 unallocated assessments, 12 assessors" in printed
    assert "solver minus greedy" in printed
