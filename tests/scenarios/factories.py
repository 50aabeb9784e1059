"""Plain helpers for the scenario tests: the test clock and events."""

from __future__ import annotations

from datetime import datetime, timedelta

from sandbox.scenarios import view as v

T0 = datetime(2026, 11, 2, 9, 0)  # a Monday
DUE_ACK = datetime(2026, 11, 11, 23, 59, 59)
DUE_REPLY = datetime(2026, 11, 20, 23, 59, 59)


def event(action, actor=v.Actor.TRAINEE, hours=1, text="", is_public=False, **more) -> v.Event:
    """An event ``hours`` after T0."""
    return v.Event(
        action, actor, T0 + timedelta(hours=hours), text=text, is_public=is_public, **more
    )


MINIMAL = {
    "id": "mfano",
    "version": 1,
    "competencies": ["deadlines"],
    "difficulty": 1,
    "minutes": 5,
    "title": {"sw": "Mfano", "en": "Example"},
    "briefing": {"sw": "Thibitisha.", "en": "Acknowledge."},
    "debrief": {"sw": "Vizuri.", "en": "Well done."},
    "setup": {"items": [{"key": "A", "type": "complaint", "description": "Taka."}]},
    "steps": [
        {
            "id": "thibitisha",
            "instruction": {"sw": "Thibitisha.", "en": "Acknowledge."},
            "checks": [
                {
                    "type": "item_status",
                    "params": {"item": "A", "status": "acknowledged"},
                    "failure": {"sw": "{item}: {expected}", "en": "{item}: {expected}"},
                }
            ],
        }
    ],
    "solution": [{"do": "acknowledge", "item": "A"}],
    "pitfalls": [
        {
            "name": "nothing",
            "actions": [{"do": "note", "item": "A", "text": "Baadaye."}],
            "expect": {"step": "thibitisha", "check": 0},
        }
    ],
}
