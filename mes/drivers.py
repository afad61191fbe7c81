"""What drives an outcome: how each trait relates to it across people, and which trait to act on.

Pure core (numpy and scipy's special functions). For one outcome ``y`` (say energy at the end of
the workday) and the trait scores ``X`` of the people who answered every trait and the outcome
(the *complete cases*; the analysis says on how many people it rests):

- **Pearson's r** per trait with its interval: Fisher's z, ``tanh(atanh(r) ± z_(1-a/2) /
  sqrt(n - 3))``, the interval ``scipy.stats.pearsonr(...).confidence_interval()`` gives (the
  normal quantile from ``scipy.special.ndtri``, so scoring does not import ``scipy.stats``).
- **Relative importance**: the LMG (Lindeman, Merenda and Gold, 1980) or Shapley decomposition of
  the R² of the linear regression of ``y`` on all traits: a trait's part is the gain in R² when it
  is added, averaged over every order in which the traits can be added. Equivalently, a weighted
  sum over the subsets ``S`` of the other traits: ``|S|! (p - |S| - 1)! / p!`` times
  ``R²(S + trait) - R²(S)``. The parts add up to R² and do not depend on the order of the traits;
  with ``p`` traits it takes the R² of all ``2**p`` subsets, exact and cheap for ``p`` up to about
  ten. R² of a subset comes from the covariance matrix: the residual variance of ``y`` after
  partialling out the subset (Gaussian elimination on the matrix, one trait at a time, depth
  first over the subsets), vectorised over resamples. A trait that adds nothing because it is
  constant or a copy of traits already in adds 0 rather than dividing by zero.
- **Intervals of the parts** (the R² share of each trait, R² itself): the percentile bootstrap,
  ``RESAMPLES`` resamples of the people with replacement, drawn at once as one index matrix, the
  seed derived from the data (the same data gives the same intervals). Above
  ``BOOTSTRAP_LIMIT`` people the bootstrap's large-sample form is used instead, so that the cost
  stays bounded at any size: a normal interval whose standard error is the delta method's
  (the Jacobian of the figures with respect to the means and cross-products, by central
  differences, times the spread of each person's contribution, estimated on at most
  ``INFLUENCE_SAMPLE`` people drawn with the same kind of seed).
- **Priority**: see `priority`.

Nothing here decides which groups are analysed or shown: that is `mes.report` with `mes.privacy`.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]

#: The fewest people a driver analysis rests on (besides the minimum group size): below this an
#: r's interval spans most of -1..1 and the shares are noise.
MIN_PEOPLE = 30
#: Bootstrap resamples per analysis.
RESAMPLES = 1000
#: Above this many people, the normal (delta-method) interval replaces the bootstrap.
BOOTSTRAP_LIMIT = 2000
#: The most people whose contributions estimate the delta method's standard errors.
INFLUENCE_SAMPLE = 20_000
#: How many of the strongest drivers, and of the lowest traits, the priority looks at.
PRIORITY_TOP = 2
#: A pivot this small against its variable's variance means the variable adds nothing new.
_TOLERANCE = 1e-10

IntervalMethod = Literal["bootstrap", "normal"]


@dataclass(frozen=True)
class TraitDriver:
    """How one trait relates to the outcome, over the people the analysis rests on."""

    key: str
    mean: float  # the trait's mean score 0-100 over those people
    r: float  # Pearson's r with the outcome
    r_low: float
    r_high: float
    importance: float  # LMG: the trait's part of R² (the parts add up to R²)
    importance_low: float
    importance_high: float
    share: float  # importance / R²: the trait's share of the explained variance, 0-1
    share_low: float
    share_high: float


@dataclass(frozen=True)
class DriverAnalysis:
    """One outcome in one group: every trait's relation to it, R², and the priority."""

    n: int  # people with every trait and the outcome: what the figures rest on
    r2: float
    r2_low: float
    r2_high: float
    traits: tuple[TraitDriver, ...]
    priority: str | None  # the trait to act on first (see `priority`), if any
    interval_method: IntervalMethod
    resamples: int  # bootstrap resamples; 0 with the normal interval


class NoVariation(ValueError):
    """The outcome or a trait has the same value for everyone: no relation can be computed."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} has the same value for everyone")
        self.what = what


# --- Pearson's r ------------------------------------------------------------------------------


def normal_quantile(confidence: float) -> float:
    """The two-sided critical value of the standard normal for a ``confidence`` interval."""
    from scipy.special import ndtri

    return float(ndtri(1.0 - (1.0 - confidence) / 2.0))


def pearson(
    x: npt.ArrayLike, y: npt.ArrayLike, confidence: float = 0.95
) -> tuple[Array, Array, Array]:
    """Pearson's r of each column of ``x`` (n, p) with ``y`` (n,), and its Fisher-z interval."""
    xs = np.asarray(x, dtype=np.float64)
    ys = np.asarray(y, dtype=np.float64)
    if xs.ndim == 1:
        xs = xs[:, None]
    cov = np.cov(np.column_stack([xs, ys]), rowvar=False, ddof=1)
    r = _correlations(cov)
    low, high = fisher_interval(r, xs.shape[0], confidence)
    return r, low, high


def fisher_interval(r: Array, n: int, confidence: float) -> tuple[Array, Array]:
    """``tanh(atanh(r) ± z / sqrt(n - 3))``: the interval scipy's ``pearsonr`` gives."""
    if n <= 3:
        raise ValueError("an interval of r needs at least 4 people")
    z = np.arctanh(np.clip(r, -1.0, 1.0))
    half = normal_quantile(confidence) / math.sqrt(n - 3)
    return np.tanh(z - half), np.tanh(z + half)


def _correlations(cov: Array) -> Array:
    """r of each predictor with the outcome (the last variable) from a covariance matrix."""
    diag = np.diagonal(cov, axis1=-2, axis2=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        r: Array = cov[..., :-1, -1] / np.sqrt(diag[..., :-1] * diag[..., -1:])
    return np.clip(r, -1.0, 1.0)


# --- R² of every subset, and the LMG decomposition ----------------------------------------------


def subset_r2(cov: npt.ArrayLike) -> Array:
    """R² of the regression of the last variable on every subset of the others.

    ``cov``: covariance matrices, shape (..., q, q), predictors first and the outcome last.
    Returns shape (..., 2**p), ``p = q - 1``, indexed by subset bitmask (bit ``j``: predictor
    ``j``); entry 0, the empty subset, is 0. A predictor that is constant, or already explained
    by the others in the subset, adds nothing (the least-squares fit with a generalised inverse).
    """
    a0 = np.asarray(cov, dtype=np.float64)
    q = a0.shape[-1]
    p = q - 1
    batch = a0.shape[:-2]
    a = np.moveaxis(a0, (-2, -1), (0, 1))  # (q, q, *batch): every operation is vectorised
    vy = a[p, p]
    out = np.zeros((2**p, *batch))
    tol = _TOLERANCE * np.diagonal(a0, axis1=-2, axis2=-1)  # (*batch, q)
    tol = np.moveaxis(tol, -1, 0)

    def visit(m: Array, mask: int, start: int) -> None:
        for j in range(start, p):
            pivot = m[j, j]
            useful = pivot > tol[j]
            safe = np.where(useful, pivot, 1.0)
            update = m[:, j][:, None] * m[j, :][None, :] / safe
            swept = m - np.where(useful, update, 0.0)
            bit = mask | (1 << j)
            with np.errstate(invalid="ignore", divide="ignore"):
                out[bit] = 1.0 - swept[p, p] / vy
            if j + 1 < p:
                visit(swept, bit, j + 1)

    visit(a, 0, 0)
    return np.moveaxis(out, 0, -1)


def lmg_weights(p: int) -> Array:
    """The matrix ``W`` (2**p, p) with ``subset_r2(...) @ W`` the LMG part of each predictor:
    for each subset ``S`` without ``j``, weight ``|S|! (p - |S| - 1)! / p!`` on
    ``R²(S + j) - R²(S)``."""
    w = np.zeros((2**p, p))
    fact = math.factorial
    for j in range(p):
        bit = 1 << j
        for mask in range(2**p):
            if mask & bit:
                continue
            s = mask.bit_count()
            weight = fact(s) * fact(p - s - 1) / fact(p)
            w[mask | bit, j] += weight
            w[mask, j] -= weight
    return w


def lmg(cov: npt.ArrayLike) -> Array:
    """The LMG part of R² of each predictor, from covariance matrices (..., q, q)."""
    r2 = subset_r2(cov)
    p = np.asarray(cov).shape[-1] - 1
    result: Array = r2 @ lmg_weights(p)
    return result


# --- One analysis ---------------------------------------------------------------------------------


def analyse(
    keys: Sequence[str],
    x: npt.ArrayLike,
    y: npt.ArrayLike,
    confidence: float = 0.95,
    *,
    resamples: int = RESAMPLES,
    bootstrap_limit: int = BOOTSTRAP_LIMIT,
) -> DriverAnalysis:
    """Every trait's relation to the outcome: r with its interval, its LMG part of R² and share
    with their intervals, and the priority. ``x`` (n, p) and ``y`` (n,) hold complete cases only.

    Raises `NoVariation` when the outcome or a trait is constant.
    """
    xs = np.asarray(x, dtype=np.float64)
    ys = np.asarray(y, dtype=np.float64)
    n, p = xs.shape
    if n < 4:
        raise ValueError("a driver analysis needs at least 4 people")
    data = np.column_stack([xs, ys])
    centre = data.mean(axis=0)
    cov = np.cov(data, rowvar=False, ddof=1)
    spread = np.diagonal(cov)
    scale = np.maximum(np.abs(centre), 1.0)
    for j, key in enumerate([*keys, "the outcome"]):
        if spread[j] <= (1e-12 * scale[j]) ** 2:
            raise NoVariation(key)
    r = _correlations(cov)
    r_low, r_high = fisher_interval(r, n, confidence)
    point = _figures(cov[None])[0]
    if n <= bootstrap_limit:
        low, high = _bootstrap(data - centre, confidence, resamples)
        method: IntervalMethod = "bootstrap"
    else:
        low, high = _normal_interval(data - centre, confidence)
        method, resamples = "normal", 0
    # A percentile interval always holds its own point estimate in practice; clip for the rare
    # resampling accident so that no output says "0.31 (0.32 to 0.40)".
    low = np.minimum(np.clip(low, 0.0, 1.0), point)
    high = np.maximum(np.clip(high, 0.0, 1.0), point)
    r2 = float(point[0])
    imp, share = point[1 : p + 1], point[p + 1 :]
    traits = tuple(
        TraitDriver(
            key=key,
            mean=float(centre[j]),
            r=float(r[j]),
            r_low=float(r_low[j]),
            r_high=float(r_high[j]),
            importance=float(imp[j]),
            importance_low=float(low[1 + j]),
            importance_high=float(high[1 + j]),
            share=float(share[j]),
            share_low=float(low[1 + p + j]),
            share_high=float(high[1 + p + j]),
        )
        for j, key in enumerate(keys)
    )
    return DriverAnalysis(
        n=n,
        r2=r2,
        r2_low=float(low[0]),
        r2_high=float(high[0]),
        traits=traits,
        priority=priority(traits),
        interval_method=method,
        resamples=resamples,
    )


def _figures(cov: Array) -> Array:
    """Per covariance matrix (m, q, q): R², each LMG part, each share of R² (m, 1 + 2p)."""
    r2_all = subset_r2(cov)
    p = cov.shape[-1] - 1
    r2 = r2_all[:, -1]
    parts = r2_all @ lmg_weights(p)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = parts / r2[:, None]
    shares = np.where(r2[:, None] > 0, shares, np.nan)
    return np.column_stack([r2, parts, shares])


def data_seed(data: Array) -> int:
    """A seed fixed by the data: the same people with the same scores resample the same way."""
    digest = hashlib.sha256(np.ascontiguousarray(data).tobytes()).digest()
    return int.from_bytes(digest[:8], "little")


def _bootstrap(centred: Array, confidence: float, resamples: int) -> tuple[Array, Array]:
    """Percentile intervals of the figures over ``resamples`` resamples of the people."""
    n, q = centred.shape
    rng = np.random.default_rng(data_seed(centred))
    # Cross-products of every person: the resampled covariance is counts @ products.
    products = (centred[:, :, None] * centred[:, None, :]).reshape(n, q * q)
    features = np.column_stack([centred, products])
    chunk = max(1, 2_000_000 // n)  # at most ~16 MB of counts at a time
    figures = []
    for start in range(0, resamples, chunk):
        size = min(chunk, resamples - start)
        index = rng.integers(0, n, size=(size, n))
        offsets = (np.arange(size) * n)[:, None]
        counts = np.bincount((index + offsets).ravel(), minlength=size * n).reshape(size, n)
        sums = counts.astype(np.float64) @ features / n
        mean = sums[:, :q]
        second = sums[:, q:].reshape(size, q, q)
        cov = (second - mean[:, :, None] * mean[:, None, :]) * (n / (n - 1))
        figures.append(_figures(cov))
    values = np.concatenate(figures)
    alpha = (1.0 - confidence) / 2.0
    low, high = np.nanquantile(values, [alpha, 1.0 - alpha], axis=0)
    return low, high


def _normal_interval(centred: Array, confidence: float) -> tuple[Array, Array]:
    """The bootstrap's large-sample form: figure ± z × its delta-method standard error."""
    n, q = centred.shape
    upper = np.triu_indices(q)
    if n > INFLUENCE_SAMPLE:
        rng = np.random.default_rng(data_seed(centred))
        sample = centred[np.sort(rng.choice(n, INFLUENCE_SAMPLE, replace=False))]
    else:
        sample = centred
    means = centred.mean(axis=0)
    second = (centred.T @ centred / n)[upper]
    moments = np.concatenate([means, second])
    features = np.column_stack(
        [sample, (sample[:, :, None] * sample[:, None, :])[:, upper[0], upper[1]]]
    )
    step = 1e-5 * np.maximum(features.std(axis=0), 1e-12)
    d = moments.size
    shifted = np.concatenate([moments + np.diag(step), moments - np.diag(step)])
    values = _figures(_covariances(shifted, q, n))
    jacobian = (values[:d] - values[d:]) / (2.0 * step[:, None])  # (d, figures)
    influence = (features - features.mean(axis=0)) @ jacobian
    se = influence.std(axis=0, ddof=1) / math.sqrt(n)
    point = _figures(_covariances(moments[None], q, n))[0]
    z = normal_quantile(confidence)
    return point - z * se, point + z * se


def _covariances(moments: Array, q: int, n: int) -> Array:
    """Covariance matrices (m, q, q) from rows of [means, upper triangle of E[x x']]."""
    m = moments.shape[0]
    means = moments[:, :q]
    second = np.zeros((m, q, q))
    iu = np.triu_indices(q)
    second[:, iu[0], iu[1]] = moments[:, q:]
    second = second + np.triu(second, 1).transpose(0, 2, 1)
    result: Array = (second - means[:, :, None] * means[:, None, :]) * (n / (n - 1))
    return result


# --- The priority ---------------------------------------------------------------------------------


def priority(traits: Sequence[TraitDriver], top: int = PRIORITY_TOP) -> str | None:
    """The trait to act on first: both low and a strong driver, or None when no trait is both.

    With ``t = min(top, max(1, p // 2))`` (2 of 5 traits): the *strong drivers* are the ``t``
    traits with the largest LMG parts whose r is positive with an interval above 0; the *low
    traits* are the ``t`` traits with the lowest mean scores. The priority is the strong driver
    that is also a low trait, the stronger of the two if both are. Ties go to the trait first in
    the instrument's order.
    """
    t = min(top, max(1, len(traits) // 2))
    order = list(range(len(traits)))
    strongest = sorted(order, key=lambda j: -traits[j].importance)[:t]
    lowest = set(sorted(order, key=lambda j: traits[j].mean)[:t])
    for j in strongest:
        if j in lowest and traits[j].r_low > 0:
            return traits[j].key
    return None


def driver_rank(traits: Sequence[TraitDriver], key: str) -> int:
    """1 for the trait with the largest part of R², 2 for the next, ... (ties: instrument order)."""
    order = sorted(range(len(traits)), key=lambda j: -traits[j].importance)
    return 1 + next(i for i, j in enumerate(order) if traits[j].key == key)


def low_rank(traits: Sequence[TraitDriver], key: str) -> int:
    """1 for the trait with the lowest mean score, 2 for the next, ... (ties: instrument order)."""
    order = sorted(range(len(traits)), key=lambda j: traits[j].mean)
    return 1 + next(i for i, j in enumerate(order) if traits[j].key == key)
