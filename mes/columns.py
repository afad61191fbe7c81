"""Which column of a file holds which item, and which holds id, team, department and role.

Headers are matched ignoring case, surrounding and doubled spaces and trailing punctuation, by
the names the instrument gives (`Instrument.header_aliases`). A Microsoft Forms Likert export
writes ``Question title.Statement``; such a header matches a statement it ends with. Columns of
personal data (e-mail, names, phone, ...; `mes.personal`) are recognised by header and content so
that they can be kept out of every output; they are never the id and never a ``--by`` column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import polars as pl

from mes.errors import Issue, error, warning
from mes.headers import (
    dimension_by_meaning,
    looks_like_person_id,
    mentions_dimension,
    near_miss,
)
from mes.instrument import (
    RESPONSE_ID_HEADERS,
    Instrument,
    header_candidates,
    normalize_header,
    normalize_text,
    outcome_alias,
)
from mes.messages import N_, Message, Value, message
from mes.personal import (
    Personal,
    column_sample,
    content_kind,
    holds_email,
    is_personal_header,
    sample_rows,
)
from mes.table import HeaderScorer, RawTable, data_column

_MIN_SUFFIX_LENGTH = 20  # a header matches a statement it ends with only for real statements


@dataclass(frozen=True)
class ColumnMap:
    """Column index of every item and of each demographic column found."""

    items: dict[str, int]  # item key -> column index
    dimensions: dict[str, int]  # "id" / "department" / "team" / "role" -> column index
    by: dict[str, int]  # --by column as the user named it -> column index
    personal: frozenset[int]  # columns of personal data (by header or content): never read
    issues: list[Issue] = field(default_factory=list)
    #: Why each recognised column was read as it was: column index -> (key, how), ``how`` one of
    #: `Instrument.header_sources`' kinds or ``meaning`` (`mes.headers.dimension_by_meaning`).
    how: dict[int, tuple[str, str]] = field(default_factory=dict)
    #: Personal columns and why: column index -> `Personal`.
    personal_kinds: dict[int, Personal] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)  # outcome key -> column index

    @property
    def ok(self) -> bool:
        return not any(i.severity == "error" for i in self.issues)


def _match(
    header: str | None,
    aliases: dict[str, tuple[str, ...]],
    patterns: dict[str, re.Pattern[str]] | None = None,
) -> str | None:
    """The alias key (item key, ``=outcome`` or ``@dimension``) a header names, if any."""
    if not header:
        return None
    forms = header_candidates(header)
    if not forms:  # a cell of only spaces or punctuation names nothing
        return None
    for key, names in aliases.items():
        if any(form in names for form in forms):
            return key
    for key, pattern in (patterns or {}).items():
        if any(pattern.fullmatch(form) for form in forms):
            return key
    full = forms[0]
    for key, names in aliases.items():
        if any(len(n) >= _MIN_SUFFIX_LENGTH and full.endswith(n) for n in names):
            return key
    return None


def recognise(header: str | None, instrument: Instrument) -> tuple[str, str] | None:
    """The alias key a header names and how (see `Instrument.header_sources`), if any."""
    if not header:
        return None
    forms = header_candidates(header)
    if not forms:
        return None
    sources = instrument.header_sources
    for key, names in sources.items():
        for form in forms:
            if form in names:
                return key, names[form]
    full = forms[0]
    for key, names in sources.items():
        for name, how in names.items():
            if len(name) >= _MIN_SUFFIX_LENGTH and full.endswith(name):
                return key, how
    # An outcome statement with the organisation's name where its text has "[organisatie]".
    for key, pattern in instrument.header_patterns.items():
        if any(pattern.fullmatch(form) for form in forms):
            return key, "statement"
    return None


def make_header_scorer(instrument: Instrument) -> HeaderScorer:
    """A `HeaderScorer` for readers: counts the cells of a row that name a known column."""
    aliases = instrument.header_aliases
    patterns = instrument.header_patterns

    def score(cells: Sequence[str | None]) -> int:
        return sum(1 for cell in cells if _match(cell, aliases, patterns) is not None)

    return score


def map_columns(table: RawTable, instrument: Instrument, by: Sequence[str] = ()) -> ColumnMap:
    """Find every item and demographic column; report missing and duplicated ones.

    Columns of personal data (`mes.personal`: by header, and by content for every column no
    survey column claimed and for the id column) are set apart; a ``--by`` that names one of
    them, an id column, the team or department column, or a column of mostly unique values is
    refused (see `BY_REFUSALS`).
    """
    aliases = instrument.header_aliases
    found: dict[str, list[int]] = {}
    personal: dict[int, Personal] = {}
    how: dict[int, tuple[str, str]] = {}
    for index, header in enumerate(table.headers):
        hit = recognise(header, instrument)
        if hit is not None:
            found.setdefault(hit[0], []).append(index)
            how[index] = hit
        elif is_personal_header(header):
            personal[index] = Personal.HEADER

    sampled = sample_rows(table.frame)
    claimed = {i for indexes in found.values() for i in indexes}
    answers = _AnswerLike(table, instrument, sampled)
    for dimension, index in _by_meaning(table, found, claimed | set(personal), answers).items():
        found[f"@{dimension}"] = [index]
        how[index] = (f"@{dimension}", "meaning")
        claimed.add(index)
    for index in range(len(table.headers)):
        if index not in claimed and index not in personal:
            kind = content_kind(_sample_of(table, sampled, index))
            if kind is not None:
                personal[index] = kind

    issues: list[Issue] = []
    id_columns = found.pop("@id", [])
    id_column = _choose_id(table, instrument, sampled, id_columns, personal, issues)
    for key, indexes in found.items():
        if len(indexes) > 1:
            first, *others = indexes
            for other in others:
                issues.append(_duplicate(table, instrument, key, first, other))
    missing = [item for item in instrument.items if item.key not in found]
    if missing:
        seen = ", ".join(repr(h) for h in table.headers if h) or message("none")
        unread = [i for i in range(len(table.headers)) if i not in claimed and i not in personal]
        wanted = {item.key: aliases[item.key] for item in missing}
        near: dict[str, list[int]] = {}
        for index in unread:
            miss = near_miss(table.headers[index], wanted)
            if miss is not None:
                near.setdefault(miss.key, []).append(index)
        for item in missing:
            expected = item.text_nl or item.key
            close: Value = ""
            for i in near.get(item.key, [])[:1]:
                ref: Value = (
                    table.column_refs[i]
                    if table.column_refs and table.column_refs[i]
                    else message("field {name!r}", name=table.headers[i])
                )
                close = message(
                    " Column {ref} {header!r} looks like it: correct its header, or add it to "
                    "the item's `headers` in an instrument file.",
                    ref=ref,
                    header=table.headers[i],
                )
            issues.append(
                error(
                    "missing-column",
                    message(
                        "no column for item {key!r}: expected a header such as {expected!r} or "
                        "{key!r}.{close} Headers found: {seen}. Rename the column, or map its "
                        "header in an instrument file (--instrument)",
                        key=item.key,
                        expected=expected,
                        close=close,
                        seen=seen,
                    ),
                    file=table.source,
                    sheet=table.sheet,
                    row=table.header_row,
                )
            )
    for outcome in instrument.outcomes:
        if outcome.optional or outcome_alias(outcome.key) in found:
            continue
        seen = ", ".join(repr(h) for h in table.headers if h) or "none"
        expected = outcome.text_nl or outcome.text_en or outcome.key
        issues.append(
            error(
                "missing-column",
                message(
                    "no column for outcome {key!r}: expected a header such as {expected!r} "
                    "or {key!r}; headers found: {seen}. Rename the column, map its header "
                    "in the instrument file, or mark the outcome optional = true",
                    key=outcome.key,
                    expected=expected,
                    seen=seen,
                ),
                file=table.source,
                sheet=table.sheet,
                row=table.header_row,
            )
        )
    dimensions = {k[1:]: v[0] for k, v in found.items() if k.startswith("@")}
    if id_column is not None:
        dimensions = {"id": id_column, **dimensions}
    by_columns: dict[str, int] = {}
    for name in by:
        column = _find_by_column(table, name)
        if column is None:  # `--by role` also finds a role column headed "Wat is je functie?"
            dim = _match(name, {k: v for k, v in aliases.items() if k.startswith("@")})
            if dim == "@id":
                column = id_column if id_column is not None else next(iter(id_columns), None)
            elif dim:
                column = dimensions.get(dim[1:])
        if column is None:
            seen = ", ".join(repr(h) for h in table.headers if h) or message("none")
            issues.append(
                error(
                    "unknown-by-column",
                    message(
                        "--by {name!r}: no such column; headers found: {seen}", name=name, seen=seen
                    ),
                    file=table.source,
                    sheet=table.sheet,
                )
            )
            continue
        refusal = _by_refusal(table, name, column, personal, id_columns, dimensions)
        if refusal is not None:
            issues.append(refusal)
        else:
            by_columns[name] = column

    issues += _unread_group_columns(table, dimensions, claimed | set(personal), answers)
    issues += _unread_person_id(table, instrument, dimensions, claimed | set(personal))
    if "team" not in dimensions and "department" not in dimensions:
        issues.append(
            warning(
                "no-group-columns",
                message(
                    "no team or department column found: only the organisation is scored. "
                    "Name the column 'team' or 'afdeling', or map it in an instrument file"
                ),
                file=table.source,
                sheet=table.sheet,
            )
        )
    return ColumnMap(
        items={k: v[0] for k, v in found.items() if not k.startswith(("@", "="))},
        outcomes={k[1:]: v[0] for k, v in found.items() if k.startswith("=")},
        dimensions=dimensions,
        by=by_columns,
        personal=frozenset(personal),
        issues=issues,
        how=how,
        personal_kinds=dict(personal),
    )


class _AnswerLike:
    """Columns whose sampled values are mostly answers (numbers or labels): never group names.

    Asked only of the few columns whose header suggests a group (``index in answers``), and
    worked out for those alone: sampling every column of a wide export cost a tenth of a
    second at a million rows, for headers no one asked about.
    """

    def __init__(self, table: RawTable, instrument: Instrument, sampled: pl.DataFrame) -> None:
        self._table = table
        self._labels = instrument.scale.label_values
        self._sampled = sampled
        self._known: dict[int, bool] = {}

    def __contains__(self, index: int) -> bool:
        if index not in self._known:
            self._known[index] = self._mostly_answers(index)
        return self._known[index]

    def _mostly_answers(self, index: int) -> bool:
        values = [
            normalize_text(v)
            for v in _sample_of(self._table, self._sampled, index).drop_nulls().to_list()
            if v and v.strip()
        ]
        answers = sum(1 for v in values if v in self._labels or v.replace(",", ".").isdigit())
        return bool(values) and answers * 2 > len(values)


def _by_meaning(
    table: RawTable, found: dict[str, list[int]], taken: set[int], answers: _AnswerLike
) -> dict[str, int]:
    """Team, department and role columns found by the words of their headers, for those not
    found by name: one candidate each, whose values are not answers."""
    candidates: dict[str, list[int]] = {}
    for index, header in enumerate(table.headers):
        if index in taken:
            continue
        meaning = dimension_by_meaning(header)
        if meaning is not None and f"@{meaning.dimension}" not in found and index not in answers:
            candidates.setdefault(meaning.dimension, []).append(index)
    return {dim: indexes[0] for dim, indexes in candidates.items() if len(indexes) == 1}


def _unread_group_columns(
    table: RawTable, dimensions: dict[str, int], taken: set[int], answers: _AnswerLike
) -> list[Issue]:
    """Warnings for a team or department column that seems present but is not read."""
    issues = []
    for dim, name in (("department", "afdeling"), ("team", "team")):
        if dim in dimensions:
            continue
        for index, header in enumerate(table.headers):
            if index in taken or not mentions_dimension(header, dim) or index in answers:
                continue
            issues.append(
                warning(
                    "group-column-not-recognised",
                    message(
                        "this column looks like the {dim} column but is not read as one, so "
                        "there is no {dim} level in the report. If it holds {dim} names, name "
                        "the column {name!r} or add its header to [columns] {key} in an "
                        "instrument file (mes columns FILE shows how each column is read)",
                        dim=message("department") if dim == "department" else message("team"),
                        name=name,
                        key=dim,
                    ),
                    table.locate(None, index),
                )
            )
    return issues


def _unread_person_id(
    table: RawTable, instrument: Instrument, dimensions: dict[str, int], taken: set[int]
) -> list[Issue]:
    """A warning when respondents are not told apart by a personnel number while a column
    seems to hold one: a second answer by the same person would then be counted twice."""
    chosen = dimensions.get("id")
    response_ids = {normalize_header(h) for h in RESPONSE_ID_HEADERS}
    if chosen is not None and not set(header_candidates(table.headers[chosen])) & response_ids:
        return []
    now = (
        message(
            "respondents are told apart by column {header!r}, a response number",
            header=table.headers[chosen],
        )
        if chosen is not None
        else message("there is no respondent id column, so respondents are numbered by their row")
    )
    return [
        warning(
            "id-column-not-recognised",
            message(
                "this column looks like a personnel number but is not read as one: "
                "{now}, and a second answer by the same person is counted twice. Name "
                "the column 'personeelsnummer' or add its header to [columns] id in an "
                "instrument file",
                now=now,
            ),
            table.locate(None, index),
        )
        for index, header in enumerate(table.headers)
        if index not in taken and looks_like_person_id(header)
    ]


def _sample_of(table: RawTable, sampled: pl.DataFrame, index: int) -> pl.Series:
    name = data_column(index)
    return column_sample(table.frame.get_column(name), sampled.get_column(name))


def _choose_id(
    table: RawTable,
    instrument: Instrument,
    sampled: pl.DataFrame,
    candidates: list[int],
    personal: dict[int, Personal],
    issues: list[Issue],
) -> int | None:
    """The respondent id column among the columns whose header names an id, or None.

    A personnel number is preferred over a response number that a survey tool adds (Forms'
    "ID"): the headers rank in the order of the id aliases. A candidate that holds names or any
    e-mail address is personal data, never the id: it would be shown (and repeated in messages)
    as the respondent's id. Two candidates of the same rank are a duplicate column.
    """
    order = instrument.header_aliases["@id"]

    def rank(index: int) -> int:
        forms = header_candidates(table.headers[index])
        return min(
            i
            for i, name in enumerate(order)
            if name in forms or (len(name) >= _MIN_SUFFIX_LENGTH and forms[0].endswith(name))
        )

    chosen: int | None = None
    demoted: list[tuple[int, Personal]] = []
    for index in sorted(candidates, key=lambda i: (rank(i), i)):
        column = table.frame.get_column(data_column(index))
        kind = Personal.EMAIL if holds_email(column) else None
        kind = kind or content_kind(_sample_of(table, sampled, index))
        if kind is not None:
            personal[index] = kind
            if chosen is None:  # it would have been the id: say so
                demoted.append((index, kind))
        elif chosen is None:
            chosen = index
        elif rank(index) == rank(chosen):
            issues.append(_duplicate(table, instrument, "@id", chosen, index))
    for index, kind in demoted:
        instead = (
            message(
                "The respondent id is taken from column {header!r} instead",
                header=table.headers[chosen],
            )
            if chosen is not None
            else message(
                "Respondents are numbered by their row instead, so a second answer by the same "
                "person is not found; add a column with a personnel number or response id "
                "(e.g. 'Personeelsnummer') for that"
            )
        )
        issues.append(
            warning(
                "personal-id-column",
                message(
                    "this column would be the respondent id, but it holds {value}: mes "
                    "treats it as personal data and never shows or uses it. {instead}",
                    value=message(kind.value),
                    instead=instead,
                ),
                table.locate(None, index),
            )
        )
    return chosen


def _duplicate(table: RawTable, instrument: Instrument, key: str, first: int, other: int) -> Issue:
    return error(
        "duplicate-column",
        message(
            "this column and column {headers!r} ({ref}) both hold {describe}; "
            "remove or rename one of them",
            headers=table.headers[first],
            ref=_ref(table, first),
            describe=_describe(key, instrument),
        ),
        table.locate(table.header_row, other),
    )


#: The codes of a refused ``--by``: usage errors, raised by `mes.validation.validate`.
BY_REFUSALS = frozenset(
    {
        "unknown-by-column",
        "personal-by-column",
        "id-by-column",
        "tree-by-column",
        "unique-by-column",
    }
)
_OTHER_COLUMN = message("Choose a column that groups people, such as role or location")


def _by_refusal(
    table: RawTable,
    name: str,
    column: int,
    personal: dict[int, Personal],
    id_columns: list[int],
    dimensions: dict[str, int],
) -> Issue | None:
    """Why ``--by name`` (found as ``column``) may not be used, or None when it may."""
    where = table.locate(None, column)
    if column in personal:
        return error(
            "personal-by-column",
            message(
                "--by {name!r}: this column holds {value}; mes never shows personal "
                "data, not even as group names. {OTHER_COLUMN}",
                name=name,
                value=message(personal[column].value),
                OTHER_COLUMN=_OTHER_COLUMN,
            ),
            where,
        )
    if column in id_columns:
        return error(
            "id-by-column",
            message(
                "--by {name!r}: this column identifies respondents (a personnel number "
                "or response id); a breakdown by it would make one group per person. "
                "{OTHER_COLUMN}",
                name=name,
                OTHER_COLUMN=_OTHER_COLUMN,
            ),
            where,
        )
    for dim in ("department", "team"):
        if dimensions.get(dim) == column:
            return error(
                "tree-by-column",
                message(
                    "--by {name!r}: this is the {dim} column, and the report already shows "
                    "every department and its teams, with small groups protected across "
                    "the levels; a second, flat breakdown by it would show nothing new and "
                    "could let a hidden group be worked out. Leave out --by {name!r}",
                    name=name,
                    dim=message("department") if dim == "department" else message("team"),
                ),
                where,
            )
    values, distinct = _distinct_values(table.frame.get_column(data_column(column)))
    if _identifies(values, distinct):
        return error(
            "unique-by-column",
            message(
                "--by {name!r}: this column has a different value for nearly everyone "
                "({distinct} different values in {values} rows), so each value points "
                "at one person (an employee number, a birth date, a comment); mes does "
                "not show such values as group names. {OTHER_COLUMN}",
                name=name,
                distinct=distinct,
                values=values,
                OTHER_COLUMN=_OTHER_COLUMN,
            ),
            where,
        )
    return None


#: From this many non-blank values on, a column is judged by the share of distinct values.
RATIO_FROM = 10


def _identifies(values: int, distinct: int) -> bool:
    """Whether a column's values single out people rather than group them.

    With more than half of the values distinct, the groups have fewer than two people on
    average: most values then belong to one person (an employee number, a birth date, a free
    text). Below `RATIO_FROM` values (twice the default minimum group size) a few roles can
    still be half the values, so only a column whose values are all different is refused there.
    """
    if values >= RATIO_FROM:
        return distinct * 2 > values
    return values >= 2 and distinct == values


def _distinct_values(column: pl.Series) -> tuple[int, int]:
    """Non-blank values of a column and how many differ, ignoring case, spacing, Unicode form."""
    unique = column.drop_nulls().value_counts()
    key = (
        pl.col(column.name)
        .str.normalize("NFC")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
        .str.to_lowercase()
    )
    merged = unique.select(key, pl.col("count")).filter(pl.col(column.name) != "")
    return int(merged["count"].sum()), merged[column.name].n_unique()


def _find_by_column(table: RawTable, name: str) -> int | None:
    wanted = normalize_header(name)
    for index, header in enumerate(table.headers):
        if header and wanted in header_candidates(header):
            return index
    return None


#: The columns of a survey besides the items, in words.
_DIMENSION_WORDS = {
    "id": N_("the respondent id"),
    "department": N_("the department"),
    "team": N_("the team"),
    "role": N_("the role"),
}


def _describe(key: str, instrument: Instrument) -> Message:
    if key.startswith("@"):
        word = _DIMENSION_WORDS.get(key[1:])
        return message(word) if word else message("the {name}", name=key[1:])
    if key.startswith("="):
        return message("outcome {name!r}", name=key[1:])
    return message("item {key!r}", key=key)


def _ref(table: RawTable, index: int) -> Message:
    if table.column_refs and table.column_refs[index]:
        return message("column {ref}", ref=table.column_refs[index])
    return message("field {name!r}", name=table.headers[index])
