"""The benchmark scripts still run against today's schema (a tiny sample; never a timing).

``make bench`` runs them at full size; here each runs once on a few items so that a schema
change that breaks one (the seeding baseline once lacked two new columns) fails the suite.
Their output is not checked: figures belong in docs/PERFORMANCE.md, not in tests.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "arguments",
    [
        ["bench/seed_bench.py", "--items", "200"],
        ["bench/page_bench.py", "--items", "200", "--requests", "3"],
        ["bench/room_bench.py", "--trainees", "5", "--requests", "3"],
        ["bench/archive_bench.py", "--trainees", "1", "--rounds", "1"],
        ["bench/reset_bench.py", "--trainees", "2"],
        ["bench/toggles_bench.py", "--quick"],
        ["bench/preview_bench.py", "--stakeholders", "1"],
        ["bench/report_bench.py", "--quick"],
        ["bench/join_bench.py", "--quick"],
    ],
)
def test_a_bench_script_runs_on_a_small_sample(arguments):
    if os.environ.get("DATABASE_URL"):
        pytest.skip("the benchmarks measure the embedded SQLite files they create")
    done = subprocess.run(
        [sys.executable, *arguments], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "ratio" in done.stdout


def test_the_scaling_bench_runs_on_a_throw_away_postgresql():
    """bench/scaling_bench.py: one worker count, two seconds, a 100-item world."""
    if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        pytest.skip("the scaling benchmark starts its own PostgreSQL (.ci/pg.sh): not installed")
    if importlib.util.find_spec("locust") is None:
        pytest.skip("the scaling benchmark drives gunicorn with locust: `make bench` installs it")
    arguments = ["--quick", "--workers", "1", "--seconds", "2", "--items", "100"]
    done = subprocess.run(
        [sys.executable, "bench/scaling_bench.py", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "throughput ÷ 1 worker's" in done.stdout
