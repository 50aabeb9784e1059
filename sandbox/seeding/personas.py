"""The demo personas, read from seed_data/personas.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from sandbox.workflow.enums import Role

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "seed_data"
DEMO_PASSWORD = "mafunzo2024"  # printed by `mrejesho demo-users`; a training world, not a secret


@dataclass(frozen=True)
class Persona:
    """A ready-made demo login."""

    username: str
    display_name: str
    role: Role
    institution: str | None = None
    region: str | None = None


def load_personas(directory: Path | None = None) -> list[Persona]:
    """Every persona in personas.yaml, in file order."""
    path = (directory or DEFAULT_DIR) / "personas.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Persona(
            username=e["username"],
            display_name=e["display_name"],
            role=Role(e["role"]),
            institution=e.get("institution"),
            region=e.get("region"),
        )
        for e in entries
    ]


def persona_institutions(directory: Path | None = None) -> tuple[str, ...]:
    """Codes of the institutions whose feedback desk a demo persona works at, in file order."""
    personas = load_personas(directory)
    codes = (p.institution for p in personas if p.institution and p.role.is_institution_staff)
    return tuple(dict.fromkeys(codes))
