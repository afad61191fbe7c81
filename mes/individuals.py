"""Per-person output (``--individuals``), made as little linkable to a person as it can be.

- Rows come in a pseudo-random order seeded by the file's content, not in the file's order (an
  export sorted by team would give suppressed teams away as runs of rows); the same file gives
  the same order.
- Respondent ids become pseudonyms (``P001``, ...) unless the user keeps them.
- Every label of a group that is not shown, because it is suppressed or because the person has
  none (no team), reads the same `HIDDEN_LABEL`: "no team" must not single out a hidden group.
- Labels are masked further until every combination of labels shown is shared by at least
  ``k`` people (in a rarer combination a ``--by`` label goes first, then the team, then the
  department; rows left with every label hidden must be ``k`` or more as well).

Masking is decided per combination of labels (a few thousand at a million rows) and joined
back, so the cost is a few column operations, not a Python loop over people.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from mes.groups import GroupKey, by_value, department, team
from mes.privacy import Suppression
from mes.results import Individual
from mes.scoring import ENERGETIC, MES

HIDDEN_LABEL = "(suppressed)"

Combo = tuple[str | None, ...]


@dataclass(frozen=True)
class People:
    """The per-person rows, as columns: ``respondent``, ``department`` and ``team`` (when the
    file has them), ``by:<name>`` per ``--by``, ``trait:<key>`` per trait, ``mes``, ``energetic``.

    Kept as one frame, not a model per person, so that a million people are written as JSON or
    as a worksheet column-wise (`mes.render.json_people`, `mes.render.xlsx.individuals`);
    `models` gives the `Individual` models (the JSON schema's shape) for a few.
    """

    frame: pl.DataFrame
    by: tuple[str, ...]
    traits: tuple[str, ...]

    def __len__(self) -> int:
        return self.frame.height

    @property
    def has_department(self) -> bool:
        return "department" in self.frame.columns

    @property
    def has_team(self) -> bool:
        return "team" in self.frame.columns

    def models(self) -> list[Individual]:
        return [
            Individual(
                respondent=row["respondent"],
                department=row.get("department"),
                team=row.get("team"),
                by={name: row[f"by:{name}"] for name in self.by},
                traits={key: row[f"trait:{key}"] for key in self.traits},
                mes=row[MES],
                energetic=row[ENERGETIC],
            )
            for row in self.frame.iter_rows(named=True)
        ]

    @classmethod
    def of_models(cls, individuals: list[Individual], by: list[str]) -> People:
        """The rows of a report read back from JSON."""
        traits = tuple(individuals[0].traits) if individuals else ()
        has_dept = any(p.department is not None for p in individuals)
        has_team = any(p.team is not None for p in individuals)
        columns: dict[str, list[object]] = {"respondent": [p.respondent for p in individuals]}
        if has_dept:
            columns["department"] = [p.department for p in individuals]
        if has_team:
            columns["team"] = [p.team for p in individuals]
        for name in by:
            columns[f"by:{name}"] = [p.by.get(name) for p in individuals]
        for key in traits:
            columns[f"trait:{key}"] = [p.traits.get(key) for p in individuals]
        columns[MES] = [p.mes for p in individuals]
        columns[ENERGETIC] = [p.energetic for p in individuals]
        schema: dict[str, pl.DataType] = {
            name: pl.Float64() if name == MES or name.startswith("trait:") else pl.String()
            for name in columns
        }
        schema[ENERGETIC] = pl.Boolean()
        frame = pl.DataFrame(columns, schema=schema, strict=False)
        return cls(frame, tuple(by), traits)


def individuals_of(
    persons: pl.DataFrame,
    label_columns: list[str],
    by: Mapping[str, str],
    decision: Mapping[GroupKey, Suppression | None],
    k: int,
    *,
    respondent: str,
    keep_ids: bool,
) -> People:
    """Per-person rows of ``persons`` (one row per respondent, with ``trait:<key>`` columns).

    ``label_columns`` are the frame's ``department``/``team`` columns and the ``--by`` columns;
    ``by`` maps each ``--by`` name to its column.
    """
    shown = {key for key, why in decision.items() if why is None}
    traits = [c for c in persons.columns if c.startswith("trait:")]
    frame = persons.select(respondent, MES, ENERGETIC, *label_columns, *traits)
    masked = [f"shown:{c}" for c in label_columns]
    if label_columns:
        counts = frame.group_by(label_columns).agg(pl.len().alias("n"))
        combos = {tuple(r[:-1]): int(r[-1]) for r in counts.iter_rows()}
        shown_combos = {c: _shown(c, label_columns, by, shown) for c in combos}
        final = _generalise(combos, shown_combos, label_columns, k)
        mapping = pl.DataFrame(
            [list(c) + list(final[c]) for c in combos],
            schema=[*label_columns, *masked],
            orient="row",
        ).cast({c: frame.schema[c] for c in label_columns})
        frame = frame.join(mapping, on=label_columns, how="left", nulls_equal=True)
    seed = int(frame.hash_rows(seed=7).sum() or 0) % (2**63)
    frame = frame.sort(pl.col(respondent).hash(seed=seed))
    width = len(str(frame.height))
    if not keep_ids:
        number = pl.int_range(1, pl.len() + 1).cast(pl.String).str.zfill(width)
        frame = frame.with_columns(pl.concat_str(pl.lit("P"), number).alias(respondent))
    names = dict(zip(label_columns, masked, strict=True))
    out = [pl.col(respondent).cast(pl.String).alias("respondent")]
    out += [pl.col(names[c]).cast(pl.String).alias(c) for c in ("department", "team") if c in names]
    out += [pl.col(names[column]).cast(pl.String).alias(f"by:{n}") for n, column in by.items()]
    out += [pl.col(t).cast(pl.Float64) for t in traits]
    out += [pl.col(MES).cast(pl.Float64), pl.col(ENERGETIC).cast(pl.Boolean)]
    return People(frame.select(out), tuple(by), tuple(t.removeprefix("trait:") for t in traits))


def _shown(combo: Combo, columns: list[str], by: Mapping[str, str], shown: set[GroupKey]) -> Combo:
    """A person's labels: a group's name where that group is shown, else the hidden label."""
    values = dict(zip(columns, combo, strict=True))
    dept = values.get("department")
    out: list[str | None] = []
    by_name = {column: name for name, column in by.items()}
    for column, value in values.items():
        key: GroupKey | None = None
        if value is not None:
            if column == "department":
                key = department(value)
            elif column == "team":
                key = team(value, dept)
            else:
                key = by_value(by_name[column], value)
        out.append(value if key is not None and key in shown else HIDDEN_LABEL)
    return tuple(out)


def _generalise(
    counts: Mapping[Combo, int], labels: Mapping[Combo, Combo], columns: list[str], k: int
) -> dict[Combo, Combo]:
    """Mask labels until every combination shown is shared by at least ``k`` people."""
    current = dict(labels)

    def sizes() -> dict[Combo, int]:
        out: dict[Combo, int] = {}
        for combo, shown in current.items():
            out[shown] = out.get(shown, 0) + counts[combo]
        return out

    order = [i for i in reversed(range(len(columns))) if columns[i].startswith("by:")]
    order += [columns.index(c) for c in ("team", "department") if c in columns]
    for index in order:
        found = sizes()
        for combo, shown in current.items():
            if found[shown] < k:
                current[combo] = (*shown[:index], HIDDEN_LABEL, *shown[index + 1 :])
    hidden = tuple(HIDDEN_LABEL for _ in columns)
    found = sizes()
    while 0 < found.get(hidden, 0) < k and len(found) > 1:
        rarest = min((c for c in found if c != hidden), key=lambda c: (found[c], repr(c)))
        for combo, shown in current.items():
            if shown == rarest:
                current[combo] = hidden
        found = sizes()
    return current
