"""The driver analysis (mes.drivers) against independent references: scipy called directly for
Pearson's r and its interval, numpy least squares over every order of the traits for the LMG
decomposition, and a published worked example."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scipy import stats

from mes import drivers
from mes.drivers import TraitDriver, analyse, lmg, pearson, priority, subset_r2

KEYS = ("signals", "room", "criticism", "feedback", "speed")


def survey(n: int, seed: int, missing: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Trait scores on the 1-5 grid (0, 25, ..., 100) that go together, and an energy grade
    (1-10) that rests on some of them; with ``missing``, that share of cells blank (NaN)."""
    rng = np.random.default_rng(seed)
    climate = rng.normal(size=(n, 1))
    raw = 0.6 * climate + rng.normal(size=(n, 5))
    x = np.clip(np.round(3 + raw), 1, 5)
    x = 100 * (x - 1) / 4
    energy = 1 + 0.05 * x[:, 1] + 0.03 * x[:, 4] + 0.01 * x[:, 0] + rng.normal(0, 1.5, n)
    y = np.clip(np.round(energy), 1, 10)
    if missing:
        x[rng.random(x.shape) < missing] = np.nan
        y[rng.random(n) < missing] = np.nan
    return x, y


def complete(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    keep = ~np.isnan(x).any(axis=1) & ~np.isnan(y)
    return x[keep], y[keep]


def lstsq_r2(x: np.ndarray, y: np.ndarray, columns: tuple[int, ...]) -> float:
    """R² of y on an intercept and the given columns, by numpy least squares."""
    design = np.column_stack([np.ones(len(y)), x[:, list(columns)]])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    residual = y - design @ coef
    return 1.0 - float(residual @ residual) / float(((y - y.mean()) ** 2).sum())


def brute_force_lmg(x: np.ndarray, y: np.ndarray) -> list[float]:
    """Each trait's gain in R² when it enters, averaged over all p! orders of entry."""
    p = x.shape[1]
    totals = [0.0] * p
    orders = list(itertools.permutations(range(p)))
    for order in orders:
        before = 0.0
        for i, j in enumerate(order):
            after = lstsq_r2(x, y, tuple(sorted(order[: i + 1])))
            totals[j] += after - before
            before = after
    return [t / len(orders) for t in totals]


# --- Pearson's r -----------------------------------------------------------------------------


@pytest.mark.parametrize("confidence", [0.95, 0.9])
def test_r_and_its_interval_are_scipys(confidence: float) -> None:
    x, y = complete(*survey(80, seed=3, missing=0.05))
    r, low, high = pearson(x, y, confidence)
    for j in range(x.shape[1]):
        reference = stats.pearsonr(x[:, j], y)
        ci = reference.confidence_interval(confidence_level=confidence)
        assert r[j] == pytest.approx(reference.statistic, abs=1e-12)
        assert low[j] == pytest.approx(ci.low, abs=1e-12)
        assert high[j] == pytest.approx(ci.high, abs=1e-12)


def test_analysis_reports_scipys_r() -> None:
    x, y = complete(*survey(120, seed=5, missing=0.03))
    result = analyse(KEYS, x, y)
    assert result.n == len(y)
    for j, trait in enumerate(result.traits):
        reference = stats.pearsonr(x[:, j], y)
        ci = reference.confidence_interval()
        assert (trait.r, trait.r_low, trait.r_high) == pytest.approx(
            (reference.statistic, ci.low, ci.high), abs=1e-12
        )
        assert trait.mean == pytest.approx(float(np.mean(x[:, j])))


# --- R² of subsets and the LMG decomposition --------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_subset_r2_is_least_squares_r2(seed: int) -> None:
    x, y = complete(*survey(60, seed=seed, missing=0.04))
    cov = np.cov(np.column_stack([x, y]), rowvar=False)
    r2 = subset_r2(cov)
    assert r2[0] == 0.0
    for mask in range(1, 32):
        columns = tuple(j for j in range(5) if mask >> j & 1)
        assert r2[mask] == pytest.approx(lstsq_r2(x, y, columns), abs=1e-10)


@pytest.mark.parametrize("seed", [11, 12])
def test_lmg_is_the_average_over_all_orders(seed: int) -> None:
    """Against numpy least squares over all 5! = 120 orders, on data with blanks (complete
    cases, as mes analyses them)."""
    x, y = complete(*survey(90, seed=seed, missing=0.05))
    cov = np.cov(np.column_stack([x, y]), rowvar=False)
    assert lmg(cov) == pytest.approx(brute_force_lmg(x, y), abs=1e-10)


def test_parts_add_up_to_r2_and_shares_to_one() -> None:
    x, y = complete(*survey(200, seed=7, missing=0.02))
    result = analyse(KEYS, x, y)
    full = lstsq_r2(x, y, tuple(range(5)))
    assert result.r2 == pytest.approx(full, abs=1e-10)
    assert math.fsum(t.importance for t in result.traits) == pytest.approx(full, abs=1e-10)
    assert math.fsum(t.share for t in result.traits) == pytest.approx(1.0, abs=1e-10)


def test_lmg_does_not_depend_on_the_order_of_the_traits() -> None:
    x, y = complete(*survey(70, seed=8))
    order = [3, 0, 4, 1, 2]
    first = lmg(np.cov(np.column_stack([x, y]), rowvar=False))
    again = lmg(np.cov(np.column_stack([x[:, order], y]), rowvar=False))
    assert again == pytest.approx(first[order], abs=1e-12)


# The `attitude` data of R's datasets package (Chatterjee and Price, 1977): a survey of the
# clerical employees of a large financial organisation, one row per department (30): the
# overall rating and six questions. Copied from R's datasets package via the Rdatasets
# collection (github.com/vincentarelbundock/Rdatasets, csv/datasets/attitude.csv).
# Columns: rating, complaints, privileges, learning, raises, critical, advance.
ATTITUDE = """
43 51 30 39 61 92 45; 63 64 51 54 63 73 47; 71 70 68 69 76 86 48; 61 63 45 47 54 84 35
81 78 56 66 71 83 47; 43 55 49 44 54 49 34; 58 67 42 56 66 68 35; 71 75 50 55 70 66 41
72 82 72 67 71 83 31; 67 61 45 47 62 80 41; 64 53 53 58 58 67 34; 67 60 47 39 59 74 41
69 62 57 42 55 63 25; 68 83 83 45 59 77 35; 77 77 54 72 79 77 46; 81 90 50 72 60 54 36
74 85 64 69 79 79 63; 65 60 65 75 55 80 60; 65 70 46 57 75 85 46; 50 58 68 54 64 78 52
50 40 33 34 43 64 33; 64 61 52 62 66 80 41; 53 66 52 50 63 80 37; 40 37 42 58 50 57 49
63 54 42 48 66 75 33; 66 77 66 63 88 76 72; 78 75 58 74 80 78 49; 48 57 44 45 51 83 38
85 85 71 71 77 74 55; 82 82 39 59 64 78 39
"""


def test_published_example_attitude() -> None:
    """The dominanceanalysis package's README (github.com/clbustos/dominanceAnalysis, for
    ``lm(rating ~ ., attitude)``) publishes each question's average contribution to R² (the
    general dominance statistic, which is LMG) and the R² of the full model, to 3 decimals:
    complaints 0.371, privileges 0.051, learning 0.156, raises 0.120, critical 0.007,
    advance 0.028; R² 0.733; and e.g. complaints + learning 0.708, learning + raises + advance
    0.552."""
    rows = [r.split() for line in ATTITUDE.split("\n") for r in line.split(";") if r.strip()]
    data = np.array(rows, dtype=float)
    assert data.shape == (30, 7)
    y, x = data[:, 0], data[:, 1:]
    cov = np.cov(np.column_stack([x, y]), rowvar=False)
    published = [0.371, 0.051, 0.156, 0.120, 0.007, 0.028]
    assert np.round(lmg(cov), 3).tolist() == published
    r2 = subset_r2(cov)
    assert round(float(r2[-1]), 3) == 0.733
    assert round(float(r2[0b000101]), 3) == 0.708  # complaints + learning
    assert round(float(r2[0b101100]), 3) == 0.552  # learning + raises + advance


def test_a_copy_of_a_trait_adds_nothing_and_does_not_break() -> None:
    """Two identical columns: the subset R² stays the least-squares R² (no division by 0)."""
    x, y = complete(*survey(50, seed=9))
    x = x.copy()
    x[:, 3] = x[:, 1]
    cov = np.cov(np.column_stack([x, y]), rowvar=False)
    r2 = subset_r2(cov)
    assert r2[-1] == pytest.approx(lstsq_r2(x, y, (0, 1, 2, 4)), abs=1e-9)
    parts = lmg(cov)
    assert parts[1] == pytest.approx(parts[3], abs=1e-9)  # a copy shares equally
    assert math.fsum(parts) == pytest.approx(r2[-1], abs=1e-9)


def test_a_constant_trait_or_outcome_is_refused() -> None:
    x, y = complete(*survey(40, seed=10))
    x = x.copy()
    x[:, 2] = 50.0
    with pytest.raises(drivers.NoVariation) as info:
        analyse(KEYS, x, y)
    assert info.value.what == "criticism"
    with pytest.raises(drivers.NoVariation):
        analyse(KEYS, complete(*survey(40, seed=10))[0], np.full(40, 7.0))


# --- Intervals of the parts -------------------------------------------------------------------


def test_bootstrap_is_reproducible() -> None:
    x, y = complete(*survey(150, seed=21, missing=0.02))
    first = analyse(KEYS, x, y)
    again = analyse(KEYS, x.copy(), y.copy())
    assert first == again
    assert first.interval_method == "bootstrap"
    assert first.resamples == drivers.RESAMPLES


@pytest.mark.parametrize("seed", [21, 22, 23, 24])
def test_raw_percentile_interval_holds_the_estimate(seed: int) -> None:
    """The percentile intervals as the resamples give them, before `analyse` makes sure of it:
    in typical data each holds its point estimate (R² and every share)."""
    x, y = complete(*survey(150, seed=seed, missing=0.02))
    prepared = drivers._prepare(KEYS, np.column_stack([x, y]), drivers.BOOTSTRAP_LIMIT)
    assert isinstance(prepared, drivers._Prepared)
    ((low, high),) = drivers._bootstrap_many([prepared], 0.95, drivers.RESAMPLES).values()
    point = drivers._figures(prepared.cov[None])[0]
    assert np.all(low < point)
    assert np.all(point < high)
    assert np.all(low >= 0.0)
    assert np.all(high <= 1.0)


def test_bootstrap_seed_follows_the_data() -> None:
    x, y = complete(*survey(150, seed=21))
    y2 = y.copy()
    y2[0] = 10.0 if y2[0] != 10.0 else 1.0
    assert drivers.data_seed(np.column_stack([x, y])) != drivers.data_seed(np.column_stack([x, y2]))


def test_bootstrap_interval_against_a_plain_bootstrap() -> None:
    """The vectorised resampling (counts times cross-products) against a plain loop: the
    percentile interval of R² over 300 resamples of rows, drawn with the same generator."""
    x, y = complete(*survey(60, seed=4))
    data = np.column_stack([x, y])
    result = analyse(KEYS, x, y, resamples=300)
    rng = np.random.default_rng(drivers.data_seed(data - data.mean(axis=0)))
    values = []
    for _ in range(300):
        rows = rng.integers(0, len(y), size=len(y))
        values.append(lstsq_r2(x[rows], y[rows], tuple(range(5))))
    low, high = np.quantile(values, [0.025, 0.975])
    assert result.r2_low == pytest.approx(low, abs=1e-9)
    assert result.r2_high == pytest.approx(high, abs=1e-9)


@pytest.mark.parametrize(("n", "seed"), [(250, 31), (250, 32), (2500, 33)])
def test_the_large_sample_interval_agrees_with_the_bootstrap(n: int, seed: int) -> None:
    """Above the bootstrap limit the normal (delta-method) interval is used: just above the
    limit it lies within a quarter of the interval's width of the percentile bootstrap of the
    same data (skewed shares near 0 differ most), and closer still for larger groups."""
    x, y = complete(*survey(n, seed=seed))
    normal = analyse(KEYS, x, y, bootstrap_limit=n - 1)
    boot = analyse(KEYS, x, y, bootstrap_limit=n)
    assert normal.interval_method == "normal"
    assert normal.resamples == 0
    assert boot.interval_method == "bootstrap"
    tolerance = 0.25 if n < 1000 else 0.15
    width = boot.r2_high - boot.r2_low
    assert normal.r2_low == pytest.approx(boot.r2_low, abs=tolerance * width)
    assert normal.r2_high == pytest.approx(boot.r2_high, abs=tolerance * width)
    for a, b in zip(normal.traits, boot.traits, strict=True):
        width = b.share_high - b.share_low
        assert a.share_low == pytest.approx(b.share_low, abs=tolerance * width)
        assert a.share_high == pytest.approx(b.share_high, abs=tolerance * width)


def test_quantile_is_numpys_nanquantile() -> None:
    rng = np.random.default_rng(3)
    values = rng.normal(size=(101, 4))
    values[rng.random(values.shape) < 0.1] = np.nan
    for level in (0.025, 0.5, 0.975):
        expected = np.nanquantile(values, level, axis=0)
        assert drivers._quantile(values, level) == pytest.approx(expected, abs=1e-12)


def test_many_groups_at_once_are_each_group_alone() -> None:
    data = [complete(*survey(n, seed=s)) for n, s in ((40, 1), (150, 2), (400, 3))]
    together = drivers.analyse_many(KEYS, [np.column_stack([x, y]) for x, y in data])
    alone = [analyse(KEYS, x, y) for x, y in data]
    assert together == alone


# --- The priority -------------------------------------------------------------------------------


def driver(key: str, mean: float, importance: float, r_low: float = 0.1) -> TraitDriver:
    return TraitDriver(
        key=key, mean=mean, r=0.4, r_low=r_low, r_high=0.6,
        importance=importance, importance_low=0.0, importance_high=1.0,
        share=importance, share_low=0.0, share_high=1.0,
    )  # fmt: skip


def test_priority_is_a_strong_driver_that_is_low() -> None:
    traits = [
        driver("signals", 71, 0.05),
        driver("room", 55, 0.30),  # lowest and strongest
        driver("criticism", 57, 0.02),
        driver("feedback", 63, 0.20),
        driver("speed", 67, 0.04),
    ]
    assert priority(traits) == "room"


def test_priority_takes_the_stronger_of_two_candidates() -> None:
    traits = [
        driver("signals", 71, 0.05),
        driver("room", 55, 0.10),  # lowest, second strongest
        driver("criticism", 57, 0.30),  # second lowest, strongest
        driver("feedback", 63, 0.02),
        driver("speed", 67, 0.04),
    ]
    assert priority(traits) == "criticism"


def test_no_priority_when_the_strong_drivers_are_high() -> None:
    traits = [
        driver("signals", 71, 0.30),
        driver("room", 55, 0.01),
        driver("criticism", 57, 0.02),
        driver("feedback", 63, 0.03),
        driver("speed", 67, 0.25),
    ]
    assert priority(traits) is None


def test_a_driver_whose_r_may_be_zero_is_no_priority() -> None:
    traits = [
        driver("signals", 71, 0.05),
        driver("room", 55, 0.30, r_low=-0.05),  # strongest and lowest, but r may be 0
        driver("criticism", 57, 0.20),  # second lowest and second strongest
        driver("feedback", 63, 0.02),
        driver("speed", 67, 0.04),
    ]
    assert priority(traits) == "criticism"


def test_priority_on_constructed_survey_data() -> None:
    """Energy rests on room (low on average) and speed (high): room is the priority."""
    rng = np.random.default_rng(41)
    n = 400
    x = rng.integers(1, 6, size=(n, 5)).astype(float)
    x[:, 1] = np.clip(x[:, 1] - 1, 1, 5)  # room scores lower
    x[:, 4] = np.clip(x[:, 4] + 1, 1, 5)  # speed higher
    x = 100 * (x - 1) / 4
    y = np.clip(np.round(2 + 0.05 * x[:, 1] + 0.02 * x[:, 4] + rng.normal(0, 1, n)), 1, 10)
    result = analyse(KEYS, x, y)
    assert result.priority == "room"
    assert drivers.driver_rank(result.traits, "room") == 1
    assert drivers.low_rank(result.traits, "room") == 1


def test_a_trait_without_a_shown_score_is_never_low() -> None:
    traits = [
        driver("signals", 71, 0.05),
        driver("room", math.nan, 0.30),  # strongest, its score hidden in the group
        driver("criticism", 57, 0.20),  # lowest shown and second strongest
        driver("feedback", 63, 0.02),
        driver("speed", 67, 0.04),
    ]
    assert priority(traits) == "criticism"
    assert drivers.low_rank(traits, "room") is None
    assert drivers.low_rank(traits, "criticism") == 1
