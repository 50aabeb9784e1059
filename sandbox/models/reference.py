"""Reference data shared by every workspace: regions, districts, institutions, categories."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sandbox.extensions import db
from sandbox.models.types import enum_column
from sandbox.workflow.labels import Labelled


class InstitutionKind(Labelled):
    """The kinds of public institution that must use e-Mrejesho."""

    MINISTRY = ("ministry", "Wizara", "Ministry")
    REGIONAL_SECRETARIAT = ("regional_secretariat", "Sekretarieti ya Mkoa", "Regional secretariat")
    COUNCIL = ("council", "Halmashauri", "Council")
    AGENCY = ("agency", "Wakala / Shirika", "Agency")
    INDEPENDENT_DEPARTMENT = (
        "independent_department",
        "Idara inayojitegemea",
        "Independent department",
    )


class Region(db.Model):
    """One of Tanzania's 31 regions."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(8), unique=True)
    name: Mapped[str] = mapped_column(sa.String(80), unique=True)
    zone: Mapped[str] = mapped_column(sa.String(16))
    districts: Mapped[list[District]] = relationship(
        back_populates="region", order_by="District.name"
    )


class District(db.Model):
    """A district (or district-level council area) of a region."""

    __table_args__ = (sa.UniqueConstraint("region_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("region.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    region: Mapped[Region] = relationship(back_populates="districts")


institution_category = sa.Table(
    "institution_category",
    db.metadata,
    sa.Column("institution_id", sa.ForeignKey("institution.id"), primary_key=True),
    sa.Column("category_id", sa.ForeignKey("category.id"), primary_key=True),
)


class Institution(db.Model):
    """A public institution that receives feedback."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    kind: Mapped[InstitutionKind] = mapped_column(enum_column(InstitutionKind), index=True)
    name_sw: Mapped[str] = mapped_column(sa.String(200))
    name_en: Mapped[str] = mapped_column(sa.String(200))
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("region.id"), index=True)
    district_id: Mapped[int | None] = mapped_column(sa.ForeignKey("district.id"))
    region: Mapped[Region | None] = relationship()
    district: Mapped[District | None] = relationship()
    categories: Mapped[list[Category]] = relationship(secondary=institution_category)

    def name(self, lang: str) -> str:
        """The public name in the given language (Swahili by default)."""
        return self.name_en if lang == "en" else self.name_sw


class Category(db.Model):
    """A service area feedback is about, handled by certain kinds of institution."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(60), unique=True)
    name_sw: Mapped[str] = mapped_column(sa.String(200))
    name_en: Mapped[str] = mapped_column(sa.String(200))
    kinds: Mapped[str] = mapped_column(sa.String(200), default="")

    def name(self, lang: str) -> str:
        """The category name in the given language (Swahili by default)."""
        return self.name_en if lang == "en" else self.name_sw

    @property
    def institution_kinds(self) -> list[InstitutionKind]:
        """The kinds of institution that typically handle this category."""
        return [InstitutionKind(k) for k in self.kinds.split(",") if k]
