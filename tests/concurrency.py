"""Run the same request from several threads at the same instant (a real race, real database).

Each thread gets its own test client, so its own app context and database session, like the
requests of several workers. A thread that raised (a 500 in testing mode) gives its exception.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from flask import Flask
from flask.testing import FlaskClient


def race(
    app: Flask,
    n: int,
    call: Callable[[FlaskClient, int], Any],
    prepare: Callable[[FlaskClient, int], Any] | None = None,
) -> list[Any]:
    """``prepare(client, i)`` each, then ``call(client, i)`` in n threads released together."""
    barrier = threading.Barrier(n)

    def one(i: int) -> Any:
        client = app.test_client()
        if prepare is not None:
            prepare(client, i)
        barrier.wait()
        try:
            return call(client, i)
        except Exception as error:  # collected: the test asserts there were none
            return error

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(one, range(n)))


def no_errors(results: list[Any]) -> list[Any]:
    """The results, after checking that no thread raised."""
    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors
    return results
