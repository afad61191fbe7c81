"""Which groups of two or more quarters are the same group, and whether the quarters compare.

Groups are matched per dimension (departments with departments, teams within the matched
department, ``--by`` values within the same column) by their names, compared after NFKC, case
folding and collapsing spaces. Renames map names of the earlier quarter to the later. Quarters
compare only when scored with the same figure settings and, unless allowed, the same instrument.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from mes.change.options import Rename
from mes.errors import InputError, Issue, error, warning
from mes.instrument import normalize_text
from mes.messages import N_, message
from mes.results import (
    GroupResult,
    QuarterInfo,
    RenameResult,
    ScoreReport,
)
from mes.settings import Settings

Key = tuple[str, ...]

# Settings that change what a figure means: quarters scored with different values don't compare.
#: The settings that change figures, in the words of a message.
_FIGURE_SETTINGS = {
    "min_group_size": N_("min group size"),
    "energetic_at": N_("energetic at"),
    "favourable_at": N_("favourable at"),
    "unfavourable_at": N_("unfavourable at"),
}

_TREE = ("organisation", "department", "team")


# --- Matching ---------------------------------------------------------------------------------


def group_key(dimension: str, path: Sequence[str]) -> Key:
    """What two quarters' groups are matched on: the dimension and the normalised names."""
    kind = dimension if dimension in _TREE else "by:" + normalize_text(dimension)
    return (kind, *(normalize_text(p) for p in path))


@dataclass(frozen=True)
class GroupPair:
    old: GroupResult | None
    new: GroupResult | None
    renamed_from: tuple[str, ...] | None = None  # the old names, when a rename matched


def apply_renames(
    report: ScoreReport, renames: Sequence[Rename]
) -> tuple[dict[str, tuple[str, ...]], list[list[str]]]:
    """The path of every group after renaming, and per rename the ids of the groups it hit."""
    paths = {g.id: tuple(g.path) for g in report.groups}
    hits: list[list[str]] = []
    for rename in renames:
        target = _rename_target(report, rename)
        changed: list[str] = []
        if target is not None and target.dimension == "department":
            old_name = target.path[0]
            for g in report.groups:
                nested = g.dimension == "team" and len(g.path) == 2
                if (g.id == target.id or nested) and g.path[0] == old_name:
                    paths[g.id] = (rename.new.strip(), *paths[g.id][1:])
                    changed.append(g.id)
        elif target is not None:
            paths[target.id] = _renamed_team(paths[target.id], rename)
            changed.append(target.id)
        hits.append(changed)
    return paths, hits


def _rename_target(report: ScoreReport, rename: Rename) -> GroupResult | None:
    wanted = normalize_text(rename.old)
    tree = [g for g in report.groups if g.dimension in ("department", "team")]
    hits = [g for g in tree if normalize_text(g.name) == wanted]
    if not hits and "/" in rename.old:
        dept, team = (normalize_text(part) for part in rename.old.split("/", 1))
        hits = [g for g in tree if group_key(g.dimension, g.path) == ("team", dept, team)]
    if len(hits) > 1:
        found = "; ".join(f"{g.dimension} {'/'.join(g.path)}" for g in hits)
        raise InputError(
            error(
                "rename-ambiguous",
                message(
                    "rename {old!r} matches more than one group in {file} ({found}); name "
                    "one team as 'Department/Team=Department/Team'",
                    old=rename.old,
                    file=report.source.file,
                    found=found,
                ),
            )
        )
    return hits[0] if hits else None


def _renamed_team(path: tuple[str, ...], rename: Rename) -> tuple[str, ...]:
    new = rename.new.strip()
    qualified = "/" in rename.old and "/" in new and len(path) == 2
    if qualified:  # Dept/Team=Dept/Team: the team may move to another department
        dept, team = new.split("/", 1)
        return (dept.strip(), team.strip())
    return (*path[:-1], new)


def common_breakdowns(
    reports: Sequence[ScoreReport], labels: list[str]
) -> tuple[set[str], list[Issue]]:
    """The ``--by`` columns every quarter has; the others cannot be compared."""
    per_report = [{normalize_text(b): b for b in r.by} for r in reports]
    common = set.intersection(*(set(p) for p in per_report))
    issues = []
    for label, found in zip(labels, per_report, strict=True):
        for norm, name in found.items():
            if norm not in common:
                issues.append(
                    warning(
                        "breakdown-not-in-every-quarter",
                        message(
                            "the breakdown by {name!r} is in {label} only and is not compared; "
                            "score every quarter with --by {name}",
                            name=name,
                            label=label,
                        ),
                    )
                )
    return common, issues


def _kept(group: GroupResult, breakdowns: set[str]) -> bool:
    return group.dimension in _TREE or normalize_text(group.dimension) in breakdowns


def index_groups(
    report: ScoreReport, paths: dict[str, tuple[str, ...]], breakdowns: set[str], label: str
) -> tuple[dict[Key, list[GroupResult]], list[Issue]]:
    """Groups by key; keys held by two groups (names differing in case or spacing) are named."""
    index: dict[Key, list[GroupResult]] = {}
    for g in report.groups:
        if _kept(g, breakdowns):
            index.setdefault(group_key(g.dimension, paths[g.id]), []).append(g)
    issues = [
        warning(
            "ambiguous-group-name",
            message(
                "{label} has groups whose names differ only in case, spacing or accents "
                "({groups}): they are not matched to other quarters; spell them the same in the "
                "survey",
                label=label,
                groups=", ".join(repr("/".join(g.path)) for g in groups),
            ),
        )
        for groups in index.values()
        if len(groups) > 1
    ]
    return index, issues


def match_groups(
    old: ScoreReport,
    old_paths: dict[str, tuple[str, ...]],
    new: ScoreReport,
    breakdowns: set[str],
    labels: list[str],
) -> tuple[list[GroupPair], list[Issue]]:
    """Pairs in the later quarter's order, then the groups only in the earlier one."""
    old_index, issues = index_groups(old, old_paths, breakdowns, labels[0])
    new_paths = {g.id: tuple(g.path) for g in new.groups}
    new_index, new_issues = index_groups(new, new_paths, breakdowns, labels[1])
    pairs: list[GroupPair] = []
    matched: set[str] = set()
    for g in new.groups:
        if not _kept(g, breakdowns):
            continue
        key = group_key(g.dimension, g.path)
        olds = old_index.get(key, [])
        if len(olds) == 1 and len(new_index[key]) == 1:
            partner = olds[0]
            renamed = tuple(partner.path) if old_paths[partner.id] != tuple(partner.path) else None
            pairs.append(GroupPair(partner, g, renamed))
            matched.add(partner.id)
        else:
            pairs.append(GroupPair(None, g))
    pairs += [
        GroupPair(g, None) for g in old.groups if _kept(g, breakdowns) and g.id not in matched
    ]
    return pairs, issues + new_issues


# --- Checks on the quarters -------------------------------------------------------------------


def unproducible(report: ScoreReport) -> str | None:
    """Why a saved result cannot have come from ``mes score`` as it is, or None.

    A comparison trusts a saved result's suppression decisions; a result with a threshold no
    option sets, or a shown group below its own minimum size, was edited by hand and is not
    compared (it could show what mes would hide).
    """
    fixed = Settings(
        min_group_size=report.settings.min_group_size, confidence=report.settings.confidence
    )
    if report.settings != fixed:
        changed = [
            name
            for name in type(fixed).model_fields
            if getattr(report.settings, name) != getattr(fixed, name)
        ]
        return f"settings no option of mes score sets ({', '.join(changed)})"
    k = report.settings.min_group_size
    small = [g.id for g in report.groups if not g.suppressed and (g.n is None or g.n < k)]
    if small:
        return f"group {small[0]!r} is shown with fewer than {k} respondents"
    return None


def check_settings(reports: Sequence[ScoreReport], labels: list[str]) -> None:
    first = reports[0].settings
    for label, report in zip(labels[1:], reports[1:], strict=True):
        for name, words in _FIGURE_SETTINGS.items():
            a, b = getattr(first, name), getattr(report.settings, name)
            if a != b:
                what = message(words)
                raise InputError(
                    error(
                        "settings-differ",
                        message(
                            "{labels} was scored with {what} {a} and {label} with {b}; score both "
                            "with the same settings to compare them",
                            labels=labels[0],
                            what=what,
                            a=a,
                            label=label,
                            b=b,
                        ),
                    )
                )


@dataclass(frozen=True)
class SharedInstruments:
    changed: bool
    traits: list[str]  # traits compared between the last two quarters
    mes_comparable: bool
    issues: list[Issue]


def shared_instruments(
    reports: Sequence[ScoreReport], labels: list[str], allow: bool
) -> SharedInstruments:
    """Refuse different instruments unless allowed; then compare only identical traits."""
    first = reports[0].instrument
    other = next(
        (i for i, r in enumerate(reports) if r.instrument.fingerprint != first.fingerprint), None
    )
    last = reports[-1].instrument
    if other is None:
        return SharedInstruments(False, [t.key for t in last.traits], True, [])
    differs = reports[other].instrument
    if not allow:
        raise InputError(
            error(
                "instrument-changed",
                message(
                    "{labels} was scored with {name} v{version} ({fingerprint}) and "
                    "{labels2} with {name2} v{version2} ({fingerprint2}): scores of "
                    "different questionnaires are not compared. Give "
                    "--allow-instrument-change to compare only the traits whose items are "
                    "identical",
                    labels=labels[0],
                    name=first.name,
                    version=first.version,
                    fingerprint=first.fingerprint,
                    labels2=labels[other],
                    name2=differs.name,
                    version2=differs.version,
                    fingerprint2=differs.fingerprint,
                ),
            )
        )
    before = {t.key: t.fingerprint for t in reports[-2].instrument.traits}
    same = [t.key for t in last.traits if before.get(t.key) == t.fingerprint]
    comparable = len(same) == len(last.traits) == len(before)
    traits = ", ".join(same)
    text = (
        message(
            "the instrument changed between quarters; compared are only the traits whose items "
            "and scale are identical: {traits}",
            traits=traits,
        )
        if comparable
        else message(
            "the instrument changed between quarters; compared are only the traits whose items "
            "and scale are identical: {traits}; MES and the share customer-energetic need every "
            "trait and are not compared",
            traits=traits or message("none"),
        )
    )
    return SharedInstruments(True, same, comparable, [warning("instrument-changed", text)])


def quarter_labels(reports: Sequence[ScoreReport], given: Sequence[str] = ()) -> list[str]:
    """Short names for the quarters: those ``given`` (``--label``, checked by the pipeline), else
    the file names without folder and extension, made unique."""
    if given:
        return list(given)
    names = [re.split(r"[\\/]", r.source.file)[-1] for r in reports]
    stems = [n.rsplit(".", 1)[0] if "." in n.strip(".") else n for n in names]
    for candidate in (stems, names):
        if len(set(candidate)) == len(candidate):
            return candidate
    return [f"#{i}" for i in range(1, len(reports) + 1)]


def quarter_info(report: ScoreReport, label: str) -> QuarterInfo:
    ins = report.instrument
    return QuarterInfo(
        label=label,
        file=report.source.file,
        sheet=report.source.sheet,
        respondents=report.source.respondents,
        scored=report.source.scored,
        instrument=f"{ins.name} v{ins.version}",
        instrument_fingerprint=ins.fingerprint,
        response=report.response,
    )


def rename_results(
    renames: Sequence[Rename], hits: list[list[list[str]]], labels: list[str]
) -> tuple[list[RenameResult], list[Issue]]:
    """Per rename the groups it renamed in any quarter; a rename that matched nothing warns."""
    results, issues = [], []
    for i, rename in enumerate(renames):
        groups = list(dict.fromkeys(gid for quarter in hits for gid in quarter[i]))
        results.append(RenameResult(old=rename.old, new=rename.new, groups=groups))
        if not groups:
            issues.append(
                warning(
                    "rename-unmatched",
                    message(
                        "rename {old!r}={new!r} matches no department or team in {items}; "
                        "check the spelling",
                        old=rename.old,
                        new=rename.new,
                        items=" or ".join(labels),
                    ),
                )
            )
    return results, issues
