"""The statistics of change: Welch's test on two groups' summaries, Hedges' g, the paired test
of the same people in two quarters, and the label (rising, falling, stable) of a change.

A change is *rising* or *falling* only when it is both significant at the confidence level and at
least ``min_change`` points, else *stable*. scipy.special (the t distribution function) is
imported inside the functions that test; scipy.stats, which would cost most of a second, is not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mes.results import (
    ChangeLabel,
    Interval,
    PairedTest,
    WelchTest,
)
from mes.scoring import t_quantile

# Scores are means of whole answers; a change of exactly --min-change points may come out a
# hair below it in binary floating point and must still count.
_EPS = 1e-9

# A variance this small means everyone in both quarters has the same score: nothing to test.
_NO_SPREAD = 1e-12


@dataclass(frozen=True)
class Summary:
    """What a test needs of one side (a group in one quarter, or customers or employees):
    count, mean and standard deviation (0-100)."""

    n: int
    mean: float
    sd: float | None  # None for n = 1


# Differences whose spread is below this share of their mean differ only by rounding.
_PRECISION = 1e-12


# --- Tests and labels -------------------------------------------------------------------------


def two_sided_p(t: float, df: float) -> float:
    """``P(|T| >= |t|)`` for Student's t with ``df`` degrees of freedom: what scipy.stats' t-tests
    report, from the t distribution function of scipy.special (a third of scipy.stats' import)."""
    from scipy.special import stdtr

    return float(2.0 * stdtr(df, -abs(t)))


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
    # Welch-Satterthwaite degrees of freedom: the same ones scipy.stats uses for the p-value.
    df = se2**2 / (var_new**2 / (new.n - 1) + var_old**2 / (old.n - 1))
    half = t_quantile(confidence, df) * math.sqrt(se2)
    change = new.mean - old.mean
    t = change / math.sqrt(se2)
    return WelchTest(
        t=t,
        df=df,
        p=two_sided_p(t, df),
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


def paired_test(
    before: object, after: object, confidence: float
) -> tuple[float, PairedTest | None]:
    """Mean within-person change and the paired t-test (scipy's ttest_rel) with its interval."""
    import numpy as np

    old = np.asarray(before, dtype=float)
    new = np.asarray(after, dtype=float)
    d = new - old
    mean = float(d.mean())
    if len(d) < 2 or float(d.max() - d.min()) <= _EPS:
        return mean, None  # everyone changed by the same amount: no spread to test against
    sd = float(d.std(ddof=1))
    if sd <= _PRECISION * abs(mean):
        return mean, None  # differences equal but for rounding: t would be noise (scipy warns)
    df = len(d) - 1
    se = sd / math.sqrt(len(d))
    t = mean / se
    half = t_quantile(confidence, df) * se
    return mean, PairedTest(
        t=t,
        df=df,
        p=two_sided_p(t, df),
        ci=Interval(low=mean - half, high=mean + half),
    )
