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

import polars as pl

from mes.groups import GroupKey, by_value, department, team
from mes.privacy import Suppression
from mes.results import Individual
from mes.scoring import ENERGETIC, MES

HIDDEN_LABEL = "(suppressed)"

Combo = tuple[str | None, ...]


def individuals_of(
    persons: pl.DataFrame,
    label_columns: list[str],
    by: Mapping[str, str],
    decision: Mapping[GroupKey, Suppression | None],
    k: int,
    *,
    respondent: str,
    keep_ids: bool,
) -> list[Individual]:
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
    by_names = {name: names[column] for name, column in by.items()}
    return [
        Individual(
            respondent=row[respondent],
            department=row[names["department"]] if "department" in names else None,
            team=row[names["team"]] if "team" in names else None,
            by={name: row[column] for name, column in by_names.items()},
            traits={t.removeprefix("trait:"): row[t] for t in traits},
            mes=row[MES],
            energetic=row[ENERGETIC],
        )
        for row in frame.iter_rows(named=True)
    ]


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
