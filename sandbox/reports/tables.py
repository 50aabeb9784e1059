"""The dashboard's tables: one definition feeds the page, its chart and its CSV export.

Headers are in the UI language. No table has an identity column: items appear only by
reference, and people only as the staff who handle them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _

from sandbox.i18n import current_language
from sandbox.services.reports.dashboard import Dashboard
from sandbox.workflow import EscalationLevel


@dataclass(frozen=True)
class Table:
    """A titled table; ``chart`` is the index of the column a bar chart draws, if any."""

    name: str
    title: str
    header: list[str]
    rows: list[list]
    chart: int | None = None
    links: list[int] = field(default_factory=list)  # feedback ids of the rows, when linked

    @property
    def chart_max(self) -> int:
        """The largest charted value (0 for an empty or all-zero table)."""
        if self.chart is None:
            return 0
        return max((row[self.chart] or 0 for row in self.rows), default=0)


def _enum_table(name: str, title: str, column: str, pairs) -> Table:
    """Counts per enum member (every member listed, zeros included)."""
    lang = current_language()
    rows = [[member.label(lang), n] for member, n in pairs]
    return Table(name, title, [column, _("Items")], rows, chart=1)


def _named(obj, lang: str, none_label: str) -> str:
    """A category's or institution's name, or the label for a missing one."""
    return obj.name(lang) if obj is not None else none_label


def _types(b: Dashboard) -> Table:
    """Counts per feedback type."""
    return _enum_table("types", _("Items by type"), _("Type"), b.by_type)


def _statuses(b: Dashboard) -> Table:
    """Counts per status."""
    return _enum_table("statuses", _("Items by status"), _("Status"), b.by_status)


def _channels(b: Dashboard) -> Table:
    """Counts per channel."""
    return _enum_table("channels", _("Items by channel"), _("Channel"), b.by_channel)


def _categories(b: Dashboard) -> Table:
    """The ten largest categories with their share."""
    lang = current_language()
    rows = [[_named(c, lang, _("No category")), n, _share(n, b.total)] for c, n in b.categories]
    header = [_("Category"), _("Items"), _("Share of all items (%)")]
    return Table("categories", _("Top 10 categories"), header, rows, chart=1)


def _institutions(b: Dashboard) -> Table:
    """Counts per institution (wide scopes only)."""
    lang = current_language()
    rows = [[_named(i, lang, "—"), n] for i, n in b.institutions]
    return Table("institutions", _("Items by institution"), [_("Institution"), _("Items")], rows, 1)


def _timeliness(b: Dashboard) -> Table:
    """Median working days and SLA compliance per deadline."""
    header = [
        _("Deadline"),
        _("Median working days"),
        _("On time"),
        _("Measured"),
        _("Compliance (%)"),
    ]
    rows = [
        [_("Acknowledge"), b.median_acknowledge, *_sla(b.acknowledge_sla)],
        [_("Respond"), b.median_respond, *_sla(b.respond_sla)],
    ]
    return Table("timeliness", _("Time to act and SLA compliance"), header, rows)


def _sla(compliance) -> list:
    """Met, measured and percent of one deadline."""
    return [compliance.met, compliance.measured, compliance.percent]


def _overdue_ages(b: Dashboard) -> Table:
    """Overdue items per age bucket."""
    names = {"1-5": "1–5", "6-10": "6–10", "11-20": "11–20", ">20": _("more than 20")}
    rows = [[names[name], n] for name, n in b.overdue_buckets]
    header = [_("Working days overdue"), _("Items")]
    return Table("overdue_ages", _("Overdue items by age"), header, rows, chart=1)


def _overdue(b: Dashboard) -> Table:
    """The overdue items, most overdue first."""
    lang = current_language()
    header = [
        _("Reference"),
        _("Type"),
        _("Status"),
        _("Institution"),
        _("Assigned to"),
        _("Deadline"),
        _("Working days overdue"),
    ]
    rows = [
        [
            o.reference,
            o.type.label(lang),
            o.status.label(lang),
            o.institution_en if lang == "en" else o.institution,
            o.assignee or _("Not assigned"),
            o.deadline,
            o.days_overdue,
        ]
        for o in b.overdue
    ]
    return Table("overdue", _("Overdue items"), header, rows, links=[o.id for o in b.overdue])


def _workload(b: Dashboard) -> Table:
    """Open and overdue items per assignee."""
    rows = [[name or _("Not assigned"), n, late] for name, n, late in b.workload]
    header = [_("Officer"), _("Open items"), _("Of which overdue")]
    return Table("workload", _("Officer workload (open items)"), header, rows, chart=1)


def _directives(b: Dashboard) -> Table:
    """Directives given in the period, latest first."""
    lang = current_language()
    header = [_("Reference"), _("Given by"), _("Level"), _("Date")]
    rows = [[d.reference, d.giver, _level(d.giver_level, lang), d.at] for d in b.directives]
    links = [d.feedback_id for d in b.directives]
    return Table("directives", _("Directives given"), header, rows, links=links)


def _level(value: str, lang: str) -> str:
    """The giver's level label, or a dash for an unknown one."""
    try:
        return EscalationLevel(value).label(lang)
    except ValueError:
        return "—"


def _share(n: int, total: int) -> float | None:
    """n as a percentage of total, one decimal."""
    return round(100 * n / total, 1) if total else None


BUILDERS: dict[str, Callable[[Dashboard], Table]] = {
    "types": _types,
    "statuses": _statuses,
    "channels": _channels,
    "categories": _categories,
    "institutions": _institutions,
    "timeliness": _timeliness,
    "overdue_ages": _overdue_ages,
    "overdue": _overdue,
    "workload": _workload,
    "directives": _directives,
}


def build_tables(board: Dashboard, with_institutions: bool) -> dict[str, Table]:
    """Every table of the dashboard by name."""
    names = [n for n in BUILDERS if with_institutions or n != "institutions"]
    return {name: BUILDERS[name](board) for name in names}


def csv_cell(value) -> object:
    """A cell as written to CSV: ISO dates, one-decimal numbers, empty for no value."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, float):
        return f"{value:.1f}"
    return value
