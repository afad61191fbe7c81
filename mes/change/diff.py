"""``mes diff``: two quarters compared, group by group.

The comparison works on `ScoreReport`s only, i.e. on the n, mean and sd of every group a quarter
shows, so a survey file scored now and a saved result give the same comparison. Only a group
shown in both quarters gets a change: a change against a group that a quarter hides would reveal
that group. Every figure in the output is one a quarter's own report shows, so the remainder rule
of `mes.privacy` still holds for the groups shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from mes import __version__
from mes.change.matching import (
    GroupPair,
    SharedInstruments,
    apply_renames,
    check_settings,
    common_breakdowns,
    match_groups,
    quarter_info,
    quarter_labels,
    rename_results,
    shared_instruments,
)
from mes.change.options import CompareOptions, Rename
from mes.change.outcomes import outcome_changes, shared_outcomes
from mes.change.paired import paired_view
from mes.change.people import Side
from mes.change.statistics import Summary, label_change, welch_test
from mes.errors import Issue, warning
from mes.messages import Value, joined, message
from mes.results import (
    DiffReport,
    DiffSettings,
    GroupChange,
    GroupResult,
    GroupStatus,
    OutcomeInfo,
    ScoreReport,
    SideFigures,
    SideName,
    TraitChange,
    TraitName,
)

# --- One group across two quarters ------------------------------------------------------------


def _figures(group: GroupResult) -> SideFigures:
    if group.n is None or group.mes is None or group.energetic_share is None:
        raise ValueError(f"bug: shown group {group.id} has no figures")
    response = getattr(group, "response", None)
    return SideFigures(
        n=group.n,
        mes=group.mes,
        sd=group.sd,
        energetic_share=group.energetic_share,
        response_rate=response.rate if response is not None else None,
    )


def response_warnings(changes: Sequence[GroupChange], min_change: float) -> list[Issue]:
    """Groups whose response rate moved more (in points) than their MES did: who answered may
    explain the change. Only response changes of at least ``min_change`` points are named."""
    moved = []
    for c in changes:
        if c.old is None or c.new is None or c.mes_change is None:
            continue
        if c.old.response_rate is None or c.new.response_rate is None:
            continue
        shift = 100.0 * (c.new.response_rate - c.old.response_rate)
        if abs(shift) >= min_change and abs(shift) > abs(c.mes_change):
            where: Value = message("organisation") if not c.path else "/".join(c.path)
            moved.append(
                message(
                    "{group} ({before:.0f}% → {after:.0f}%, MES {change:+.1f})",
                    group=where,
                    before=100 * c.old.response_rate,
                    after=100 * c.new.response_rate,
                    change=c.mes_change,
                )
            )
    if not moved:
        return []
    return [
        warning(
            "response-changed-more",
            message(
                "the response changed more than the MES in {n} group(s): "
                "{items}. Who answered may explain the change as much as how "
                "people feel",
                n=len(moved),
                items=(
                    message("{items} and more", items=joined(moved[:10], "; "))
                    if len(moved) > 10
                    else joined(moved[:10], "; ")
                ),
            ),
        )
    ]


def group_change(
    pair: GroupPair,
    ins: SharedInstruments,
    options: CompareOptions,
    outcomes: Sequence[OutcomeInfo] = (),
) -> GroupChange:
    shown = pair.new or pair.old
    assert shown is not None
    base = {
        "id": shown.id,
        "dimension": shown.dimension,
        "name": shown.name,
        "path": list(shown.path),
        "old_id": pair.old.id if pair.old else None,
        "new_id": pair.new.id if pair.new else None,
        "old_path": list(pair.renamed_from) if pair.renamed_from else None,
    }
    if pair.old is None or pair.new is None:
        only: SideName = "new" if pair.new else "old"
        if shown.suppressed or shown.n is None:  # (a shown group whose MES is not shown)
            return GroupChange(**base, status=_side_status(only), suppressed_in=[only])
        return GroupChange(**base, status=_side_status(only), **{only: _figures(shown)})
    sides: list[tuple[SideName, GroupResult]] = [("old", pair.old), ("new", pair.new)]
    hidden = [side for side, g in sides if g.suppressed]
    if hidden:
        # No figures of either quarter, not even n: the diff is read as a change, and a figure
        # beside a hidden one invites working that one out (e.g. from a parent's change).
        return GroupChange(**base, status="suppressed", suppressed_in=hidden)
    no_mes = [side for side, g in sides if g.n is None]
    if no_mes:
        # A quarter shows the group but not its MES (it rests on too few people, or would give
        # someone away): no change of it, as for a hidden group.
        return GroupChange(**base, status="suppressed", suppressed_in=no_mes, reason="mes-hidden")
    old, new = _figures(pair.old), _figures(pair.new)
    outcome_list = (
        outcome_changes(pair.old, pair.new, list(outcomes), options.confidence, options.min_change)
        if outcomes
        else None
    )
    traits = _trait_changes(pair.old, pair.new, ins.traits)
    if not ins.mes_comparable:
        return GroupChange(
            **base,
            status="compared",
            old=old,
            new=new,
            traits=traits,
            reason="instrument-changed",
            outcomes=outcome_list,
        )
    change = new.mes - old.mes
    test = welch_test(
        Summary(old.n, old.mes, old.sd), Summary(new.n, new.mes, new.sd), options.confidence
    )
    label, reason = label_change(change, test, options.confidence, options.min_change)
    return GroupChange(
        **base,
        status="compared",
        old=old,
        new=new,
        mes_change=change,
        energetic_change=new.energetic_share - old.energetic_share,
        traits=traits,
        test=test,
        label=label,
        reason=reason if test is not None else _no_test_reason(old, new),
        outcomes=outcome_list,
    )


def _side_status(side: SideName) -> GroupStatus:
    return "new" if side == "new" else "gone"


def _no_test_reason(old: SideFigures, new: SideFigures) -> str:
    return "one-respondent" if old.sd is None or new.sd is None else "no-spread"


def _trait_changes(old: GroupResult, new: GroupResult, keys: list[str]) -> list[TraitChange]:
    before = {t.key: t.mean for t in old.traits or []}
    after = {t.key: t.mean for t in new.traits or []}
    return [
        TraitChange(key=k, old=before[k], new=after[k], change=after[k] - before[k])
        for k in keys
        if k in before and k in after
    ]


# --- diff and trend ---------------------------------------------------------------------------


def diff(old: Side, new: Side, options: CompareOptions | None = None) -> DiffReport:
    """Compare two quarters: every group matched, and the change of those shown in both.

    Raises `InputError` for quarters scored with different settings, different instruments
    (unless ``allow_instrument_change``) and a rename that matches more than one group.
    """
    options = options or CompareOptions()
    reports = [old.report, new.report]
    labels = quarter_labels(reports, options.labels)
    check_settings(reports, labels)
    ins = shared_instruments(reports, labels, options.allow_instrument_change)
    paths, hits = apply_renames(old.report, options.renames)
    renames, issues = rename_results(options.renames, [hits], labels[:1])
    breakdowns, by_issues = common_breakdowns(reports, labels)
    pairs, match_issues = match_groups(old.report, paths, new.report, breakdowns, labels)
    issues += _missing_targets(options.renames, hits, pairs, labels[1])
    outcomes = shared_outcomes(old.report, new.report)
    changes = [group_change(p, ins, options, outcomes) for p in pairs]
    k = new.report.settings.min_group_size
    paired, changes = paired_view(old, new, changes, k, options)
    return DiffReport(
        mes_version=__version__,
        old=quarter_info(old.report, labels[0]),
        new=quarter_info(new.report, labels[1]),
        settings=DiffSettings(
            confidence=options.confidence,
            min_change=options.min_change,
            min_group_size=k,
            allow_instrument_change=options.allow_instrument_change,
            paired=options.paired,
        ),
        instrument_changed=ins.changed,
        traits=_trait_names(new.report, ins.traits),
        mes_compared=ins.mes_comparable,
        renames=renames,
        paired=paired,
        groups=changes,
        issues=ins.issues
        + issues
        + by_issues
        + match_issues
        + turnover_warnings(changes, k)
        + response_warnings(changes, options.min_change),
    )


def turnover_warnings(changes: Sequence[GroupChange], k: int) -> list[Issue]:
    """A change of a group whose size moved by fewer than k people mixes the answers of the
    people who stayed with those of the few who came or went: the difference of two releases
    is close to those few people's answers. Said in every output, never hidden."""
    moved = [
        c
        for c in changes
        if c.status == "compared" and c.old and c.new and 0 < abs(c.new.n - c.old.n) < k
    ]
    if not moved:
        return []
    shown: list[Value] = [
        message("organisation") if not c.path else "/".join(c.path) for c in moved[:10]
    ]
    if len(moved) > 10:
        names = message("{names} and {n} more", names=joined(shown), n=len(moved) - 10)
    else:
        names = joined(shown)
    return [
        warning(
            "small-turnover",
            message(
                "{n} group(s) changed size by fewer than {k} respondents "
                "({names}): their change mixes new answers with who came and "
                "went, and set beside the earlier quarter's figures it says something "
                "about those few people; share such changes with care",
                n=len(moved),
                k=k,
                names=names,
            ),
        )
    ]


def _trait_names(report: ScoreReport, keys: list[str]) -> list[TraitName]:
    traits = {t.key: t for t in report.instrument.traits}
    return [TraitName(key=k, name=traits[k].name, name_nl=traits[k].name_nl) for k in keys]


def _missing_targets(
    renames: Sequence[Rename], hits: list[list[str]], pairs: list[GroupPair], label: str
) -> list[Issue]:
    """A rename that matched a group, whose new name is not in the later quarter."""
    unmatched = {p.old.id for p in pairs if p.new is None and p.old is not None}
    return [
        warning(
            "rename-target-missing",
            message(
                "rename {old!r}={new!r}: {label} has no group named {new!r}, so "
                "{old!r} is listed as gone",
                old=rename.old,
                new=rename.new,
                label=label,
            ),
        )
        for rename, ids in zip(renames, hits, strict=True)
        if ids and ids[0] in unmatched
    ]
