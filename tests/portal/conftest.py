"""Portal fixtures: an empty demo workspace, an institution with categories, form data."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import g, has_app_context

from sandbox.extensions import db
from sandbox.models import Feedback, Institution, WorkspaceKind
from tests.conftest import RequestScopedClient

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%test\n"


class ChannelClient(RequestScopedClient):
    """Also forget the channel workspace of the previous request (production has a fresh g)."""

    def open(self, *args, **kwargs):
        if has_app_context():
            for name in ("ws_code", "workspace"):
                g.pop(name, None)
        return super().open(*args, **kwargs)


@pytest.fixture
def client(app, app_ctx):
    """A test client whose requests do not share the channel workspace through `g`."""
    app.test_client_class = ChannelClient
    yield app.test_client()
    app.test_client_class = RequestScopedClient


@pytest.fixture
def demo(app, make_workspace):
    """The demo workspace (empty: the plain /portal URLs write into it)."""
    return make_workspace(app.config["DEMO_WORKSPACE"], WorkspaceKind.DEMO)


@pytest.fixture
def institution(app_ctx) -> Institution:
    """A council that handles some categories."""
    return db.session.scalar(
        sa.select(Institution)
        .where(Institution.categories.any(), Institution.region_id.is_not(None))
        .order_by(Institution.id)
    )


@pytest.fixture
def form_data(institution):
    """Factory: a valid form (identified citizen) with overrides."""

    def make(**overrides) -> dict:
        data = {
            "type": "complaint",
            "complainant_type": "citizen",
            "category": str(institution.categories[0].id),
            "description": "Maji hayatoki bombani kwa wiki mbili sasa.",
            "name": "Asha Juma",
            "phone": "0712 345 678",
            "email": "asha@example.com",
            "region": "",
            "district": "",
        }
        data.update(overrides)
        return data

    return make


@pytest.fixture
def post_feedback(client, institution):
    """POST the feedback form (multipart) to the demo or a workspace URL."""

    def post(data: dict, prefix: str = "", **kwargs):
        url = f"{prefix}/portal/institutions/{institution.id}/feedback"
        return client.post(url, data=data, content_type="multipart/form-data", **kwargs)

    return post


def only_item() -> Feedback:
    """The single item in the database."""
    return db.session.scalars(sa.select(Feedback)).one()
