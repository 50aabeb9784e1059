"""Page benchmark (not a test): our /desk/feedback list against a bare Flask page.

Both are measured in-process with the Flask test client (no network, no server), in the
same run: N requests each after a warm-up, median per request; the figure that matters
is the ratio ours / baseline.

    python bench/page_bench.py               # 10,000 seeded items, 300 requests each
    python bench/page_bench.py --quick       # 2,000 items, 100 requests
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bare_app import ROWS as BASELINE_ROWS  # noqa: E402
from bench.bare_app import bare_db, create_bare_app  # noqa: E402
from sandbox import create_app  # noqa: E402
from sandbox.extensions import db  # noqa: E402
from sandbox.seeding.loader import load_seed_data  # noqa: E402
from sandbox.seeding.personas import DEMO_PASSWORD  # noqa: E402
from sandbox.services.workspace import demo  # noqa: E402


def main() -> None:
    """Measure both pages and print the medians and their ratio."""
    args = _arguments()
    items, requests = (2_000, 100) if args.quick else (args.items, args.requests)
    with tempfile.TemporaryDirectory(prefix="page-bench-") as tmp:
        base = measure_baseline(Path(tmp) / "baseline.sqlite3", requests)
        ours = measure_ours(Path(tmp) / "ours.sqlite3", items, requests)
    print(f"requests per page: {requests} (after 20 warm-up), in-process test client")
    print(f"baseline  bare Flask, 20 of {BASELINE_ROWS:,} indexed rows  {base * 1000:6.2f} ms")
    print(f"ours      /desk/feedback, {items:,} items seeded        {ours * 1000:6.2f} ms")
    print(f"ratio ours / baseline (median per request): {ours / base:.2f}")


def _arguments() -> argparse.Namespace:
    """--items, --requests, --quick."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000, help="items seeded for our page")
    parser.add_argument("--requests", type=int, default=300, help="requests per page")
    parser.add_argument("--quick", action="store_true", help="2,000 items, 100 requests")
    return parser.parse_args()


def _median_seconds(client, url: str, requests: int) -> float:
    """Median wall time of GET url over ``requests`` calls, after a warm-up."""
    for _ in range(20):
        assert client.get(url).status_code == 200
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    return statistics.median(timings)


# -- baseline ---------------------------------------------------------------------


def measure_baseline(path: Path, requests: int) -> float:
    """Bare Flask + Flask-SQLAlchemy (``bench/bare_app.py``, the load benchmark's baseline
    too): the 20 newest of 100k indexed rows, file template."""
    app = create_bare_app(path)
    seconds = _median_seconds(app.test_client(), "/", requests)
    with app.app_context():
        bare_db.engine.dispose()
    return seconds


# -- ours -------------------------------------------------------------------------


def demo_app(path: Path, items: int):
    """The sandbox on a fresh SQLite file at ``path`` with a demo world of ``items`` items
    (seed 2024), CSRF off: the app the page, room and facilitator benches measure."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "SECRET_KEY": "bench",
        }
    )
    with app.app_context():
        db.create_all()
        demo.ensure_demo(app.config["DEMO_WORKSPACE"], items=items, seed=2024)
    return app


def measure_ours(path: Path, items: int, requests: int) -> float:
    """The officer's feedback list of the seeded demo workspace, logged in as afisa.dodoma."""
    app = demo_app(path, items=items)
    with app.app_context():
        load_seed_data()
    client = app.test_client()
    response = client.post("/login", data={"username": "afisa.dodoma", "password": DEMO_PASSWORD})
    assert response.status_code == 302, "demo officer could not log in"
    seconds = _median_seconds(client, "/desk/feedback", requests)
    with app.app_context():
        db.engine.dispose()
    return seconds


if __name__ == "__main__":
    main()
