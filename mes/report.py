"""Build one report: validated responses in, one privacy-checked `ScoreReport` out.

The statistics themselves are `mes.scoring` (pure per-person and per-group functions); this
module decides which groups there are and what may be shown of them.

Builds the group tree (organisation, departments, teams within departments, and one flat
breakdown of the organisation per ``--by`` column), computes every group's statistics in one
polars aggregation per level, asks `mes.privacy` what may be shown, and fills the output models
with the figures of the shown groups only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import polars as pl

from mes import __version__
from mes.errors import Issue, warning
from mes.groups import (
    DEPARTMENT,
    ORG,
    ORGANISATION,
    GroupKey,
    by_value,
    department,
    memberships,
    team,
)
from mes.individuals import individuals_of
from mes.instrument import Instrument, Outcome
from mes.messages import Value, message
from mes.privacy import Atom, Cells, Numbered, Suppression, decide_numbered, number
from mes.results import (
    GroupResult,
    HiddenFigure,
    InstrumentInfo,
    Interval,
    ItemInfo,
    OutcomeInfo,
    OutcomeResult,
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
    OutcomeStats,
    cronbach_alpha,
    group_figures,
    group_sums,
    outcome_column,
    score_persons,
    stats_from_row,
    trait_column,
)
from mes.settings import Settings
from mes.table import ROW
from mes.validation import MAX_ISSUES, RESPONDENT, Responses, by_column, tree_issues
from mes.value_check import Share


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
    return score_with_persons(
        responses, instrument, settings, individuals=individuals, keep_ids=keep_ids
    )[0]


def member_filter(key: GroupKey, columns: Sequence[str]) -> pl.Expr:
    """Which rows of a person frame (`score_persons`, with these ``columns``) are in ``key``."""
    if key.dimension == ORGANISATION:
        return pl.lit(value=True)
    if not key.in_tree:
        return pl.col(by_column(key.dimension)) == key.path[0]
    if key.dimension == DEPARTMENT:
        return pl.col("department") == key.path[0]
    if len(key.path) == 2:
        return (pl.col("department") == key.path[0]) & (pl.col("team") == key.path[1])
    # A team without a department: the department cell is empty, or there is no such column.
    alone = pl.col("department").is_null() if "department" in columns else pl.lit(value=True)
    return (pl.col("team") == key.path[0]) & alone


def score_with_persons(
    responses: Responses,
    instrument: Instrument,
    settings: Settings,
    *,
    individuals: bool = False,
    keep_ids: bool = False,
) -> tuple[ScoreReport, pl.DataFrame]:
    """`score`, and the scored persons it was built from (`mes.scoring.score_persons`)."""
    persons = score_persons(responses.frame, instrument, settings)
    outcomes = present_outcomes(instrument, responses)
    scored = persons.get_column(MES).count()
    issues = list(responses.issues)
    not_scored = persons.height - scored
    org_hidden = persons.height < settings.min_group_size
    figures = figure_names(instrument, outcomes)
    cells = people_cells(persons, responses, instrument, settings, figures, outcomes)
    groups = _groups(cells, responses, instrument, settings, outcomes)
    problem = disclosure_problem(cells, responses, instrument, figures)
    decision = decide_numbered(problem, settings.min_group_size, FIGURE_CELLS)
    _check_counts(groups, decision)
    org_mes_hidden = decision.get(FigureKey(ORG, MES_FIGURE), Suppression.TOO_FEW) is not None
    if not_scored and not org_hidden:
        issues.append(_incomplete(persons, responses, instrument))
    # Rows of a team without a department (or in a second department) are listed only where
    # the team is shown: a list of rows is a count.
    issues += tree_issues(
        responses,
        lambda key: decision.get(FigureKey(key), Suppression.TOO_FEW) is not None,
        _team_pairs(cells),
    )
    # When the organisation is suppressed its size is secret too, and so is every count of the
    # file that would give it away; when its MES is, so is the number of people with a MES.
    counts: dict[str, int | None] = {
        "rows_read": responses.rows_read,
        "respondents": persons.height,
        "scored": scored,
        "not_scored": not_scored,
        "skipped": responses.skipped_rows,
    }
    if org_hidden:
        counts = dict.fromkeys(counts)
    elif org_mes_hidden:
        counts.update(scored=None, not_scored=None)
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
        instrument=instrument_info(instrument, outcomes),
        settings=settings,
        by=responses.by,
        groups=[_result(g, decision, figures, _on_scale(instrument)) for g in groups]
        or [_empty_organisation()],
        reliability=reliability,
        issues=issues,
    )
    people = (
        individuals_of(
            persons,
            _label_columns(responses),
            {name: by_column(name) for name in responses.by},
            {key.group: why for key, why in decision.items() if not key.figure},
            settings.min_group_size,
            respondent=RESPONDENT,
            keep_ids=keep_ids,
        )
        if individuals
        else None
    )
    return (report.with_people(people) if people is not None else report), persons


def completeness_issues(
    responses: Responses, instrument: Instrument, settings: Settings
) -> list[Issue]:
    """What ``mes validate`` says about respondents without a MES: the summary `score` gives,
    then each of them at their row.

    (`score` leaves it out when the organisation is suppressed; validate shows the file's
    counts to its owner anyway.)
    """
    persons = score_persons(responses.frame, instrument, settings)
    if not persons.get_column(MES).null_count():
        return []
    rows = persons.filter(pl.col(MES).is_null()).get_column(ROW).to_list()
    need = _need(instrument)
    return [
        _incomplete(persons, responses, instrument),
        *(
            warning(
                "no-mes",
                message(
                    "this respondent has fewer than {need} trait scores, so no MES; their "
                    "answers count in the figures of the traits and outcomes they answered",
                    need=need,
                ),
                responses.table.locate(row, None),
            )
            for row in rows[:MAX_ISSUES]
        ),
    ]


#: The rows a warning names, at most.
NAMED_ROWS = 20


def _need(instrument: Instrument) -> Value:
    if instrument.required_traits == len(instrument.traits):
        return message("all {n}", n=len(instrument.traits))
    return instrument.required_traits


def _incomplete(persons: pl.DataFrame, responses: Responses, instrument: Instrument) -> Issue:
    rows = persons.filter(pl.col(MES).is_null()).get_column(ROW)
    named = ", ".join(str(r) for r in rows.head(NAMED_ROWS).to_list())
    return warning(
        "incomplete-respondents",
        message(
            "{n} respondent(s) have fewer than {need} trait scores and so no MES ({rows}); they "
            "count in the figures of the traits and outcomes they answered. mes validate lists "
            "them",
            n=rows.len(),
            need=_need(instrument),
            rows=(
                message("items {rows}", rows=named)
                if responses.table.is_json
                else message("rows {rows}", rows=named)
            )
            if rows.len() <= NAMED_ROWS
            else message(
                "{rows} and {n} more",
                rows=message("items {rows}", rows=named)
                if responses.table.is_json
                else message("rows {rows}", rows=named),
                n=rows.len() - NAMED_ROWS,
            ),
        ),
        file=responses.table.source,
    )


def present_outcomes(instrument: Instrument, responses: Responses) -> tuple[Outcome, ...]:
    """The instrument's outcomes the file has a column for, in instrument order."""
    present = set(responses.outcomes)
    return tuple(o for o in instrument.outcomes if o.key in present)


def instrument_info(instrument: Instrument, outcomes: Sequence[Outcome] = ()) -> InstrumentInfo:
    """The instrument as results describe it, with its fingerprints and the ``outcomes`` the
    file has."""
    return InstrumentInfo(
        id=instrument.id,
        name=instrument.name,
        version=instrument.version,
        fingerprint=instrument.fingerprint,
        scale_min=instrument.scale.min,
        scale_max=instrument.scale.max,
        min_traits=instrument.required_traits,
        outcomes=[
            OutcomeInfo(
                key=o.key,
                kind=o.kind,
                name=o.name,
                name_nl=o.name_nl,
                text_nl=o.text_nl,
                text_en=o.text_en,
                low=o.low,
                high=o.high,
                high_at=o.high_at,
                low_at=o.low_at,
                fingerprint=instrument.outcome_fingerprint(o),
            )
            for o in outcomes
        ],
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
    table: pl.DataFrame,
    keys: list[str],
    instrument: Instrument,
    settings: Settings,
    outcomes: Sequence[Outcome],
) -> list[tuple[tuple[str | None, ...], GroupStats]]:
    """Each row of ``table`` (summed `group_sums` per ``keys``) as the statistics of its group."""
    figures = table.select(*keys, *group_figures(instrument, outcomes))
    return [
        (tuple(row[k] for k in keys), stats_from_row(row, instrument, settings, outcomes))
        for row in figures.iter_rows(named=True)
    ]


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


# --- Figures and the disclosure check -------------------------------------------------------------

#: The figure of a group that is the group itself: its respondents (a count).
RESPONDENTS_FIGURE = ""
MES_FIGURE = "mes"


def trait_figure(key: str) -> str:
    return f"trait:{key}"


def outcome_figure(key: str) -> str:
    return f"outcome:{key}"


@dataclass(frozen=True, order=True)
class FigureKey:
    """One cell of the disclosure check: a group, and the figure of it whose people it holds
    (`RESPONDENTS_FIGURE` for the group's respondents, else ``mes``, ``trait:<key>``,
    ``outcome:<key>``)."""

    group: GroupKey
    figure: str = RESPONDENTS_FIGURE

    def __hash__(self) -> int:
        # Computed once: the disclosure check hashes cells very often.
        return self._hash

    @cached_property
    def _hash(self) -> int:
        return hash((self.group, self.figure))

    def __getstate__(self) -> dict[str, object]:
        # A hash holds only in the process that made it (string hashes are salted).
        return {name: value for name, value in vars(self).items() if name != "_hash"}


def figure_names(instrument: Instrument, outcomes: Sequence[Outcome]) -> dict[str, str]:
    """Each figure of a group (but the respondents) and the person-frame column it rests on."""
    names = {MES_FIGURE: MES}
    names.update({trait_figure(t.key): trait_column(t.key) for t in instrument.traits})
    names.update({outcome_figure(o.key): outcome_column(o.key) for o in outcomes})
    return names


def people_cells(
    persons: pl.DataFrame,
    responses: Responses,
    instrument: Instrument,
    settings: Settings,
    figures: Mapping[str, str],
    outcomes: Sequence[Outcome] = (),
) -> pl.DataFrame:
    """People with the same memberships and the same answered pattern (the ``figures`` they
    count in, as ``has:<figure>`` columns), one row each with their `group_sums`, sorted: the
    one pass over the people that every group's figures and the disclosure check's atoms are
    added up from."""
    columns = _label_columns(responses)
    flags = [pl.col(c).is_not_null().alias(f"has:{name}") for name, c in figures.items()]
    keys = [*columns, *(f"has:{name}" for name in figures)]
    if persons.height == 0:
        return persons.select(*columns, *flags).head(0)
    sums = group_sums(instrument, settings, outcomes)
    frame = persons.group_by(*columns, *flags).agg(sums)
    # Sorted, so that the disclosure check sees the same problem in the same order every run.
    return frame.sort(keys, nulls_last=True)


def _team_pairs(cells: pl.DataFrame) -> pl.DataFrame | None:
    """The people per team and department (`tree_issues`' ``pairs``), from the cells."""
    if not {"team", "department"} <= set(cells.columns):
        return None
    return cells.group_by("team", "department").agg(pl.col("respondents").sum().alias("len"))


def disclosure_problem(
    cells: pl.DataFrame,
    responses: Responses,
    instrument: Instrument,
    figures: Mapping[str, str] | None = None,
) -> Numbered[FigureKey]:
    """The disclosure check's problem, numbered (`mes.privacy.Numbered`), from the
    `people_cells`: each atom is in the respondents cell of each of its groups and in the cell
    of each figure it counts in; the shares are its trait values (`value_shares`)."""
    figures = figures or {}
    if cells.height == 0:
        return Numbered([], [], [])
    columns = _label_columns(responses)
    names = [RESPONDENTS_FIGURE, *figures]
    counted = cells.select(*columns, *(f"has:{name}" for name in figures), "respondents")
    # Groups and cells get provisional numbers as they come (a cell is group x figure), so that
    # the loop hashes whole numbers; the keys are made once each, and renumbered in repr order.
    group_ids: dict[GroupKey, int] = {}
    groups_of: dict[tuple[object, ...], list[int]] = {}
    cell_of: dict[int, int] = {}
    made: list[int] = []
    found: list[tuple[list[int], int]] = []
    width = len(columns)
    for row in counted.iter_rows():
        place = row[:width]
        groups = groups_of.get(place)
        if groups is None:
            labels = dict(zip(columns, place, strict=True))
            of_row = _keys_of(labels, responses) if columns else [ORG]
            groups = groups_of[place] = [group_ids.setdefault(g, len(group_ids)) for g in of_row]
        held = [0, *(i for i, has in enumerate(row[width:-1], start=1) if has)]
        ids = []
        for g in groups:
            for h in held:
                code = g * len(names) + h
                cell = cell_of.get(code)
                if cell is None:
                    cell = cell_of[code] = len(made)
                    made.append(code)
                ids.append(cell)
        found.append((ids, int(row[-1])))
    group_list = list(group_ids)
    provisional = [FigureKey(group_list[c // len(names)], names[c % len(names)]) for c in made]
    order = sorted(range(len(made)), key=lambda i: repr(provisional[i]))
    final = [0] * len(made)
    for rank, i in enumerate(order):
        final[i] = rank
    keys = [provisional[i] for i in order]
    atoms = [Atom(frozenset([final[c] for c in ids]), size) for ids, size in found]
    return Numbered(keys, atoms, value_shares(atoms, [key.figure for key in keys], instrument))


def figure_problem(found: Sequence[Atom[FigureKey]], instrument: Instrument) -> Numbered[FigureKey]:
    """`disclosure_problem` of atoms given by their cells' keys (reports made up in tests)."""
    numbered = number(found)
    figure_of = [key.figure for key in numbered.keys]
    return Numbered(
        numbered.keys, numbered.atoms, value_shares(numbered.atoms, figure_of, instrument)
    )


def value_shares(
    found: Sequence[Atom[int]], figure_of: Sequence[str], instrument: Instrument
) -> list[Share[int]]:
    """The trait values of each atom (cells by id; ``figure_of[id]`` its figure), with the
    weight each trait's and the MES's figure gives them: a trait's figure sums its scores, the
    MES figure the mean of a person's traits.

    Only needed when some people have some traits but not all (else the trait and MES
    figures rest on the same people and each figure's own check covers them): empty then.
    Atoms that differ only in the outcomes they answered are one person class here; classes
    go in the order of their cells' ids (the ids follow the keys' repr: the same every run).
    """
    traits = [trait_figure(t.key) for t in instrument.traits]
    coupled_figures = {*traits, MES_FIGURE, RESPONDENTS_FIGURE}
    coupled = {i for i, figure in enumerate(figure_of) if figure in coupled_figures}
    merged: dict[frozenset[int], int] = {}
    for atom in found:
        key = atom.cells & coupled
        merged[key] = merged.get(key, 0) + atom.size
    out: list[Share[int]] = []
    partial = False
    ordered = sorted(merged.items(), key=lambda item: sorted(item[0]))
    for index, (cells, size) in enumerate(ordered):
        # The atom's own cells (every group of it, for every figure it counts in); a value's
        # weights may come in any order (`ValueSystem` sorts them).
        of_figure: dict[str, list[int]] = {}
        for cell in cells:
            of_figure.setdefault(figure_of[cell], []).append(cell)
        held = [t for t in traits if t in of_figure]
        partial = partial or 0 < len(held) < len(traits)
        mes = [(cell, 1.0 / len(held)) for cell in of_figure.get(MES_FIGURE, ())]
        for trait in held:
            weights = tuple([(cell, 1.0) for cell in of_figure[trait]] + mes)
            out.append(Share(index, size, weights))
    return out if partial else []


def _view(key: GroupKey) -> str:
    return "tree" if key.in_tree else key.dimension


def _priority(key: GroupKey, n: int) -> tuple[object, ...]:
    # A --by group gives way before a department or team: the tree is the report people read.
    return (key.in_tree, n, key.name.casefold(), key.id)


#: The cells of groups alone (each group's people as one set), as reports were checked before
#: figures had cells of their own; the engine's tests use it.
GROUP_CELLS: Cells[GroupKey] = Cells(parent=lambda key: key.parent, view=_view, priority=_priority)


def _figure_rank(figure: str) -> int:
    # Among the cells a disclosure uses, an outcome's figure gives way first, then a trait's;
    # the MES, the headline, last.
    if figure.startswith("outcome:"):
        return 0
    if figure.startswith("trait:"):
        return 1
    return 2


def _figure_parent(cell: FigureKey) -> FigureKey | None:
    up = cell.group.parent
    return FigureKey(up, cell.figure) if up is not None else None


def _figure_priority(cell: FigureKey, n: int) -> tuple[object, ...]:
    # A --by group gives way before a department or team: the tree is the report people read.
    key = cell.group
    return (key.in_tree, _figure_rank(cell.figure), cell.figure, n, key.name.casefold(), key.id)


def _hidden_with(cell: FigureKey) -> FigureKey | None:
    # A figure goes with its group; a group with the group above it.
    if cell.figure:
        return FigureKey(cell.group)
    return _figure_parent(cell)


FIGURE_CELLS: Cells[FigureKey] = Cells(
    parent=_figure_parent,
    view=lambda cell: (_view(cell.group), cell.figure),
    priority=_figure_priority,
    hidden_with=_hidden_with,
    # Each figure's own sums, squares and shares are checked on its own sets; how trait and MES
    # sums combine is checked on their values (`value_shares`).
    layer=lambda cell: cell.figure,
)


def _groups(
    cells: pl.DataFrame,
    responses: Responses,
    instrument: Instrument,
    settings: Settings,
    outcomes: Sequence[Outcome] = (),
) -> list[_Group]:
    """Every group with its statistics, in display order (the organisation first), added up
    from the `people_cells`."""
    if cells.height == 0:
        return []
    sums = [c for c in cells.columns if c not in _label_columns(responses)]
    sums = [c for c in sums if not c.startswith("has:")]

    def aggregate(keys: list[str]) -> list[tuple[tuple[str | None, ...], GroupStats]]:
        summed = pl.col(sums).sum()
        table = cells.group_by(keys).agg(summed) if keys else cells.select(summed)
        return _aggregate(table, keys, instrument, settings, outcomes)

    org = aggregate([])
    groups = [_Group(ORG, org[0][1])]
    teams: list[tuple[tuple[str | None, ...], GroupStats]] = []
    if responses.has_team:
        keys = ["department", "team"] if responses.has_department else ["team"]
        teams = [(k, s) for k, s in aggregate(keys) if k[-1]]
    if responses.has_department:
        departments = [(k[0], s) for k, s in aggregate(["department"]) if k[0]]
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
        values = [(k[0], s) for k, s in aggregate([by_column(name)]) if k[0]]
        for value, stats in sorted(values, key=lambda v: _sort_key(str(v[0]))):
            groups.append(_Group(by_value(name, str(value)), stats))
    return groups


def _check_counts(groups: list[_Group], decision: Mapping[FigureKey, Suppression | None]) -> None:
    """Every group has a decision: the statistics and the memberships come from one frame."""
    missing = [g.key.id for g in groups if FigureKey(g.key) not in decision]
    if missing:
        raise RuntimeError(f"no privacy decision for {len(missing)} group(s)")


def _on_scale(instrument: Instrument) -> Callable[[float | None], float | None]:
    """A 0-100 score as an average answer on the instrument's scale; None on 1-5 agreement,
    where 0-100 is what people read."""
    low, high = instrument.scale.min, instrument.scale.max

    def convert(score: float | None) -> float | None:
        if (low, high) == (1, 5) or score is None:
            return None
        return low + score / 100.0 * (high - low)

    return convert


def _result(
    group: _Group,
    decision: Mapping[FigureKey, Suppression | None],
    figures: Mapping[str, str],
    on_scale: Callable[[float | None], float | None],
) -> GroupResult:
    key = group.key
    parent = key.parent
    base = {
        "id": key.id,
        "dimension": key.dimension,
        "name": key.name,
        "path": list(key.path),
        "parent": parent.id if parent is not None else None,
    }
    suppression = decision[FigureKey(key)]
    if suppression is not None:
        return SuppressedGroup(**base, suppressed=True, suppression=suppression)

    def why(figure: str) -> Suppression | None:
        return decision.get(FigureKey(key, figure), Suppression.TOO_FEW)

    s = group.stats
    mes_shown = why(MES_FIGURE) is None
    traits = [t for t in s.traits if why(trait_figure(t.key)) is None]
    outcomes = [o for o in s.outcomes if why(outcome_figure(o.key)) is None]
    hidden = [
        HiddenFigure(figure=figure, suppression=reason)
        for figure in figures
        if (reason := why(figure)) is not None
    ]
    return ShownGroup(
        **base,
        suppressed=False,
        respondents=s.respondents,
        n=s.n if mes_shown else None,
        mes=s.mean if mes_shown else None,
        mes_on_scale=on_scale(s.mean) if mes_shown else None,
        sd=s.sd if mes_shown else None,
        ci=Interval(low=s.ci_low, high=s.ci_high)
        if mes_shown and s.ci_low is not None and s.ci_high is not None
        else None,
        energetic_share=s.energetic_share if mes_shown else None,
        traits=[
            TraitResult(
                key=t.key,
                n=t.n,
                mean=t.mean,
                mean_on_scale=on_scale(t.mean),
                favourable=t.favourable,
                neutral=t.neutral,
                unfavourable=t.unfavourable,
            )
            for t in traits
        ],
        outcomes=[_outcome_result(o) for o in outcomes],
        focus_trait=min(traits, key=lambda t: t.mean).key if traits else None,
        hidden=hidden,
    )


def _outcome_result(o: OutcomeStats) -> OutcomeResult:
    return OutcomeResult(
        key=o.key,
        kind=o.kind,
        n=o.n,
        mean=o.mean,
        mean_100=o.mean_100,
        sd=o.sd,
        ci=Interval(low=o.ci_low, high=o.ci_high)
        if o.ci_low is not None and o.ci_high is not None
        else None,
        high_share=o.high_share,
        low_share=o.low_share,
        enps=o.enps,
        enps_ci=Interval(low=o.enps_low, high=o.enps_high)
        if o.enps_low is not None and o.enps_high is not None
        else None,
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
            message(
                "Cronbach's alpha of trait {trait!r} is {alpha:.2f}, below "
                "{reliability_warning_below:.2f}: its items may not measure one thing",
                trait=r.trait,
                alpha=r.alpha,
                reliability_warning_below=settings.reliability_warning_below,
            ),
        )
        for r in reliability
        if r.below_threshold and r.alpha is not None
    ]
