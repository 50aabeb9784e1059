"""Check types: a registry of named, typed predicates over a ``WorkspaceView``.

Importing this package registers every type (one module per domain line).
"""

from sandbox.scenarios.checks import events, identity, intake, replies, state
from sandbox.scenarios.checks.registry import (
    CHECKS,
    CheckResult,
    CheckType,
    Params,
    check,
    evaluate,
)

MODULES = (state, events, replies, identity, intake)

__all__ = ["CHECKS", "MODULES", "CheckResult", "CheckType", "Params", "check", "evaluate"]
