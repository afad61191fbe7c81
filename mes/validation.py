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
from mes.errors import Category, DataError, InputError, Issue, Severity, code_info, error, warning
from mes.instrument import Instrument, Outcome
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


def outcome_column(key: str) -> str:
    """Name of the frame column holding the answers to outcome ``key``, on its own range."""
    return f"outcome:{key}"


@dataclass(frozen=True)
class _Range:
    """What an answer column accepts: whole numbers min..max, text labels, no-answer tokens."""

    min: int
    max: int
    labels: dict[str, int]  # normalised label -> value
    shown_labels: tuple[str, ...]  # the labels as the definition writes them, for messages
    missing: frozenset[str]


def _item_range(instrument: Instrument) -> _Range:
    scale = instrument.scale
    return _Range(
        scale.min, scale.max, scale.label_values, tuple(scale.labels), scale.missing_tokens
    )


def _outcome_range(outcome: Outcome, instrument: Instrument) -> _Range:
    return _Range(
        outcome.low,
        outcome.high,
        outcome.label_values,
        tuple(outcome.labels),
        instrument.scale.missing_tokens,
    )


def by_column(name: str) -> str:
    """Name of the validated-frame column holding the values of ``--by name``."""
    return f"by:{name}"


@dataclass(frozen=True)
class Responses:
    """Validated answers, one row per respondent, ready for scoring.

    ``frame`` columns: ``_row`` (source row), ``respondent`` (id as text), ``department`` and
    ``team`` (clean names or null), one ``by:<name>`` column per ``--by``, one Float64
    ``item:<key>`` column per item holding the answer on the scale (null = no answer), and one
    Float64 ``outcome:<key>`` column per outcome the file has, on the outcome's own range.
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

    @property
    def outcomes(self) -> list[str]:
        """Keys of the instrument's outcomes the file has a column for, in instrument order."""
        return list(self.columns.outcomes)


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
        status, value = _parse_column(frame.get_column(name), _item_range(instrument))
        status_exprs.append(status.alias(f"status:{item.key}"))
        value_exprs.append(value.alias(item_column(item.key)))
    for outcome in instrument.outcomes:
        if outcome.key not in columns.outcomes:
            continue
        name = data_column(columns.outcomes[outcome.key])
        answers = _outcome_range(outcome, instrument)
        status, value = _parse_column(frame.get_column(name), answers)
        status_exprs.append(status.alias(f"status:{outcome_column(outcome.key)}"))
        value_exprs.append(value.alias(outcome_column(outcome.key)))
    parsed = frame.select(pl.col(ROW), *_group_exprs(frame, columns), *status_exprs, *value_exprs)

    if parsed.height == 0:
        raise DataError(
            error(
                "no-responses",
                "the file has a header but no answers below it; export the responses too",
                file=table.source,
                sheet=table.sheet,
                row=table.header_row,
            )
        )
    status_cols = [f"status:{item.key}" for item in instrument.items] + [
        f"status:{outcome_column(key)}" for key in columns.outcomes
    ]
    # A row with no answer at all is not a respondent (an empty line, an abandoned form).
    no_answers = pl.all_horizontal(pl.col(c) == _MISSING for c in status_cols)
    empty = parsed.filter(no_answers)
    issues += [
        warning(
            "no-answers",
            "this row has no answers at all and is not counted as a respondent",
            table.locate(row, None),
        )
        for row in empty[ROW].head(MAX_ISSUES).to_list()
    ]
    parsed = parsed.filter(~no_answers)
    if parsed.height == 0:
        raise DataError(
            error(
                "no-responses",
                "no row has any answer; check that this is the response export",
                file=table.source,
                sheet=table.sheet,
            )
        )

    bad_cells = _cell_issues(parsed, table, instrument, columns)
    other_scale = _other_scale(bad_cells, table, instrument, columns)
    if other_scale is not None:
        raise DataError([other_scale, *issues])
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


def _parse_column(column: pl.Series, answers: _Range) -> tuple[pl.Expr, pl.Expr]:
    """(status, value) expressions for one answer column of the table.

    An answer column holds few distinct texts ("1".."5", a few labels, blanks) however many rows
    it has, so each distinct text is parsed once and the results are mapped back by a hash
    lookup: a million rows cost a join, not a million text normalisations.
    """
    distinct = pl.DataFrame({"text": column.fill_null("").unique()})
    status, value = _parse_answers(pl.col("text"), answers)
    table = distinct.select(
        pl.col("text"), status.cast(pl.Int8).alias("status"), value.alias("value")
    )
    cells = pl.col(column.name).fill_null("")
    return (
        cells.replace_strict(table["text"], table["status"], return_dtype=pl.Int8),
        cells.replace_strict(table["text"], table["value"], return_dtype=pl.Float64),
    )


def _parse_answers(cell: pl.Expr, scale: _Range) -> tuple[pl.Expr, pl.Expr]:
    """Per-cell (status, value) expressions for answer texts."""
    text = cell.str.normalize("NFKC").str.to_lowercase().str.replace_all(r"\s+", " ")
    text = text.str.strip_chars()
    missing = text.is_null() | (text == "") | text.is_in(sorted(scale.missing))
    labels = scale.labels
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
    found: list[tuple[int, int, Issue]] = []
    answer_columns = [
        (columns.items[item.key], f"status:{item.key}", _item_range(instrument))
        for item in instrument.items
    ] + [
        (index, f"status:{outcome_column(o.key)}", _outcome_range(o, instrument))
        for o in instrument.outcomes
        if (index := columns.outcomes.get(o.key)) is not None
    ]
    for index, status, scale in answer_columns:
        labels = ", ".join(repr(label) for label in scale.shown_labels) or "none"
        accepted = (
            f"use a whole number from {scale.min} to {scale.max}"
            + (f" or a label ({labels})" if scale.shown_labels else "")
            + ", or leave the cell blank for no answer"
        )
        bad = parsed.filter(pl.col(status) > _MISSING).head(MAX_ISSUES)
        if bad.height == 0:
            continue
        raw = table.frame.filter(pl.col(ROW).is_in(bad[ROW].implode()))
        raw_text = dict(zip(raw[ROW].to_list(), raw[data_column(index)].to_list(), strict=True))
        for row, code in zip(bad[ROW].to_list(), bad[status].to_list(), strict=True):
            # An answer cell is quoted so that the user finds the wrong answer, but someone may
            # have typed an e-mail address into it: that is never repeated.
            shown = _shorten(mask_emails(raw_text.get(row) or ""))
            message = {
                _NOT_A_NUMBER: f"{shown!r} is not an answer on this scale: {accepted}",
                _NOT_WHOLE: f"{shown} is not a whole point on the scale {scale.min}-{scale.max}: "
                + accepted,
                _OUT_OF_RANGE: f"{shown} is outside the scale {scale.min}-{scale.max}: " + accepted,
            }[code]
            issue = error(_CELL_CODES[code], message, table.locate(row, index))
            found.append((row, index, issue))
    found.sort(key=lambda t: (t[0], t[1]))
    return [(row, issue) for row, _, issue in found]


#: The answer scales mes can suggest when a file's answers run past the instrument's.
_KNOWN_SCALES = ((1, 7), (1, 10), (0, 10))


def _other_scale(
    bad_cells: list[tuple[int, Issue]],
    table: RawTable,
    instrument: Instrument,
    columns: ColumnMap,
) -> Issue | None:
    """One error instead of one per cell when the statements were answered on another scale.

    That is: every problem in the statements' columns is an answer outside the scale, and the
    whole numbers in those columns fit a usual wider scale (1-7, 0-10, 1-10), in at least half
    of the statements' columns.
    """
    item_refs = {table.locate(None, i).column for i in columns.items.values()}
    in_items = [i for _, i in bad_cells if i.location.column in item_refs]
    if len(in_items) < 2 or any(i.code != "answer-out-of-range" for i in in_items):
        return None
    # Most statements past the scale: a scale of its own; one odd column is a typing error.
    if 2 * len({i.location.column for i in in_items}) < len(columns.items):
        return None
    numbers = [
        table.frame.get_column(data_column(index))
        .str.strip_chars()
        .str.replace(",", ".", literal=True)
        .cast(pl.Float64, strict=False)
        for index in columns.items.values()
    ]
    values = pl.concat([n.drop_nulls() for n in numbers])
    if values.len() == 0 or bool(((values - values.round(0)).abs() > _WHOLE_TOLERANCE).any()):
        return None
    low, high = int(values.min()), int(values.max())  # type: ignore[arg-type]
    scale = instrument.scale
    # The narrowest usual scale that holds every answer: 1-7, else 1-10, and 0-10 with a 0.
    fits = [(a, b) for a, b in _KNOWN_SCALES if a <= low and high <= b and (low == 0) == (a == 0)]
    if not fits:
        return None
    a, b = fits[0]
    return error(
        "answers-on-other-scale",
        f"the statements are answered from {low} to {high} in {len(in_items)} cells outside "
        f"the instrument's scale {scale.min}-{scale.max}: the questionnaire used another scale. "
        f"Score it with an instrument for {a}-{b}: mes instrument --scale {a}-{b} > "
        f"instrument-{a}-{b}.toml, then mes score FILE --instrument instrument-{a}-{b}.toml",
        file=table.source,
        sheet=table.sheet,
    )


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
                    f"the respondent id in this cell is also the id of {earlier}; each "
                    "respondent may answer once (--skip-invalid keeps the first row)",
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
    "invalid-answer": "this cell is not an answer on the scale",
    "answer-not-whole": "this cell is not a whole point of the scale",
    "answer-out-of-range": "this cell is outside the scale",
    "duplicate-respondent": "this respondent id also appears in an earlier row",
}


def _as_warning(issue: Issue) -> Issue:
    because = _SKIPPED_BECAUSE.get(issue.code, "this row has a problem")
    return issue.model_copy(
        update={
            "severity": Severity.WARNING,
            "message": f"row skipped: {because}; correct it and score again to count it",
        }
    )


def _capped(issues: list[Issue]) -> list[Issue]:
    if len(issues) <= MAX_ISSUES:
        return issues
    rest = len(issues) - MAX_ISSUES
    return [
        *issues[:MAX_ISSUES],
        warning("more-issues", f"{rest} more issues of the same kinds were not listed"),
    ]
