"""The change of the outcome questions (energy, eNPS, scale questions) between two quarters.

Only outcomes that both quarters show for a group, with the same definition (fingerprint), are
compared. Means (energy, scale) get Welch's test on 0-100, the MES's rule for the label; eNPS
gets the difference of two independent eNPS values with the variance var_old + var_new, each
``100² × [(p+ + p-) - (p+ - p-)²] / n`` (see `mes.scoring.enps_interval`), and a z-test.
"""

from __future__ import annotations

import math

from mes.change.statistics import Summary, label_change, welch_test
from mes.results import (
    GroupResult,
    Interval,
    OutcomeChange,
    OutcomeInfo,
    OutcomeResult,
    ScoreReport,
    WelchTest,
)
from mes.scoring import z_quantile


def shared_outcomes(old: ScoreReport, new: ScoreReport) -> list[OutcomeInfo]:
    """The outcomes both quarters have with the same definition, in the newer one's order."""
    before = {o.key: o.fingerprint for o in old.instrument.outcomes}
    return [o for o in new.instrument.outcomes if before.get(o.key) == o.fingerprint]


def outcome_changes(
    old: GroupResult,
    new: GroupResult,
    outcomes: list[OutcomeInfo],
    confidence: float,
    min_change: float,
) -> list[OutcomeChange]:
    """The change of every shared outcome that both sides of a group show."""
    before = {o.key: o for o in old.outcomes or []}
    after = {o.key: o for o in new.outcomes or []}
    out = []
    for info in outcomes:
        a, b = before.get(info.key), after.get(info.key)
        if a is None or b is None:
            continue
        if info.kind == "enps":
            out.append(_enps_change(info, a, b, confidence, min_change))
        else:
            out.append(_mean_change(info, a, b, confidence, min_change))
    return out


def _mean_change(
    info: OutcomeInfo, a: OutcomeResult, b: OutcomeResult, confidence: float, min_change: float
) -> OutcomeChange:
    span = (info.high - info.low) / 100.0  # own range per 0-100 point
    on_100 = welch_test(
        Summary(a.n, a.mean_100, None if a.sd is None else a.sd / span),
        Summary(b.n, b.mean_100, None if b.sd is None else b.sd / span),
        confidence,
    )
    change_100 = b.mean_100 - a.mean_100
    label, reason = label_change(change_100, on_100, confidence, min_change)
    ci = None
    if on_100 is not None:
        ci = Interval(low=on_100.ci.low * span, high=on_100.ci.high * span)
    return OutcomeChange(
        key=info.key,
        kind=info.kind,
        n_old=a.n,
        n_new=b.n,
        old=a.mean,
        new=b.mean,
        change=b.mean - a.mean,
        change_100=change_100,
        ci=ci,
        p=on_100.p if on_100 is not None else None,
        label=label,
        reason=reason,
    )


def enps_variance(promoters: float, detractors: float, n: int) -> float:
    """Variance of an eNPS value (in eNPS points squared) from one multinomial sample of n."""
    diff = promoters - detractors
    return 100.0**2 * max(0.0, (promoters + detractors) - diff**2) / n


def enps_difference(
    a: OutcomeResult, b: OutcomeResult, confidence: float
) -> tuple[float, Interval | None, float | None]:
    """``b.enps - a.enps``, its interval and two-sided p (z-test; independent samples)."""
    from scipy.special import ndtr

    change = (b.enps or 0.0) - (a.enps or 0.0)
    var = enps_variance(a.high_share, a.low_share, a.n) + enps_variance(
        b.high_share, b.low_share, b.n
    )
    if var <= 1e-12:
        return change, None, None
    se = math.sqrt(var)
    half = z_quantile(confidence) * se
    p = float(2.0 * (1.0 - ndtr(abs(change) / se)))
    return change, Interval(low=change - half, high=change + half), p


def _enps_change(
    info: OutcomeInfo, a: OutcomeResult, b: OutcomeResult, confidence: float, min_change: float
) -> OutcomeChange:
    change, ci, p = enps_difference(a, b, confidence)
    test = None
    if ci is not None and p is not None:  # label_change reads p only
        test = WelchTest(t=0.0, df=math.inf, p=p, ci=ci, hedges_g=None)
    label, reason = label_change(change, test, confidence, min_change)
    return OutcomeChange(
        key=info.key,
        kind=info.kind,
        n_old=a.n,
        n_new=b.n,
        old=a.enps or 0.0,
        new=b.enps or 0.0,
        change=change,
        change_100=change,
        ci=ci,
        p=p,
        label=label,
        reason=reason,
    )
