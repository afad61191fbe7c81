"""Build one report: validated responses in, one privacy-checked `ScoreReport` out.

The statistics themselves are `mes.scoring` (pure per-person and per-group functions); this
module decides which groups there are and what may be shown of them.

Builds the group tree (organisation, departments, teams within departments, and one flat
breakdown of the organisation per ``--by`` column), computes every group's statistics in one
polars aggregation per level, asks `mes.privacy` what may be shown, and fills the output models
with the figures of the shown groups only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from mes import __version__
from mes.errors import Issue, warning
from mes.groups import ORG, GroupKey, by_value, department, memberships, team
from mes.individuals import individuals_of
from mes.instrument import Instrument
from mes.privacy import Atom, Cells, Suppression, decide
from mes.results import (
    GroupResult,
    InstrumentInfo,
    Interval,
    ItemInfo,
    ReliabilityResult,
    ScoreReport,
    ShownGroup,
    SourceInfo,
    SuppressedGroup,
    TraitInfo,
    TraitResult,
)
from mes.scoring import (
    MES,
    GroupStats,
    cronbach_alpha,
    group_aggregations,
    score_persons,
    stats_from_row,
)
from mes.settings import Settings
from mes.validation import RESPONDENT, Responses, by_column, tree_issues


@dataclass(frozen=True)
class _Group:
    key: GroupKey
    stats: GroupStats


def score(
    responses: Responses,
    instrument: Instrument,
    settings: Settings,
    *,
    individuals: bool = False,
    keep_ids: bool = False,
) -> ScoreReport:
    """Score validated responses into a complete, privacy-checked `ScoreReport`."""
    persons = score_persons(responses.frame, instrument, settings)
    scored = persons.filter(pl.col(MES).is_not_null())
    issues = list(responses.issues)
    not_scored = persons.height - scored.height
    org_hidden = scored.height < settings.min_group_size
    if not_scored and not org_hidden:
        issues.append(_incomplete(not_scored, responses))
    groups = _groups(scored, responses, instrument, settings)
    decision = decide(atoms(scored, responses), settings.min_group_size, GROUP_CELLS)
    _check_counts(groups, decision)
    # Rows of a team without a department (or in a second department) are listed only where
    # the team is shown: a list of rows is a count.
    issues += tree_issues(responses, lambda key: decision.get(key, Suppression.TOO_FEW) is not None)
    # When the organisation is suppressed its size is secret too, and so is every count of the
    # file that would give it away.
    counts: dict[str, int | None] = {
        "rows_read": responses.rows_read,
        "respondents": persons.height,
        "scored": scored.height,
        "not_scored": not_scored,
        "skipped": responses.skipped_rows,
    }
    if org_hidden:
        counts = dict.fromkeys(counts)
    reliability = [] if org_hidden else _reliability(persons, instrument, settings)
    issues += _reliability_issues(reliability, settings)
    report = ScoreReport(
        mes_version=__version__,
        source=SourceInfo(
            file=responses.table.source,
            format=responses.table.kind.value,
            sheet=responses.table.sheet,
            header_row=responses.table.header_row,
            **counts,
        ),
        instrument=instrument_info(instrument),
        settings=settings,
        by=responses.by,
        groups=[_result(g, decision[g.key]) for g in groups] or [_empty_organisation()],
        reliability=reliability,
        issues=issues,
    )
    people = (
        individuals_of(
            persons,
            _label_columns(responses),
            {name: by_column(name) for name in responses.by},
            decision,
            settings.min_group_size,
            respondent=RESPONDENT,
            keep_ids=keep_ids,
        )
        if individuals
        else None
    )
    return report.with_people(people) if people is not None else report


def completeness_issues(
    responses: Responses, instrument: Instrument, settings: Settings
) -> list[Issue]:
    """The warning `score` gives about respondents without a MES, for ``mes validate``.

    (`score` leaves it out when the organisation is suppressed; validate shows the file's
    counts to its owner anyway.)
    """
    persons = score_persons(responses.frame, instrument, settings)
    not_scored = persons.get_column(MES).null_count()
    return [_incomplete(not_scored, responses)] if not_scored else []


def _incomplete(not_scored: int, responses: Responses) -> Issue:
    return warning(
        "incomplete-respondents",
        f"{not_scored} respondent(s) answered too few items of at least one trait to get "
        "a MES; they are left out of every group",
        file=responses.table.source,
    )


def instrument_info(instrument: Instrument) -> InstrumentInfo:
    """The instrument as results describe it, with its fingerprints."""
    return InstrumentInfo(
        id=instrument.id,
        name=instrument.name,
        version=instrument.version,
        fingerprint=instrument.fingerprint,
        scale_min=instrument.scale.min,
        scale_max=instrument.scale.max,
        traits=[
            TraitInfo(
                key=t.key,
                name=t.name,
                name_nl=t.name_nl,
                required_items=t.required_items,
                fingerprint=instrument.trait_fingerprint(t),
                items=[
                    ItemInfo(key=i.key, text_nl=i.text_nl, text_en=i.text_en, reverse=i.reverse)
                    for i in t.items
                ],
            )
            for t in instrument.traits
        ],
    )


def _sort_key(name: str) -> tuple[str, str]:
    return (name.casefold(), name)


def _aggregate(
    scored: pl.DataFrame, keys: list[str], instrument: Instrument, settings: Settings
) -> list[tuple[tuple[str | None, ...], GroupStats]]:
    if scored.height == 0:
        return []
    aggs = group_aggregations(instrument, settings)
    if not keys:
        row = scored.select(aggs).row(0, named=True)
        return [((), stats_from_row(row, instrument, settings))]
    table = scored.group_by(keys).agg(aggs)
    out = []
    for row in table.iter_rows(named=True):
        out.append((tuple(row[k] for k in keys), stats_from_row(row, instrument, settings)))
    return out


def _label_columns(responses: Responses) -> list[str]:
    """The person-frame columns that decide group membership."""
    dims = [d for d in ("department", "team") if d in responses.frame.columns]
    return dims + [by_column(name) for name in responses.by]


def _keys_of(row: dict[str, str | None], responses: Responses) -> list[GroupKey]:
    return memberships(
        row.get("department"),
        row.get("team"),
        {name: row.get(by_column(name)) for name in responses.by},
    )


def atoms(scored: pl.DataFrame, responses: Responses) -> list[Atom[GroupKey]]:
    """People with the same memberships, counted: what the disclosure check works on."""
    columns = _label_columns(responses)
    if scored.height == 0:
        return []
    if not columns:
        return [Atom(frozenset([ORG]), scored.height)]
    counted = scored.group_by(columns).agg(pl.len().alias("size"))
    return [
        Atom(frozenset(_keys_of(row, responses)), int(row["size"]))
        for row in counted.iter_rows(named=True)
    ]


def _priority(key: GroupKey, n: int) -> tuple[object, ...]:
    # A --by group gives way before a department or team: the tree is the report people read.
    return (key.in_tree, n, key.name.casefold(), key.id)


def _view(key: GroupKey) -> str:
    return "tree" if key.in_tree else key.dimension


GROUP_CELLS: Cells[GroupKey] = Cells(parent=lambda key: key.parent, view=_view, priority=_priority)


def _groups(
    scored: pl.DataFrame, responses: Responses, instrument: Instrument, settings: Settings
) -> list[_Group]:
    """Every group with its statistics, in display order (the organisation first)."""
    org = _aggregate(scored, [], instrument, settings)
    if not org:
        return []
    groups = [_Group(ORG, org[0][1])]
    teams: list[tuple[tuple[str | None, ...], GroupStats]] = []
    if responses.has_team:
        keys = ["department", "team"] if responses.has_department else ["team"]
        teams = [(k, s) for k, s in _aggregate(scored, keys, instrument, settings) if k[-1]]
    if responses.has_department:
        departments = [
            (k[0], s) for k, s in _aggregate(scored, ["department"], instrument, settings) if k[0]
        ]
        for name, stats in sorted(departments, key=lambda d: _sort_key(d[0])):
            groups.append(_Group(department(name), stats))
            for key, team_stats in sorted(teams, key=lambda t: _sort_key(str(t[0][1]))):
                if key[0] == name:
                    groups.append(_Group(team(str(key[1]), name), team_stats))
    # Teams with no department (or a file without a department column) hang under the organisation.
    for key, team_stats in sorted(teams, key=lambda t: _sort_key(str(t[0][-1]))):
        if len(key) == 1 or key[0] is None:
            groups.append(_Group(team(str(key[-1])), team_stats))
    for name in responses.by:
        column = by_column(name)
        values = [(k[0], s) for k, s in _aggregate(scored, [column], instrument, settings) if k[0]]
        for value, stats in sorted(values, key=lambda v: _sort_key(str(v[0]))):
            groups.append(_Group(by_value(name, str(value)), stats))
    return groups


def _check_counts(groups: list[_Group], decision: Mapping[GroupKey, Suppression | None]) -> None:
    """Every group has a decision: the statistics and the memberships come from one frame."""
    missing = [g.key.id for g in groups if g.key not in decision]
    if missing:
        raise RuntimeError(f"no privacy decision for {len(missing)} group(s)")


def _result(group: _Group, suppression: Suppression | None) -> GroupResult:
    key = group.key
    parent = key.parent
    base = {
        "id": key.id,
        "dimension": key.dimension,
        "name": key.name,
        "path": list(key.path),
        "parent": parent.id if parent is not None else None,
    }
    if suppression is not None:
        return SuppressedGroup(**base, suppressed=True, suppression=suppression)
    s = group.stats
    return ShownGroup(
        **base,
        suppressed=False,
        n=s.n,
        mes=s.mean,
        sd=s.sd,
        ci=Interval(low=s.ci_low, high=s.ci_high) if s.ci_low is not None else None,
        energetic_share=s.energetic_share,
        traits=[
            TraitResult(
                key=t.key,
                mean=t.mean,
                favourable=t.favourable,
                neutral=t.neutral,
                unfavourable=t.unfavourable,
            )
            for t in s.traits
        ],
        focus_trait=s.focus_trait,
    )


def _empty_organisation() -> GroupResult:
    """The organisation when nobody could be scored: shown as suppressed, with no figures."""
    return SuppressedGroup(
        id=ORG.id,
        dimension=ORG.dimension,
        name=ORG.name,
        path=[],
        parent=None,
        suppressed=True,
        suppression=Suppression.TOO_FEW,
    )


def _reliability(
    persons: pl.DataFrame, instrument: Instrument, settings: Settings
) -> list[ReliabilityResult]:
    out = []
    for trait in instrument.traits:
        if len(trait.items) < 2:
            continue
        rel = cronbach_alpha(persons, trait, instrument)
        out.append(
            ReliabilityResult(
                trait=rel.trait,
                items=rel.items,
                n=rel.n,
                alpha=rel.alpha,
                below_threshold=rel.alpha is not None
                and rel.alpha < settings.reliability_warning_below,
                note=rel.note,
            )
        )
    return out


def _reliability_issues(reliability: list[ReliabilityResult], settings: Settings) -> list[Issue]:
    """Warnings for traits whose alpha is below the threshold."""
    return [
        warning(
            "low-reliability",
            f"Cronbach's alpha of trait {r.trait!r} is {r.alpha:.2f}, below "
            f"{settings.reliability_warning_below:.2f}: its items may not measure one thing",
        )
        for r in reliability
        if r.below_threshold and r.alpha is not None
    ]
