"""Welch's and the paired t-test of `mes.change.statistics`, computed with scipy.special's t
distribution function, against scipy.stats' own tests as the reference."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from mes.change.statistics import Summary, paired_test, welch_test

scores = st.lists(st.integers(min_value=0, max_value=20).map(lambda v: v * 5.0), min_size=2)


def summary(xs: list[float]) -> Summary:
    return Summary(len(xs), float(np.mean(xs)), float(np.std(xs, ddof=1)))


@settings(max_examples=200, deadline=None)
@given(old=scores, new=scores)
def test_welch_equals_scipy_stats(old: list[float], new: list[float]) -> None:
    test = welch_test(summary(old), summary(new), 0.95)
    if test is None:
        assert np.var(old) + np.var(new) < 1e-9  # nothing to test: no spread in either quarter
        return
    a, b = summary(new), summary(old)
    # from the summaries: scipy's ttest_ind warns of precision loss when a quarter has no spread
    expected = stats.ttest_ind_from_stats(a.mean, a.sd, a.n, b.mean, b.sd, b.n, equal_var=False)
    assert test.t == pytest.approx(float(expected.statistic), rel=1e-9)
    assert test.p == pytest.approx(float(expected.pvalue), rel=1e-9, abs=1e-300)
    var_old, var_new = b.sd**2 / b.n, a.sd**2 / a.n  # type: ignore[operator]
    welch_df = (var_old + var_new) ** 2 / (var_old**2 / (b.n - 1) + var_new**2 / (a.n - 1))
    assert test.df == pytest.approx(welch_df, rel=1e-12)


@settings(max_examples=200, deadline=None)
@given(
    pairs=st.lists(
        st.tuples(scores.map(lambda xs: xs[0]), scores.map(lambda xs: xs[1])), min_size=2
    )
)
def test_paired_equals_scipy_ttest_rel(pairs: list[tuple[float, float]]) -> None:
    before = [b for b, _ in pairs]
    after = [a for _, a in pairs]
    mean, test = paired_test(before, after, 0.95)
    assert mean == pytest.approx(float(np.mean(np.subtract(after, before))), abs=1e-12)
    if test is None:
        assert np.ptp(np.subtract(after, before)) < 1e-9
        return
    expected = stats.ttest_rel(after, before)
    assert test.t == pytest.approx(float(expected.statistic), rel=1e-9)
    assert test.p == pytest.approx(float(expected.pvalue), rel=1e-9, abs=1e-300)
    assert test.df == len(pairs) - 1
