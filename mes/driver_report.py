"""The driver analysis of a scored file: for each outcome, for the organisation and every group
the score report shows, how each trait relates to the outcome (`mes.drivers` does the method).

Which groups: only those the report shows (its privacy decision, `mes.privacy`), and of those
only the ones where at least ``max(MIN_PEOPLE, k)`` people answered every trait and the outcome
(the *complete cases* the figures rest on). Any other shown group is listed as not computed,
with the reason and no figure, not even its count. A trait is "low" by the group's trait means
as the score report shows them (so the words agree with the table); a trait whose figure the
report hides in that group has no score here and is never "low".

Privacy: the figures shown here are r, R² and shares (not sums, so no combination of them with
other figures gives the values of a smaller set) and ``n``, the count of the complete cases,
like the ``n`` of every figure. Each rests on at least ``max(30, k)`` people of a shown group.

Groups are found column-wise: one polars ``group_by`` per level (departments, teams, each
``--by`` column) hands over the row numbers of every group, and the analysis reads numpy
arrays of the trait scores and outcome answers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import polars as pl

from mes import __version__
from mes import drivers as method
from mes.errors import DataError, InputError, Issue, error
from mes.instrument import Instrument, Outcome
from mes.messages import message
from mes.results import (
    DriversReport,
    DriversResult,
    DriversSettings,
    GroupDrivers,
    Interval,
    OutcomeDrivers,
    ScoreReport,
    ShownGroup,
    TraitDriverResult,
)
from mes.scoring import outcome_column, outcomes_present, trait_column
from mes.settings import Settings
from mes.validation import by_column

if TYPE_CHECKING:
    from mes.pipeline import ScoredFile

_ROW = "__drivers_row"


def min_people(settings: Settings) -> int:
    """The fewest people a group's drivers rest on: 30, or the minimum group size if larger."""
    return max(method.MIN_PEOPLE, settings.min_group_size)


def drivers_settings(settings: Settings) -> DriversSettings:
    return DriversSettings(
        min_people=min_people(settings),
        confidence=settings.confidence,
        resamples=method.RESAMPLES,
        bootstrap_limit=method.BOOTSTRAP_LIMIT,
        priority_top=method.PRIORITY_TOP,
    )


def drivers_of(
    persons: pl.DataFrame,
    report: ScoreReport,
    instrument: Instrument,
    outcomes: Sequence[Outcome],
) -> DriversResult:
    """The drivers of each outcome in ``outcomes`` (each must have its column in ``persons``)
    for every group ``report`` shows."""
    settings = report.settings
    shown = [g for g in report.groups if isinstance(g, ShownGroup)]
    keys = [t.key for t in instrument.traits]
    x = _matrix(persons, [trait_column(k) for k in keys])
    rows = _rows_of_groups(persons, shown)
    order = _tree_order(persons)
    result = []
    for outcome in outcomes:
        y = _matrix(persons, [outcome_column(outcome.key)])
        data = np.concatenate([x, y], axis=1)  # traits, then the outcome
        complete = ~np.isnan(data).any(axis=1)
        # The complete cases in the order of the tree, so that the organisation, each
        # department and each team is one slice of them (read in place, not copied).
        kept = order[complete[order]]
        tree_data = data[kept]
        position = np.full(persons.height, -1, dtype=np.int64)
        position[kept] = np.arange(kept.size)
        people = {g.id: _positions(position, rows[g.id]) for g in shown}
        hidden = {g.id for g in shown if _outcome_hidden(g, outcome.key)}
        enough = [
            g for g in shown if people[g.id].size >= min_people(settings) and g.id not in hidden
        ]
        analyses = method.analyse_many(
            keys, (_take(tree_data, people[g.id]) for g in enough), settings.confidence
        )
        by_id = dict(zip((g.id for g in enough), analyses, strict=True))
        groups = [
            _hidden_outcome(group) if group.id in hidden else _group(group, by_id.get(group.id))
            for group in shown
        ]
        result.append(
            OutcomeDrivers(
                outcome=outcome.key,
                kind=outcome.kind,
                name=outcome.name,
                name_nl=outcome.name_nl,
                groups=groups,
            )
        )
    return DriversResult(settings=drivers_settings(settings), outcomes=result)


def _tree_order(persons: pl.DataFrame) -> np.ndarray:
    """Row numbers of ``persons`` grouped by department and then team (stable: file order
    within). Only the grouping matters, not the order of the names: integer codes are sorted,
    not the names themselves."""
    columns = [c for c in ("department", "team") if c in persons.columns]
    if not columns:
        return np.arange(persons.height)
    codes = [
        persons.get_column(c).cast(pl.Categorical).to_physical().fill_null(-1).to_numpy()
        for c in columns
    ]
    order: np.ndarray = np.lexsort(codes[::-1])  # the last key is the primary one
    return order


def _positions(position: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Where a group's complete cases are in the tree-ordered data: a range when they are
    contiguous, as every group of the tree is; otherwise sorted positions."""
    found = position[rows]
    found = found[found >= 0]
    if found.size and int(found.max()) - int(found.min()) + 1 == found.size:
        return np.arange(int(found.min()), int(found.max()) + 1)
    ordered: np.ndarray = np.sort(found)
    return ordered


def _take(data: np.ndarray, where: np.ndarray) -> np.ndarray:
    """The rows ``where`` (sorted) of ``data``: a view when they are contiguous, else a copy."""
    if where.size and where[-1] - where[0] + 1 == where.size:
        view: np.ndarray = data[where[0] : where[-1] + 1]
        return view
    taken: np.ndarray = data[where]
    return taken


def _matrix(persons: pl.DataFrame, columns: list[str]) -> np.ndarray:
    """The columns as a float matrix, NaN where a value is missing."""
    frame = persons.select(pl.col(c).cast(pl.Float64).fill_null(float("nan")) for c in columns)
    return frame.to_numpy().astype(np.float64, copy=False)


def _rows_of_groups(persons: pl.DataFrame, shown: Sequence[ShownGroup]) -> dict[str, np.ndarray]:
    """Row numbers of ``persons`` per shown group id, one ``group_by`` per level."""
    numbered = persons.with_row_index(_ROW)
    out: dict[str, np.ndarray] = {}
    wanted = {g.id for g in shown}
    levels: dict[tuple[str, ...], list[ShownGroup]] = {}
    for group in shown:
        levels.setdefault(_level_columns(group, persons.columns), []).append(group)
    for columns, groups in levels.items():
        if not columns:
            out.update({g.id: np.arange(persons.height) for g in groups})
            continue
        table = numbered.group_by(list(columns)).agg(pl.col(_ROW))
        members = table.get_column(_ROW)
        labels = table.select(columns).rows()
        index = {label: i for i, label in enumerate(labels)}
        for group in groups:
            i = index.get(_labels(group, columns))
            found = members[i].to_numpy() if i is not None else np.empty(0, dtype=np.int64)
            out[group.id] = found.astype(np.int64, copy=False)
    missing = wanted - set(out)
    if missing:  # every shown group has members: the report was built from these persons
        raise RuntimeError(f"no members found for {len(missing)} shown group(s)")
    return out


def _level_columns(group: ShownGroup, columns: Sequence[str]) -> tuple[str, ...]:
    """The person columns that identify the group (as `mes.report.member_filter` reads them)."""
    if group.dimension == "organisation":
        return ()
    if group.id.startswith("by:"):
        return (by_column(group.dimension),)
    if group.dimension == "department":
        return ("department",)
    if "department" in columns:  # a team, with or without a department
        return ("department", "team")
    return ("team",)


def _labels(group: ShownGroup, columns: tuple[str, ...]) -> tuple[str | None, ...]:
    if group.dimension == "team" and columns == ("department", "team") and len(group.path) == 1:
        return (None, group.path[0])  # a team without a department
    return tuple(group.path)


def _outcome_hidden(group: ShownGroup, key: str) -> bool:
    """Whether the score report hides the outcome's figures in this shown group."""
    return any(h.figure == f"outcome:{key}" for h in group.hidden)


def _hidden_outcome(group: ShownGroup) -> GroupDrivers:
    """A group whose outcome figures are hidden: its drivers are not shown either."""
    base = {"id": group.id, "dimension": group.dimension, "name": group.name, "path": group.path}
    return GroupDrivers(**base, computed=False, reason="outcome-hidden")


def _group(
    group: ShownGroup, analysis: method.DriverAnalysis | method.NoVariation | None
) -> GroupDrivers:
    base = {"id": group.id, "dimension": group.dimension, "name": group.name, "path": group.path}
    if analysis is None:
        return GroupDrivers(**base, computed=False, reason="too-few-people")
    if isinstance(analysis, method.NoVariation):
        constant = "outcome" if analysis.what == "the outcome" else analysis.what
        return GroupDrivers(**base, computed=False, reason="no-variation", constant=constant)
    # "Low" is judged by the trait scores the report shows for the group, so that the words
    # agree with the table. A trait the report does not show there (its figure is hidden)
    # gets no score here either: the complete cases' own mean would be a new figure.
    shown_means = {t.key: t.mean for t in group.traits}
    traits = [replace(t, mean=shown_means.get(t.key, math.nan)) for t in analysis.traits]
    ranks = {t.key: method.driver_rank(traits, t.key) for t in traits}
    lows = {t.key: method.low_rank(traits, t.key) for t in traits}
    return GroupDrivers(
        **base,
        computed=True,
        n=analysis.n,
        r2=analysis.r2,
        r2_ci=Interval(low=analysis.r2_low, high=analysis.r2_high),
        # Built without validation: every value is a float or int computed just above, and a
        # million-row file makes ~20,000 of these (validating them took a few tenths of a second).
        traits=[
            TraitDriverResult.model_construct(
                key=t.key,
                score=None if math.isnan(t.mean) else t.mean,
                low_rank=lows[t.key],
                r=t.r,
                r_ci=_interval(t.r_low, t.r_high),
                importance=t.importance,
                importance_ci=_interval(t.importance_low, t.importance_high),
                share=t.share,
                share_ci=_interval(t.share_low, t.share_high),
                rank=ranks[t.key],
            )
            for t in traits
        ],
        strongest=next(t.key for t in traits if ranks[t.key] == 1),
        priority=method.priority(traits),
        interval_method=analysis.interval_method,
        resamples=analysis.resamples,
    )


def _interval(low: float, high: float) -> Interval:
    return Interval.model_construct(low=low, high=high)


def with_drivers(report: ScoreReport, persons: pl.DataFrame, instrument: Instrument) -> ScoreReport:
    """``report`` with its drivers section, when the file has an outcome question."""
    outcomes = outcomes_present(instrument, persons)
    if not outcomes:
        return report
    return report.model_copy(update={"drivers": drivers_of(persons, report, instrument, outcomes)})


def choose_outcomes(
    instrument: Instrument, persons: pl.DataFrame, keys: Sequence[str], file: str
) -> tuple[Outcome, ...]:
    """The outcomes ``mes drivers`` analyses: those named (``--outcome``), else every
    energy question the file has, else every outcome it has. None at all: a `DataError` that
    says which questions mes looks for and how to declare one."""
    present = outcomes_present(instrument, persons)
    if keys:
        known = {o.key: o for o in instrument.outcomes}
        unknown = [k for k in keys if k not in known]
        if unknown:
            names = ", ".join(known) or "none"
            raise InputError(
                error(
                    "unknown-outcome",
                    message(
                        "--outcome {unknown}: the instrument has no such outcome question (its "
                        "outcomes: {names})",
                        unknown=unknown[0],
                        names=names,
                    ),
                )
            )
        absent = [k for k in keys if known[k] not in present]
        if absent:
            raise DataError(no_outcome_issue(file, [known[k] for k in absent]))
        return tuple(known[k] for k in dict.fromkeys(keys))
    if not present:
        raise DataError(no_outcome_issue(file, list(instrument.outcomes)))
    energy = tuple(o for o in present if o.kind == "energy")
    return energy or present


def no_outcome_issue(file: str, wanted: Sequence[Outcome]) -> Issue:
    """The one error of a file without the outcome questions mes drivers needs."""
    looked = "; ".join(
        f"{o.name} ({o.low}-{o.high}), e.g. a column headed "
        + " or ".join(f"'{h}'" for h in [o.text_nl or o.text_en, *o.headers[:1]] if h)
        for o in wanted
    )
    what = f"mes looks for: {looked}. " if looked else ""
    return error(
        "no-outcome",
        message(
            "no outcome question found in the file, so there is nothing to relate "
            "the traits to. {what}Give the column such a header, or declare your "
            "own question as an [[outcomes]] entry (key, kind = energy, enps or "
            "scale, low, high, headers) in an instrument file (mes instrument "
            "prints the built-in one to start from) and pass it with --instrument",
            what=what,
        ),
        file=file,
    )


def drivers_report(scored: ScoredFile, outcomes: Sequence[Outcome]) -> DriversReport:
    """What ``mes drivers`` shows: the drivers of ``outcomes`` beside the scored file."""
    report = scored.report
    return DriversReport(
        mes_version=__version__,
        source=report.source,
        instrument=report.instrument,
        settings=report.settings,
        by=report.by,
        drivers=drivers_of(scored.persons, report, scored.instrument, outcomes),
        issues=report.issues,
    )
