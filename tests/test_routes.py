"""A snapshot of the URL map (tests/routes/*.txt), so a removed or renamed URL is noticed."""

from __future__ import annotations

from pathlib import Path

SNAPSHOTS = Path(__file__).parent / "routes"


def expected_routes() -> set[tuple[str, str]]:
    """Every "<rule> <endpoint>" line of every area's snapshot file."""
    routes = set()
    for path in sorted(SNAPSHOTS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                rule, endpoint = line.split()
                routes.add((rule, endpoint))
    return routes


def test_route_snapshot(app):
    routes = {(rule.rule, rule.endpoint) for rule in app.url_map.iter_rules()}
    assert sorted(routes - expected_routes()) == [], "new routes: add them to tests/routes/"
    assert sorted(expected_routes() - routes) == [], "routes gone: were they meant to go?"
