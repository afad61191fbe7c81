"""Put a scoring run together: validated responses in, one `ScoreReport` out.

Builds the group tree (organisation, departments, teams within departments, and one flat
breakdown of the organisation per ``--by`` column), computes every group's statistics in one
polars aggregation per level, asks `mes.privacy` what may be shown, and fills the output models
with the figures of the shown groups only.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from mes import __version__
from mes.errors import Issue, warning
from mes.instrument import Instrument
from mes.privacy import Node, Suppression, decide
from mes.results import (
    GroupResult,
    Individual,
    InstrumentInfo,
    Interval,
    ItemInfo,
    ReliabilityResult,
    ScoreReport,
    SourceInfo,
    TraitInfo,
    TraitResult,
)
from mes.scoring import (
    ENERGETIC,
    MES,
    GroupStats,
    cronbach_alpha,
    group_aggregations,
    score_persons,
    stats_from_row,
    trait_column,
)
from mes.settings import Settings
from mes.validation import RESPONDENT, Responses, by_column

ORGANISATION = "organisation"
HIDDEN_LABEL = "(suppressed)"


@dataclass(frozen=True)
class _Group:
    id: str
    dimension: str
    name: str
    path: tuple[str, ...]
    parent: str | None
    breakdown: str
    stats: GroupStats


def score(
    responses: Responses,
    instrument: Instrument,
    settings: Settings,
    *,
    individuals: bool = False,
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
    decision = decide(
        [Node(g.id, g.parent, g.breakdown, g.stats.n, g.name) for g in groups],
        settings.min_group_size,
    )
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
    return ScoreReport(
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
        groups=[_result(g, decision[g.id]) for g in groups] or [_empty_organisation()],
        reliability=reliability,
        individuals=_individuals(persons, responses, groups, decision) if individuals else None,
        issues=issues,
    )


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


def _groups(
    scored: pl.DataFrame, responses: Responses, instrument: Instrument, settings: Settings
) -> list[_Group]:
    """Every group with its statistics, in display order (the organisation first)."""
    org = _aggregate(scored, [], instrument, settings)
    if not org:
        return []
    groups = [_Group(ORGANISATION, ORGANISATION, ORGANISATION, (), None, "", org[0][1])]
    teams: list[tuple[tuple[str | None, ...], GroupStats]] = []
    if responses.has_team:
        keys = ["department", "team"] if responses.has_department else ["team"]
        teams = [(k, s) for k, s in _aggregate(scored, keys, instrument, settings) if k[-1]]
    if responses.has_department:
        departments = [
            (k[0], s) for k, s in _aggregate(scored, ["department"], instrument, settings) if k[0]
        ]
        for name, stats in sorted(departments, key=lambda d: _sort_key(d[0])):
            dept_id = f"department/{name}"
            groups.append(
                _Group(dept_id, "department", name, (name,), ORGANISATION, "department", stats)
            )
            for key, team_stats in sorted(teams, key=lambda t: _sort_key(str(t[0][1]))):
                if key[0] == name:
                    team = str(key[1])
                    groups.append(
                        _Group(
                            f"team/{name}/{team}", "team", team, (name, team), dept_id, "team",
                            team_stats,
                        )
                    )  # fmt: skip
    # Teams with no department (or a file without a department column) hang under the organisation.
    for key, team_stats in sorted(teams, key=lambda t: _sort_key(str(t[0][-1]))):
        if len(key) == 1 or key[0] is None:
            team = str(key[-1])
            groups.append(
                _Group(f"team/{team}", "team", team, (team,), ORGANISATION, "team", team_stats)
            )
    for name in responses.by:
        column = by_column(name)
        values = [(k[0], s) for k, s in _aggregate(scored, [column], instrument, settings) if k[0]]
        for value, stats in sorted(values, key=lambda v: _sort_key(str(v[0]))):
            groups.append(
                _Group(
                    f"by:{name}/{value}", name, str(value), (str(value),), ORGANISATION,
                    f"by:{name}", stats,
                )
            )  # fmt: skip
    return groups


def _result(group: _Group, suppression: Suppression | None) -> GroupResult:
    base = {
        "id": group.id,
        "dimension": group.dimension,
        "name": group.name,
        "path": list(group.path),
        "parent": group.parent,
    }
    if suppression is not None:
        return GroupResult(**base, suppressed=True, suppression=suppression)
    s = group.stats
    return GroupResult(
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
    return GroupResult(
        id=ORGANISATION,
        dimension=ORGANISATION,
        name=ORGANISATION,
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


def _individuals(
    persons: pl.DataFrame,
    responses: Responses,
    groups: list[_Group],
    decision: dict[str, Suppression | None],
) -> list[Individual]:
    """Per-person scores; a label of a suppressed group is masked so it cannot be re-counted."""
    shown = {g.id for g in groups if decision.get(g.id) is None}
    out = []
    columns = [RESPONDENT, MES, ENERGETIC]
    dims = [d for d in ("department", "team") if d in persons.columns]
    by_cols = {name: by_column(name) for name in responses.by}
    traits = [trait_column(t) for t in _trait_keys(persons)]
    for row in persons.select(*columns, *dims, *by_cols.values(), *traits).iter_rows(named=True):
        dept = row.get("department")
        team = row.get("team")
        dept_label = _mask(dept, f"department/{dept}", shown)
        team_id = f"team/{dept}/{team}" if dept is not None and "department" in dims else None
        team_label = _mask(team, team_id or f"team/{team}", shown)
        out.append(
            Individual(
                respondent=row[RESPONDENT],
                department=dept_label,
                team=team_label,
                by={
                    name: _mask(row[col], f"by:{name}/{row[col]}", shown)
                    for name, col in by_cols.items()
                },
                traits={t.removeprefix("trait:"): row[t] for t in traits},
                mes=row[MES],
                energetic=row[ENERGETIC],
            )
        )
    return out


def _trait_keys(persons: pl.DataFrame) -> list[str]:
    return [c.removeprefix("trait:") for c in persons.columns if c.startswith("trait:")]


def _mask(value: str | None, group_id: str, shown: set[str]) -> str | None:
    if value is None:
        return None
    return value if group_id in shown else HIDDEN_LABEL
