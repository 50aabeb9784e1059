"""Sizing the server process (sandbox/serving.py) without starting a server."""

from __future__ import annotations

import resource

import pytest

from sandbox.serving import raise_open_files_limit


@pytest.fixture
def limits(monkeypatch):
    """A fake RLIMIT_NOFILE: set it with limits["now"] = (soft, hard); calls are recorded."""
    state = {"now": (1024, 4096), "set": []}
    monkeypatch.setattr(resource, "getrlimit", lambda which: state["now"])
    monkeypatch.setattr(resource, "setrlimit", lambda which, pair: state["set"].append(pair))
    return state


def test_a_low_soft_limit_is_raised_to_what_the_connections_need(limits):
    assert raise_open_files_limit(1256) == 1256
    assert limits["set"] == [(1256, 4096)]


def test_the_hard_limit_is_never_passed(limits):
    limits["now"] = (1024, 1100)
    assert raise_open_files_limit(5000) == 1100
    assert limits["set"] == [(1100, 1100)]


def test_a_soft_limit_already_high_enough_is_left_alone(limits):
    limits["now"] = (20000, 20000)
    assert raise_open_files_limit(1256) == 20000
    assert limits["set"] == []
