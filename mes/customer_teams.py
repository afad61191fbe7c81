"""Customer files with one row per team: the team, its customer score and the n it rests on.

Beside the file with one row per customer response, ``mes link`` reads a summary that a
customer-survey tool or a marketing department hands over: a team (and/or department) column, a
score column holding the team's mean on the score's scale (7.4 on 1-10) and a count column
(``n``, ``aantal``, ``responses``, ...) with the responses that mean rests on.

The layout is recognised from the file itself (`is_per_team`): it has a count column by its
header, and no team (department and team) occurs on more than one row. Every cell is checked:
a score that is not a number within the scale and a count that is not a whole number of 0 or
more are located errors, all collected. A team's row is one record of `Responses` with the
count beside the score, so the matching to the survey's teams is the one ``mes mirror`` uses;
`customer_stats` then weighs rows by their count. Privacy is decided later, on the count: a
score resting on fewer than ``k`` responses is not shown.
"""

from __future__ import annotations

import math

import polars as pl

from mes.columns import ColumnMap
from mes.errors import DataError, Issue, error
from mes.instrument import Scale, header_candidates, normalize_text
from mes.messages import message
from mes.table import ROW, RawTable, data_column
from mes.validation import Responses, clean_name

#: Column of the per-team frame: the customer responses a row's score rests on.
COUNT = "_customers"
#: Headers of the count column (compared as headers are: case and punctuation ignored).
COUNT_HEADERS = (
    "n", "aantal", "responses", "respons", "respondenten", "aantal respondenten",
    "aantal antwoorden", "antwoorden", "aantal reacties", "reacties", "count",
    "number of responses", "n responses", "n customers", "aantal klanten",
)  # fmt: skip
_GROUPS = ("department", "team")


def count_column(table: RawTable) -> int | None:
    """Index of the first column headed like a count of responses, or None."""
    for index, header in enumerate(table.headers):
        if header and any(form in COUNT_HEADERS for form in header_candidates(header)):
            return index
    return None


def _names(table: RawTable, columns: ColumnMap) -> pl.DataFrame:
    exprs = [
        clean_name(pl.col(data_column(columns.dimensions[dim]))).alias(dim)
        for dim in _GROUPS
        if dim in columns.dimensions
    ]
    return table.frame.select(pl.col(ROW), *exprs)


def is_per_team(table: RawTable, columns: ColumnMap) -> bool:
    """One row per team: a count column, a team or department column, and no name repeated."""
    if count_column(table) is None or not any(d in columns.dimensions for d in _GROUPS):
        return False
    names = _names(table, columns).drop(ROW)
    keys = [
        tuple(normalize_text(v) if v else "" for v in row)
        for row in names.iter_rows()
        if any(v for v in row)
    ]
    return bool(keys) and len(keys) == len(set(keys))


def _number(text: str | None) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def read_team_scores(
    table: RawTable, columns: ColumnMap, score_index: int, scale: Scale, value_column: str
) -> Responses:
    """The per-team file as `Responses`: one row per team, its mean score in ``value_column``
    and its count in `COUNT`.

    Raises `DataError` listing every score outside the scale and every count that is not a
    whole number of 0 or more.
    """
    count_index = count_column(table)
    assert count_index is not None  # is_per_team decided the layout
    names = _names(table, columns)
    scores = table.frame.get_column(data_column(score_index)).to_list()
    counts = table.frame.get_column(data_column(count_index)).to_list()
    rows = names.get_column(ROW).to_list()
    issues: list[Issue] = []
    values: list[float | None] = []
    ns: list[int] = []
    scale_text = f"{scale.min}-{scale.max}"
    for row, score_text, count_text in zip(rows, scores, counts, strict=True):
        blank_score = score_text is None or not str(score_text).strip()
        blank_count = count_text is None or not str(count_text).strip()
        score = _number(score_text)
        count = _number(count_text)
        if blank_score and (blank_count or count == 0):
            values.append(None)  # a team without customers this quarter
            ns.append(0)
            continue
        if score is None or not scale.min <= score <= scale.max:
            issues.append(
                error(
                    "invalid-team-score",
                    message(
                        "{value}: a team's customer score must be a number within the scale "
                        "{scale_text} (give another scale with --scale)",
                        value=message("no score") if blank_score else repr(score_text),
                        scale_text=scale_text,
                    ),
                    table.locate(row, score_index),
                )
            )
        if count is None or count < 0 or count != int(count):
            issues.append(
                error(
                    "invalid-customer-count",
                    message(
                        "{value}: the number of customer responses a team's score rests on "
                        "must be a whole number of 0 or more",
                        value=message("no count") if blank_count else repr(count_text),
                    ),
                    table.locate(row, count_index),
                )
            )
        values.append(score)
        ns.append(int(count) if count is not None and count >= 0 and count == int(count) else 0)
    if issues:
        raise DataError(issues)
    frame = names.with_columns(
        pl.Series(value_column, values, dtype=pl.Float64),
        pl.Series(COUNT, ns, dtype=pl.Int64),
    ).filter(pl.col(COUNT) > 0)
    return Responses(
        frame=frame,
        table=table,
        columns=columns,
        rows_read=len(rows),
        issues=[*table.notes, *columns.issues],
    )


def customer_stats(frame: pl.DataFrame, column: str) -> tuple[int, float | None]:
    """(n, mean on the scale) of the customer rows in ``frame``: responses, or teams weighed by
    their count."""
    if COUNT not in frame.columns:
        values = frame.get_column(column).drop_nulls().cast(pl.Float64)  # validated: small ints
        n = values.len()
        return n, (float(values.mean()) if n else None)  # type: ignore[arg-type]
    rows = frame.filter(pl.col(column).is_not_null())
    n = int(rows.get_column(COUNT).sum())
    if n == 0:
        return 0, None
    total = float((rows.get_column(column).cast(pl.Float64) * rows.get_column(COUNT)).sum())
    return n, total / n
