"""Scoring checked against figures computed by hand (BRIEF's method)."""

from __future__ import annotations

import math
import random

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from mes.instrument import Instrument, builtin, parse_instrument
from mes.report import score
from mes.scoring import cronbach_alpha, score_persons, t_quantile, trait_column
from mes.settings import Settings
from mes.validation import validate
from tests.conftest import make_table

TWO_ITEM = """
id = "two"
name = "Two items"
[scale]
min = 1
max = 5
[[traits]]
key = "energy"
name = "Energy"
[[traits.items]]
key = "e1"
[[traits.items]]
key = "e2"
reverse = true
[[traits]]
key = "room"
name = "Room"
[[traits.items]]
key = "r1"
"""


def persons(rows, instrument, headers):
    table = make_table(rows, headers)
    return score_persons(validate(table, instrument).frame, instrument, Settings())


def test_single_item_traits_by_hand(mes5: Instrument) -> None:
    # answers 4,5,4,5,4 -> 75,100,75,100,75 -> MES 85; all >= 75 -> energetic
    frame = persons([["1", "A", "T", "4", "5", "4", "5", "4"]], mes5, make_headers())
    row = frame.row(0, named=True)
    keys = ("signals", "room", "criticism", "feedback", "speed")
    assert [row[trait_column(k)] for k in keys] == [75.0, 100.0, 75.0, 100.0, 75.0]
    assert row["mes"] == pytest.approx(85.0)
    assert row["energetic"] is True


def make_headers() -> tuple[str, ...]:
    return ("id", "afdeling", "team", "signals", "room", "criticism", "feedback", "speed")


def test_one_trait_below_75_is_not_energetic(mes5: Instrument) -> None:
    frame = persons([["1", "A", "T", "5", "5", "5", "5", "3"]], mes5, make_headers())
    row = frame.row(0, named=True)
    assert row["mes"] == pytest.approx((100 * 4 + 50) / 5)
    assert row["energetic"] is False


def test_missing_answer_leaves_trait_and_mes_unscored(mes5: Instrument) -> None:
    frame = persons([["1", "A", "T", "5", "", "n.v.t.", "5", "3"]], mes5, make_headers())
    row = frame.row(0, named=True)
    assert row[trait_column("room")] is None
    assert row[trait_column("criticism")] is None  # "n.v.t." is missing, never 0
    assert row["mes"] is None
    assert row["energetic"] is None


def test_reverse_keying_and_min_items() -> None:
    ins = parse_instrument(TWO_ITEM, "two.toml")
    headers = ("id", "team", "e1", "e2", "r1")
    rows = [
        ["a", "T", "5", "1", "3"],  # e2 reversed: 1 -> 5; energy = (5+5)/2 = 5 -> 100
        ["b", "T", "4", "", "2"],  # one of two items answered: ceil(2/2) = 1 is enough -> 75
        ["c", "T", "", "", "2"],  # energy not answered -> no MES
    ]
    frame = persons(rows, ins, headers)
    energy = frame[trait_column("energy")].to_list()
    assert energy == [100.0, 75.0, None]
    assert frame["mes"].to_list() == [pytest.approx((100 + 50) / 2), pytest.approx(50.0), None]


def test_seven_point_scale_threshold_is_exact() -> None:
    # On 1-7, 5.5 is exactly 75 in real numbers but 74.999... in binary floating point.
    text = TWO_ITEM.replace("max = 5", "max = 7")
    ins = parse_instrument(text, "seven.toml")
    frame = persons([["a", "T", "6", "3", "6"]], ins, ("id", "team", "e1", "e2", "r1"))
    # energy: (6 + (1+7-3)) / 2 = 5.5 -> 75; room 6 -> 83.33
    assert frame[trait_column("energy")][0] == pytest.approx(75.0)
    assert frame["energetic"][0] is True


def test_group_statistics_by_hand(mes5: Instrument) -> None:
    # Five people, MES 100, 75, 50, 25, 0 (all traits equal per person).
    answers = ["5", "4", "3", "2", "1"]
    rows = [[str(i), "A", "T", a, a, a, a, a] for i, a in enumerate(answers)]
    report = score(validate(make_table(rows), mes5), mes5, Settings())
    org = report.organisation
    assert org.n == 5
    assert org.mes == pytest.approx(50.0)
    sd = math.sqrt(sum((x - 50) ** 2 for x in (100, 75, 50, 25, 0)) / 4)
    assert org.sd == pytest.approx(sd)
    half = stats.t.ppf(0.975, 4) * sd / math.sqrt(5)  # independent reference: scipy.stats
    assert org.ci.low == pytest.approx(50 - half)
    assert org.ci.high == pytest.approx(50 + half)
    assert org.energetic_share == pytest.approx(2 / 5)
    signals = org.traits[0]
    assert (signals.favourable, signals.neutral, signals.unfavourable) == pytest.approx(
        (2 / 5, 1 / 5, 2 / 5)
    )


def test_focus_trait_is_lowest_mean_first_on_tie(mes5: Instrument) -> None:
    rows = [[str(i), "A", "T", "5", "2", "2", "4", "4"] for i in range(5)]
    report = score(validate(make_table(rows), mes5), mes5, Settings())
    assert report.organisation.focus_trait == "room"  # room and criticism tie; room comes first


def test_organisation_mes_is_mean_over_people_not_teams(mes5: Instrument) -> None:
    rows = [[f"a{i}", "A", "Big", "5", "5", "5", "5", "5"] for i in range(15)]
    rows += [[f"b{i}", "A", "Small", "1", "1", "1", "1", "1"] for i in range(5)]
    report = score(validate(make_table(rows), mes5), mes5, Settings())
    assert report.organisation.mes == pytest.approx(100 * 15 / 20)  # not (100 + 0) / 2


@pytest.mark.parametrize(("confidence", "df"), [(0.95, 4), (0.9, 10), (0.99, 1)])
def test_t_quantile_matches_scipy_stats(confidence: float, df: int) -> None:
    assert t_quantile(confidence, df) == pytest.approx(stats.t.ppf(1 - (1 - confidence) / 2, df))


def test_cronbach_alpha_worked_example() -> None:
    # Worked by hand: 3 items, 5 people. Item variances (n-1): a 4/4 = 1.0, b 5.2/4 = 1.3,
    # c 1.2/4 = 0.3 -> sum 2.6; totals 7, 9, 11, 12, 6 -> variance 26/4 = 6.5;
    # alpha = 3/2 * (1 - 2.6/6.5) = 0.9.
    text = """
id = "three"
name = "Three"
[[traits]]
key = "t"
name = "T"
[[traits.items]]
key = "a"
[[traits.items]]
key = "b"
[[traits.items]]
key = "c"
"""
    ins = parse_instrument(text, "three.toml")
    data = [(2, 3, 2), (3, 3, 3), (4, 4, 3), (4, 5, 3), (2, 2, 2)]
    frame = pl.DataFrame(
        {f"item:{k}": [float(r[i]) for r in data] for i, k in enumerate("abc")}
    ).with_columns(pl.lit(None, dtype=pl.Float64).alias("unused"))
    rel = cronbach_alpha(frame, ins.traits[0], ins)
    assert rel.n == 5
    item_vars = [stats.tvar([r[i] for r in data]) for i in range(3)]
    assert sum(item_vars) == pytest.approx(2.6)
    assert stats.tvar([sum(r) for r in data]) == pytest.approx(6.5)
    assert rel.alpha == pytest.approx(0.9)


def test_cronbach_alpha_is_listwise_and_reverse_keyed() -> None:
    ins = parse_instrument(TWO_ITEM, "two.toml")
    # e2 is reverse-keyed: stored 1..5 becomes 5..1, so e1 and reversed e2 agree perfectly.
    frame = pl.DataFrame(
        {"item:e1": [1.0, 2.0, 3.0, 4.0, None], "item:e2": [5.0, 4.0, 3.0, 2.0, 1.0]}
    )
    rel = cronbach_alpha(frame, ins.traits[0], ins)
    assert rel.n == 4  # the row with a missing item is left out
    assert rel.alpha == pytest.approx(1.0)


def test_reliability_reported_with_warning_below_threshold() -> None:
    ins = parse_instrument(TWO_ITEM, "two.toml")
    headers = ("id", "team", "e1", "e2", "r1")
    # e1 and reversed e2 disagree: alpha is negative, below 0.70.
    rows = [[str(i), "T", str(a), str(b), "3"] for i, (a, b) in enumerate(
        [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (1, 2)]
    )]  # fmt: skip
    report = score(validate(make_table(rows, headers), ins), ins, Settings())
    (rel,) = report.reliability
    assert rel.trait == "energy"
    assert rel.alpha is not None
    assert rel.alpha < 0.7
    assert rel.below_threshold
    assert [i.code for i in report.issues if i.code == "low-reliability"] == ["low-reliability"]


answers = st.one_of(st.none(), st.integers(1, 5).map(str))
people = st.lists(
    st.tuples(
        st.sampled_from(["A", "B"]),
        st.sampled_from(["x", "y", "z"]),
        st.lists(answers, min_size=5, max_size=5),
    ),
    min_size=1,
    max_size=40,
)


def _rows(members: list[tuple[str, str, list[str | None]]]) -> list[list[str | None]]:
    return [[str(i), d, f"{d}{t}", *a] for i, (d, t, a) in enumerate(members)]


@pytest.mark.slow  # 60 generated organisations, each validated and scored
@settings(max_examples=60, deadline=None)
@given(people)
def test_scores_stay_within_bounds(members: list[tuple[str, str, list[str | None]]]) -> None:
    ins = builtin()
    rows = _rows(members)
    if all(all(a is None for a in m[2]) for m in members):
        return  # no answers at all: nothing to score (validation says so)
    frame = score_persons(validate(make_table(rows), ins).frame, ins, Settings())
    for column in [*(trait_column(t.key) for t in ins.traits), "mes"]:
        values = frame[column].drop_nulls()
        assert values.is_between(0.0, 100.0).all()
    report = score(validate(make_table(rows), ins), ins, Settings())
    for group in report.groups:
        if group.mes is not None:
            assert 0.0 <= group.mes <= 100.0
            assert 0.0 <= (group.energetic_share or 0.0) <= 1.0
            for trait in group.traits or []:
                assert trait.favourable + trait.neutral + trait.unfavourable == pytest.approx(1.0)


@pytest.mark.slow  # 40 generated organisations, each scored twice
@settings(max_examples=40, deadline=None)
@given(people, st.randoms(use_true_random=False))
def test_row_order_does_not_change_the_result(
    members: list[tuple[str, str, list[str | None]]], rnd: random.Random
) -> None:
    ins = builtin()
    rows = _rows(members)
    if all(all(a is None for a in m[2]) for m in members):
        return
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    first = score(validate(make_table(rows), ins), ins, Settings())
    second = score(validate(make_table(shuffled), ins), ins, Settings())
    for a, b in zip(first.groups, second.groups, strict=True):
        assert a.id == b.id
        assert a.suppressed == b.suppressed
        assert a.n == b.n
        if a.mes is not None:
            assert a.mes == pytest.approx(b.mes)
            assert a.sd == pytest.approx(b.sd, nan_ok=True)
