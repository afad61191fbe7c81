"""Customer responses and the survey's groups: which department or team served each customer.

Shared by ``mes mirror`` and ``mes link``. A customer file names the team (or department) that
served the customer; `assign_customers` matches those names to the groups of a `ScoreReport`
(case, spacing and Unicode form ignored) and warns, with the closest survey names (difflib),
about names that match none. `member` selects a group's rows in either file by the names the
score report uses, so both sides of a comparison count exactly the same groups.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import polars as pl

from mes.errors import Issue, warning
from mes.instrument import normalize_text
from mes.messages import joined, message
from mes.mirror_results import FileInfo, TeamMatching
from mes.results import GroupResult, ScoreReport
from mes.table import RawTable
from mes.validation import Responses

ORGANISATION = "organisation"
_TREE = ("organisation", "department", "team")
#: Columns added to the customer frame: the survey department and team that served them.
CUSTOMER_DEPARTMENT, CUSTOMER_TEAM = "_survey_department", "_survey_team"


def member(group: GroupResult, frame: pl.DataFrame, dept: str, team: str) -> pl.Expr:
    """The rows of ``frame`` that belong to ``group`` (group names as in the score report)."""
    if group.dimension == ORGANISATION:
        return pl.lit(True)
    has_dept = dept in frame.columns
    if group.dimension == "department":
        return pl.col(dept) == group.path[0] if has_dept else pl.lit(False)
    if team not in frame.columns:
        return pl.lit(False)
    if len(group.path) == 2:
        return (pl.col(dept) == group.path[0]) & (pl.col(team) == group.path[1])
    expr = pl.col(team) == group.path[0]
    return expr & pl.col(dept).is_null() if has_dept else expr


@dataclass(frozen=True)
class Assignment:
    frame: pl.DataFrame  # responses plus CUSTOMER_DEPARTMENT and CUSTOMER_TEAM (or null)
    matching: TeamMatching
    issues: list[Issue]


def assign_customers(customers: Responses, report: ScoreReport, source: str) -> Assignment:
    """Give each customer response the survey department and team that served it, by name."""
    frame = customers.frame
    tree = [g for g in report.groups if g.dimension in _TREE]
    teams = [g for g in tree if g.dimension == "team"]
    departments = [g for g in tree if g.dimension == "department"]
    by_pair = {
        (normalize_text(g.path[0]), normalize_text(g.path[1])): g for g in teams if len(g.path) == 2
    }
    by_team: dict[str, list[GroupResult]] = {}
    for g in teams:
        by_team.setdefault(normalize_text(g.path[-1]), []).append(g)
    by_dept = {normalize_text(g.path[0]): g for g in departments}
    has_team = customers.has_team
    has_dept = customers.has_department
    level = "team" if has_team else "department" if has_dept else "none"
    pairs = frame.select(
        (pl.col("department") if has_dept else pl.lit(None, pl.String)).alias("d"),
        (pl.col("team") if has_team else pl.lit(None, pl.String)).alias("t"),
    ).unique()
    mapping: list[tuple[str | None, str | None, str | None, str | None]] = []
    unmatched: set[str] = set()
    ambiguous: set[str] = set()
    for d, t in pairs.iter_rows():
        target: tuple[str | None, str | None] = (None, None)
        if t is not None:
            hit = by_pair.get((normalize_text(d), normalize_text(t))) if d else None
            candidates = by_team.get(normalize_text(t), [])
            if hit is None and len(candidates) == 1:
                hit = candidates[0]
            if hit is not None:
                target = (hit.path[0], hit.path[1]) if len(hit.path) == 2 else (None, hit.path[0])
            elif len(candidates) > 1:
                ambiguous.add(t)
            else:
                unmatched.add(t)
        elif d is not None:
            dept = by_dept.get(normalize_text(d))
            if dept is not None:
                target = (dept.path[0], None)
            elif level == "department":
                unmatched.add(d)
        mapping.append((d, t, *target))
    names = ["d", "t", CUSTOMER_DEPARTMENT, CUSTOMER_TEAM]
    table = pl.DataFrame(mapping, schema=dict.fromkeys(names, pl.String), orient="row")
    keyed = frame.with_columns(
        (pl.col("department") if has_dept else pl.lit(None, pl.String)).alias("d"),
        (pl.col("team") if has_team else pl.lit(None, pl.String)).alias("t"),
    )
    assigned = keyed.join(table, on=["d", "t"], how="left", nulls_equal=True).drop("d", "t")
    # Survey groups of the customer file's level that no customer response reached.
    if level == "team":
        reached = set(assigned.select(CUSTOMER_DEPARTMENT, CUSTOMER_TEAM).unique().iter_rows())
        employee_only = [
            g.name
            for g in teams
            if ((g.path[0], g.path[1]) if len(g.path) == 2 else (None, g.path[0])) not in reached
        ]
        survey_names = sorted({g.name for g in teams}, key=str.casefold)
    elif level == "department":
        reached_depts = set(assigned.get_column(CUSTOMER_DEPARTMENT).drop_nulls().to_list())
        employee_only = [g.name for g in departments if g.path[0] not in reached_depts]
        survey_names = sorted({g.name for g in departments}, key=str.casefold)
    else:
        employee_only, survey_names = [], []
    issues = _matching_issues(
        sorted(unmatched, key=str.casefold), sorted(ambiguous), survey_names, level, source,
        matched=any(row[2] is not None or row[3] is not None for row in mapping),
    )  # fmt: skip
    return Assignment(
        frame=assigned,
        matching=TeamMatching(
            customer_level=level,
            customer_only=sorted(unmatched | ambiguous, key=str.casefold),
            employee_only=employee_only,
        ),
        issues=issues,
    )


def _matching_issues(
    unmatched: list[str],
    ambiguous: list[str],
    survey: list[str],
    level: str,
    source: str,
    *,
    matched: bool,
) -> list[Issue]:
    issues = []
    if unmatched:
        hints = []
        for name in unmatched:
            close = difflib.get_close_matches(name, survey, n=2, cutoff=0.6)
            hints.append(
                message("{name!r} (closest: {close})", name=name, close=", ".join(map(repr, close)))
                if close
                else repr(name)
            )
        team = level == "team"
        if not matched:
            start = (
                message("none of the customer file's teams matches a team of the staff survey")
                if team
                else message(
                    "none of the customer file's departments matches a department of the staff "
                    "survey"
                )
            )
        else:
            start = (
                message(
                    "{n} of the customer file's teams match no team of the survey", n=len(unmatched)
                )
                if team
                else message(
                    "{n} of the customer file's departments match no department of the survey",
                    n=len(unmatched),
                )
            )
        names = ", ".join(map(repr, survey))
        issues.append(
            warning(
                "unmatched-customer-groups",
                message(
                    "{start}: {items}. Survey teams: {names}. Their customers count for "
                    "the organisation only; correct the names in the customer file to match",
                    start=start,
                    items=joined(hints, "; "),
                    names=names or message("none"),
                )
                if team
                else message(
                    "{start}: {items}. Survey departments: {names}. Their customers count for "
                    "the organisation only; correct the names in the customer file to match",
                    start=start,
                    items=joined(hints, "; "),
                    names=names or message("none"),
                ),
                file=source,
            )
        )
    if ambiguous:
        issues.append(
            warning(
                "ambiguous-customer-team",
                message(
                    "team name(s) {items} occur in more than one department of the survey; "
                    "add a department column to the customer file. Their customers count "
                    "for the organisation only",
                    items=", ".join(map(repr, ambiguous)),
                ),
                file=source,
            )
        )
    return issues


def answer_stats(frame: pl.DataFrame, column: str) -> tuple[int, float | None, float | None]:
    """(n, mean, sd) of the answers in ``column`` on their own scale."""
    values = frame.get_column(column).drop_nulls().cast(pl.Float64)  # validated: small ints
    n = values.len()
    if n == 0:
        return 0, None, None
    mean = float(values.mean())  # type: ignore[arg-type]
    sd = float(values.std(ddof=1)) if n > 1 else None  # type: ignore[arg-type]
    return n, mean, sd


def file_info(table: RawTable, responses: int | None) -> FileInfo:
    """What the report says of an input file: name, format, sheet, header row, responses."""
    return FileInfo(
        file=table.source,
        format=table.kind.value,
        sheet=table.sheet,
        header_row=table.header_row,
        responses=responses,
    )
