"""The plain-Python t quantile (`mes.tdist`) against scipy's ``stdtrit`` as the oracle.

The score path computes its interval's critical value without importing scipy (a quarter of a
second of an everyday run); it must agree with scipy to 1e-10 relative over degrees of freedom
1 to 10^7 and confidence levels 0.8 to 0.999 (issue 15).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import stdtrit

from mes.scoring import t_quantile
from mes.tdist import t_two_sided, z_two_sided

RELATIVE = 1e-10


def oracle(confidence: float, df: float) -> float:
    return float(stdtrit(df, 1.0 - (1.0 - confidence) / 2.0))


# every whole df to 300 (the small groups), then 200 log-spaced up to 10^7, whole and not
WHOLE = [*range(1, 301), *np.unique(np.logspace(np.log10(300), 7, 200).round()).tolist()]
FRACTIONAL = [1.5, 2.5, 3.3, 7.9, 29.5, 59.99, 60.0, 60.01, 123.4, 4567.8, 9_999_999.5]
CONFIDENCES = [*np.linspace(0.8, 0.999, 41).tolist(), 0.9, 0.95, 0.99, 0.995, 0.999]


def test_dense_grid_agrees_with_scipy() -> None:
    worst = 0.0
    for df in [*WHOLE, *FRACTIONAL]:
        for confidence in CONFIDENCES:
            expected = oracle(confidence, float(df))
            got = t_two_sided(confidence, float(df))
            worst = max(worst, abs(got - expected) / expected)
    assert worst < RELATIVE


@settings(max_examples=300, deadline=None)
@given(
    confidence=st.floats(min_value=0.8, max_value=0.999),
    df=st.one_of(
        st.integers(min_value=1, max_value=10_000_000),
        st.floats(min_value=1.0, max_value=1e7),
    ),
)
def test_any_level_and_df_agrees_with_scipy(confidence: float, df: float) -> None:
    expected = oracle(confidence, float(df))
    assert t_two_sided(confidence, float(df)) == pytest.approx(expected, rel=RELATIVE, abs=0)


@pytest.mark.parametrize(("confidence", "df"), [(0.95, 1), (0.8, 1), (0.95, 2), (0.999, 2)])
def test_closed_forms(confidence: float, df: int) -> None:
    # 1 df: Cauchy, tan(pi/2 c); 2 df: c * sqrt(2 / (1 - c^2)), checked by its CDF
    t = t_two_sided(confidence, df)
    if df == 1:
        assert math.atan(t) * 2 / math.pi == pytest.approx(confidence, rel=1e-14)
    else:
        assert t / math.sqrt(t * t + 2) == pytest.approx(confidence, rel=1e-14)
    assert t == pytest.approx(oracle(confidence, df), rel=RELATIVE)


def test_scoring_uses_it_and_infinite_df_is_normal() -> None:
    assert t_quantile(0.95, 10) == t_two_sided(0.95, 10.0)
    assert t_two_sided(0.95, math.inf) == pytest.approx(1.959963984540054, rel=1e-14)


@pytest.mark.parametrize(("confidence", "df"), [(0.0, 5), (1.0, 5), (0.95, 0), (0.95, -1)])
def test_refuses_what_has_no_quantile(confidence: float, df: float) -> None:
    with pytest.raises(ValueError, match="need 0 < confidence < 1"):
        t_two_sided(confidence, df)


def test_the_normal_quantile_agrees_with_scipy() -> None:
    from scipy.special import ndtri

    for confidence in [*np.linspace(0.5, 0.9999, 400).tolist(), 0.8, 0.9, 0.95, 0.99, 0.999]:
        expected = float(ndtri(1.0 - (1.0 - confidence) / 2.0))
        assert math.isclose(z_two_sided(confidence), expected, rel_tol=1e-12), confidence
    with pytest.raises(ValueError, match="confidence"):
        z_two_sided(1.0)
