"""Toggles benchmark (not a test): the officer's feedback list of the demo workspace with
every toggle at its default (no "why?" panel, no flag query) against the same list with two
toggles switched (the panel: the flag rows and the cohort read once more), in the same run.
Median per request after a warm-up, in-process test client; read the ratio.

    python bench/toggles_bench.py            # 2,000 items, 200 requests each
    python bench/toggles_bench.py --quick    # 500 items, 50 requests each
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.page_bench import _median_seconds, demo_app
from sandbox.seeding.personas import DEMO_PASSWORD
from sandbox.services.workspace.flags import set_flag
from sandbox.services.workspace.workspaces import find_workspace
from sandbox.workflow.behaviour import Toggle


def main() -> None:
    """Measure the inbox without and with the panel; print both and their ratio."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    quick = parser.parse_args().quick
    items, requests = (500, 50) if quick else (2000, 200)
    with tempfile.TemporaryDirectory() as folder:
        app = demo_app(Path(folder) / "toggles.db", items=items)
        client = app.test_client()
        client.post("/login", data={"username": "afisa.dodoma", "password": DEMO_PASSWORD})
        with app.app_context():
            plain = _median_seconds(client, "/desk/feedback", requests)
            workspace = find_workspace(app.config["DEMO_WORKSPACE"])
            set_flag(workspace, Toggle.STATUS_SMS, True)
            set_flag(workspace, Toggle.RATING_AND_APPEAL, False)
            assert "why-on" in client.get("/desk/feedback").get_data(as_text=True)
            panel = _median_seconds(client, "/desk/feedback", requests)
    print(f"inbox, defaults:         {plain * 1000:7.1f} ms")
    print(f"inbox, the 'why?' panel: {panel * 1000:7.1f} ms   ratio {panel / plain:.2f}")


if __name__ == "__main__":
    main()
