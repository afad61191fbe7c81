"""Who was invited: read a headcount file, match it to the survey's groups, add the response.

A headcount comes in one of two layouts, told apart by its headers:

- **per group**: a department and/or team column and a column of invited counts (``aantal``,
  ``invited``, ``headcount``, ``medewerkers``, ...), one row per group;
- **per employee**: a department and/or team column and no count column, one row per person
  (a staff list). Only the department and team columns are read: any name, e-mail or
  personnel-number column is never read, so it cannot reach any output.

Department and team columns are found under the same headers as in the survey (the instrument's
``@department`` and ``@team`` aliases), and names are cleaned as the survey's are
(`mes.validation.clean_name`), so "Klantcontact  Noord" matches "Klantcontact Noord".

The headcount is matched at the levels both files have: departments when both have a department
column, teams when both have a team column (a survey team is keyed by its department only when
both files have one). The response of a group is its ``n`` as the report counts it (respondents
with a MES) out of its invited; only shown groups get one, so a suppressed group's count can't be
recovered from its rate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from mes.errors import DataError, InputError, Issue, error, warning
from mes.groups import DEPARTMENT, ORG, TEAM, GroupKey, memberships
from mes.instrument import Instrument, header_candidates, normalize_header
from mes.messages import N_, Message, joined, message
from mes.names import name_key
from mes.results import GroupResponse, ResponseSummary, ScoreReport, ShownGroup
from mes.scoring import margin_of_error, response_rate
from mes.table import HeaderScorer, RawTable, data_column
from mes.validation import Responses, clean_name

#: Headers of the invited count in a per-group headcount (compared after `normalize_header`).
COUNT_HEADERS: tuple[str, ...] = tuple(
    normalize_header(h)
    for h in (
        "invited", "number invited", "n invited", "headcount", "head count", "employees",
        "number of employees", "staff", "count", "aantal", "aantal uitgenodigd", "uitgenodigd",
        "aantal medewerkers", "medewerkers", "aantal personen", "personen", "bezetting",
    )
)  # fmt: skip

#: Rows of a per-group headcount that add up the others (a pivot table's total): left out.
TOTAL_NAMES = frozenset({"totaal", "total", "eindtotaal", "grand total", "som", "sum"})

DEFAULT_MIN_RESPONSE = 0.6


@dataclass(frozen=True)
class HeadcountFile:
    """Invited people per (department, team) row: names cleaned, None where the file has none."""

    source: str
    has_department: bool
    has_team: bool
    per_employee: bool
    rows: tuple[tuple[str | None, str | None, int], ...]  # (department, team, invited)

    def invited(self, *, by_department: bool, by_team: bool) -> dict[GroupKey, int]:
        """Invited per group of the tree, at the levels asked (and the organisation)."""
        use_department = by_department and self.has_department
        use_team = by_team and self.has_team
        out: dict[GroupKey, int] = {}
        for dept, tm, count in self.rows:
            d = dept if use_department else None
            t = tm if use_team else None
            for key in memberships(d, t, {}):
                out[key] = out.get(key, 0) + count
        return out


#: The kinds of headcount column, in words.
_KIND_WORDS = {"department": N_("department"), "team": N_("team"), "count": N_("count")}


def _kind(header: str | None, aliases: Mapping[str, tuple[str, ...]]) -> str | None:
    if not header:
        return None
    forms = header_candidates(header)
    for kind in ("department", "team"):
        if any(f in aliases[f"@{kind}"] for f in forms):
            return kind
    if any(f in COUNT_HEADERS for f in forms):
        return "count"
    return None


def header_scorer(instrument: Instrument) -> HeaderScorer:
    """Counts the cells of a row that name a department, team or invited-count column."""
    aliases = instrument.header_aliases

    def score(cells: Sequence[str | None]) -> int:
        return sum(1 for cell in cells if _kind(cell, aliases) is not None)

    return score


def read_headcount(
    file: str, instrument: Instrument, sheet: str | None = None, *, data: bytes | None = None
) -> HeadcountFile:
    """Read a headcount file (CSV, xlsx or JSON, with the survey readers and their checks)."""
    from mes.io import read_table

    table = read_table(file, data=data, sheet=sheet, header_scorer=header_scorer(instrument))
    return parse_headcount(table, instrument)


def parse_headcount(table: RawTable, instrument: Instrument) -> HeadcountFile:
    """Recognise the layout of a headcount table and count the invited per row."""
    aliases = instrument.header_aliases
    found: dict[str, list[int]] = {}
    for index, header in enumerate(table.headers):
        kind = _kind(header, aliases)
        if kind is not None:
            found.setdefault(kind, []).append(index)
    issues = [
        error(
            "duplicate-column",
            message(
                "the headcount has two {kind} columns, {headers!r} and {headers2!r}; keep one",
                kind=message(_KIND_WORDS[kind]),
                headers=table.headers[a],
                headers2=table.headers[b],
            ),
            table.locate(None, b),
        )
        for kind, (a, b, *_) in ((k, v) for k, v in found.items() if len(v) > 1)
    ]
    if issues:
        raise DataError(issues)
    if "department" not in found and "team" not in found:
        seen = ", ".join(repr(h) for h in table.headers if h) or message("none")
        raise InputError(
            error(
                "headcount-without-groups",
                message(
                    "the headcount has no department or team column; name them as in the "
                    "survey (e.g. 'afdeling', 'team') and add a count column such as "
                    "'aantal' for one row per group, or none for one row per employee. "
                    "Headers found: {seen}",
                    seen=seen,
                ),
                file=table.source,
                sheet=table.sheet,
                row=table.header_row,
            )
        )
    columns = {k: v[0] for k, v in found.items()}
    frame = table.frame
    names = [
        clean_name(pl.col(data_column(columns[k]))).alias(k) if k in columns else pl.lit(None)
        for k in ("department", "team")
    ]
    count_col = columns.get("count")
    if count_col is None:
        counted = (
            frame.select(*names)
            .filter(pl.any_horizontal(pl.all().is_not_null()))
            .group_by("department", "team")
            .agg(pl.len().alias("count"))
        )
        rows = [(d, t, int(c)) for d, t, c in counted.iter_rows()]
    else:
        rows = _count_rows(table, frame.select(*names, _count_expr(count_col), pl.col("_row")))
    return HeadcountFile(
        source=table.source,
        has_department="department" in columns,
        has_team="team" in columns,
        per_employee=count_col is None,
        rows=tuple(sorted(rows, key=lambda r: (r[0] or "", r[1] or ""))),
    )


def _count_expr(index: int) -> pl.Expr:
    raw = pl.col(data_column(index)).str.strip_chars()
    return pl.struct(raw.alias("raw"), raw.cast(pl.Float64, strict=False).alias("value")).alias(
        "count"
    )


def _count_rows(table: RawTable, frame: pl.DataFrame) -> list[tuple[str | None, str | None, int]]:
    issues: list[Issue] = []
    seen: dict[tuple[str | None, str | None], int] = {}
    rows: list[tuple[str | None, str | None, int]] = []
    count_index = next(i for i, h in enumerate(table.headers) if _is_count(h))
    for dept, tm, count, row in frame.iter_rows():
        raw, value = count["raw"], count["value"]
        if dept is None and tm is None and not raw:
            continue
        if any(n is not None and n.casefold() in TOTAL_NAMES for n in (dept, tm)):
            continue
        if value is None or value < 0 or value != int(value):
            issues.append(
                error(
                    "invalid-headcount",
                    message(
                        "the invited count {raw!r} is not a whole number of people (0 or more)",
                        raw=raw,
                    ),
                    table.locate(row, count_index),
                )
            )
            continue
        if (dept, tm) in seen:
            issues.append(
                error(
                    "duplicate-headcount-group",
                    message(
                        "{describe} is on two rows of the headcount (first on row {seen}); "
                        "give each group one row",
                        describe=_describe(dept, tm),
                        seen=seen[(dept, tm)],
                    ),
                    table.locate(row, None),
                )
            )
            continue
        seen[(dept, tm)] = row
        rows.append((dept, tm, int(value)))
    if issues:
        raise DataError(issues)
    return rows


def _is_count(header: str | None) -> bool:
    return bool(header) and any(f in COUNT_HEADERS for f in header_candidates(header or ""))


def _describe(dept: str | None, tm: str | None) -> Message:
    if tm is None:
        if dept is None:
            return message("the organisation")
        return message("department {name!r}", name=dept)
    if dept is None:
        return message("team {name!r}", name=tm)
    return message("team {name!r} of {department!r}", name=tm, department=dept)


def describe(key: GroupKey) -> Message:
    """A group in words, for messages: ``team 'Claims' of 'Finance'``."""
    if key.dimension == TEAM:
        return _describe(key.path[0] if len(key.path) == 2 else None, key.path[-1])
    if key.dimension == DEPARTMENT:
        return _describe(key.path[0], None)
    return message("the organisation")


def survey_counts(responses: Responses) -> dict[GroupKey, int]:
    """Respondents per group of the tree (every row with an answer, scored or not)."""
    dims = [d for d in ("department", "team") if d in responses.frame.columns]
    if not dims:
        return {ORG: responses.frame.height} if responses.frame.height else {}
    out: dict[GroupKey, int] = {}
    for row in responses.frame.group_by(dims).agg(pl.len().alias("n")).iter_rows(named=True):
        for key in memberships(row.get("department"), row.get("team"), {}):
            out[key] = out.get(key, 0) + int(row["n"])
    return out


@dataclass(frozen=True)
class Matched:
    invited: dict[GroupKey, int]
    no_responses: list[GroupKey]  # in the headcount, no one in the survey
    not_in_headcount: list[GroupKey]  # in the survey, not in the headcount
    issues: list[Issue]  # warnings


def match(responses: Responses, headcount: HeadcountFile) -> Matched:
    """Match a headcount to a survey's groups: `DataError` where more answered than were invited,
    warnings for groups in one file only."""
    answered = survey_counts(responses)
    invited = _as_spelled(
        headcount.invited(by_department=responses.has_department, by_team=responses.has_team),
        answered,
    )
    too_many = [
        error(
            "more-respondents-than-invited",
            # The number who answered is not said: for a small group it is a figure mes hides.
            message(
                "more people of {describe} answered than the headcount invites "
                "({invited}); check the headcount ({source}) and the group names",
                describe=describe(key),
                invited=invited[key],
                source=headcount.source,
            ),
            file=headcount.source,
        )
        for key in sorted(answered)
        if key in invited and answered[key] > invited[key]
    ]
    if too_many:
        raise DataError(too_many)
    levels = {k.dimension for k in invited} & {k.dimension for k in answered} - {ORG.dimension}
    no_responses = sorted(k for k in invited if k not in answered and k.dimension in levels)
    missing = sorted(k for k in answered if k not in invited and k.dimension in levels)
    issues: list[Issue] = []
    if missing:
        issues.append(
            warning(
                "not-in-headcount",
                message(
                    "{n} group(s) of the survey are not in the headcount, so they have no "
                    "response rate: {list}",
                    n=len(missing),
                    list=_list(missing),
                ),
                file=headcount.source,
            )
        )
    if no_responses:
        issues.append(
            warning(
                "no-responses-from-group",
                message(
                    "{n} group(s) of the headcount have no respondents in the survey: {list}",
                    n=len(no_responses),
                    list=_list(no_responses),
                ),
                file=headcount.source,
            )
        )
    return Matched(invited, no_responses, missing, issues)


def _as_spelled(
    invited: dict[GroupKey, int], answered: Mapping[GroupKey, int]
) -> dict[GroupKey, int]:
    """The headcount's groups under the survey's spelling of their names: names are one name
    whatever their case, spacing or Unicode form (`mes.names`), as in the survey itself."""
    spelled = {_name_key(k): k for k in answered}
    out: dict[GroupKey, int] = {}
    for key, count in invited.items():
        target = spelled.get(_name_key(key), key)
        out[target] = out.get(target, 0) + count
    return out


def _name_key(key: GroupKey) -> tuple[str, ...]:
    return (key.dimension, *(name_key(p) for p in key.path))


def _list(keys: Sequence[GroupKey]) -> Message:
    return joined([describe(k) for k in keys], "; ")


def key_of(group: ShownGroup) -> GroupKey:
    return GroupKey(group.dimension, tuple(group.path))


def add_response(
    report: ScoreReport,
    responses: Responses,
    headcount: HeadcountFile,
    min_response: float = DEFAULT_MIN_RESPONSE,
) -> ScoreReport:
    """The report with each shown group's response and the organisation's response summary.

    Suppressed groups get none: their rate with their invited count would give their count.
    """
    matched = match(responses, headcount)
    confidence = report.settings.confidence
    groups = []
    low: list[ShownGroup] = []
    for original in report.groups:
        group = original
        if isinstance(group, ShownGroup) and group.dimension in (ORG.dimension, DEPARTMENT, TEAM):
            invited = matched.invited.get(key_of(group))
            if invited:
                rate = response_rate(group.respondents, invited)
                margin = (
                    margin_of_error(group.n, invited, group.sd, confidence)
                    if group.n is not None
                    else None
                )
                response = GroupResponse(
                    invited=invited,
                    responded=group.respondents,
                    rate=rate,
                    margin=margin,
                    low=rate < min_response,
                )
                group = group.model_copy(update={"response": response})
                if response.low:
                    low.append(group)
        groups.append(group)
    org = groups[0]
    org_response = org.response if isinstance(org, ShownGroup) else None
    issues = list(matched.issues)
    if low:
        issues.append(
            warning(
                "low-response",
                message(
                    "{n} group(s) answered below the {threshold:.0%} response threshold; "
                    "their figures may not speak for the group: {groups}",
                    n=len(low),
                    threshold=min_response,
                    groups=joined(
                        [joined([describe(key_of(g)), _rate(g)], " ") for g in low], "; "
                    ),
                ),
            )
        )
    summary = ResponseSummary(
        headcount=headcount.source,
        min_response=min_response,
        invited=org_response.invited if org_response else None,
        responded=org_response.responded if org_response else None,
        rate=org_response.rate if org_response else None,
        low=[g.id for g in low],
        no_responses=[k.id for k in matched.no_responses],
        not_in_headcount=[k.id for k in matched.not_in_headcount],
    )
    return report.model_copy(
        update={"groups": groups, "response": summary, "issues": [*report.issues, *issues]}
    )


def _rate(group: ShownGroup) -> Message:
    r = group.response
    assert r is not None
    return message(
        "({responded} of {invited}, {rate:.0%})",
        responded=r.responded,
        invited=r.invited,
        rate=r.rate,
    )


def headcount_issues(responses: Responses, headcount: HeadcountFile) -> list[Issue]:
    """What ``mes validate --headcount`` reports: mismatches (errors raise `DataError`)."""
    return match(responses, headcount).issues
