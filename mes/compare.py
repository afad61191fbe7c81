"""Change between quarters: match the groups of two or more score reports and test what changed.

The comparison works on `ScoreReport`s only, i.e. on the n, mean and sd of every group a quarter
shows. A survey file is scored first and a saved result is read as it is, so the two give the
same comparison by construction, and old raw answers need not be kept.

- **Matching.** Groups are matched per dimension (departments with departments, teams within the
  matched department, ``--by`` values within the same column) by their names, compared after
  NFKC, case folding and collapsing spaces. Renames map names of the earlier quarter to the later.
- **Privacy.** Only a group shown in both quarters gets a change: a change against a group that a
  quarter hides would reveal that group. Every figure in the output is one a quarter's own report
  shows, so the remainder rule of `mes.privacy` still holds for the groups shown (a group left out
  here was shown, hence had at least k members, which only adds to a hidden remainder).
- **Test and label.** Welch's t-test on person MES from each quarter's summary statistics, the
  interval of the change, and Hedges' g. A change is *rising* or *falling* only when it is both
  significant at the confidence level and at least ``min_change`` points, else *stable*.
- **Paired view.** With person-level data of both quarters (survey files with real person ids):
  who stayed, joined and left each group, and the stayers' within-person change (paired t-test).
  It obeys the same suppression rules, applied to the stayers.

scipy is imported inside the functions that test: it costs most of a second to import.
"""

from __future__ import annotations

import itertools
import math
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from mes import __version__
from mes.defaults import DEFAULT_CONFIDENCE, DEFAULT_MIN_CHANGE
from mes.errors import InputError, Issue, error, warning
from mes.groups import by_value, escape_expr, partition
from mes.instrument import Instrument, normalize_text
from mes.privacy import Node, Suppression, decide_counts
from mes.records import ROW, data_column
from mes.results import (
    ChangeLabel,
    CompareSettings,
    DiffReport,
    DiffSettings,
    GroupChange,
    GroupResult,
    GroupStatus,
    Headcount,
    Interval,
    PairedChange,
    PairedInfo,
    PairedTest,
    QuarterInfo,
    RenameResult,
    ScoreReport,
    SideFigures,
    SideName,
    TraitChange,
    TraitName,
    TrendGroup,
    TrendPoint,
    TrendReport,
    WelchTest,
)
from mes.scoring import MES, score_persons, t_quantile
from mes.settings import Settings
from mes.validation import RESPONDENT, Responses, by_column, clean_name

ORGANISATION = "organisation"
_TREE = ("organisation", "department", "team")
# A variance this small means everyone in both quarters has the same score: nothing to test.
_NO_SPREAD = 1e-12
# Scores are means of whole answers; a change of exactly --min-change points may come out a
# hair below it in binary floating point and must still count.
_EPS = 1e-9
# Settings that change what a figure means: quarters scored with different values don't compare.
_FIGURE_SETTINGS = ("min_group_size", "energetic_at", "favourable_at", "unfavourable_at")

Key = tuple[str, ...]


@dataclass(frozen=True)
class Rename:
    """A team or department name of the earlier quarter and its name in the later one.

    ``old`` is matched as a department or team name; when that is ambiguous, ``Dept/Team``
    names one team (``new`` may then be ``Dept/Team`` too, to move it to another department).
    """

    old: str
    new: str


@dataclass(frozen=True)
class CompareOptions:
    confidence: float = DEFAULT_CONFIDENCE
    min_change: float = DEFAULT_MIN_CHANGE
    allow_instrument_change: bool = False
    renames: tuple[Rename, ...] = ()
    paired: bool = True


@dataclass(frozen=True)
class People:
    """Person-level data of one survey file, for the paired view.

    ``frame``: one row per scored person per group they count in, with columns ``respondent``,
    ``group`` (a group id as `mes.analysis` makes it) and ``mes``. ``unusable`` says why the
    respondent ids cannot be used to follow people, as (code, message), when they cannot.
    """

    frame: pl.DataFrame
    unusable: tuple[str, str] | None = None


@dataclass(frozen=True)
class Side:
    """One quarter: its score report, and its people when it was read from a survey file."""

    report: ScoreReport
    people: People | None = None


@dataclass(frozen=True)
class Summary:
    """What a test of a change needs of a group in one quarter."""

    n: int
    mean: float
    sd: float | None  # None for n = 1


# --- Person-level data ------------------------------------------------------------------------


def people(responses: Responses, instrument: Instrument, settings: Settings) -> People:
    """Each scored person's MES and the ids of the groups they count in, for the paired view."""
    persons = score_persons(responses.frame, instrument, settings).filter(pl.col(MES).is_not_null())
    frame = (
        persons.select(
            pl.col(RESPONDENT), pl.concat_list(_group_id_exprs(responses)).alias("group"), MES
        )
        .explode("group")
        .drop_nulls("group")
    )
    return People(frame, _unusable_ids(responses))


def _group_id_exprs(responses: Responses) -> list[pl.Expr]:
    """Per person, the id of each group they count in (null where they are in none), spelled
    exactly as `mes.groups.GroupKey.id` spells it."""
    dept, team = escape_expr(pl.col("department")), escape_expr(pl.col("team"))
    exprs = [pl.lit(ORGANISATION)]
    if responses.has_department:
        exprs.append(pl.concat_str([pl.lit("department/"), dept]))
    if responses.has_team:
        loose = pl.concat_str([pl.lit("team/"), team])  # a team in no department
        if responses.has_department:
            nested = pl.concat_str([pl.lit("team/"), dept, pl.lit("/"), team])
            exprs.append(pl.when(pl.col("department").is_null()).then(loose).otherwise(nested))
        else:
            exprs.append(loose)
    for name in responses.by:
        head = by_value(name, "").id.removesuffix("/")
        value = escape_expr(pl.col(by_column(name)))
        exprs.append(pl.concat_str([pl.lit(f"{head}/"), value]))
    return exprs


def _unusable_ids(responses: Responses) -> tuple[str, str] | None:
    source = responses.table.source
    if "id" not in responses.columns.dimensions:
        return ("no-ids", f"{source} has no respondent id column to follow people by")
    column = data_column(responses.columns.dimensions["id"])
    # All rows of the file, not only respondents: a Forms export with an empty row is still 1..N.
    ids = responses.table.frame.select(clean_name(pl.col(column))).to_series().drop_nulls()
    first_row = responses.table.frame[ROW].min()
    if looks_sequential(ids, first_row if isinstance(first_row, int) else 1):
        return (
            "sequence-ids",
            f"the ids in {source} are numbered 1, 2, 3, … (as Microsoft Forms numbers responses): "
            "they do not identify people, so nobody can be followed from one quarter to the next",
        )
    return None


def looks_sequential(ids: pl.Series, first_row: int = 1) -> bool:
    """Whether respondent ids are a response sequence number rather than person ids.

    True for whole numbers counting up from 1 (or from the first data row), allowing a few gaps:
    Forms keeps the numbers of deleted test responses, so 3..152 is still a sequence. Matching
    such numbers across quarters would pair strangers, so in doubt they are not used.
    """
    if ids.len() == 0:
        return False
    numbers = ids.cast(pl.Float64, strict=False)
    if numbers.null_count() or not (numbers == numbers.round(0)).all():
        return False
    whole = numbers.cast(pl.Int64)
    count = whole.n_unique()
    low, high = int(whole.min()), int(whole.max())  # type: ignore[arg-type]
    slack = max(2, count // 10)
    return (high - low + 1) - count <= slack and low <= max(1, first_row) + slack


# --- Tests and labels -------------------------------------------------------------------------


def welch_test(old: Summary, new: Summary, confidence: float) -> WelchTest | None:
    """Welch's t-test of ``new.mean - old.mean`` from summary statistics, with its interval.

    None when there is nothing to test: a quarter with one person, or no spread at all.
    """
    if old.sd is None or new.sd is None:
        return None
    var_old, var_new = old.sd**2 / old.n, new.sd**2 / new.n
    se2 = var_old + var_new
    if se2 <= _NO_SPREAD:
        return None
    from scipy import stats

    result = stats.ttest_ind_from_stats(
        new.mean, new.sd, new.n, old.mean, old.sd, old.n, equal_var=False
    )
    # Welch-Satterthwaite degrees of freedom: the same ones scipy uses for the p-value.
    df = se2**2 / (var_new**2 / (new.n - 1) + var_old**2 / (old.n - 1))
    half = t_quantile(confidence, df) * math.sqrt(se2)
    change = new.mean - old.mean
    return WelchTest(
        t=float(result.statistic),
        df=df,
        p=float(result.pvalue),
        ci=Interval(low=change - half, high=change + half),
        hedges_g=hedges_g(old, new),
    )


def hedges_g(old: Summary, new: Summary) -> float | None:
    """Cohen's d with the pooled sd, times the small-sample correction ``1 - 3/(4(n1+n2) - 9)``."""
    if old.sd is None or new.sd is None:
        return None
    dof = old.n + new.n - 2
    pooled = math.sqrt(((old.n - 1) * old.sd**2 + (new.n - 1) * new.sd**2) / dof)
    if pooled <= _NO_SPREAD:
        return None
    return (new.mean - old.mean) / pooled * (1.0 - 3.0 / (4.0 * (old.n + new.n) - 9.0))


def label_change(
    change: float, test: WelchTest | None, confidence: float, min_change: float
) -> tuple[ChangeLabel, str]:
    """The label of a change and why: rising/falling only if significant *and* large enough."""
    if test is None:
        return "stable", "no-test"
    if not test.p < 1.0 - confidence:
        return "stable", "not-significant"
    if abs(change) < min_change - _EPS:
        return "stable", "below-min-change"
    return ("rising" if change > 0 else "falling"), "significant-change"


# --- Matching ---------------------------------------------------------------------------------


def group_key(dimension: str, path: Sequence[str]) -> Key:
    """What two quarters' groups are matched on: the dimension and the normalised names."""
    kind = dimension if dimension in _TREE else "by:" + normalize_text(dimension)
    return (kind, *(normalize_text(p) for p in path))


@dataclass(frozen=True)
class _Pair:
    old: GroupResult | None
    new: GroupResult | None
    renamed_from: tuple[str, ...] | None = None  # the old names, when a rename matched


def _apply_renames(
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
                f"rename {rename.old!r} matches more than one group in {report.source.file} "
                f"({found}); name one team as 'Department/Team=Department/Team'",
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


def _breakdowns(reports: Sequence[ScoreReport], labels: list[str]) -> tuple[set[str], list[Issue]]:
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
                        f"the breakdown by {name!r} is in {label} only and is not compared; "
                        f"score every quarter with --by {name}",
                    )
                )
    return common, issues


def _kept(group: GroupResult, breakdowns: set[str]) -> bool:
    return group.dimension in _TREE or normalize_text(group.dimension) in breakdowns


def _index(
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
            f"{label} has groups whose names differ only in case, spacing or accents ("
            + ", ".join(repr("/".join(g.path)) for g in groups)
            + "): they are not matched to other quarters; spell them the same in the survey",
        )
        for groups in index.values()
        if len(groups) > 1
    ]
    return index, issues


def _match(
    old: ScoreReport,
    old_paths: dict[str, tuple[str, ...]],
    new: ScoreReport,
    breakdowns: set[str],
    labels: list[str],
) -> tuple[list[_Pair], list[Issue]]:
    """Pairs in the later quarter's order, then the groups only in the earlier one."""
    old_index, issues = _index(old, old_paths, breakdowns, labels[0])
    new_paths = {g.id: tuple(g.path) for g in new.groups}
    new_index, new_issues = _index(new, new_paths, breakdowns, labels[1])
    pairs: list[_Pair] = []
    matched: set[str] = set()
    for g in new.groups:
        if not _kept(g, breakdowns):
            continue
        key = group_key(g.dimension, g.path)
        olds = old_index.get(key, [])
        if len(olds) == 1 and len(new_index[key]) == 1:
            partner = olds[0]
            renamed = tuple(partner.path) if old_paths[partner.id] != tuple(partner.path) else None
            pairs.append(_Pair(partner, g, renamed))
            matched.add(partner.id)
        else:
            pairs.append(_Pair(None, g))
    pairs += [_Pair(g, None) for g in old.groups if _kept(g, breakdowns) and g.id not in matched]
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


def _check_settings(reports: Sequence[ScoreReport], labels: list[str]) -> None:
    first = reports[0].settings
    for label, report in zip(labels[1:], reports[1:], strict=True):
        for name in _FIGURE_SETTINGS:
            a, b = getattr(first, name), getattr(report.settings, name)
            if a != b:
                what = name.replace("_", " ")
                raise InputError(
                    error(
                        "settings-differ",
                        f"{labels[0]} was scored with {what} {a} and {label} with {b}; "
                        "score both with the same settings to compare them",
                    )
                )


@dataclass(frozen=True)
class _Instruments:
    changed: bool
    traits: list[str]  # traits compared between the last two quarters
    mes_comparable: bool
    issues: list[Issue]


def _instruments(reports: Sequence[ScoreReport], labels: list[str], allow: bool) -> _Instruments:
    """Refuse different instruments unless allowed; then compare only identical traits."""
    first = reports[0].instrument
    other = next(
        (i for i, r in enumerate(reports) if r.instrument.fingerprint != first.fingerprint), None
    )
    last = reports[-1].instrument
    if other is None:
        return _Instruments(False, [t.key for t in last.traits], True, [])
    differs = reports[other].instrument
    if not allow:
        raise InputError(
            error(
                "instrument-changed",
                f"{labels[0]} was scored with {first.name} v{first.version} ({first.fingerprint}) "
                f"and {labels[other]} with {differs.name} v{differs.version} "
                f"({differs.fingerprint}): scores of different questionnaires are not compared. "
                "Give --allow-instrument-change to compare only the traits whose items are "
                "identical",
            )
        )
    before = {t.key: t.fingerprint for t in reports[-2].instrument.traits}
    same = [t.key for t in last.traits if before.get(t.key) == t.fingerprint]
    comparable = len(same) == len(last.traits) == len(before)
    message = (
        "the instrument changed between quarters; compared are only the traits whose items and "
        f"scale are identical: {', '.join(same) or 'none'}"
    )
    if not comparable:
        message += "; MES and the share customer-energetic need every trait and are not compared"
    return _Instruments(True, same, comparable, [warning("instrument-changed", message)])


def quarter_labels(reports: Sequence[ScoreReport]) -> list[str]:
    """Short names for the quarters: file names without folder and extension, made unique."""
    names = [re.split(r"[\\/]", r.source.file)[-1] for r in reports]
    stems = [n.rsplit(".", 1)[0] if "." in n.strip(".") else n for n in names]
    for candidate in (stems, names):
        if len(set(candidate)) == len(candidate):
            return candidate
    return [f"#{i}" for i in range(1, len(reports) + 1)]


def _quarter(report: ScoreReport, label: str) -> QuarterInfo:
    ins = report.instrument
    return QuarterInfo(
        label=label,
        file=report.source.file,
        sheet=report.source.sheet,
        respondents=report.source.respondents,
        scored=report.source.scored,
        instrument=f"{ins.name} v{ins.version}",
        instrument_fingerprint=ins.fingerprint,
    )


def _rename_results(
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
                    f"rename {rename.old!r}={rename.new!r} matches no department or team in "
                    f"{' or '.join(labels)}; check the spelling",
                )
            )
    return results, issues


# --- One group across two quarters ------------------------------------------------------------


def _figures(group: GroupResult) -> SideFigures:
    if group.n is None or group.mes is None or group.energetic_share is None:
        raise ValueError(f"bug: shown group {group.id} has no figures")
    return SideFigures(n=group.n, mes=group.mes, sd=group.sd, energetic_share=group.energetic_share)


def _group_change(pair: _Pair, ins: _Instruments, options: CompareOptions) -> GroupChange:
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
        if shown.suppressed:
            return GroupChange(**base, status=_side_status(only), suppressed_in=[only])
        return GroupChange(**base, status=_side_status(only), **{only: _figures(shown)})
    sides: list[tuple[SideName, GroupResult]] = [("old", pair.old), ("new", pair.new)]
    hidden = [side for side, g in sides if g.suppressed]
    if hidden:
        # No figures of either quarter, not even n: the diff is read as a change, and a figure
        # beside a hidden one invites working that one out (e.g. from a parent's change).
        return GroupChange(**base, status="suppressed", suppressed_in=hidden)
    old, new = _figures(pair.old), _figures(pair.new)
    traits = _trait_changes(pair.old, pair.new, ins.traits)
    if not ins.mes_comparable:
        return GroupChange(
            **base, status="compared", old=old, new=new, traits=traits, reason="instrument-changed"
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


# --- Paired view ------------------------------------------------------------------------------


def _paired_availability(old: Side, new: Side, options: CompareOptions) -> PairedInfo:
    if not options.paired:
        return PairedInfo(available=False, reason="not-requested", message="switched off")
    if old.people is None or new.people is None:
        return PairedInfo(
            available=False,
            reason="saved-result",
            message="needs the survey files of both quarters: a saved result has no person ids",
        )
    for p in (old.people, new.people):
        if p.unusable is not None:
            return PairedInfo(available=False, reason=p.unusable[0], message=p.unusable[1])
    return PairedInfo(available=True)


def _turnover(old: People, new: People, old_id: str, new_id: str) -> tuple[pl.DataFrame, int, int]:
    """The stayers' (old, new) MES, and the group's scored members in each quarter."""
    before = old.frame.filter(pl.col("group") == old_id).select(RESPONDENT, MES)
    after = new.frame.filter(pl.col("group") == new_id).select(RESPONDENT, MES)
    stayers = before.join(after, on=RESPONDENT, how="inner", suffix="_new")
    return stayers, before.height, after.height


def _paired_view(
    old: Side, new: Side, changes: list[GroupChange], k: int, options: CompareOptions
) -> tuple[PairedInfo, list[GroupChange]]:
    """Add who stayed, joined and left, and the stayers' change, where privacy allows."""
    info = _paired_availability(old, new, options)
    if not info.available or old.people is None or new.people is None:
        return info, changes
    turnover = {}
    for c in changes:
        if c.status == "compared" and c.old_id and c.new_id and c.old and c.new:
            found = _turnover(old.people, new.people, c.old_id, c.new_id)
            # People and report come from the same responses; counts that differ mean the group
            # ids above no longer follow `mes.analysis`: a bug, never to be shown as figures.
            if (found[1], found[2]) != (c.old.n, c.new.n):
                raise ValueError(f"bug: person-level members of {c.id} do not match its n")
            turnover[c.id] = found
    org = turnover.get(ORGANISATION)
    if org is None or org[0].height == 0:
        return PairedInfo(
            available=False,
            reason="no-overlap",
            message="no respondent id occurs in both quarters",
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


def paired_test(
    before: object, after: object, confidence: float
) -> tuple[float, PairedTest | None]:
    """Mean within-person change and the paired t-test (scipy's ttest_rel) with its interval."""
    import numpy as np
    from scipy import stats

    old = np.asarray(before, dtype=float)
    new = np.asarray(after, dtype=float)
    d = new - old
    mean = float(d.mean())
    if len(d) < 2 or float(d.max() - d.min()) <= _EPS:
        return mean, None  # everyone changed by the same amount: no spread to test against
    with warnings.catch_warnings():
        # scipy warns, rather than fails, when nearly equal differences make t unreliable.
        warnings.simplefilter("error", RuntimeWarning)
        try:
            result = stats.ttest_rel(new, old)
        except RuntimeWarning:
            return mean, None
    df = len(d) - 1
    half = t_quantile(confidence, df) * float(d.std(ddof=1)) / math.sqrt(len(d))
    return mean, PairedTest(
        t=float(result.statistic),
        df=df,
        p=float(result.pvalue),
        ci=Interval(low=mean - half, high=mean + half),
    )


# --- diff and trend ---------------------------------------------------------------------------


def diff(old: Side, new: Side, options: CompareOptions | None = None) -> DiffReport:
    """Compare two quarters: every group matched, and the change of those shown in both.

    Raises `InputError` for quarters scored with different settings, different instruments
    (unless ``allow_instrument_change``) and a rename that matches more than one group.
    """
    options = options or CompareOptions()
    reports = [old.report, new.report]
    labels = quarter_labels(reports)
    _check_settings(reports, labels)
    ins = _instruments(reports, labels, options.allow_instrument_change)
    paths, hits = _apply_renames(old.report, options.renames)
    renames, issues = _rename_results(options.renames, [hits], labels[:1])
    breakdowns, by_issues = _breakdowns(reports, labels)
    pairs, match_issues = _match(old.report, paths, new.report, breakdowns, labels)
    issues += _missing_targets(options.renames, hits, pairs, labels[1])
    changes = [_group_change(p, ins, options) for p in pairs]
    k = new.report.settings.min_group_size
    paired, changes = _paired_view(old, new, changes, k, options)
    return DiffReport(
        mes_version=__version__,
        old=_quarter(old.report, labels[0]),
        new=_quarter(new.report, labels[1]),
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
        issues=ins.issues + issues + by_issues + match_issues + _turnover_warnings(changes, k),
    )


def _turnover_warnings(changes: Sequence[GroupChange], k: int) -> list[Issue]:
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
    names = ", ".join(("organisation" if not c.path else "/".join(c.path)) for c in moved[:10])
    more = f" and {len(moved) - 10} more" if len(moved) > 10 else ""
    return [
        warning(
            "small-turnover",
            f"{len(moved)} group(s) changed size by fewer than {k} respondents ({names}{more}): "
            "their change mixes new answers with who came and went, and set beside the "
            "earlier quarter's figures it says something about those few people; share such "
            "changes with care",
        )
    ]


def _trait_names(report: ScoreReport, keys: list[str]) -> list[TraitName]:
    traits = {t.key: t for t in report.instrument.traits}
    return [TraitName(key=k, name=traits[k].name, name_nl=traits[k].name_nl) for k in keys]


def _missing_targets(
    renames: Sequence[Rename], hits: list[list[str]], pairs: list[_Pair], label: str
) -> list[Issue]:
    """A rename that matched a group, whose new name is not in the later quarter."""
    unmatched = {p.old.id for p in pairs if p.new is None and p.old is not None}
    return [
        warning(
            "rename-target-missing",
            f"rename {rename.old!r}={rename.new!r}: {label} has no group named {rename.new!r}, "
            f"so {rename.old!r} is listed as gone",
        )
        for rename, ids in zip(renames, hits, strict=True)
        if ids and ids[0] in unmatched
    ]


def trend(reports: Sequence[ScoreReport], options: CompareOptions | None = None) -> TrendReport:
    """MES per group per quarter (in the order given), and the label of the last change."""
    options = options or CompareOptions()
    if len(reports) < 2:
        raise ValueError("a trend needs at least two quarters")
    labels = quarter_labels(reports)
    _check_settings(reports, labels)
    ins = _instruments(reports, labels, options.allow_instrument_change)
    # Renames map earlier names to later ones: every quarter but the last may carry old names.
    renamed = [_apply_renames(r, options.renames) for r in reports[:-1]]
    last_paths = {g.id: tuple(g.path) for g in reports[-1].groups}
    all_paths = [paths for paths, _ in renamed] + [last_paths]
    renames, issues = _rename_results(options.renames, [h for _, h in renamed], labels[:-1])
    breakdowns, by_issues = _breakdowns(reports, labels)
    indexes = []
    for report, paths, label in zip(reports, all_paths, labels, strict=True):
        index, found = _index(report, paths, breakdowns, label)
        indexes.append({key: groups[0] for key, groups in index.items() if len(groups) == 1})
        issues += found
    groups = [_trend_group(key, indexes, ins, options) for key in _trend_keys(indexes)]
    return TrendReport(
        mes_version=__version__,
        quarters=[_quarter(r, label) for r, label in zip(reports, labels, strict=True)],
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
    """`_turnover_warnings` for every pair of consecutive quarters of a trend."""
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
    return _turnover_warnings(moved, k)


def _trend_keys(indexes: list[dict[Key, GroupResult]]) -> list[Key]:
    """The latest quarter's groups in its order, then those of earlier quarters, latest first."""
    keys: dict[Key, None] = {}
    for index in reversed(indexes):
        keys.update(dict.fromkeys(index))
    return list(keys)


def _trend_group(
    key: Key, indexes: list[dict[Key, GroupResult]], ins: _Instruments, options: CompareOptions
) -> TrendGroup:
    present = [index.get(key) for index in indexes]
    latest = next(g for g in reversed(present) if g is not None)
    points = [
        TrendPoint(present=False)
        if g is None
        else TrendPoint(present=True, suppressed=True)
        if g.suppressed
        else TrendPoint(present=True, n=g.n, mes=g.mes)
        for g in present
    ]
    group = TrendGroup(
        id=latest.id, dimension=latest.dimension, name=latest.name, path=list(latest.path),
        points=points,
    )  # fmt: skip
    before, after = present[-2], present[-1]
    if before is None or after is None:
        return group.model_copy(update={"last_reason": "not-in-both"})
    last = _group_change(_Pair(before, after), ins, options)
    if last.status == "suppressed":
        return group.model_copy(update={"last_reason": "suppressed"})
    return group.model_copy(
        update={
            "last_change": last.mes_change,
            "last_test": last.test,
            "last_label": last.label,
            "last_reason": last.reason,
        }
    )
