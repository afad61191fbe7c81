"""What drives an outcome: how each trait relates to it across people, and which trait to act on.

Pure core (numpy; the normal quantile from `mes.tdist`). For one outcome ``y`` (say energy at
the end of the workday) and the trait scores ``X`` of the people who answered every trait and the
outcome (the *complete cases*; the analysis says on how many people it rests):

- **Pearson's r** per trait with its interval: Fisher's z, ``tanh(atanh(r) ± z_(1-a/2) /
  sqrt(n - 3))``, the interval ``scipy.stats.pearsonr(...).confidence_interval()`` gives (the
  normal quantile from `mes.tdist`, held to ``scipy.special.ndtri`` by a test).
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
  ``RESAMPLES`` resamples of the people with replacement, drawn at once as one index matrix
  (counts per person times each person's cross-products give every resample's covariance
  matrix), the seed derived from the data (the same data give the same intervals). Its cost is
  resamples × people, so above ``BOOTSTRAP_LIMIT`` people the bootstrap's large-sample form is
  used instead and the cost stays bounded at any size: a normal interval whose standard error
  is the delta method's (the Jacobian of the figures with respect to the means and
  cross-products, by central differences, times the spread of each person's contribution,
  estimated on at most ``INFLUENCE_SAMPLE`` people drawn with a seed from the data). Just above
  the limit the two agree within a quarter of the interval's width (tests), closest for the
  large shares that decide the priority; the normal interval is symmetric, clipped at 0.
  Many groups are analysed in one batch (`analyse_many`).
- **Priority**: see `priority`.

Nothing here decides which groups are analysed or shown: that is `mes.report` with `mes.privacy`.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from mes.tdist import z_two_sided

Array = npt.NDArray[np.float64]

#: The fewest people a driver analysis rests on (besides the minimum group size): below this an
#: r's interval spans most of -1..1 and the shares are noise.
MIN_PEOPLE = 30
#: Bootstrap resamples per analysis.
RESAMPLES = 1000
#: Above this many people, the normal (delta-method) interval replaces the bootstrap: the
#: bootstrap's cost is resamples x people, and from here on the two agree closely.
BOOTSTRAP_LIMIT = 200
#: The most people whose contributions estimate the delta method's standard errors.
INFLUENCE_SAMPLE = 500
#: Rows of per-person moments the normal interval handles at once (groups padded to one size).
_BATCH_ROWS = 300_000
#: How many of the strongest drivers, and of the lowest traits, the priority looks at.
PRIORITY_TOP = 2
#: A pivot this small against its variable's variance means the variable adds nothing new.
_TOLERANCE = 1e-10
# Products of small matrices use np.einsum, not `@`: on a busy machine OpenBLAS's threads made
# a (1000 x 120) by (120 x 27) product take 20 ms instead of 1 ms.

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
    half = z_two_sided(confidence) / math.sqrt(n - 3)
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

    Depth first over the subsets, in increasing order of their predictors: partialling out
    predictor ``j`` leaves the covariances of the later predictors and the outcome (the Schur
    complement), so each step works on a smaller matrix than the one before.
    """
    a0 = np.asarray(cov, dtype=np.float64)
    q = a0.shape[-1]
    p = q - 1
    batch = a0.shape[:-2]
    flat = a0.reshape(-1, q, q)
    a = np.ascontiguousarray(np.moveaxis(flat, 0, -1))  # (q, q, m): operations run along m
    vy = a[p, p]
    with np.errstate(invalid="ignore", divide="ignore"):
        inv_vy = 1.0 / vy
    out = np.zeros((2**p, flat.shape[0]))
    tol = _TOLERANCE * np.diagonal(a, axis1=0, axis2=1).T  # (q, m)

    def visit(m: Array, first: int, mask: int) -> None:
        # ``m`` covers predictors first..p-1 and the outcome (its last row and column).
        for j in range(first, p):
            r = j - first
            pivot = m[r, r]
            factor = np.where(pivot > tol[j], 1.0 / np.where(pivot > 0, pivot, 1.0), 0.0)
            rest = m[r + 1 :, r + 1 :]
            column = m[r + 1 :, r]
            child = rest - column[:, None] * (column * factor)[None, :]
            bit = mask | (1 << j)
            out[bit] = 1.0 - child[-1, -1] * inv_vy
            if j + 1 < p:
                visit(child, j + 1, bit)

    visit(a, 0, 0)
    return np.moveaxis(out, 0, -1).reshape(*batch, 2**p)


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
    result: Array = np.einsum("...s,sp->...p", r2, lmg_weights(p))
    return result


# --- Analyses -------------------------------------------------------------------------------------


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
    data = np.column_stack([np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)])
    (result,) = analyse_many(
        keys, [data], confidence, resamples=resamples, bootstrap_limit=bootstrap_limit
    )
    if isinstance(result, NoVariation):
        raise result
    return result


@dataclass
class _Prepared:
    n: int
    centre: Array  # means of the traits and the outcome
    centred: Array  # (n, q) data minus centre; for the normal interval a sample of the rows
    cov: Array  # (q, q), divisor n - 1
    method: IntervalMethod


def analyse_many(
    keys: Sequence[str],
    groups: Iterable[Array],
    confidence: float = 0.95,
    *,
    resamples: int = RESAMPLES,
    bootstrap_limit: int = BOOTSTRAP_LIMIT,
) -> list[DriverAnalysis | NoVariation]:
    """`analyse` of many groups at once (the subset R² of every group, resample and shifted
    moment run as one vectorised batch): an analysis per group, or its `NoVariation`.
    Each group is one float array (n, p + 1): the traits, then the outcome, complete cases
    only. ``groups`` may be a generator: each group's data is let go once its moments are taken.
    """
    prepared: list[_Prepared | NoVariation] = []
    for data in groups:
        prepared.append(_prepare(keys, data, bootstrap_limit))
    ready = [g for g in prepared if isinstance(g, _Prepared)]
    if not ready:
        return [g for g in prepared if isinstance(g, NoVariation)]
    points = _figures(np.stack([g.cov for g in ready]))
    boot = [g for g in ready if g.method == "bootstrap"]
    normal = [g for g in ready if g.method == "normal"]
    intervals: dict[int, tuple[Array, Array]] = {}
    intervals.update(_bootstrap_many(boot, confidence, resamples))
    intervals.update(_normal_many(normal, confidence))
    out: list[DriverAnalysis | NoVariation] = []
    i = 0
    for item in prepared:
        if isinstance(item, NoVariation):
            out.append(item)
            continue
        low, high = intervals[id(item)]
        out.append(_analysis(keys, item, points[i], low, high, confidence, resamples))
        i += 1
    return out


def _prepare(keys: Sequence[str], data: Array, bootstrap_limit: int) -> _Prepared | NoVariation:
    """A group's means and covariance matrix, and the rows its interval needs.

    ``data`` may be a view of a larger array: a large group is read, never copied.
    """
    n = data.shape[0]
    if n < 4:
        raise ValueError("a driver analysis needs at least 4 people")
    constant = data.max(axis=0) == data.min(axis=0)
    if constant.any():
        return NoVariation([*keys, "the outcome"][int(np.argmax(constant))])
    centre = data.mean(axis=0)
    if n <= bootstrap_limit:
        centred = data - centre
        cov = np.einsum("ni,nj->ij", centred, centred) / (n - 1)
        return _Prepared(n, centre, centred, cov, "bootstrap")
    # Cross-products of the data as they are, less n times the product of the means: no
    # centred copy of a large group. On scores of 0-100 the cancellation costs about 1e-12 of
    # a variance. BLAS pays off for a large group; for a smaller one its threads cost more.
    product = data.T @ data if n > 20_000 else np.einsum("ni,nj->ij", data, data)
    cov = (product - n * np.outer(centre, centre)) / (n - 1)
    rows = np.arange(n)
    if n > INFLUENCE_SAMPLE:
        # Only a sample is needed beyond this point: many large groups are kept at once.
        # Seeded by the data's moments: as reproducible as a hash of every value, and free.
        rng = np.random.default_rng(data_seed(np.append(cov, n)))
        rows = np.sort(rng.choice(n, INFLUENCE_SAMPLE, replace=False))
    return _Prepared(n, centre, data[rows] - centre, cov, "normal")


def _analysis(
    keys: Sequence[str],
    g: _Prepared,
    point: Array,
    low: Array,
    high: Array,
    confidence: float,
    resamples: int,
) -> DriverAnalysis:
    p = len(keys)
    r = _correlations(g.cov)
    r_low, r_high = fisher_interval(r, g.n, confidence)
    # A percentile interval holds its own point estimate in practice; clip for the rare
    # resampling accident so that no output says "0.31 (0.32 to 0.40)".
    low = np.minimum(np.clip(low, 0.0, 1.0), point)
    high = np.maximum(np.clip(high, 0.0, 1.0), point)
    imp, share = point[1 : p + 1], point[p + 1 :]
    traits = tuple(
        TraitDriver(
            key=key,
            mean=float(g.centre[j]),
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
        n=g.n,
        r2=float(point[0]),
        r2_low=float(low[0]),
        r2_high=float(high[0]),
        traits=traits,
        priority=priority(traits),
        interval_method=g.method,
        resamples=resamples if g.method == "bootstrap" else 0,
    )


def _figures(cov: Array) -> Array:
    """Per covariance matrix (m, q, q): R², each LMG part, each share of R² (m, 1 + 2p)."""
    r2_all = subset_r2(cov)
    p = cov.shape[-1] - 1
    r2 = r2_all[:, -1]
    parts = np.einsum("ms,sp->mp", r2_all, lmg_weights(p))
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = parts / r2[:, None]
    shares = np.where(r2[:, None] > 0, shares, np.nan)
    return np.column_stack([r2, parts, shares])


def data_seed(data: Array) -> int:
    """A seed fixed by the data: the same people with the same scores resample the same way."""
    digest = hashlib.sha256(np.ascontiguousarray(data).tobytes()).digest()
    return int.from_bytes(digest[:8], "little")


def _second_moments(rows: Array) -> Array:
    """Each row's cross-products ``x_a x_b`` for ``a <= b`` (n, q(q+1)/2)."""
    q = rows.shape[1]
    upper = np.triu_indices(q)
    products: Array = rows[:, upper[0]] * rows[:, upper[1]]
    return products


def _covariances(moments: Array, q: int, n: int | Array) -> Array:
    """Covariance matrices (m, q, q) from rows of [means, upper triangle of E[x x']], with
    divisor ``n - 1`` (``n``: one count, or one per row)."""
    m = moments.shape[0]
    means = moments[:, :q]
    second = np.zeros((m, q, q))
    iu = np.triu_indices(q)
    second[:, iu[0], iu[1]] = moments[:, q:]
    second = second + np.triu(second, 1).transpose(0, 2, 1)
    size = np.asarray(n, dtype=np.float64).reshape(-1, 1, 1)
    result: Array = (second - means[:, :, None] * means[:, None, :]) * (size / (size - 1))
    return result


def _bootstrap_many(
    groups: Sequence[_Prepared], confidence: float, resamples: int
) -> dict[int, tuple[Array, Array]]:
    """Percentile intervals of each group's figures over ``resamples`` resamples of its people,
    the index matrix drawn at once from a generator seeded by the group's data."""
    covs = []
    for g in groups:
        n, q = g.centred.shape
        rng = np.random.default_rng(data_seed(g.centred))
        features = np.column_stack([g.centred, _second_moments(g.centred)])
        chunk = max(1, 2_000_000 // n)  # at most ~16 MB of counts at a time
        for start in range(0, resamples, chunk):
            size = min(chunk, resamples - start)
            index = rng.integers(0, n, size=(size, n))
            index += (np.arange(size) * n)[:, None]
            counts = np.bincount(index.ravel(), minlength=size * n).reshape(size, n)
            moments = np.einsum("bn,nf->bf", counts.astype(np.float64), features) / n
            covs.append(_covariances(moments, q, n))
    if not covs:
        return {}
    values = _figures(np.concatenate(covs))
    alpha = (1.0 - confidence) / 2.0
    out = {}
    for i, g in enumerate(groups):
        block = values[i * resamples : (i + 1) * resamples]
        out[id(g)] = (_quantile(block, alpha), _quantile(block, 1.0 - alpha))
    return out


def _quantile(values: Array, level: float) -> Array:
    """Per column, the ``level`` quantile of the values that are not NaN (linear, as numpy's
    default), without numpy's slow per-column path for NaN."""
    ordered = np.sort(values, axis=0)  # NaN sort last
    valid = (~np.isnan(values)).sum(axis=0)
    position = level * np.maximum(valid - 1, 0)
    below = np.floor(position).astype(np.int64)
    above = np.minimum(below + 1, np.maximum(valid - 1, 0))
    cols = np.arange(values.shape[1])
    lo, hi = ordered[below, cols], ordered[above, cols]
    result: Array = np.where(valid > 0, lo + (position - below) * (hi - lo), np.nan)
    return result


def _normal_many(groups: Sequence[_Prepared], confidence: float) -> dict[int, tuple[Array, Array]]:
    """`_normal_batch` over chunks of groups, so that the padded per-person array stays small
    (at most ``_BATCH_ROWS`` rows of moments, about 60 MB)."""
    out: dict[int, tuple[Array, Array]] = {}
    chunk: list[_Prepared] = []
    for g in sorted(groups, key=lambda g: g.n):
        width = min(g.n, INFLUENCE_SAMPLE)  # the widest so far, as the groups come by size
        if chunk and (len(chunk) + 1) * width > _BATCH_ROWS:
            out.update(_normal_batch(chunk, confidence))
            chunk = []
        chunk.append(g)
    if chunk:
        out.update(_normal_batch(chunk, confidence))
    return out


def _normal_batch(groups: Sequence[_Prepared], confidence: float) -> dict[int, tuple[Array, Array]]:
    """The bootstrap's large-sample form: figure ± z × its delta-method standard error.

    All groups in one batch: each group's per-person moments (its people, or at most
    ``INFLUENCE_SAMPLE`` of them, drawn with a seed from the data) padded into one array, the
    Jacobians by central differences on every group's moments at once, and the spread of each
    person's contribution (the influence values) per group."""
    if not groups:
        return {}
    z = z_two_sided(confidence)
    count = len(groups)
    q = groups[0].centred.shape[1]
    d = q + q * (q + 1) // 2
    upper = np.triu_indices(q)
    width = min(max(g.n for g in groups), INFLUENCE_SAMPLE)
    features = np.zeros((count, width, d))
    weight = np.zeros((count, width))
    sizes = np.array([g.n for g in groups], dtype=np.float64)
    moments = np.zeros((count, d))
    for i, g in enumerate(groups):
        sample = g.centred  # at most INFLUENCE_SAMPLE people (`_prepare`)
        k = sample.shape[0]
        features[i, :k, :q] = sample
        features[i, :k, q:] = _second_moments(sample)
        weight[i, :k] = 1.0
        # The data are centred: the means are 0 and E[x x'] is the covariance (divisor n).
        moments[i, q:] = (g.cov * ((g.n - 1) / g.n))[upper]
    rows = weight.sum(axis=1)
    mean = np.einsum("gmd,gm->gd", features, weight) / rows[:, None]
    deviation = (features - mean[:, None, :]) * weight[:, :, None]
    spread = np.sqrt(np.einsum("gmd,gmd->gd", deviation, deviation) / (rows[:, None] - 1))
    step = 1e-5 * np.maximum(spread, 1e-12)  # (count, d)
    shift = np.eye(d)[None, :, :] * step[:, None, :]  # (count, d, d): row j moves moment j
    shifted = np.concatenate(
        [moments[:, None, :] + shift, moments[:, None, :] - shift, moments[:, None, :]], axis=1
    )  # (count, 2d + 1, d)
    n_rows = np.repeat(sizes, 2 * d + 1)
    values = _figures(_covariances(shifted.reshape(-1, d), q, n_rows))
    values = values.reshape(count, 2 * d + 1, -1)
    jacobian = (values[:, :d] - values[:, d : 2 * d]) / (2.0 * step[:, :, None])
    influence = np.einsum("gmd,gdo->gmo", deviation, jacobian)  # 0 on the padding
    variance = np.einsum("gmo,gmo->go", influence, influence) / (rows[:, None] - 1)
    se = np.sqrt(variance / sizes[:, None])
    point = values[:, -1]
    return {id(g): (point[i] - z * se[i], point[i] + z * se[i]) for i, g in enumerate(groups)}


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
    # A trait whose score is not shown has mean NaN (see `mes.driver_report`): never "low".
    scored = [j for j in order if not math.isnan(traits[j].mean)]
    lowest = set(sorted(scored, key=lambda j: traits[j].mean)[:t])
    for j in strongest:
        if j in lowest and traits[j].r_low > 0:
            return traits[j].key
    return None


def driver_rank(traits: Sequence[TraitDriver], key: str) -> int:
    """1 for the trait with the largest part of R², 2 for the next, ... (ties: instrument order)."""
    order = sorted(range(len(traits)), key=lambda j: -traits[j].importance)
    return 1 + next(i for i, j in enumerate(order) if traits[j].key == key)


def low_rank(traits: Sequence[TraitDriver], key: str) -> int | None:
    """1 for the trait with the lowest mean score, 2 for the next, ... (ties: instrument order);
    None for a trait whose mean is NaN (not shown)."""
    scored = [j for j in range(len(traits)) if not math.isnan(traits[j].mean)]
    order = sorted(scored, key=lambda j: traits[j].mean)
    return next((1 + i for i, j in enumerate(order) if traits[j].key == key), None)
