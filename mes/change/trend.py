"""``mes trend``: MES per group over three or more quarters, and the label of the last change."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from mes import __version__
from mes.change.diff import group_change, turnover_warnings
from mes.change.matching import (
    GroupPair,
    Key,
    SharedInstruments,
    apply_renames,
    check_settings,
    common_breakdowns,
    index_groups,
    quarter_info,
    quarter_labels,
    rename_results,
    shared_instruments,
)
from mes.change.options import CompareOptions
from mes.change.outcomes import shared_outcomes
from mes.errors import Issue
from mes.results import (
    CompareSettings,
    GroupChange,
    GroupResult,
    OutcomeInfo,
    ScoreReport,
    SideFigures,
    TrendGroup,
    TrendPoint,
    TrendReport,
)


def trend(reports: Sequence[ScoreReport], options: CompareOptions | None = None) -> TrendReport:
    """MES per group per quarter (in the order given), and the label of the last change."""
    options = options or CompareOptions()
    if len(reports) < 2:
        raise ValueError("a trend needs at least two quarters")
    labels = quarter_labels(reports, options.labels)
    check_settings(reports, labels)
    ins = shared_instruments(reports, labels, options.allow_instrument_change)
    # Renames map earlier names to later ones: every quarter but the last may carry old names.
    renamed = [apply_renames(r, options.renames) for r in reports[:-1]]
    last_paths = {g.id: tuple(g.path) for g in reports[-1].groups}
    all_paths = [paths for paths, _ in renamed] + [last_paths]
    renames, issues = rename_results(options.renames, [h for _, h in renamed], labels[:-1])
    breakdowns, by_issues = common_breakdowns(reports, labels)
    indexes = []
    for report, paths, label in zip(reports, all_paths, labels, strict=True):
        index, found = index_groups(report, paths, breakdowns, label)
        indexes.append({key: groups[0] for key, groups in index.items() if len(groups) == 1})
        issues += found
    outcomes = shared_outcomes(reports[-2], reports[-1])
    groups = [_trend_group(key, indexes, ins, options, outcomes) for key in _trend_keys(indexes)]
    return TrendReport(
        mes_version=__version__,
        quarters=[quarter_info(r, label) for r, label in zip(reports, labels, strict=True)],
        settings=CompareSettings(
            confidence=options.confidence,
            min_change=options.min_change,
            min_group_size=reports[-1].settings.min_group_size,
            allow_instrument_change=options.allow_instrument_change,
        ),
        instrument_changed=ins.changed,
        mes_compared=ins.mes_comparable,
        renames=renames,
        groups=groups,
        issues=ins.issues + issues + by_issues + _trend_turnover(groups, options, reports),
    )


def _trend_turnover(
    groups: Sequence[TrendGroup], options: CompareOptions, reports: Sequence[ScoreReport]
) -> list[Issue]:
    """`turnover_warnings` for every pair of consecutive quarters of a trend."""
    k = reports[-1].settings.min_group_size
    moved = []
    for g in groups:
        for before, after in itertools.pairwise(g.points):
            if before.n is not None and after.n is not None and 0 < abs(after.n - before.n) < k:
                moved.append(
                    GroupChange(
                        id=g.id, dimension=g.dimension, name=g.name, path=g.path,
                        status="compared", old_id=g.id, new_id=g.id,
                        old=SideFigures(n=before.n, mes=before.mes or 0.0, sd=None,
                                        energetic_share=0.0),
                        new=SideFigures(n=after.n, mes=after.mes or 0.0, sd=None,
                                        energetic_share=0.0),
                    )
                )  # fmt: skip
                break
    return turnover_warnings(moved, k)


def _trend_keys(indexes: list[dict[Key, GroupResult]]) -> list[Key]:
    """The latest quarter's groups in its order, then those of earlier quarters, latest first."""
    keys: dict[Key, None] = {}
    for index in reversed(indexes):
        keys.update(dict.fromkeys(index))
    return list(keys)


def _trend_group(
    key: Key,
    indexes: list[dict[Key, GroupResult]],
    ins: SharedInstruments,
    options: CompareOptions,
    outcomes: Sequence[OutcomeInfo] = (),
) -> TrendGroup:
    present = [index.get(key) for index in indexes]
    latest = next(g for g in reversed(present) if g is not None)
    points = [
        TrendPoint(present=False)
        if g is None
        else TrendPoint(present=True, suppressed=True)
        if g.suppressed
        else TrendPoint(present=True, n=g.n, mes=g.mes)  # (n and mes null: MES not shown)
        for g in present
    ]
    group = TrendGroup(
        id=latest.id, dimension=latest.dimension, name=latest.name, path=list(latest.path),
        points=points,
    )  # fmt: skip
    before, after = present[-2], present[-1]
    if before is None or after is None:
        return group.model_copy(update={"last_reason": "not-in-both"})
    last = group_change(GroupPair(before, after), ins, options, outcomes)
    if last.status == "suppressed":
        return group.model_copy(update={"last_reason": "suppressed"})
    return group.model_copy(
        update={
            "last_change": last.mes_change,
            "last_test": last.test,
            "last_label": last.label,
            "last_reason": last.reason,
            "last_outcomes": last.outcomes,
        }
    )
