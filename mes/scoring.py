"""Pure scoring: per-person and per-group statistics and reliability, as BRIEF's method defines
them. No groups are chosen and nothing is suppressed here: building a report from these figures
is `mes.report`.

- Trait score of a person: mean of the answered items of the trait after reverse keying
  (``min + max - answer``), rescaled to 0-100; null when fewer than the trait's required items
  were answered.
- MES of a person: mean of all the instrument's trait scores; null unless every trait counts.
- Customer-energetic: every trait score at or above the energetic threshold (75).
- A group's statistics are computed over its *scored* respondents (those with a MES).

Everything is column-wise polars; the t quantile for confidence intervals comes from scipy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

from mes.instrument import Instrument, Trait
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


def keyed(item_key: str, reverse: bool, instrument: Instrument) -> pl.Expr:
    """An item's answers after reverse keying (``min + max - answer`` for reversed items)."""
    col = pl.col(item_column(item_key))
    if reverse:
        return instrument.scale.min + instrument.scale.max - col
    return col


def score_persons(frame: pl.DataFrame, instrument: Instrument, settings: Settings) -> pl.DataFrame:
    """Add ``trait:<key>`` (0-100), ``mes`` (0-100) and ``energetic`` columns to the responses."""
    scale = instrument.scale
    span = scale.max - scale.min
    trait_exprs = []
    for trait in instrument.traits:
        values = [keyed(i.key, i.reverse, instrument) for i in trait.items]
        answered = pl.sum_horizontal(v.is_not_null().cast(pl.Int32) for v in values)
        total = pl.sum_horizontal(v.fill_null(0.0) for v in values)
        mean = total / answered
        score = 100.0 * (mean - scale.min) / span
        trait_exprs.append(
            pl.when(answered >= trait.required_items).then(score).alias(trait_column(trait.key))
        )
    traits = [pl.col(trait_column(t.key)) for t in instrument.traits]
    complete = pl.all_horizontal(t.is_not_null() for t in traits)
    mes = pl.when(complete).then(pl.mean_horizontal(traits)).alias(MES)
    energetic = (
        pl.when(complete)
        .then(pl.all_horizontal(t >= settings.energetic_at - _EPS for t in traits))
        .alias(ENERGETIC)
    )
    return frame.with_columns(trait_exprs).with_columns(mes, energetic)


@dataclass(frozen=True)
class TraitStats:
    key: str
    mean: float
    favourable: float  # share 0-1 at or above the favourable threshold
    neutral: float
    unfavourable: float  # share 0-1 at or below the unfavourable threshold


@dataclass(frozen=True)
class GroupStats:
    """Statistics of one group's scored respondents (n >= 1)."""

    n: int
    mean: float
    sd: float | None  # sample standard deviation; None for n = 1
    ci_low: float | None  # t-interval of the mean at the settings' confidence; None for n = 1
    ci_high: float | None
    energetic_share: float
    traits: tuple[TraitStats, ...]

    @property
    def focus_trait(self) -> str:
        """The trait with the lowest mean (the first in instrument order on a tie)."""
        return min(self.traits, key=lambda t: t.mean).key


def group_aggregations(instrument: Instrument, settings: Settings) -> list[pl.Expr]:
    """The per-group aggregations; apply to scored persons (``mes`` not null) only."""
    aggs = [
        pl.len().alias("n"),
        pl.col(MES).mean().alias("mean"),
        pl.col(MES).std(ddof=1).alias("sd"),
        pl.col(ENERGETIC).cast(pl.Float64).mean().alias("energetic_share"),
    ]
    for trait in instrument.traits:
        col = pl.col(trait_column(trait.key))
        fav = (col >= settings.favourable_at - _EPS).cast(pl.Float64).mean()
        unfav = (col <= settings.unfavourable_at + _EPS).cast(pl.Float64).mean()
        aggs += [
            col.mean().alias(f"{trait.key}:mean"),
            fav.alias(f"{trait.key}:fav"),
            unfav.alias(f"{trait.key}:unfav"),
        ]
    return aggs


def stats_from_row(
    row: dict[str, object], instrument: Instrument, settings: Settings
) -> GroupStats:
    """Turn one row of `group_aggregations` output into `GroupStats` with its interval."""
    n = int(row["n"])  # type: ignore[call-overload]
    mean = float(row["mean"])  # type: ignore[arg-type]
    sd_raw = row["sd"]
    sd = float(sd_raw) if n > 1 and sd_raw is not None else None  # type: ignore[arg-type]
    low = high = None
    if sd is not None:
        half = t_quantile(settings.confidence, n - 1) * sd / math.sqrt(n)
        low, high = mean - half, mean + half
    traits = []
    for trait in instrument.traits:
        fav = float(row[f"{trait.key}:fav"])  # type: ignore[arg-type]
        unfav = float(row[f"{trait.key}:unfav"])  # type: ignore[arg-type]
        traits.append(
            TraitStats(
                key=trait.key,
                mean=float(row[f"{trait.key}:mean"]),  # type: ignore[arg-type]
                favourable=fav,
                neutral=max(0.0, 1.0 - fav - unfav),
                unfavourable=unfav,
            )
        )
    return GroupStats(
        n=n,
        mean=mean,
        sd=sd,
        ci_low=low,
        ci_high=high,
        energetic_share=float(row["energetic_share"]),  # type: ignore[arg-type]
        traits=tuple(traits),
    )


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
