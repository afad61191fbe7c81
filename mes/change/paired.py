"""The paired view: who stayed, joined and left each group, and the stayers' own change.

It needs person-level data of both quarters (survey files with real person ids) and obeys the
same suppression rules as every output, applied to the stayers.
"""

from __future__ import annotations

import polars as pl

from mes.change.options import CompareOptions
from mes.change.people import MEMBERSHIP, ORGANISATION, People, Side
from mes.change.statistics import paired_test
from mes.groups import partition
from mes.messages import message
from mes.privacy import Node, Suppression, decide_counts
from mes.results import (
    GroupChange,
    GroupResult,
    Headcount,
    PairedChange,
    PairedInfo,
    ScoreReport,
)
from mes.scoring import MES
from mes.validation import RESPONDENT

# --- Paired view ------------------------------------------------------------------------------


def _paired_availability(old: Side, new: Side, options: CompareOptions) -> PairedInfo:
    if not options.paired:
        return PairedInfo.unavailable("not-requested", message("switched off"))
    if old.people is None or new.people is None:
        return PairedInfo.unavailable(
            "saved-result",
            message("needs the survey files of both quarters: a saved result has no person ids"),
        )
    for p in (old.people, new.people):
        if p.unusable is not None:
            return PairedInfo.unavailable(*p.unusable)
    return PairedInfo(available=True)


def _turnover(
    old: People, new: People, pairs: list[tuple[str, str, str]]
) -> dict[str, tuple[pl.DataFrame, int, int]]:
    """Per compared group (id, old id, new id): the stayers' (old, new) MES, and the group's
    scored members in each quarter.

    The people of both quarters are joined once, on their ids; each stayer's memberships then
    give the compared groups they stayed in (a small table of membership to pair, per quarter).
    """
    stayers = old.frame.join(
        new.frame, on=RESPONDENT, how="inner", suffix="_new", maintain_order="left"
    ).drop(RESPONDENT)
    before = _pairs_of(old.memberships, [o for _, o, _ in pairs], MEMBERSHIP)
    after = _pairs_of(new.memberships, [n for _, _, n in pairs], f"{MEMBERSHIP}_new")
    # In the earlier quarter's order, so that sums (and the JSON) are the same run after run.
    stayed = stayers.join(before, on=MEMBERSHIP, maintain_order="left").join(
        after, on=[f"{MEMBERSHIP}_new", PAIR], how="semi", maintain_order="left"
    )
    parts = stayed.select(PAIR, MES, f"{MES}_new").partition_by(
        PAIR, as_dict=True, include_key=False
    )
    empty = stayed.select(MES, f"{MES}_new").clear()
    n_old, n_new = old.group_sizes(), new.group_sizes()
    return {
        gid: (parts.get((i,), empty), n_old.get(o, 0), n_new.get(n, 0))
        for i, (gid, o, n) in enumerate(pairs)
    }


#: The column of the compared group (its position in the list of pairs) in `_turnover`.
PAIR = "pair"


def _pairs_of(
    memberships: tuple[tuple[str, ...], ...], groups: list[str], column: str
) -> pl.DataFrame:
    """Which compared group (by position in ``groups``) each membership counts in: one row per
    (membership, pair), the pairs of a membership in their order."""
    where: dict[str, list[int]] = {}
    for i, group in enumerate(groups):
        where.setdefault(group, []).append(i)
    rows = [(m, i) for m, ids in enumerate(memberships) for g in ids for i in where.get(g, ())]
    return pl.DataFrame(rows, schema={column: pl.UInt32, PAIR: pl.UInt32}, orient="row")


def paired_view(
    old: Side, new: Side, changes: list[GroupChange], k: int, options: CompareOptions
) -> tuple[PairedInfo, list[GroupChange]]:
    """Add who stayed, joined and left, and the stayers' change, where privacy allows."""
    info = _paired_availability(old, new, options)
    if not info.available or old.people is None or new.people is None:
        return info, changes
    compared = {
        c.id: c
        for c in changes
        if c.status == "compared" and c.old_id and c.new_id and c.old and c.new
    }
    pairs = [(c.id, c.old_id or "", c.new_id or "") for c in compared.values()]
    turnover = _turnover(old.people, new.people, pairs)
    for gid, (_, n_old, n_new) in turnover.items():
        c = compared[gid]
        # People and report come from the same responses; counts that differ mean the group
        # ids above no longer follow `mes.report`: a bug, never to be shown as figures.
        if c.old is None or c.new is None or (n_old, n_new) != (c.old.n, c.new.n):
            raise ValueError(f"bug: person-level members of {gid} do not match its n")
    org = turnover.get(ORGANISATION)
    if org is None or org[0].height == 0:
        return PairedInfo.unavailable(
            "no-overlap", message("no respondent id occurs in both quarters")
        ), changes
    decision = _paired_decision(new.report, turnover, k)
    out = []
    for change in changes:
        if change.id in turnover:
            stayers, n_old, n_new = turnover[change.id]
            paired = _paired_change(stayers, n_old, n_new, decision[change.id], k, options)
            change = change.model_copy(update={"paired": paired})  # noqa: PLW2901
        out.append(change)
    return info, out


def _turnover_ok(stayers: int, n_old: int, n_new: int, k: int) -> bool:
    # With the group's n in both quarters shown, the stayers' count gives those of the joiners
    # and leavers, and the stayers' change then gives the joiners' (or leavers') mean score:
    # like a suppressed group, each must be none or at least k.
    joined, left = n_new - stayers, n_old - stayers
    return stayers >= k and all(x == 0 or x >= k for x in (joined, left))


def _paired_decision(
    report: ScoreReport, turnover: dict[str, tuple[pl.DataFrame, int, int]], k: int
) -> dict[str, Suppression | str | None]:
    """Per compared group: None if its paired figures may be shown, else why not.

    The stayers of the groups form a tree like the groups do, so the rules of `mes.privacy` are
    applied to their counts: a group whose stayers may not be shown counts as hidden (n = 0), so
    that no shown parent minus shown children gives away the stayers of a hidden group.
    """
    counts: dict[str, tuple[int, int, int]] = {}
    why: dict[str, Suppression | str | None] = {}
    for gid, (stayers, n_old, n_new) in turnover.items():
        stayed = stayers.height
        counts[gid] = (stayed, n_new - stayed, n_old - stayed)
        if stayed < k:
            why[gid] = "too-few-stayers"
        elif not _turnover_ok(stayed, n_old, n_new, k):
            why[gid] = "few-joined-or-left"
    # Stayers, joiners and leavers are each shown exactly, so each must survive subtraction
    # like a group's n: a parent's leavers minus its shown children's would give away a hidden
    # child's leavers (and with its n, their mean). Groups without a paired view count as hidden.
    nodes = [
        Node(g.id, g.parent, _breakdown(g), counts.get(g.id, (0,))[0], g.name,
             extra=counts.get(g.id, (0, 0, 0))[1:])
        for g in report.groups
    ]  # fmt: skip
    decision = decide_counts(nodes, k)
    for gid in counts:
        why.setdefault(gid, decision[gid])
    return why


def _breakdown(group: GroupResult) -> str:
    return partition(group.dimension, group.parent)


def _paired_change(
    stayers: pl.DataFrame,
    n_old: int,
    n_new: int,
    withheld: Suppression | str | None,
    k: int,
    options: CompareOptions,
) -> PairedChange:
    counts = (stayers.height, n_new - stayers.height, n_old - stayers.height)
    if withheld is not None:
        # Every count only as below / at least k: any exact one gives the others from the n's.
        coarse = [Headcount(below=k) if c < k else Headcount(at_least=k) for c in counts]
        return PairedChange(
            shown=False, reason=str(withheld), stayed=coarse[0], joined=coarse[1], left=coarse[2]
        )
    before = stayers[MES].to_numpy()
    after = stayers[f"{MES}_new"].to_numpy()
    change, test = paired_test(before, after, options.confidence)
    return PairedChange(
        shown=True,
        stayed=Headcount(exact=counts[0]),
        joined=Headcount(exact=counts[1]),
        left=Headcount(exact=counts[2]),
        mes_change=change,
        test=test,
        note=None if test is not None else "no-spread",
    )
