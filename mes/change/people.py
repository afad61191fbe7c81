"""Person-level data of one survey file for the paired view: each scored person's MES and the
groups they count in, and whether the respondent ids can follow people at all.

A quarter's people are kept while the next quarter is read, so they are kept small: per scored
person their id, MES and a number standing for the set of groups they count in (their
*membership*); the group ids are spelled out once per membership, not once per person.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from mes.groups import by_value, escape_expr
from mes.messages import Message, message
from mes.results import (
    ScoreReport,
)
from mes.scoring import MES
from mes.table import ROW, data_column
from mes.validation import RESPONDENT, Responses, by_column, clean_name

ORGANISATION = "organisation"
#: The column of `People.frame` that says which groups a person counts in.
MEMBERSHIP = "membership"


@dataclass(frozen=True)
class People:
    """Person-level data of one survey file, for the paired view.

    ``frame``: one row per scored person, in file order, with columns ``respondent``, ``mes``
    and ``membership``; ``memberships[m]``: the ids of the groups (as `mes.report` spells them)
    a person of membership ``m`` counts in. ``unusable`` says why the respondent ids cannot be
    used to follow people, as (code, message), when they cannot.
    """

    frame: pl.DataFrame
    memberships: tuple[tuple[str, ...], ...]
    unusable: tuple[str, Message] | None = None

    def group_sizes(self) -> dict[str, int]:
        """The number of scored people in each group."""
        sizes: dict[str, int] = {}
        for m, n in self.frame.group_by(MEMBERSHIP).len().iter_rows():
            for group in self.memberships[m]:
                sizes[group] = sizes.get(group, 0) + n
        return sizes


@dataclass(frozen=True)
class Side:
    """One quarter: its score report, and its people when it was read from a survey file."""

    report: ScoreReport
    people: People | None = None


# --- Person-level data ------------------------------------------------------------------------


def people(responses: Responses, persons: pl.DataFrame) -> People:
    """Each scored person's MES and the ids of the groups they count in, for the paired view.

    ``persons`` are the ``responses`` as scored for the quarter's report
    (`mes.report.score_with_persons`): a person is scored once.
    """
    labels = [
        *(["department"] if responses.has_department else []),
        *(["team"] if responses.has_team else []),
        *(by_column(name) for name in responses.by),
    ]
    scored = persons.filter(pl.col(MES).is_not_null())
    if not labels:  # everyone counts in the organisation only
        frame = scored.select(RESPONDENT, MES, pl.lit(0, pl.UInt32).alias(MEMBERSHIP))
        return People(frame, ((ORGANISATION,),), _unusable_ids(responses))
    kinds = scored.select(labels).unique(maintain_order=True).with_row_index(MEMBERSHIP)
    frame = scored.join(
        kinds, on=labels, how="left", nulls_equal=True, maintain_order="left"
    ).select(RESPONDENT, MES, MEMBERSHIP)
    ids = kinds.select(pl.concat_list(_group_id_exprs(responses))).to_series().to_list()
    memberships = tuple(tuple(g for g in groups if g is not None) for groups in ids)
    return People(frame, memberships, _unusable_ids(responses))


def _group_id_exprs(responses: Responses) -> list[pl.Expr]:
    """Per person, the id of each group they count in (null where they are in none), spelled
    exactly as `mes.groups.GroupKey.id` spells it."""
    dept, team = escape_expr(pl.col("department")), escape_expr(pl.col("team"))
    exprs = [pl.lit(ORGANISATION)]
    if responses.has_department:
        exprs.append(pl.concat_str([pl.lit("department/"), dept]))
    if responses.has_team:
        loose = pl.concat_str([pl.lit("team/"), team])  # a team in no department
        if responses.has_department:
            nested = pl.concat_str([pl.lit("team/"), dept, pl.lit("/"), team])
            exprs.append(pl.when(pl.col("department").is_null()).then(loose).otherwise(nested))
        else:
            exprs.append(loose)
    for name in responses.by:
        head = by_value(name, "").id.removesuffix("/")
        value = escape_expr(pl.col(by_column(name)))
        exprs.append(pl.concat_str([pl.lit(f"{head}/"), value]))
    return exprs


def _unusable_ids(responses: Responses) -> tuple[str, Message] | None:
    source = responses.table.source
    if "id" not in responses.columns.dimensions:
        return (
            "no-ids",
            message("{source} has no respondent id column to follow people by", source=source),
        )
    column = data_column(responses.columns.dimensions["id"])
    # All rows of the file, not only respondents: a Forms export with an empty row is still 1..N.
    ids = responses.table.frame.select(clean_name(pl.col(column))).to_series().drop_nulls()
    first_row = responses.table.frame[ROW].min()
    if looks_sequential(ids, first_row if isinstance(first_row, int) else 1):
        return (
            "sequence-ids",
            message(
                "the ids in {source} are numbered 1, 2, 3, … (as Microsoft Forms numbers "
                "responses): they do not identify people, so nobody can be followed from one "
                "quarter to the next",
                source=source,
            ),
        )
    return None


def looks_sequential(ids: pl.Series, first_row: int = 1) -> bool:
    """Whether respondent ids are a response sequence number rather than person ids.

    True for whole numbers counting up from 1 (or from the first data row), allowing a few gaps:
    Forms keeps the numbers of deleted test responses, so 3..152 is still a sequence. Matching
    such numbers across quarters would pair strangers, so in doubt they are not used.
    """
    if ids.len() == 0:
        return False
    numbers = ids.cast(pl.Float64, strict=False)
    if numbers.null_count() or not (numbers == numbers.round(0)).all():
        return False
    whole = numbers.cast(pl.Int64)
    count = whole.n_unique()
    low, high = int(whole.min()), int(whole.max())  # type: ignore[arg-type]
    slack = max(2, count // 10)
    return (high - low + 1) - count <= slack and low <= max(1, first_row) + slack
