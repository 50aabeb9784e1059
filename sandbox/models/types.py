"""Column helpers shared by the models."""

from __future__ import annotations

from enum import Enum

import sqlalchemy as sa


def enum_column(enum_cls: type[Enum], name: str | None = None) -> sa.Enum:
    """A portable enum column: VARCHAR + CHECK storing the member's value, not its name.

    ``name`` names the CHECK constraint; give one when a table has two columns of one enum.
    """
    return sa.Enum(
        enum_cls,
        name=name or enum_cls.__name__.lower(),
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
