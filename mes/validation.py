"""From a `RawTable` to validated responses: answers as numbers, groups as clean names, issues.

The checks run column-wise over the whole table (a million rows cost a few vector operations);
only the cells that break a rule become `Issue` objects with their location. An answer may be a
number, a number stored as text (decimal comma allowed), a float within 1e-9 of a whole point,
or one of the scale's labels; blank and "n.v.t."-like answers are missing, never 0.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import polars as pl

from mes.columns import ColumnMap, map_columns
from mes.errors import (
    MAX_CELLS,
    Category,
    DataError,
    InputError,
    Issue,
    Location,
    as_warning,
    code_info,
    error,
    warning,
)
from mes.groups import GroupKey
from mes.groups import team as group_team
from mes.instrument import Instrument, Outcome, normalize_text
from mes.messages import N_, Message, Value, joined, message, message_n
from mes.names import Names, one_name_each, quoted
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

    @property
    def dtype(self) -> pl.DataType:
        """The validated answers' type: the smallest integer type that holds min..max."""
        return answer_dtype(self.min, self.max)


def answer_dtype(low: int, high: int) -> pl.DataType:
    """The smallest integer type that holds every whole number from ``low`` to ``high``.

    Answers are whole points, so a million of them on 1-5 take a megabyte as ``UInt8``
    instead of eight as ``Float64``; scoring computes in ``Float64`` from them.
    """
    for dtype, (lowest, highest) in _INT_RANGES:
        if lowest <= low and high <= highest:
            return dtype
    return pl.Int64()


_INT_RANGES: tuple[tuple[pl.DataType, tuple[int, int]], ...] = (
    (pl.UInt8(), (0, 2**8 - 1)),
    (pl.Int8(), (-(2**7), 2**7 - 1)),
    (pl.UInt16(), (0, 2**16 - 1)),
    (pl.Int16(), (-(2**15), 2**15 - 1)),
    (pl.UInt32(), (0, 2**32 - 1)),
    (pl.Int32(), (-(2**31), 2**31 - 1)),
)


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
    ``team`` (clean names or null), one ``by:<name>`` column per ``--by``, one ``item:<key>``
    column per item holding the answer on the scale (null = no answer), and one
    ``outcome:<key>`` column per outcome the file has, on the outcome's own range. Answers are
    whole numbers, typed with the smallest integer type of their range (`answer_dtype`:
    ``UInt8`` for 1-5 or 0-10); cast them to ``Float64`` before computing with them.
    """

    frame: pl.DataFrame
    table: RawTable  # where the cells were; only the id column keeps its text
    columns: ColumnMap
    rows_read: int  # data rows in the file (entirely empty rows are not counted)
    skipped_rows: int = 0  # rows left out with --skip-invalid
    issues: list[Issue] = field(default_factory=list)  # warnings only (errors raise)

    def compact(self, *, ids: bool = True) -> Responses:
        """These responses for scoring alone: the frame in one piece per column, no cell's text.

        A large CSV is parsed in dozens of chunks, and the frame keeps them: polars then copies
        the whole frame at every group-by of scoring. Copied once, after the file's text is
        gone (the caller holds no `RawTable` of it any more), it costs the least memory. The
        ids' text in `table` is dropped (only following people across quarters reads it), and
        with ``ids=False`` the ``respondent`` column too (only the per-person outputs show it):
        each is a column of text as long as the file.
        """
        frame = self.frame if ids else self.frame.drop(RESPONDENT)
        return replace(self, frame=frame.rechunk(), table=self.table.without_rows())

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
    # From here on `table` is this function's own copy, holding only the text that the checks
    # below may still quote: a caller that passed its table on (`pipeline.score_file`) has the
    # file's other text freed as soon as it is read (at 5 million rows, that text is a
    # gigabyte; freed early, the memory serves scoring instead of waiting to be returned).
    rows_read = table.frame.height
    groups = _group_indexes(columns)
    answer_columns = [*columns.items.values(), *columns.outcomes.values()]
    table = table.emptied({*groups, *answer_columns})

    frame = table.frame
    status_exprs, value_exprs, numbers = [], [], {}
    for item in instrument.items:
        name = data_column(columns.items[item.key])
        number, status, value = _parse_column(frame.get_column(name), _item_range(instrument))
        numbers[name] = number
        status_exprs.append(status.alias(f"status:{item.key}"))
        value_exprs.append(value.alias(item_column(item.key)))
    for outcome in instrument.outcomes:
        if outcome.key not in columns.outcomes:
            continue
        name = data_column(columns.outcomes[outcome.key])
        answers = _outcome_range(outcome, instrument)
        number, status, value = _parse_column(frame.get_column(name), answers)
        numbers[name] = number
        status_exprs.append(status.alias(f"status:{outcome_column(outcome.key)}"))
        value_exprs.append(value.alias(outcome_column(outcome.key)))
    frame = frame.with_columns(n for n in numbers.values() if n is not None)
    names = group_names(frame, columns)
    issues += _merge_issues(table, names)
    parsed = frame.select(
        pl.col(ROW), *_group_exprs(frame, columns, names), *status_exprs, *value_exprs
    )
    del frame, numbers
    status_cols = [f"status:{item.key}" for item in instrument.items] + [
        f"status:{outcome_column(key)}" for key in columns.outcomes
    ]
    if not parsed.select(pl.any_horizontal(pl.col(status_cols).gt(_MISSING).any())).item():
        # Every answer is a number or a label on the scale, or blank: no check names a cell by
        # its text, and the answers' text goes (the usual large file).
        table = table.emptied(groups)

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
    # A row with no answer at all is not a respondent (an empty line, an abandoned form).
    no_answers = pl.all_horizontal(pl.col(c) == _MISSING for c in status_cols)
    empty = parsed.select(pl.col(ROW).filter(no_answers)).to_series()
    issues += [
        warning(
            "no-answers",
            message("this row has no answers at all and is not counted as a respondent"),
            table.locate(row, None),
        )
        for row in empty.head(MAX_ISSUES).to_list()
    ]
    if not empty.is_empty():  # filtering copies every column, even when it keeps every row
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
    other_scale = _other_scale(bad_cells, table, instrument, columns)
    if other_scale is not None:
        raise DataError([other_scale, *issues])
    bad_rows = {row for rows, _ in bad_cells for row in rows}
    dup_issues, dup_rows = _duplicate_ids(parsed, table, columns)
    errors = sorted([issue for _, issue in bad_cells] + dup_issues, key=_reading_order)
    skipped = 0
    if errors:
        if not skip_invalid:
            raise DataError(_capped(errors + _tree_issues(parsed, table, columns) + issues))
        drop = bad_rows | dup_rows
        skipped = len(drop)
        skips = _skipped_cells([issue for _, issue in bad_cells]) + dup_issues
        issues += [_as_warning(issue) for issue in sorted(skips, key=_reading_order)]
        parsed = parsed.filter(~pl.col(ROW).is_in(sorted(drop)))

    frame_out = parsed.select(pl.exclude(status_cols))
    return Responses(
        frame=frame_out,
        # Only the ids keep their text (following people across quarters reads them).
        table=table.emptied({columns.dimensions["id"]} if "id" in columns.dimensions else set()),
        columns=columns,
        rows_read=rows_read,
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
        if not (column == "").any():
            return pl.col(column.name)  # the column itself, shared rather than copied
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


def _group_exprs(frame: pl.DataFrame, columns: ColumnMap, names: dict[int, Names]) -> list[pl.Expr]:
    def cleaned(index: int) -> pl.Expr:
        return _clean_column(frame.get_column(data_column(index)))

    exprs = []
    if "id" in columns.dimensions:
        index = columns.dimensions["id"]
        raw_id = cleaned(index)
        # A blank id is numbered by its row, like a file without an id column.
        if frame.get_column(data_column(index)).null_count():
            raw_id = pl.coalesce(raw_id, pl.col(ROW).cast(pl.String))
        exprs.append(raw_id.alias(RESPONDENT))
    else:
        exprs.append(pl.col(ROW).cast(pl.String).alias(RESPONDENT))
    for dim in ("department", "team"):
        if dim in columns.dimensions:
            exprs.append(
                names[columns.dimensions[dim]].expr(data_column(columns.dimensions[dim])).alias(dim)
            )
    for name, index in columns.by.items():
        exprs.append(names[index].expr(data_column(index)).alias(by_column(name)))
    return exprs


def _group_indexes(columns: ColumnMap) -> set[int]:
    """The file's columns of ids, departments, teams, roles and ``--by`` breakdowns."""
    return set(columns.dimensions.values()) | set(columns.by.values())


def group_names(frame: pl.DataFrame, columns: ColumnMap) -> dict[int, Names]:
    """The shown name of every text in the department, team and ``--by`` columns."""
    indexes = [columns.dimensions[d] for d in ("department", "team") if d in columns.dimensions]
    indexes += list(columns.by.values())
    return {i: one_name_each(frame.get_column(data_column(i))) for i in dict.fromkeys(indexes)}


#: Rows named in one message at most; the rest are counted.
SHOWN_ROWS = 20


def rows_phrase(table: RawTable, rows: Sequence[int], limit: int = SHOWN_ROWS) -> Message:
    """``rows 3, 7 and 9`` or ``rows 3, 7, ... (25 rows, the first 20 shown)``; items for JSON."""
    shown = ", ".join(str(r) for r in rows[:limit])
    if table.is_json:
        if len(rows) == 1:
            return message("item {rows}", rows=shown)
        if len(rows) > limit:
            return message("{n} items, first {rows}", n=len(rows), rows=shown)
        return message("items {rows}", rows=shown)
    if len(rows) == 1:
        return message("row {rows}", rows=shown)
    if len(rows) > limit:
        return message("{n} rows, first {rows}", n=len(rows), rows=shown)
    return message("rows {rows}", rows=shown)


def _merge_issues(table: RawTable, names: dict[int, Names]) -> list[Issue]:
    """One warning per name written in more than one way, listing the spellings merged."""
    issues = []
    for index, found in names.items():
        for merged in found.merged:
            spellings = ", ".join(quoted(s) for s in merged.spellings)
            issues.append(
                warning(
                    "group-names-merged",
                    message(
                        "{spellings} differ only in case, spacing or Unicode form and are "
                        "taken as one name, shown as {quoted}; spell them the same in the "
                        "survey to silence this",
                        spellings=spellings,
                        quoted=quoted(merged.shown),
                    ),
                    table.locate(None, index),
                )
            )
    return issues


def tree_issues(
    responses: Responses,
    hidden: Callable[[GroupKey], bool] | None = None,
    pairs: pl.DataFrame | None = None,
) -> list[Issue]:
    """Rows with a team but no department, and teams under more than one department.

    A row with a team but no department keeps its team as a team without a department (shown
    under the organisation, apart from the departments, never as a department of its own); it
    counts in the organisation. Said once per team, with its rows. ``hidden`` tells which groups
    a report does not show: their rows are not listed (a list of rows is a count, and a hidden
    group's count is not shown); ``mes validate``, for the file's owner, lists them all.
    ``pairs``: the rows per ``team`` and ``department`` (column ``len``), when a report has
    counted them already.
    """
    return _tree_issues(responses.frame, responses.table, responses.columns, hidden, pairs)


def _tree_issues(
    parsed: pl.DataFrame,
    table: RawTable,
    columns: ColumnMap,
    hidden: Callable[[GroupKey], bool] | None = None,
    pairs: pl.DataFrame | None = None,
) -> list[Issue]:
    if "department" not in parsed.columns or "team" not in parsed.columns:
        return []

    def shown(key: GroupKey) -> bool:
        return hidden is None or not hidden(key)

    dept, team = columns.dimensions["department"], columns.dimensions["team"]
    # Counted first (one group-by); the rows are fetched only for the parts a message names,
    # so a million well-filled rows cost no list of a million row numbers.
    if pairs is None:
        pairs = parsed.filter(pl.col("team").is_not_null()).group_by("team", "department").len()
    counts = (
        pairs.filter(pl.col("team").is_not_null())
        .with_columns(
            pl.col("department").n_unique().over("team").alias("parts"),
            pl.col("department").is_null().any().over("team").alias("blank"),
        )
        .filter(pl.col("blank") | (pl.col("parts") > 1))
        .sort("team", "department", nulls_last=True)
    )
    if counts.height == 0:
        return []
    wanted = counts.select("team", "department")
    fetched = (
        parsed.join(wanted, on=["team", "department"], how="semi", nulls_equal=True)
        .group_by("team", "department")
        .agg(pl.col(ROW).sort())
    )
    rows_of = {(t, d): rows for t, d, rows in fetched.iter_rows()}
    by_team: dict[str, list[tuple[str | None, list[int]]]] = {}
    for name, department, *_ in counts.iter_rows():
        by_team.setdefault(name, []).append((department, rows_of[(name, department)]))
    issues = []
    for name, parts in by_team.items():
        departments = [(d, rows) for d, rows in parts if d is not None]
        blank = [rows for d, rows in parts if d is None]
        if blank:
            elsewhere: Value = (
                message(
                    "; in other rows it is under {departments}",
                    departments=", ".join(quoted(d) for d, _ in departments),
                )
                if departments
                else ""
            )
            where = (
                rows_phrase(table, blank[0])
                if shown(group_team(name))
                else message(
                    "some rows (not listed: that team is not shown; mes validate lists them)"
                )
            )
            issues.append(
                warning(
                    "team-without-department",
                    message(
                        "team {quoted} has no department in {where}{elsewhere}. These rows "
                        "count in the organisation and in a team {quoted} without a "
                        "department, shown apart from the departments; fill in the department "
                        "to count them in it",
                        quoted=quoted(name),
                        where=where,
                        elsewhere=elsewhere,
                    ),
                    table.locate(None, dept),
                )
            )
        if len(departments) > 1:
            largest = max(departments, key=lambda part: (len(part[1]), part[0] or ""))
            others = sorted(
                r
                for d, rows in departments
                if d != largest[0] and shown(group_team(name, d))
                for r in rows
            )
            listed = ", ".join(quoted(str(d)) for d, _ in departments)
            rows_text: Value = (
                message(" ({rows})", rows=rows_phrase(table, others)) if others else ""
            )
            issues.append(
                warning(
                    "team-in-several-departments",
                    message(
                        "team {quoted} appears under {n} departments ({listed}) and is scored "
                        "as a separate team in each. If it is one team, correct the department "
                        "in the rows outside {quoted2}{rows_text}",
                        quoted=quoted(name),
                        n=len(departments),
                        listed=listed,
                        quoted2=quoted(str(largest[0])),
                        rows_text=rows_text,
                    ),
                    table.locate(None, team),
                )
            )
    return issues


def _parse_column(column: pl.Series, answers: _Range) -> tuple[pl.Series | None, pl.Expr, pl.Expr]:
    """(numbers, status, value) for one answer column of the table.

    Most cells hold a plain whole number ("4"): a cast to a small integer reads them, once,
    into ``numbers`` (``None`` when the cast may not be used), which the caller adds to the frame
    for the expressions to read. The other texts (labels, "4,0", blanks with spaces) are few
    distinct texts however many rows they fill, so each is parsed once and mapped back to its
    cells by a hash lookup. Expressions, not columns: computed in the one ``select`` that builds
    the validated frame, they come out cut in the same chunks as the rest of it, which spares
    polars copying the frame to align them (a cast keeps its column's chunks too).
    """
    cells = pl.col(column.name)
    if not _plain_numbers_are_answers(answers):
        every = column.fill_null("").unique()
        every_status, every_value = _parse_texts(every, answers)
        return (
            None,
            cells.fill_null("").replace_strict(every, every_status, return_dtype=pl.Int8),
            cells.fill_null("").replace_strict(every, every_value, return_dtype=answers.dtype),
        )
    numbers = column.cast(pl.UInt8, strict=False).alias(f"number:{column.name}")
    number = pl.col(numbers.name)
    in_range = number.is_between(answers.min, answers.max)
    number_status = pl.when(in_range).then(pl.lit(_OK)).otherwise(pl.lit(_OUT_OF_RANGE))
    # (Not strict: a number the answers' type cannot hold, 200 on -3..3, is out of range.)
    number_value = pl.when(in_range).then(number.cast(answers.dtype, strict=False))
    others = column.filter(column.is_not_null() & numbers.is_null())
    if others.is_empty():
        status = pl.when(number.is_null()).then(pl.lit(_MISSING)).otherwise(number_status)
        return numbers, status.cast(pl.Int8), number_value
    distinct = others.unique()
    text_status, text_value = _parse_texts(distinct, answers)
    status = (
        pl.when(number.is_not_null())
        .then(number_status)
        .when(cells.is_null())
        .then(pl.lit(_MISSING))
        .otherwise(cells.replace_strict(distinct, text_status, default=None))
    )
    value = (
        pl.when(number.is_not_null())
        .then(number_value)
        .otherwise(cells.replace_strict(distinct, text_value, default=None))
    )
    return numbers, status.cast(pl.Int8), value.cast(answers.dtype)


def _plain_numbers_are_answers(answers: _Range) -> bool:
    """Whether a text the integer cast reads is an answer by its number alone, as
    `_parse_answers` takes it: true unless a label or a no-answer token is such a text."""
    special = pl.Series([*answers.labels, *answers.missing], dtype=pl.String)
    return special.cast(pl.UInt8, strict=False).null_count() == special.len()


def _parse_texts(distinct: pl.Series, answers: _Range) -> tuple[pl.Series, pl.Series]:
    """(status, value) of each of the ``distinct`` answer texts."""
    status, value = _parse_answers(pl.col("text"), answers)
    parsed = distinct.to_frame("text").select(
        status.cast(pl.Int8).alias("status"), value.cast(answers.dtype).alias("value")
    )
    return parsed.get_column("status"), parsed.get_column("value")


#: An answer written with its number: "5 - Helemaal mee eens", "5. Eens", "(5) Agree", "5 = ...".
_NUMBER_FIRST = r"^\(?\s*([0-9]+)\s*\)?\s*[-–—.:=)]?\s*(\p{L}.*)$"
#: ... or after it: "Helemaal mee eens (5)", "Agree [4]".
_NUMBER_LAST = r"^(\p{L}.*?)\s*[(\[]\s*([0-9]+)\s*[)\]]$"


def _parse_answers(cell: pl.Expr, scale: _Range) -> tuple[pl.Expr, pl.Expr]:
    """Per-cell (status, value) expressions for answer texts.

    An answer is a number, a label of the scale, or both ("5 - Helemaal mee eens", "(5) Eens",
    "Mee eens (4)"): then the number counts, and a known label must agree with it (a tool that
    numbers its labels the other way round is refused, never guessed).
    """
    text = cell.str.normalize("NFKC").str.to_lowercase().str.replace_all(r"\s+", " ")
    text = text.str.strip_chars()
    missing = text.is_null() | (text == "") | text.is_in(sorted(scale.missing))
    labels = scale.labels

    def label_of(expr: pl.Expr) -> pl.Expr:
        return expr.replace_strict(
            list(labels), [float(v) for v in labels.values()], default=None, return_dtype=pl.Float64
        )

    number = text.str.replace(",", ".", literal=True).cast(pl.Float64, strict=False)
    number = pl.when(number.is_finite()).then(number)  # "nan" and "inf" are not answers
    first, last = text.str.extract_groups(_NUMBER_FIRST), text.str.extract_groups(_NUMBER_LAST)
    both_number = pl.coalesce(
        first.struct.field("1").cast(pl.Float64), last.struct.field("2").cast(pl.Float64)
    )
    both_label = label_of(
        pl.coalesce(
            first.struct.field("2").str.strip_chars(" .:"),
            last.struct.field("1").str.strip_chars(" .:-"),
        )
    )
    both = (
        pl.when(both_label.is_null() | (both_label == both_number))
        .then(both_number)
        .otherwise(None)
    )
    value = pl.coalesce(label_of(text), number, both)
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


#: Cells named in a message at most; the issue's ``cells`` lists them all.
SHOWN_CELLS = 3


def _cell_issues(
    parsed: pl.DataFrame, table: RawTable, instrument: Instrument, columns: ColumnMap
) -> list[tuple[set[int], Issue]]:
    """One issue per wrong answer and kind of problem, however many cells hold it.

    "'Helemaal niet mee eens' in 20 cells of column E, first E3, E7, E9: ..." rather than twenty
    issues that each repeat the advice. Each issue is located at its first cell and lists every
    cell in ``cells``; returned with the rows it concerns, in reading order of the first cells.
    An outcome question's answers are judged on its own range, and said per outcome.
    """
    # (code, value, outcome key or "" for the statements) -> places
    found: dict[tuple[int, str, str], list[tuple[int, int, str]]] = {}
    answer_columns = [
        (columns.items[item.key], f"status:{item.key}", "") for item in instrument.items
    ] + [
        (index, f"status:{outcome_column(o.key)}", o.key)
        for o in instrument.outcomes
        if (index := columns.outcomes.get(o.key)) is not None
    ]
    for index, status, outcome in answer_columns:
        bad = parsed.filter(pl.col(status) > _MISSING).head(MAX_ISSUES)
        if bad.height == 0:
            continue
        raw = table.frame.filter(pl.col(ROW).is_in(bad[ROW].implode()))
        raw_text = dict(zip(raw[ROW].to_list(), raw[data_column(index)].to_list(), strict=True))
        for row, code in zip(bad[ROW].to_list(), bad[status].to_list(), strict=True):
            text = raw_text.get(row) or ""
            found.setdefault((code, normalize_text(text), outcome), []).append((row, index, text))
    outcomes = {o.key: o for o in instrument.outcomes}
    out = []
    for (code, _, outcome), places in found.items():
        places.sort()
        row, index, text = places[0]
        said = (
            _outcome_message(code, text, _outcome_range(outcomes[outcome], instrument))
            if outcome
            else _answer_message(code, text, places, table, instrument)
        )
        issue = error(_CELL_CODES[code], said, table.locate(row, index))
        if len(places) > 1:
            issue = issue.model_copy(
                update={
                    "count": len(places),
                    "cells": [table.locate(r, i) for r, i, _ in places[:MAX_CELLS]],
                }
            )
        out.append(({r for r, _, _ in places}, issue))
    out.sort(key=lambda pair: _reading_order(pair[1]))
    return out


def _outcome_message(code: int, text: str, scale: _Range) -> Message:
    """What is wrong with an answer to an outcome question, on the question's own range."""
    labels = ", ".join(repr(label) for label in scale.shown_labels)
    accepted = (
        message(
            "use a whole number from {low} to {high} or a label ({labels}), or leave the cell "
            "blank for no answer",
            low=scale.min,
            high=scale.max,
            labels=labels,
        )
        if labels
        else message(
            "use a whole number from {low} to {high}, or leave the cell blank for no answer",
            low=scale.min,
            high=scale.max,
        )
    )
    shown = _shorten(mask_emails(text))
    values: dict[str, Value] = {"shown": shown, "low": scale.min, "high": scale.max}
    if code == _NOT_A_NUMBER:
        return message(
            "{shown!r} is not an answer to this question: {accepted}", accepted=accepted, **values
        )
    if code == _NOT_WHOLE:
        return message(
            "{shown} is not a whole point of {low}-{high}: {accepted}", accepted=accepted, **values
        )
    return message(
        "{shown} is outside this question's range {low}-{high}: {accepted}",
        accepted=accepted,
        **values,
    )


def _answer_message(
    code: int,
    text: str,
    places: list[tuple[int, int, str]],
    table: RawTable,
    instrument: Instrument,
) -> Message:
    """What is wrong with an answer, where it is, and what to do, said once."""
    scale = instrument.scale
    # The answer is quoted so that the user finds it, but someone may have typed an e-mail
    # address into a cell: that is never repeated.
    shown = repr(_shorten(mask_emails(text)))
    where: Value = ""
    if len(places) > 1:
        refs = joined([_cell_ref(table, r, i) for r, i, _ in places[:SHOWN_CELLS]])
        indexes = sorted({i for _, i, _ in places})
        names: Value = ", ".join(_column_name(table, i) for i in indexes[:5])
        if len(indexes) > 5:
            names = message("{names} and {n} more", names=names, n=len(indexes) - 5)
        values = {"count": len(places), "names": names, "first": refs}
        where = (
            message_n(
                " in {count} items of field {names}, first {first}",
                " in {count} items of fields {names}, first {first}",
                len(indexes),
                **values,
            )
            if table.is_json
            else message_n(
                " in {count} cells of column {names}, first {first}",
                " in {count} cells of columns {names}, first {first}",
                len(indexes),
                **values,
            )
        )
    span = f"{scale.min}-{scale.max}"
    whole = message("a whole number from {low} to {high}", low=scale.min, high=scale.max)
    if code == _NOT_A_NUMBER and (clash := _number_and_label(text, instrument)) is not None:
        number, value = clash
        return message(
            "{shown}{where}: its number ({number}) and its label ({value} on this scale) "
            "disagree; export the answers as numbers, or fix the numbering in the survey tool",
            shown=shown,
            where=where,
            number=number,
            value=value,
        )
    if code == _NOT_A_NUMBER:
        example = next((label for label, v in scale.labels.items() if v == scale.max), None)
        example = example or next(
            (label for label, v in scale.label_values.items() if v == scale.max), None
        )
        such: Value = message(", a label such as {example!r}", example=example) if example else ""
        return message(
            "{shown}{where}: not an answer on the {span} scale. Use {whole}{such} or leave "
            "the cell blank; or add {shown} to `labels` in an instrument file (--instrument; "
            "mes instrument prints one to start from)",
            shown=shown,
            where=where,
            span=span,
            whole=whole,
            such=such,
        )
    plain = _shorten(mask_emails(text))
    if code == _NOT_WHOLE:
        return message(
            "{plain}{where}: not a whole point on the {span} scale; use {whole}",
            plain=plain,
            where=where,
            span=span,
            whole=whole,
        )
    return message(
        "{plain}{where}: outside the {span} scale; use {whole}",
        plain=plain,
        where=where,
        span=span,
        whole=whole,
    )


def _number_and_label(text: str, instrument: Instrument) -> tuple[int, int] | None:
    """(number, label's value) of an answer such as "1 - Helemaal mee eens" where they differ."""
    norm = normalize_text(text)
    for pattern, n, t in ((_NUMBER_FIRST, 1, 2), (_NUMBER_LAST, 2, 1)):
        match = re.match(pattern.replace("\\p{L}", "[^\\W\\d_]"), norm)
        if match:
            label = match.group(t).strip(" .:-")
            value = instrument.scale.label_values.get(label)
            if value is not None and value != int(match.group(n)):
                return int(match.group(n)), value
    return None


def _cell_ref(table: RawTable, row: int, index: int) -> Value:
    where = table.locate(row, index)
    if where.cell:
        return where.cell
    return message("item {index}", index=row) if table.is_json else message("row {row}", row=row)


def _column_name(table: RawTable, index: int) -> str:
    if table.column_refs and table.column_refs[index]:
        return str(table.column_refs[index])
    return repr(table.headers[index])


#: The answer scales mes can suggest when a file's answers run past the instrument's.
_KNOWN_SCALES = ((1, 7), (1, 10), (0, 10))


def _other_scale(
    bad_cells: list[tuple[set[int], Issue]],
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
    places = [
        (issue.code, cell.column)
        for _, issue in bad_cells
        for cell in (issue.cells or [issue.location])
        if cell.column in item_refs
    ]
    if len(places) < 2 or any(code != "answer-out-of-range" for code, _ in places):
        return None
    # Most statements past the scale: a scale of its own; one odd column is a typing error.
    if 2 * len({column for _, column in places}) < len(columns.items):
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
        message(
            "the statements are answered from {low} to {high} in {n} cells outside "
            "the instrument's scale {min}-{max}: the questionnaire used another "
            "scale. Score it with an instrument for {a}-{b}: mes instrument "
            "--scale {a}-{b} > instrument-{a}-{b}.toml, then mes score FILE "
            "--instrument instrument-{a}-{b}.toml",
            low=low,
            high=high,
            n=len(places),
            min=scale.min,
            max=scale.max,
            a=a,
            b=b,
        ),
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
    ids = parsed.get_column(RESPONDENT)
    # The common case, settled without hashing text when every id is a number (distinct
    # numbers are distinct texts): numbered in file order, no number follows an equal one;
    # otherwise one hash pass over the numbers (ten times faster than over text).
    numbers = ids.cast(pl.Int64, strict=False)
    if not numbers.null_count() and (
        _strictly_increasing(numbers) or numbers.n_unique() == parsed.height
    ):
        return [], set()
    if ids.n_unique() == parsed.height:
        return [], set()
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


def _strictly_increasing(numbers: pl.Series) -> bool:
    if numbers.len() < 2:
        return True
    return bool((numbers.slice(1) > numbers.slice(0, numbers.len() - 1)).all())


def _reading_order(issue: Issue) -> tuple[int, str]:
    return _location_order(issue.location)


def _location_order(loc: Location) -> tuple[int, str]:
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


_SKIPPED_CELLS = {
    "invalid-answer": N_("are not answers on the scale"),
    "answer-not-whole": N_("are not whole points of the scale"),
    "answer-out-of-range": N_("are outside the scale"),
}


def _skipped_cells(cell_issues: list[Issue]) -> list[Issue]:
    """The wrong answers of skipped rows, one issue per kind of problem: grouped by kind, never
    by value, so that the warnings do not say which skipped rows held the same answer."""
    places: dict[str, tuple[Issue, list[Location]]] = {}
    for issue in cell_issues:
        first, cells = places.setdefault(issue.code, (issue, []))
        cells.extend(issue.cells or [issue.location])
    out = []
    for first, cells in places.values():
        cells.sort(key=_location_order)
        update: dict[str, object] = {"location": cells[0], "count": None, "cells": None}
        if len(cells) > 1:
            update.update(count=len(cells), cells=cells[:MAX_CELLS])
        out.append(first.model_copy(update=update))
    return out


def _as_warning(issue: Issue) -> Issue:
    because = message(_SKIPPED_BECAUSE.get(issue.code, N_("this row has a problem")))
    if issue.count and issue.cells:
        first = joined(
            [
                loc.cell or message("row {row}", row=loc.row if loc.row is not None else loc.item)
                for loc in issue.cells[:SHOWN_CELLS]
            ]
        )
        text = message(
            "rows skipped: {count} cells (first {first}) {why}; correct them and score again "
            "to count these rows",
            count=issue.count,
            first=first,
            why=message(_SKIPPED_CELLS[issue.code]),
        )
    else:
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
