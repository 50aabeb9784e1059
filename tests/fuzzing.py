"""How many inputs each fuzz test generates: a sample in ``make test``, thousands in ``make fuzz``.

A fuzz test is marked ``fuzz`` and takes its Hypothesis settings from ``fuzz_settings(n)``:
``n`` examples in ``make test``, ``n × FUZZ_SCALE`` in ``make fuzz`` (the Makefile sets the
scale (7) so that the fuzz tests together try over 10,000 inputs; ``make fuzz`` prints the
total it ran, from Hypothesis' statistics, which do not count the schemathesis operations').
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

SCALE = max(1, int(os.environ.get("FUZZ_SCALE", "1") or 1))
fuzz = pytest.mark.fuzz


def examples(sample: int) -> int:
    """The number of examples for a test whose ``make test`` sample is ``sample``."""
    return sample * SCALE


def fuzz_settings(sample: int) -> settings:
    """Hypothesis settings for a fuzz test: no deadline (the machine is shared), and the
    function-scoped fixtures (client, world) are shared by the examples on purpose."""
    return settings(
        max_examples=examples(sample),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
