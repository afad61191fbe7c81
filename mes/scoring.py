"""Pure scoring: per-person and per-group statistics and reliability, as BRIEF's method defines
them. No groups are chosen and nothing is suppressed here: building a report from these figures
is `mes.report`.

- Trait score of a person: mean of the answered items of the trait after reverse keying
  (``min + max - answer``), rescaled to 0-100; null when fewer than the trait's required items
  were answered.
- MES of a person: mean of the trait scores they have, when they have at least the
  instrument's ``min_traits`` (default: every trait); null otherwise.
- Customer-energetic: a person with a MES whose every trait score (of those they have) is at
  or above the energetic threshold (75).
- Outcomes: the answer on the outcome's own range, as validated (``outcome:<key>``).

Everything is column-wise polars; the t quantile for confidence intervals comes from scipy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from mes import validation
from mes.instrument import Instrument, Outcome, Trait
from mes.settings import Settings
from mes.validation import item_column

MES = "mes"
ENERGETIC = "energetic"
# Scores are compared with a small tolerance: 100 * (4 - 1) / 4 is 75 exactly, but on a 1-7 scale
# 100 * (5.5 - 1) / 6 is 74.99999999999999 in binary floating point.
_EPS = 1e-9


def trait_column(key: str) -> str:
    """Name of the person-frame column holding trait ``key``'s 0-100 score."""
    return f"trait:{key}"


def outcome_column(key: str) -> str:
    """Name of the person-frame column holding outcome ``key``'s answer on its own range
    (Float64, null when unanswered); the validated frame's column, made Float64."""
    return validation.outcome_column(key)


def outcomes_present(instrument: Instrument, persons: pl.DataFrame) -> tuple[Outcome, ...]:
    """The instrument's outcomes that ``persons`` has a column for, in instrument order."""
    return tuple(o for o in instrument.outcomes if outcome_column(o.key) in persons.columns)


def keyed(item_key: str, reverse: bool, instrument: Instrument) -> pl.Expr:
    """An item's answers after reverse keying (``min + max - answer`` for reversed items), as
    ``Float64`` (validation keeps them as small integers)."""
    col = pl.col(item_column(item_key)).cast(pl.Float64)
    if reverse:
        return instrument.scale.min + instrument.scale.max - col
    return col


def score_persons(frame: pl.DataFrame, instrument: Instrument, settings: Settings) -> pl.DataFrame:
    """Add ``trait:<key>`` (0-100), ``mes`` (0-100) and ``energetic`` columns to the responses.

    One row per respondent, as validated: ``respondent``, the group label columns
    (``department``, ``team``, ``by:<name>``) and the ``item:<key>`` answers (small integers,
    as validated) are kept, and the ``outcome:<key>`` answers (`outcome_column`, made Float64
    on the outcome's own range, null when unanswered; only for outcomes the file has). A trait
    score is null when too few of its items were answered; ``mes`` and ``energetic`` are null
    for fewer than ``instrument.required_traits`` trait scores.
    """
    scale = instrument.scale
    span = scale.max - scale.min
    trait_exprs = []
    for trait in instrument.traits:
        values = [keyed(i.key, i.reverse, instrument) for i in trait.items]
        if len(values) == 1:  # the mean of one answer is that answer (x / 1 is x exactly)
            trait_exprs.append(
                _single_item(frame, trait, instrument).alias(trait_column(trait.key))
            )
            continue
        answered = pl.sum_horizontal(v.is_not_null().cast(pl.Int32) for v in values)
        total = pl.sum_horizontal(v.fill_null(0.0) for v in values)
        mean = total / answered
        score = 100.0 * (mean - scale.min) / span
        trait_exprs.append(
            pl.when(answered >= trait.required_items).then(score).alias(trait_column(trait.key))
        )
    traits = [pl.col(trait_column(t.key)) for t in instrument.traits]
    if instrument.required_traits >= len(traits):
        complete = pl.all_horizontal(t.is_not_null() for t in traits)
    else:
        present = pl.sum_horizontal(t.is_not_null().cast(pl.Int32) for t in traits)
        complete = present >= instrument.required_traits
    # mean_horizontal and all_horizontal skip nulls: the traits a person has.
    mes = pl.when(complete).then(pl.mean_horizontal(traits)).alias(MES)
    energetic = (
        pl.when(complete)
        .then(
            pl.all_horizontal((t >= settings.energetic_at - _EPS).fill_null(True) for t in traits)
        )
        .alias(ENERGETIC)
    )
    outcomes = [
        pl.col(c).cast(pl.Float64)
        for o in instrument.outcomes
        if (c := outcome_column(o.key)) in frame.columns
    ]
    return frame.with_columns(*trait_exprs, *outcomes).with_columns(mes, energetic)


def _single_item(frame: pl.DataFrame, trait: Trait, instrument: Instrument) -> pl.Expr:
    """The 0-100 score of a trait of one item: ``100 * (answer - min) / span``, where answered.

    Validated answers are whole numbers (an integer column): each point of the scale is then
    scored once, by this very expression on a column of the points (polars' arithmetic, whose
    division need not round as Python's does), and the people's answers are looked up in that
    table: the same figures, without a temporary column per operation over all the people.
    """
    scale = instrument.scale
    span = scale.max - scale.min
    item = trait.items[0]
    column = item_column(item.key)
    value = keyed(item.key, item.reverse, instrument)
    score = pl.when(value.is_not_null()).then(100.0 * (value - scale.min) / span)
    dtype = frame.schema[column]
    if not dtype.is_integer():
        return score
    points = pl.int_range(scale.min, scale.max + 1, eager=True).cast(dtype).alias(column)
    scores = points.to_frame().select(score).to_series()
    return pl.col(column).replace_strict(points, scores, default=None, return_dtype=pl.Float64)


@dataclass(frozen=True)
class TraitStats:
    key: str
    n: int  # people of the group with this trait score
    mean: float
    favourable: float  # share 0-1 at or above the favourable threshold
    neutral: float
    unfavourable: float  # share 0-1 at or below the unfavourable threshold


@dataclass(frozen=True)
class OutcomeStats:
    """An outcome over the people of a group who answered it (n >= 1)."""

    key: str
    kind: str
    n: int
    mean: float  # on the outcome's own range
    mean_100: float  # on 0-100
    sd: float | None
    ci_low: float | None  # t-interval of the mean, own range
    ci_high: float | None
    high_share: float  # at or above high_at
    low_share: float  # at or below low_at
    enps: float | None = None  # kind enps: 100 x (high_share - low_share)
    enps_low: float | None = None
    enps_high: float | None = None


@dataclass(frozen=True)
class GroupStats:
    """Statistics of one group's respondents (``respondents`` >= 1): each figure over the people
    it rests on (``n``: those with a MES; each trait's and outcome's own ``n``)."""

    respondents: int
    n: int  # people with a MES; 0: no MES figures
    mean: float | None
    sd: float | None  # sample standard deviation; None for n < 2
    ci_low: float | None  # t-interval of the mean at the settings' confidence; None for n < 2
    ci_high: float | None
    energetic_share: float | None
    traits: tuple[TraitStats, ...]  # the traits with n >= 1
    outcomes: tuple[OutcomeStats, ...] = ()  # the outcomes with n >= 1

    @property
    def focus_trait(self) -> str | None:
        """The trait with the lowest mean (the first in instrument order on a tie)."""
        return min(self.traits, key=lambda t: t.mean).key if self.traits else None


#: Sums of squares are taken about the middle of the 0-100 scale, and an outcome's about its
#: thresholds: what would cancel in ``sq - sum**2 / n`` is then small, and the SD keeps ~14 digits.
_MES_CENTRE = 50.0


def group_sums(
    instrument: Instrument, settings: Settings, outcomes: Sequence[Outcome] = ()
) -> list[pl.Expr]:
    """Per-group sums and counts that add up across groups (a department's are the sums of its
    teams'), so that one pass over the people serves every level; `group_figures` turns summed
    rows into the figures of a group. Each figure skips the people without it."""
    mes = pl.col(MES) - _MES_CENTRE
    sums = [
        pl.len().alias("respondents"),
        pl.col(MES).count().alias("n"),
        mes.sum().alias("mes:sum"),
        (mes * mes).sum().alias("mes:sq"),
        pl.col(ENERGETIC).count().alias("energetic:n"),
        pl.col(ENERGETIC).cast(pl.Int64).sum().alias("energetic:k"),
    ]
    for trait in instrument.traits:
        col = pl.col(trait_column(trait.key))
        sums += [
            col.count().alias(f"{trait.key}:n"),
            col.sum().alias(f"{trait.key}:sum"),
            (col >= settings.favourable_at - _EPS).cast(pl.Int64).sum().alias(f"{trait.key}:fav"),
            (col <= settings.unfavourable_at + _EPS)
            .cast(pl.Int64)
            .sum()
            .alias(f"{trait.key}:unfav"),
        ]
    for outcome in outcomes:
        col = pl.col(outcome_column(outcome.key))
        name = f"outcome:{outcome.key}"
        centred = col - (outcome.high_at + outcome.low_at) / 2.0
        sums += [
            col.count().alias(f"{name}:n"),
            centred.sum().alias(f"{name}:sum"),
            (centred * centred).sum().alias(f"{name}:sq"),
            (col >= outcome.high_at).cast(pl.Int64).sum().alias(f"{name}:high"),
            (col <= outcome.low_at).cast(pl.Int64).sum().alias(f"{name}:low"),
        ]
    return sums


def group_figures(instrument: Instrument, outcomes: Sequence[Outcome] = ()) -> list[pl.Expr]:
    """The figures of a group from its summed `group_sums`: respondents, n, mean and sd of the
    MES, energetic_share; per trait ``key:n``, ``:mean``, ``:fav``, ``:unfav``; per outcome
    ``outcome:key:n``, ``:mean``, ``:sd``, ``:high``, ``:low`` (shares 0-1 of each figure's n)."""

    def n(name: str) -> pl.Expr:
        return pl.col(name).cast(pl.Float64)

    def mean(total: str, count: str, centre: float) -> pl.Expr:
        return pl.when(pl.col(count) > 0).then(pl.col(total) / n(count) + centre)

    def sd(total: str, squares: str, count: str) -> pl.Expr:
        spread = (pl.col(squares) - pl.col(total) ** 2 / n(count)) / (n(count) - 1.0)
        return pl.when(pl.col(count) > 1).then(spread.clip(lower_bound=0.0).sqrt())

    def share(part: str, count: str) -> pl.Expr:
        return pl.when(pl.col(count) > 0).then(pl.col(part) / n(count))

    figures = [
        pl.col("respondents"),
        pl.col("n"),
        mean("mes:sum", "n", _MES_CENTRE).alias("mean"),
        sd("mes:sum", "mes:sq", "n").alias("sd"),
        share("energetic:k", "energetic:n").alias("energetic_share"),
    ]
    for trait in instrument.traits:
        key = trait.key
        figures += [
            pl.col(f"{key}:n"),
            mean(f"{key}:sum", f"{key}:n", 0.0).alias(f"{key}:mean"),
            share(f"{key}:fav", f"{key}:n").alias(f"{key}:fav"),
            share(f"{key}:unfav", f"{key}:n").alias(f"{key}:unfav"),
        ]
    for outcome in outcomes:
        name = f"outcome:{outcome.key}"
        centre = (outcome.high_at + outcome.low_at) / 2.0
        figures += [
            pl.col(f"{name}:n"),
            mean(f"{name}:sum", f"{name}:n", centre).alias(f"{name}:mean"),
            sd(f"{name}:sum", f"{name}:sq", f"{name}:n").alias(f"{name}:sd"),
            share(f"{name}:high", f"{name}:n").alias(f"{name}:high"),
            share(f"{name}:low", f"{name}:n").alias(f"{name}:low"),
        ]
    return figures


def _float(value: object) -> float:
    return float(value)  # type: ignore[arg-type]


def stats_from_row(
    row: dict[str, object],
    instrument: Instrument,
    settings: Settings,
    outcomes: Sequence[Outcome] = (),
) -> GroupStats:
    """Turn one row of `group_figures` into `GroupStats` with its intervals."""
    n = int(row["n"])  # type: ignore[call-overload]
    mean = _float(row["mean"]) if n else None
    sd, low, high = _spread(n, mean, row["sd"], settings.confidence)
    traits = []
    for trait in instrument.traits:
        trait_n = int(row[f"{trait.key}:n"])  # type: ignore[call-overload]
        if not trait_n:
            continue
        fav = _float(row[f"{trait.key}:fav"])
        unfav = _float(row[f"{trait.key}:unfav"])
        traits.append(
            TraitStats(
                key=trait.key,
                n=trait_n,
                mean=_float(row[f"{trait.key}:mean"]),
                favourable=fav,
                neutral=max(0.0, 1.0 - fav - unfav),
                unfavourable=unfav,
            )
        )
    return GroupStats(
        respondents=int(row["respondents"]),  # type: ignore[call-overload]
        n=n,
        mean=mean,
        sd=sd,
        ci_low=low,
        ci_high=high,
        energetic_share=_float(row["energetic_share"]) if n else None,
        traits=tuple(traits),
        outcomes=tuple(
            stats
            for outcome in outcomes
            if (stats := _outcome_stats(row, outcome, settings.confidence)) is not None
        ),
    )


def _spread(
    n: int, mean: float | None, sd_raw: object, confidence: float
) -> tuple[float | None, float | None, float | None]:
    """Standard deviation and t-interval of a mean of ``n`` values (None below 2)."""
    if n < 2 or sd_raw is None or mean is None:
        return None, None, None
    sd = _float(sd_raw)
    half = t_quantile(confidence, n - 1) * sd / math.sqrt(n)
    return sd, mean - half, mean + half


def _outcome_stats(
    row: dict[str, object], outcome: Outcome, confidence: float
) -> OutcomeStats | None:
    name = f"outcome:{outcome.key}"
    n = int(row[f"{name}:n"])  # type: ignore[call-overload]
    if not n:
        return None
    mean = _float(row[f"{name}:mean"])
    sd, low, high = _spread(n, mean, row[f"{name}:sd"], confidence)
    high_share, low_share = _float(row[f"{name}:high"]), _float(row[f"{name}:low"])
    enps = enps_low = enps_high = None
    if outcome.kind == "enps":
        enps, enps_low, enps_high = enps_interval(high_share, low_share, n, confidence)
    return OutcomeStats(
        key=outcome.key,
        kind=outcome.kind,
        n=n,
        mean=mean,
        mean_100=outcome.rescale(mean),
        sd=sd,
        ci_low=low,
        ci_high=high,
        high_share=high_share,
        low_share=low_share,
        enps=enps,
        enps_low=enps_low,
        enps_high=enps_high,
    )


def enps_interval(
    promoters: float, detractors: float, n: int, confidence: float
) -> tuple[float, float, float]:
    """eNPS = 100 x (promoters - detractors), shares 0-1 of ``n`` answers, with its Wald interval.

    The two shares come from one multinomial sample, so the variance of their difference is
    ``[(p+ + p-) - (p+ - p-)**2] / n`` (Var p+ + Var p- - 2 Cov, with Cov = -p+ p- / n); the
    interval is ``eNPS +- z x 100 x sqrt(var)``, clipped to -100..100.
    """
    diff = promoters - detractors
    var = max(0.0, (promoters + detractors) - diff**2) / n
    half = z_quantile(confidence) * 100.0 * math.sqrt(var)
    value = 100.0 * diff
    return value, max(-100.0, value - half), min(100.0, value + half)


def z_quantile(confidence: float) -> float:
    """Two-sided critical value of the standard normal for a ``confidence`` interval (plain
    Python, `mes.tdist`, held to scipy's ``ndtri`` by a test)."""
    from mes.tdist import z_two_sided

    return z_two_sided(confidence)


@lru_cache(maxsize=4096)
def t_quantile(confidence: float, df: float) -> float:
    """Two-sided critical value of Student's t for a ``confidence`` interval.

    Plain Python (`mes.tdist`), held to scipy's ``stdtrit`` within 1e-10 relative by a test:
    importing scipy for it cost a third of an everyday run.
    """
    from mes.tdist import t_two_sided

    return t_two_sided(confidence, float(df))


def response_rate(responded: int, invited: int) -> float:
    """The share of the invited who responded (0-1); ``invited`` must be at least 1."""
    return responded / invited


def margin_of_error(n: int, invited: int, sd: float | None, confidence: float) -> float | None:
    """Half-width of the interval of a group's mean, corrected for a finite population.

    Simple random sampling without replacement of ``n`` out of ``invited`` people (Cochran,
    *Sampling Techniques*, 3rd ed., 1977, section 2.6, Theorems 2.2 and 2.4):
    ``v(ybar) = (1 - f) * s**2 / n`` with ``f = n / N`` and ``s**2`` the sample variance
    (divisor ``n - 1``, unbiased for ``S**2``), so the margin is
    ``t(n - 1) * s / sqrt(n) * sqrt(1 - n / N)``.
    (The form ``sqrt((N - n) / (N - 1))`` belongs with the population variance, divisor ``N``.)
    Everyone answered: 0, there is no sampling error. One respondent out of more: None (no spread).
    """
    if n >= invited:
        return 0.0
    if sd is None or n < 2:
        return None
    return t_quantile(confidence, n - 1) * sd / math.sqrt(n) * math.sqrt(1.0 - n / invited)


@dataclass(frozen=True)
class Reliability:
    trait: str
    items: int
    n: int  # people who answered every item of the trait
    alpha: float | None  # None when it cannot be computed (n < 2, or no variance)
    note: str | None = None


def cronbach_alpha(frame: pl.DataFrame, trait: Trait, instrument: Instrument) -> Reliability:
    """Cronbach's alpha of a multi-item trait, listwise over people who answered all its items.

    ``alpha = k / (k - 1) * (1 - sum(item variances) / variance(item total))`` with sample
    (n - 1) variances, on the reverse-keyed answers.
    """
    k = len(trait.items)
    items = [keyed(i.key, i.reverse, instrument).alias(i.key) for i in trait.items]
    complete = frame.select(items).drop_nulls()
    n = complete.height
    if n < 2:
        return Reliability(trait.key, k, n, None, "fewer than 2 people answered every item")
    item_vars = complete.select(pl.all().var(ddof=1)).row(0)
    total_var = complete.select(pl.sum_horizontal(pl.all()).var(ddof=1)).item()
    if not total_var:
        return Reliability(trait.key, k, n, None, "every answer is the same: no variance")
    alpha = k / (k - 1) * (1.0 - sum(item_vars) / total_var)
    return Reliability(trait.key, k, n, alpha)
