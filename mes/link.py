"""The customer link: each team's energy (MES, traits, share customer-energetic) beside the
team's customer score, and how the two go together across teams.

Pure core. The survey is scored exactly as ``mes score`` scores it and only the teams it shows
take part. The customer file has one row per customer response, the team that served the
customer and one score column (a satisfaction rating or a 1-10 grade); it is read by
`mes.validation` through a one-question instrument, so only the score and the team and
department columns are read, and a score outside the scale is a located error. Or it has one
row per team with the team's mean score and the n it rests on (`mes.customer_teams`). A team's
customer score resting on fewer than ``k`` responses is not shown and takes no part.

Across the teams shown on both sides: Pearson's r with its interval (scipy's
``pearsonr(...).confidence_interval``) and Spearman's rho with a Fisher-z interval using
Bonett and Wright's standard error ``sqrt(1.06 / (n - 3))``. With few teams only a strong
relation can be told apart from none: the report carries the smallest |r| that would be
significant, and the words say "goes with", never "causes".
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import Any, Literal, NamedTuple

from mes import __version__
from mes.columns import map_columns
from mes.customer_groups import (
    CUSTOMER_DEPARTMENT,
    CUSTOMER_TEAM,
    assign_customers,
    file_info,
    member,
)
from mes.customer_teams import COUNT, customer_stats, is_per_team, read_team_scores
from mes.errors import DataError, Issue, error
from mes.instrument import ColumnHeaders, Instrument, Item, Scale, Trait, header_candidates
from mes.messages import message
from mes.mirror_results import (
    Correlation,
    FileInfo,
    Interval,
    LinkReport,
    LinkSettings,
    LinkTeam,
)
from mes.report import score
from mes.results import GroupResult, ScoreReport
from mes.settings import Settings
from mes.table import RawTable
from mes.validation import Responses, item_column, validate

SCORE = "customer_score"
#: Headers under which a customer score column is found without --score-column.
SCORE_HEADERS = (
    "customer score", "klantscore", "score", "cijfer", "rapportcijfer", "klanttevredenheid",
    "tevredenheid", "klantwaardering", "waardering", "satisfaction", "customer satisfaction",
    "csat", "rating", "nps", "aanbevelen",
)  # fmt: skip
CUSTOMER_TEAM_HEADERS = ("Welk team heeft u geholpen?", "Which team helped you?")
CUSTOMER_DEPARTMENT_HEADERS = ("Welke afdeling heeft u geholpen?", "Which department helped you?")
_MIN_TEAMS = 3  # fewer teams: no correlation at all


def customer_instrument(score_column: str | None, scale: Scale) -> Instrument:
    """The customer file as a one-question instrument: the score and the team columns."""
    headers = (score_column,) if score_column else SCORE_HEADERS
    return Instrument(
        id="customer-score",
        name="Customer score",
        scale=scale,
        columns=ColumnHeaders(team=CUSTOMER_TEAM_HEADERS, department=CUSTOMER_DEPARTMENT_HEADERS),
        traits=(
            Trait(
                key=SCORE,
                name="",
                items=(Item(key=SCORE, text_nl=headers[0], headers=headers),),
            ),
        ),
    )


def _score_index(table: RawTable, instrument: Instrument) -> int | None:
    names = instrument.header_aliases[SCORE]
    for index, header in enumerate(table.headers):
        if header and any(form in names for form in header_candidates(header)):
            return index
    return None


def read_customers(
    customers: RawTable, score_column: str | None, scale: Scale
) -> tuple[Responses, str, Literal["responses", "teams"]]:
    """The customer file as `Responses`, the score's header and the file's layout.

    One row per team (a count column, no team repeated; `mes.customer_teams`) or one row per
    customer response (validated through the one-question instrument). Raises `DataError`.
    """
    cust_ins = customer_instrument(score_column, scale)
    index = _score_index(customers, cust_ins)
    if index is None:
        wanted = (
            repr(score_column) if score_column else message("a header such as 'score' or 'cijfer'")
        )
        seen = ", ".join(repr(h) for h in customers.headers if h) or message("none")
        raise DataError(
            error(
                "missing-score-column",
                message(
                    "no customer score column: expected {wanted}; headers found: {seen}. "
                    "Name it with --score-column",
                    wanted=wanted,
                    seen=seen,
                ),
                file=customers.source,
                sheet=customers.sheet,
                row=customers.header_row,
            )
        )
    header = customers.headers[index]
    columns = map_columns(customers, cust_ins)
    if columns.ok and is_per_team(customers, columns):
        return (
            read_team_scores(customers, columns, index, scale, item_column(SCORE)),
            header,
            "teams",
        )
    return validate(customers, cust_ins), header, "responses"


def link(
    survey: RawTable,
    customers: RawTable,
    instrument: Instrument,
    *,
    score_column: str | None = None,
    scale: Scale | None = None,
    min_group_size: int = 5,
    confidence: float = 0.95,
) -> LinkReport:
    """Put each team's MES beside its customer score and correlate them across teams.

    Raises `DataError` when the customer file has no score column, and whatever
    `mes.validation` raises for either file.
    """
    scale = scale or Scale(min=1, max=10)
    responses, header, layout = read_customers(customers, score_column, scale)
    settings = Settings(min_group_size=min_group_size, confidence=confidence)
    report = score(validate(survey, instrument), instrument, settings)
    assignment = assign_customers(responses, report, customers.source)
    level, groups = _level_groups(report)
    frame = assignment.frame
    teams = []
    for group in groups:
        n, mean = customer_stats(
            frame.filter(member(group, frame, CUSTOMER_DEPARTMENT, CUSTOMER_TEAM)),
            item_column(SCORE),
        )
        teams.append(_team(group, n, mean, scale, min_group_size))
    total = int(frame.get_column(COUNT).sum()) if COUNT in frame.columns else frame.height
    trait_keys = [t.key for t in instrument.traits]
    shown = [t for t in teams if t.mes is not None and t.customer_score is not None]
    correlations = [
        _correlation(measure, shown, confidence)
        for measure in ("mes", "energetic_share", *trait_keys)
    ]
    return LinkReport(
        mes_version=__version__,
        survey=file_info(survey, report.source.scored),
        customers=file_info(customers, total if total >= min_group_size else None),
        settings=LinkSettings(
            min_group_size=min_group_size,
            confidence=confidence,
            score_column=header,
            customer_layout=layout,
            scale_min=scale.min,
            scale_max=scale.max,
            instrument=f"{instrument.name} v{instrument.version}",
            instrument_fingerprint=instrument.fingerprint,
        ),
        level=level,
        trait_names={t.key: t.name for t in instrument.traits},
        trait_names_nl={t.key: t.name_nl or t.name for t in instrument.traits},
        teams=teams,
        correlations=correlations,
        detectable_r=detectable_r(len(shown), confidence),
        matching=assignment.matching,
        issues=[*report.issues, *responses.issues, *assignment.issues],
    )


def _level_groups(report: ScoreReport) -> tuple[Literal["team", "department"], list[GroupResult]]:
    """The level the link works at (teams, or departments when there are no teams) and its
    groups, in the score report's order."""
    tree = [g for g in report.groups if g.dimension in ("department", "team")]
    level: Literal["team", "department"] = (
        "team" if any(g.dimension == "team" for g in tree) else "department"
    )
    return level, [g for g in tree if g.dimension == level]


class StaffQuarter(NamedTuple):
    """A staff survey on its own (no customer file): each team's staff figures, suppressed
    exactly as ``mes score`` suppresses them. The first quarter of the lagged link."""

    survey: FileInfo
    level: Literal["team", "department"]
    teams: list[LinkTeam]  # no customer figures
    issues: list[Issue]


def staff_quarter(
    survey: RawTable, instrument: Instrument, *, min_group_size: int = 5, confidence: float = 0.95
) -> StaffQuarter:
    """Score a staff survey as ``mes score`` does and keep each team's staff figures."""
    settings = Settings(min_group_size=min_group_size, confidence=confidence)
    report = score(validate(survey, instrument), instrument, settings)
    level, groups = _level_groups(report)
    teams = []
    for group in groups:
        base, figures = _staff(group)
        teams.append(LinkTeam(**base, **figures))
    return StaffQuarter(
        survey=file_info(survey, report.source.scored),
        level=level,
        teams=teams,
        issues=list(report.issues),
    )


def _staff(group: GroupResult) -> tuple[dict[str, Any], dict[str, Any]]:
    """A team's name and place, and its staff figures (none when suppressed)."""
    base = {
        "id": group.id,
        "dimension": group.dimension,
        "name": group.name,
        "path": list(group.path),
    }
    if group.suppressed:
        return base, {"suppressed": True, "suppression": group.suppression}
    return base, {
        "suppressed": False,
        "employees": group.n,
        "mes": group.mes,
        "energetic_share": group.energetic_share,
        "traits": {t.key: t.mean for t in group.traits or []},
    }


def _team(group: GroupResult, n: int, mean: float | None, scale: Scale, k: int) -> LinkTeam:
    base, figures = _staff(group)
    if group.suppressed:
        return LinkTeam(**base, **figures)
    if mean is None or n < k:
        hidden = "no-customers" if n == 0 else "too-few-answers"
        return LinkTeam(**base, **figures, customer_hidden=hidden)
    return LinkTeam(
        **base,
        **figures,
        customers=n,
        customer_score=scale.rescale(mean),
        customer_mean_on_scale=mean,
    )


def _value(team: LinkTeam, measure: str) -> float | None:
    if measure == "mes":
        return team.mes
    if measure == "energetic_share":
        return team.energetic_share
    return (team.traits or {}).get(measure)


def _correlation(measure: str, teams: Sequence[LinkTeam], confidence: float) -> Correlation:
    pairs = [(_value(t, measure), t.customer_score) for t in teams]
    xs = [x for x, y in pairs if x is not None and y is not None]
    ys = [y for x, y in pairs if x is not None and y is not None]
    return correlate(measure, xs, ys, confidence)


def correlate(measure: str, xs: list[float], ys: list[float], confidence: float) -> Correlation:
    """Pearson's r (scipy's interval) and Spearman's rho (Fisher-z interval) of paired values;
    figures only from 3 pairs on and when neither side is constant."""
    n = len(xs)
    if n < _MIN_TEAMS or len(set(xs)) < 2 or len(set(ys)) < 2:
        return Correlation(measure=measure, teams=n)
    from scipy import stats

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a perfect fit with 3 teams warns; the figures are right
        pearson = stats.pearsonr(xs, ys)
        spearman = stats.spearmanr(xs, ys)
    p_ci = pearson.confidence_interval(confidence_level=confidence)
    rho = float(spearman.statistic)
    return Correlation(
        measure=measure,
        teams=n,
        pearson_r=float(pearson.statistic),
        pearson_ci=Interval(low=float(p_ci.low), high=float(p_ci.high)),
        pearson_p=float(pearson.pvalue),
        spearman_rho=rho,
        spearman_ci=spearman_interval(rho, n, confidence),
        spearman_p=float(spearman.pvalue),
    )


def spearman_interval(rho: float, n: int, confidence: float) -> Interval | None:
    """Fisher-z interval of Spearman's rho, with Bonett and Wright's (2000) standard error."""
    if n <= 3 or abs(rho) >= 1.0:
        return None
    from scipy import stats

    z = math.atanh(rho)
    half = float(stats.norm.ppf(1 - (1 - confidence) / 2)) * math.sqrt(1.06 / (n - 3))
    return Interval(low=math.tanh(z - half), high=math.tanh(z + half))


def detectable_r(teams: int, confidence: float) -> float | None:
    """The smallest |r| that is significant with ``teams`` teams (two-sided t-test of r)."""
    if teams < _MIN_TEAMS:
        return None
    from scipy import stats

    t = float(stats.t.ppf(1 - (1 - confidence) / 2, teams - 2))
    return t / math.sqrt(teams - 2 + t * t)


__all__ = [
    "SCORE_HEADERS",
    "StaffQuarter",
    "correlate",
    "detectable_r",
    "link",
    "spearman_interval",
    "staff_quarter",
]
