"""From a `RawTable` to validated responses: answers as numbers, groups as clean names, issues.

The checks run column-wise over the whole table (a million rows cost a few vector operations);
only the cells that break a rule become `Issue` objects with their location. An answer may be a
number, a number stored as text (decimal comma allowed), a float within 1e-9 of a whole point,
or one of the scale's labels; blank and "n.v.t."-like answers are missing, never 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import polars as pl

from mes.columns import ColumnMap, map_columns
from mes.errors import (
    Category,
    DataError,
    InputError,
    Issue,
    as_warning,
    code_info,
    error,
    warning,
)
from mes.instrument import Instrument
from mes.messages import N_, message
from mes.personal import mask_emails
from mes.table import ROW, RawTable, data_column

#: At most this many located issues are kept; the rest are counted in one summary issue.
MAX_ISSUES = 10_000
_WHOLE_TOLERANCE = 1e-9

# Per-cell status codes computed column-wise.
_OK, _MISSING, _NOT_A_NUMBER, _NOT_WHOLE, _OUT_OF_RANGE = 0, 1, 2, 3, 4
_CELL_CODES = {
    _NOT_A_NUMBER: "invalid-answer",
    _NOT_WHOLE: "answer-not-whole",
    _OUT_OF_RANGE: "answer-out-of-range",
}

RESPONDENT = "respondent"


def item_column(key: str) -> str:
    """Name of the validated-frame column holding the answers to item ``key``."""
    return f"item:{key}"


def by_column(name: str) -> str:
    """Name of the validated-frame column holding the values of ``--by name``."""
    return f"by:{name}"


@dataclass(frozen=True)
class Responses:
    """Validated answers, one row per respondent, ready for scoring.

    ``frame`` columns: ``_row`` (source row), ``respondent`` (id as text), ``department`` and
    ``team`` (clean names or null), one ``by:<name>`` column per ``--by``, and one Float64
    ``item:<key>`` column per item holding the answer on the scale (null = no answer).
    """

    frame: pl.DataFrame
    table: RawTable
    columns: ColumnMap
    rows_read: int  # data rows in the file (entirely empty rows are not counted)
    skipped_rows: int = 0  # rows left out with --skip-invalid
    issues: list[Issue] = field(default_factory=list)  # warnings only (errors raise)

    @property
    def has_department(self) -> bool:
        return "department" in self.columns.dimensions

    @property
    def has_team(self) -> bool:
        return "team" in self.columns.dimensions

    @property
    def by(self) -> list[str]:
        return list(self.columns.by)


def validate(
    table: RawTable,
    instrument: Instrument,
    *,
    by: Sequence[str] = (),
    skip_invalid: bool = False,
) -> Responses:
    """Check every cell; raise `DataError` listing all problems, or return `Responses`.

    With ``skip_invalid`` rows with errors are left out (each named in a warning) instead.
    An unknown or refused ``--by`` column is a usage error (`InputError`, codes `BY_REFUSALS`).
    """
    columns = map_columns(table, instrument, by)
    usage = [i for i in columns.issues if code_info(i.code).category is Category.USAGE]
    if usage:
        raise InputError(usage)
    if not columns.ok:
        raise DataError(columns.issues)
    issues: list[Issue] = [*table.notes, *columns.issues]

    frame = table.frame
    status_exprs, value_exprs = [], []
    for item in instrument.items:
        name = data_column(columns.items[item.key])
        status, value = _parse_column(frame.get_column(name), instrument)
        status_exprs.append(status.alias(f"status:{item.key}"))
        value_exprs.append(value.alias(item_column(item.key)))
    parsed = frame.select(pl.col(ROW), *_group_exprs(frame, columns), *status_exprs, *value_exprs)

    if parsed.height == 0:
        raise DataError(
            error(
                "no-responses",
                message("the file has a header but no answers below it; export the responses too"),
                file=table.source,
                sheet=table.sheet,
                row=table.header_row,
            )
        )
    status_cols = [f"status:{item.key}" for item in instrument.items]
    # A row with no answer at all is not a respondent (an empty line, an abandoned form).
    no_answers = pl.all_horizontal(pl.col(c) == _MISSING for c in status_cols)
    empty = parsed.filter(no_answers)
    issues += [
        warning(
            "no-answers",
            message("this row has no answers at all and is not counted as a respondent"),
            table.locate(row, None),
        )
        for row in empty[ROW].head(MAX_ISSUES).to_list()
    ]
    parsed = parsed.filter(~no_answers)
    if parsed.height == 0:
        raise DataError(
            error(
                "no-responses",
                message("no row has any answer; check that this is the response export"),
                file=table.source,
                sheet=table.sheet,
            )
        )

    bad_cells = _cell_issues(parsed, table, instrument, columns)
    bad_rows = {row for row, _ in bad_cells}
    dup_issues, dup_rows = _duplicate_ids(parsed, table, columns)
    errors = sorted([issue for _, issue in bad_cells] + dup_issues, key=_reading_order)
    skipped = 0
    if errors:
        if not skip_invalid:
            raise DataError(_capped(errors + issues))
        drop = bad_rows | dup_rows
        skipped = len(drop)
        issues += [_as_warning(issue) for issue in errors]
        parsed = parsed.filter(~pl.col(ROW).is_in(sorted(drop)))

    frame_out = parsed.select(pl.exclude(status_cols))
    return Responses(
        frame=frame_out,
        table=table,
        columns=columns,
        rows_read=table.frame.height,
        skipped_rows=skipped,
        issues=_capped(issues),
    )


def clean_name(expr: pl.Expr) -> pl.Expr:
    """Group names: Unicode NFC, spaces trimmed and collapsed; empty becomes null."""
    cleaned = expr.str.normalize("NFC").str.replace_all(r"\s+", " ").str.strip_chars()
    return cleaned.replace("", None)


def _clean_column(column: pl.Series) -> pl.Expr:
    """`clean_name` over a column, computed once per distinct name (teams repeat a lot).

    A column of printable ASCII without spaces (the usual respondent id) is clean already but
    for empty texts: one regex pass settles that, instead of normalising a million distinct ids.
    The first rows are looked at first, so that a column of names with spaces skips that pass.
    """
    if not any(part.str.contains(_NEEDS_CLEANING).any() for part in (column.head(1000), column)):
        return pl.when(pl.col(column.name) != "").then(pl.col(column.name))
    distinct = column.drop_nulls().unique()
    if distinct.len() * 2 > column.len():  # ids: nearly every value differs
        return clean_name(pl.col(column.name))
    names = distinct.to_frame("raw").with_columns(clean_name(pl.col("raw")).alias("clean"))
    return pl.col(column.name).replace_strict(
        names["raw"], names["clean"], default=None, return_dtype=pl.String
    )


#: A character `clean_name` may change: anything but printable ASCII (spaces, non-ASCII text
#: that NFC may compose, control characters).
_NEEDS_CLEANING = r"[^\x21-\x7E]"


def _group_exprs(frame: pl.DataFrame, columns: ColumnMap) -> list[pl.Expr]:
    def cleaned(index: int) -> pl.Expr:
        return _clean_column(frame.get_column(data_column(index)))

    exprs = []
    if "id" in columns.dimensions:
        raw_id = cleaned(columns.dimensions["id"])
        # A blank id is numbered by its row, like a file without an id column.
        exprs.append(pl.coalesce(raw_id, pl.col(ROW).cast(pl.String)).alias(RESPONDENT))
    else:
        exprs.append(pl.col(ROW).cast(pl.String).alias(RESPONDENT))
    for dim in ("department", "team"):
        if dim in columns.dimensions:
            exprs.append(cleaned(columns.dimensions[dim]).alias(dim))
    for name, index in columns.by.items():
        exprs.append(cleaned(index).alias(by_column(name)))
    return exprs


def _parse_column(column: pl.Series, instrument: Instrument) -> tuple[pl.Expr, pl.Expr]:
    """(status, value) expressions for one answer column of the table.

    An answer column holds few distinct texts ("1".."5", a few labels, blanks) however many rows
    it has, so each distinct text is parsed once and the results are mapped back by a hash
    lookup: a million rows cost a join, not a million text normalisations.
    """
    distinct = pl.DataFrame({"text": column.fill_null("").unique()})
    status, value = _parse_answers(pl.col("text"), instrument)
    table = distinct.select(
        pl.col("text"), status.cast(pl.Int8).alias("status"), value.alias("value")
    )
    cells = pl.col(column.name).fill_null("")
    return (
        cells.replace_strict(table["text"], table["status"], return_dtype=pl.Int8),
        cells.replace_strict(table["text"], table["value"], return_dtype=pl.Float64),
    )


def _parse_answers(cell: pl.Expr, instrument: Instrument) -> tuple[pl.Expr, pl.Expr]:
    """Per-cell (status, value) expressions for answer texts."""
    scale = instrument.scale
    text = cell.str.normalize("NFKC").str.to_lowercase().str.replace_all(r"\s+", " ")
    text = text.str.strip_chars()
    missing = text.is_null() | (text == "") | text.is_in(sorted(scale.missing_tokens))
    labels = scale.label_values
    label_value = text.replace_strict(
        list(labels), [float(v) for v in labels.values()], default=None, return_dtype=pl.Float64
    )
    number = text.str.replace(",", ".", literal=True).cast(pl.Float64, strict=False)
    number = pl.when(number.is_finite()).then(number)  # "nan" and "inf" are not answers
    value = pl.coalesce(label_value, number)
    rounded = value.round(0)
    status = (
        pl.when(missing)
        .then(pl.lit(_MISSING))
        .when(value.is_null())
        .then(pl.lit(_NOT_A_NUMBER))
        .when((value - rounded).abs() > _WHOLE_TOLERANCE)
        .then(pl.lit(_NOT_WHOLE))
        .when((rounded < scale.min) | (rounded > scale.max))
        .then(pl.lit(_OUT_OF_RANGE))
        .otherwise(pl.lit(_OK))
    )
    return status, pl.when(status == _OK).then(rounded)


def _cell_issues(
    parsed: pl.DataFrame, table: RawTable, instrument: Instrument, columns: ColumnMap
) -> list[tuple[int, Issue]]:
    """Located issues for the (few) cells whose status is an error, in row then column order."""
    scale = instrument.scale
    labels = ", ".join(repr(label) for label in scale.labels) or "none"
    accepted = (
        message(
            "use a whole number from {low} to {high} or a label ({labels}), or leave the cell "
            "blank for no answer",
            low=scale.min,
            high=scale.max,
            labels=labels,
        )
        if scale.labels
        else message(
            "use a whole number from {low} to {high}, or leave the cell blank for no answer",
            low=scale.min,
            high=scale.max,
        )
    )
    found: list[tuple[int, int, Issue]] = []
    for item in instrument.items:
        index = columns.items[item.key]
        status = f"status:{item.key}"
        bad = parsed.filter(pl.col(status) > _MISSING).head(MAX_ISSUES)
        if bad.height == 0:
            continue
        raw = table.frame.filter(pl.col(ROW).is_in(bad[ROW].implode()))
        raw_text = dict(zip(raw[ROW].to_list(), raw[data_column(index)].to_list(), strict=True))
        for row, code in zip(bad[ROW].to_list(), bad[status].to_list(), strict=True):
            # An answer cell is quoted so that the user finds the wrong answer, but someone may
            # have typed an e-mail address into it: that is never repeated.
            shown = _shorten(mask_emails(raw_text.get(row) or ""))
            template = {
                _NOT_A_NUMBER: N_("{shown!r} is not an answer on this scale: {accepted}"),
                _NOT_WHOLE: N_(
                    "{shown} is not a whole point on the scale {low}-{high}: {accepted}"
                ),
                _OUT_OF_RANGE: N_("{shown} is outside the scale {low}-{high}: {accepted}"),
            }[code]
            text = message(template, shown=shown, low=scale.min, high=scale.max, accepted=accepted)
            issue = error(_CELL_CODES[code], text, table.locate(row, index))
            found.append((row, index, issue))
    found.sort(key=lambda t: (t[0], t[1]))
    return [(row, issue) for row, _, issue in found]


def _duplicate_ids(
    parsed: pl.DataFrame, table: RawTable, columns: ColumnMap
) -> tuple[list[Issue], set[int]]:
    """Issues naming both rows of each repeated respondent id; rows to skip (all but the first)."""
    if "id" not in columns.dimensions:
        return [], set()
    index = columns.dimensions["id"]
    if parsed.get_column(RESPONDENT).n_unique() == parsed.height:
        return [], set()  # the common case, settled by one hash pass
    dupes = (
        parsed.select(RESPONDENT, ROW)
        .filter(pl.col(RESPONDENT).is_duplicated())
        .sort(ROW)
        .group_by(RESPONDENT, maintain_order=True)
        .agg(pl.col(ROW))
    )
    issues, skip = [], set()
    for rows in dupes.get_column(ROW).to_list():
        first = rows[0]
        # Said by row and cell, never by value: an id may be a personnel number or an e-mail.
        where = table.locate(first, index)
        earlier = f"item {first}" if table.is_json else f"row {first}"
        if where.cell:
            earlier += f" (cell {where.cell})"
        for row in rows[1:]:
            skip.add(row)
            issues.append(
                error(
                    "duplicate-respondent",
                    message(
                        "the respondent id in this cell is also the id of {earlier}; each "
                        "respondent may answer once (--skip-invalid keeps the first row)",
                        earlier=earlier,
                    ),
                    table.locate(row, index),
                )
            )
    return issues, skip


def _reading_order(issue: Issue) -> tuple[int, str]:
    loc = issue.location
    column = loc.cell or loc.field or ""
    return (loc.row if loc.row is not None else loc.item or 0, f"{len(column):03d}{column}")


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: What a skipped row's problem was, in words that never copy the cell's text: the text of a
#: row left out is not in any result, and a message must not bring it back (a run with and
#: one without --skip-invalid would otherwise differ by exactly that person's answer).
_SKIPPED_BECAUSE = {
    "invalid-answer": N_("this cell is not an answer on the scale"),
    "answer-not-whole": N_("this cell is not a whole point of the scale"),
    "answer-out-of-range": N_("this cell is outside the scale"),
    "duplicate-respondent": N_("this respondent id also appears in an earlier row"),
}


def _as_warning(issue: Issue) -> Issue:
    because = message(_SKIPPED_BECAUSE.get(issue.code, N_("this row has a problem")))
    text = message(
        "row skipped: {because}; correct it and score again to count it", because=because
    )
    return as_warning(issue, text)


def _capped(issues: list[Issue]) -> list[Issue]:
    if len(issues) <= MAX_ISSUES:
        return issues
    rest = len(issues) - MAX_ISSUES
    return [
        *issues[:MAX_ISSUES],
        warning(
            "more-issues",
            message("{rest} more issues of the same kinds were not listed", rest=rest),
        ),
    ]
