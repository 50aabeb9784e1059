"""A snapshot of the URL map, so that a removed or renamed URL is noticed."""

from __future__ import annotations

EXPECTED_ROUTES = {
    ("/", "main.index"),
    ("/lang/<code>", "main.set_language"),
    ("/healthz", "main.healthz"),
    ("/login", "auth.login"),
    ("/logout", "auth.logout"),
    ("/desk/feedback", "desk.feedback_list"),
    ("/desk/feedback/<int:feedback_id>", "desk.feedback_detail"),
    ("/static/<path:filename>", "static"),
}


def test_route_snapshot(app):
    routes = {(rule.rule, rule.endpoint) for rule in app.url_map.iter_rules()}
    assert routes == EXPECTED_ROUTES
