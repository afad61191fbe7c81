"""Which column of a file holds which item, and which holds id, team, department and role.

Headers are matched ignoring case, surrounding and doubled spaces and trailing punctuation, by
the names the instrument gives (`Instrument.header_aliases`). A Microsoft Forms Likert export
writes ``Question title.Statement``; such a header matches a statement it ends with. Columns of
personal identifiers (e-mail, name) are recognised so that they can be kept out of every output.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from mes.errors import Issue, error, warning
from mes.instrument import PERSONAL_HEADERS, Instrument, header_candidates, normalize_header
from mes.records import HeaderScorer, RawTable

_MIN_SUFFIX_LENGTH = 20  # a header matches a statement it ends with only for real statements


@dataclass(frozen=True)
class ColumnMap:
    """Column index of every item and of each demographic column found."""

    items: dict[str, int]  # item key -> column index
    dimensions: dict[str, int]  # "id" / "department" / "team" / "role" -> column index
    by: dict[str, int]  # --by column as the user named it -> column index
    personal: frozenset[int]  # columns holding e-mail addresses or names
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(i.severity == "error" for i in self.issues)


def _match(header: str | None, aliases: dict[str, tuple[str, ...]]) -> str | None:
    """The alias key (item key or ``@dimension``) a header names, if any."""
    if not header:
        return None
    forms = header_candidates(header)
    if not forms:  # a cell of only spaces or punctuation names nothing
        return None
    for key, names in aliases.items():
        if any(form in names for form in forms):
            return key
    full = forms[0]
    for key, names in aliases.items():
        if any(len(n) >= _MIN_SUFFIX_LENGTH and full.endswith(n) for n in names):
            return key
    return None


def make_header_scorer(instrument: Instrument) -> HeaderScorer:
    """A `HeaderScorer` for readers: counts the cells of a row that name a known column."""
    aliases = instrument.header_aliases

    def score(cells: Sequence[str | None]) -> int:
        return sum(1 for cell in cells if _match(cell, aliases) is not None)

    return score


def map_columns(table: RawTable, instrument: Instrument, by: Sequence[str] = ()) -> ColumnMap:
    """Find every item and demographic column; report missing and duplicated ones."""
    aliases = instrument.header_aliases
    found: dict[str, list[int]] = {}
    personal: set[int] = set()
    for index, header in enumerate(table.headers):
        key = _match(header, aliases)
        if key is not None:
            found.setdefault(key, []).append(index)
        elif header and normalize_header(header) in PERSONAL_HEADERS:
            personal.add(index)

    issues: list[Issue] = []
    for key, indexes in found.items():
        if len(indexes) > 1:
            first, *others = indexes
            for other in others:
                issues.append(
                    error(
                        "duplicate-column",
                        f"this column and column {table.headers[first]!r} "
                        f"({_ref(table, first)}) both hold {_describe(key, instrument)}; "
                        "remove or rename one of them",
                        table.locate(table.header_row, other),
                    )
                )
    missing = [item for item in instrument.items if item.key not in found]
    if missing:
        seen = ", ".join(repr(h) for h in table.headers if h) or "none"
        for item in missing:
            expected = item.text_nl or item.key
            issues.append(
                error(
                    "missing-column",
                    f"no column for item {item.key!r}: expected a header such as "
                    f"{expected!r} or {item.key!r}; headers found: {seen}. Rename the column, or "
                    "map its header in an instrument file (--instrument)",
                    file=table.source,
                    sheet=table.sheet,
                    row=table.header_row,
                )
            )
    dimensions = {k[1:]: v[0] for k, v in found.items() if k.startswith("@")}
    by_columns: dict[str, int] = {}
    for name in by:
        column = _find_by_column(table, name)
        if column is None:  # `--by role` also finds a role column headed "Wat is je functie?"
            dim = _match(name, {k: v for k, v in aliases.items() if k.startswith("@")})
            column = dimensions.get(dim[1:]) if dim else None
        if column is None:
            seen = ", ".join(repr(h) for h in table.headers if h) or "none"
            issues.append(
                error(
                    "unknown-by-column",
                    f"--by {name!r}: no such column; headers found: {seen}",
                    file=table.source,
                    sheet=table.sheet,
                )
            )
        elif column in personal:
            issues.append(
                error(
                    "personal-by-column",
                    f"--by {name!r} holds personal identifiers (e-mail or names); "
                    "mes never shows those. Choose a column such as role or location",
                    file=table.source,
                    sheet=table.sheet,
                )
            )
        else:
            by_columns[name] = column

    if "team" not in dimensions and "department" not in dimensions:
        issues.append(
            warning(
                "no-group-columns",
                "no team or department column found: only the organisation is scored. "
                "Name the column 'team' or 'afdeling', or map it in an instrument file",
                file=table.source,
                sheet=table.sheet,
            )
        )
    return ColumnMap(
        items={k: v[0] for k, v in found.items() if not k.startswith("@")},
        dimensions=dimensions,
        by=by_columns,
        personal=frozenset(personal),
        issues=issues,
    )


def _find_by_column(table: RawTable, name: str) -> int | None:
    wanted = normalize_header(name)
    for index, header in enumerate(table.headers):
        if header and wanted in header_candidates(header):
            return index
    return None


def _describe(key: str, instrument: Instrument) -> str:
    if key.startswith("@"):
        return f"the {key[1:]}"
    return f"item {key!r}"


def _ref(table: RawTable, index: int) -> str:
    if table.column_refs and table.column_refs[index]:
        return f"column {table.column_refs[index]}"
    return f"field {table.headers[index]!r}"
