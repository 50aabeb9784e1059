"""API keys: idempotent, the demo's fixed and documented, one workspace each."""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models.api_key import ApiKey
from sandbox.services.channels.api_keys import DEMO_API_KEY, ensure_api_key, workspace_for_key


def keys_where(*conditions) -> int:
    """How many stored keys match."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(ApiKey).where(*conditions))


def test_demo_key_is_the_documented_constant(demo):
    assert ensure_api_key(demo) == DEMO_API_KEY == "mrejesho-demo-key"


def test_ensure_is_idempotent(make_workspace):
    workspace = make_workspace("ws-a")
    first = ensure_api_key(workspace)
    assert ensure_api_key(workspace) == first
    assert keys_where(ApiKey.workspace_id == workspace.id) == 1


def test_other_workspaces_get_distinct_unguessable_keys(make_workspace):
    a, b = ensure_api_key(make_workspace("ws-a")), ensure_api_key(make_workspace("ws-b"))
    assert a != b
    assert DEMO_API_KEY not in (a, b)
    assert len(a) >= 24


def test_a_key_selects_its_workspace(demo, other):
    workspace, key = other
    assert workspace_for_key(key).id == workspace.id
    assert workspace_for_key(DEMO_API_KEY).id == demo.id
    assert workspace_for_key("nope") is None
    assert workspace_for_key("") is None


def test_demo_key_works_before_setup_stored_it(app, make_workspace):
    from sandbox.models import WorkspaceKind

    demo = make_workspace(app.config["DEMO_WORKSPACE"], kind=WorkspaceKind.DEMO)
    assert workspace_for_key(DEMO_API_KEY).id == demo.id
    assert keys_where(ApiKey.key == DEMO_API_KEY) == 1


def test_demo_key_selects_nothing_without_a_demo_workspace(app_ctx):
    assert workspace_for_key(DEMO_API_KEY) is None


def test_wrong_api_keys_are_rate_limited_in_json(app, client, demo):
    app.config["RATE_LIMIT_API_KEY"] = "2 per minute"
    try:
        answers = [
            client.get("/open311/v2/requests.json", query_string={"api_key": f"guess-{n}"})
            for n in range(3)
        ]
        without_key = client.get("/open311/v2/services.json")
    finally:
        app.config["RATE_LIMIT_API_KEY"] = "10 per minute"
    assert [a.status_code for a in answers] == [403, 403, 429]
    assert answers[-1].is_json and answers[-1].get_json()[0]["code"] == 429
    assert without_key.status_code == 200  # endpoints that take no key are not limited
