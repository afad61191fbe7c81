"""Group identity: a group is a value (its dimension and its path of names), never a string.

Every place that needs a group (the tree, the ``--by`` breakdowns, privacy, the comparison of
quarters, the per-person output) uses `GroupKey`. Its string form, the ``id`` in JSON and the
``parent`` of a group, is made here and only here, with every ``/`` and ``%`` inside a name
escaped, so that department "A" with team "B/C" and department "A/B" with team "C" can never
share an id.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import polars as pl

ORGANISATION = "organisation"
DEPARTMENT = "department"
TEAM = "team"
#: The dimensions of the group tree; any other dimension is a ``--by`` column.
TREE = (ORGANISATION, DEPARTMENT, TEAM)


def escape(name: str) -> str:
    """A name as one segment of an id: ``%`` and ``/`` percent-encoded, nothing else changed."""
    return name.replace("%", "%25").replace("/", "%2F")


def escape_expr(expr: pl.Expr) -> pl.Expr:
    """`escape` as a polars expression, for ids built column-wise (the same two replacements)."""
    return expr.str.replace_all("%", "%25", literal=True).str.replace_all("/", "%2F", literal=True)


@dataclass(frozen=True, order=True)
class GroupKey:
    """A group: ``dimension`` ("organisation", "department", "team" or a ``--by`` column's name)
    and ``path``, its names from the top (a team in a department: ``(department, team)``; a team
    without one: ``(team,)``; a ``--by`` value: ``(value,)``)."""

    dimension: str
    path: tuple[str, ...] = ()
    #: A value of a ``--by`` column, never a group of the tree, whatever the column is called.
    breakdown: bool = False

    def __hash__(self) -> int:
        # Computed once: the disclosure check and the group-bys hash keys very often.
        return self._hash

    @cached_property
    def _hash(self) -> int:
        return hash((self.dimension, self.path, self.breakdown))

    def __getstate__(self) -> dict[str, object]:
        # A hash holds only in the process that made it (string hashes are salted).
        return {name: value for name, value in vars(self).items() if name != "_hash"}

    @property
    def in_tree(self) -> bool:
        return not self.breakdown

    @property
    def name(self) -> str:
        return self.path[-1] if self.path else ORGANISATION

    @property
    def id(self) -> str:
        """The stable string form used in JSON: ``organisation``, ``department/Finance``,
        ``team/Finance/Claims``, ``team/Claims`` (no department), ``by:role/Advisor``."""
        if self.dimension == ORGANISATION:
            return ORGANISATION
        head = self.dimension if self.in_tree else f"by:{escape(self.dimension)}"
        return "/".join([head, *(escape(p) for p in self.path)])

    @property
    def parent(self) -> GroupKey | None:
        """The group this one is shown under: a team's department (or the organisation)."""
        if self.dimension == ORGANISATION:
            return None
        if self.dimension == TEAM and len(self.path) == 2:
            return department(self.path[0])
        return ORG


ORG = GroupKey(ORGANISATION)


def department(name: str) -> GroupKey:
    return GroupKey(DEPARTMENT, (name,))


def team(name: str, department_name: str | None = None) -> GroupKey:
    """A team inside ``department_name``, or a team without a department."""
    path = (name,) if department_name is None else (department_name, name)
    return GroupKey(TEAM, path)


def by_value(column: str, value: str) -> GroupKey:
    return GroupKey(column, (value,), breakdown=True)


def memberships(
    department_name: str | None, team_name: str | None, by: dict[str, str | None]
) -> list[GroupKey]:
    """Every group a person with these labels counts in (the organisation always)."""
    keys = [ORG]
    if department_name is not None:
        keys.append(department(department_name))
    if team_name is not None:
        keys.append(team(team_name, department_name))
    keys += [by_value(column, value) for column, value in by.items() if value is not None]
    return keys


def partition(dimension: str, parent_id: str | None) -> str:
    """Which partition of its parent a shown group belongs to, for remainder checks on counts:
    departments and the teams without a department together partition the organisation, the
    teams of a department partition it, and each ``--by`` column partitions the organisation."""
    if dimension == ORGANISATION:
        return ""
    if dimension in (DEPARTMENT, TEAM):
        return DEPARTMENT if parent_id == ORGANISATION else TEAM
    return f"by:{dimension}"
