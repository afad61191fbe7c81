"""The mirror core: the gap test against scipy, verdicts at both thresholds, the definition file,
team matching, and privacy on both sides (a property test over random small organisations)."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

from mes.errors import DataError, InputError
from mes.instrument import builtin
from mes.mirror import MirrorOptions, Summary, gap_test, mirror, verdict
from mes.mirror_definition import builtin_definition, builtin_toml, parse_definition
from mes.mirror_results import GapTest, Interval, MirrorReport
from mes.report import score
from mes.settings import Settings
from mes.validation import validate
from tests.mirror_fixtures import (
    DEFINITION_TOML,
    SECRET_COMMENT,
    SECRET_MAIL,
    SECRET_NAME,
    customer_rows,
    definition,
    employee_rows,
    tables,
)

# --- Statistics -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("c", "e", "conf"),
    [
        (Summary(40, 80.0, 20.0), Summary(12, 66.0, 15.0), 0.95),
        (Summary(5, 50.0, 30.0), Summary(300, 55.0, 10.0), 0.90),
        (Summary(2, 75.0, 0.5), Summary(2, 25.0, 35.0), 0.99),
    ],
)
def test_gap_test_equals_scipy(c: Summary, e: Summary, conf: float) -> None:
    test = gap_test(c, e, conf)
    assert test is not None
    expected = stats.ttest_ind_from_stats(c.mean, c.sd, c.n, e.mean, e.sd, e.n, equal_var=False)
    assert test.t == pytest.approx(expected.statistic, rel=1e-12)
    assert test.p == pytest.approx(expected.pvalue, rel=1e-12)
    # The interval from scipy's own Welch interval (scipy >= 1.11 gives it for raw data only):
    # the half-width is the t quantile at Welch's df times the standard error.
    va, vb = c.sd**2 / c.n, e.sd**2 / e.n  # type: ignore[operator]
    df = (va + vb) ** 2 / (va**2 / (c.n - 1) + vb**2 / (e.n - 1))
    half = stats.t.ppf(1 - (1 - conf) / 2, df) * math.sqrt(va + vb)
    assert test.df == pytest.approx(df)
    assert test.ci.low == pytest.approx(c.mean - e.mean - half)
    assert test.ci.high == pytest.approx(c.mean - e.mean + half)


def test_gap_interval_matches_scipy_on_raw_answers() -> None:
    customers = [5, 4, 4, 5, 3, 4, 5, 5, 2, 4]
    employees = [3, 3, 4, 2, 3, 4]
    to100 = [[25.0 * (x - 1) for x in side] for side in (customers, employees)]
    expected = stats.ttest_ind(to100[0], to100[1], equal_var=False)
    ci = expected.confidence_interval(0.95)

    def summary(xs: list[float]) -> Summary:
        mean = sum(xs) / len(xs)
        return Summary(len(xs), mean, math.sqrt(sum((x - mean) ** 2 for x in xs) / (len(xs) - 1)))

    test = gap_test(summary(to100[0]), summary(to100[1]), 0.95)
    assert test is not None
    assert (test.p, test.ci.low, test.ci.high) == pytest.approx((expected.pvalue, ci.low, ci.high))


@pytest.mark.parametrize(
    ("c", "e"),
    [
        (Summary(1, 80.0, None), Summary(10, 50.0, 10.0)),
        (Summary(5, 75.0, 0.0), Summary(5, 50.0, 0.0)),
    ],
)
def test_no_test_without_spread_or_with_one_answer(c: Summary, e: Summary) -> None:
    assert gap_test(c, e, 0.95) is None
    assert verdict(c.mean - e.mean, None, 0.95, 5.0) == ("in-line", "no-test")


def _test(p: float) -> GapTest:
    return GapTest(t=0.0, df=10.0, p=p, ci=Interval(low=0.0, high=0.0))


@pytest.mark.parametrize(
    ("gap", "p", "expected"),
    [
        (5.0, 0.049, ("underestimate", "significant-gap")),  # exactly min-change: counts
        (-5.0, 0.049, ("overestimate", "significant-gap")),
        (5.0 - 1e-12, 0.01, ("underestimate", "significant-gap")),  # float noise of a 5-point gap
        (4.99, 0.001, ("in-line", "below-min-change")),
        (-4.99, 0.001, ("in-line", "below-min-change")),
        (30.0, 0.05, ("in-line", "not-significant")),  # p must be below 1 - confidence
        (30.0, 0.0999, ("in-line", "not-significant")),
        (30.0, 0.0499999, ("underestimate", "significant-gap")),
        (-30.0, 0.2, ("in-line", "not-significant")),
    ],
)
def test_verdict_at_both_thresholds(gap: float, p: float, expected: tuple[str, str]) -> None:
    assert verdict(gap, _test(p), 0.95, 5.0) == expected


# --- Definition -------------------------------------------------------------------------------


def test_builtin_definition_has_six_aspects_in_both_languages() -> None:
    d = builtin_definition()
    assert [a.key for a in d.aspects] == [
        "friendliness", "speed", "expertise", "promises", "reachability", "first_time",
    ]  # fmt: skip
    for a in d.aspects:
        assert a.name
        assert a.name_nl
        assert any("volgens jou" in h for h in a.employee)
    assert parse_definition(builtin_toml(), "x") == d


@pytest.mark.parametrize(
    ("toml", "said"),
    [
        ("unknown = 1\n" + DEFINITION_TOML, "unknown field 'unknown' (known: id, name,"),
        (DEFINITION_TOML + "\nunknown = 1\n", "aspect 2 'speed': unknown field 'unknown'"),
        (DEFINITION_TOML.replace('key = "speed"', 'key = "friendliness"'), None),
        (DEFINITION_TOML.replace('employee = ["How fast do customers find us?"]', ""),
         "aspect 2 'speed': 'employee' is missing"),
        ('id = "x"\nname = "x"\n[scale]\nmin = 5\nmax = 1\n'
         '[[aspects]]\nkey="a"\nname="A"\ncustomer=["c"]\nemployee=["e"]\n',
         "[scale]: scale max (1) must be above min (5)"),
        ("id = ", None),
    ],
)  # fmt: skip
def test_bad_definition_is_one_input_error(toml: str, said: str | None) -> None:
    """Said in the definition's own words: 1-based aspect numbers with their key, no pydantic."""
    with pytest.raises(InputError) as exc:
        parse_definition(toml, "mine.toml")
    issues = exc.value.issues
    assert {i.code for i in issues} == {"invalid-mirror-definition"}
    assert all(i.location.file == "mine.toml" for i in issues)
    if said:
        assert any(i.message.startswith(said) for i in issues), [i.message for i in issues]


def test_ten_point_scale_for_customers_is_rescaled() -> None:
    d = parse_definition(
        DEFINITION_TOML.replace(
            'name = "Test mirror"',
            'name = "T"\n[scale]\nmin = 1\nmax = 10\n[employee_scale]\nmin = 1\nmax = 5',
        ),
        "t",
    )
    emp, cust = tables(
        employee_rows([("A", "T1", 6)], expect=(3, 3)),
        [[None, None, "T1", "10", "1", None]] * 6,
    )  # fmt: skip
    report = mirror(emp, cust, d, builtin())
    org = report.organisation.aspects
    assert org[0].customers.mean == pytest.approx(100.0)
    assert org[0].customers.mean_on_scale == pytest.approx(10.0)
    assert org[1].customers.mean == pytest.approx(0.0)
    assert report.definition.employee_scale_max == 5


# --- Building the report ----------------------------------------------------------------------

OFFICE = [
    ("Service", "Front", 8),
    ("Service", "Chat", 7),
    ("Service", "Tiny", 3),
    ("Finance", "Pay", 9),
]


def _report(**options: float) -> MirrorReport:
    emp, cust = tables(
        employee_rows(OFFICE),
        customer_rows([("Front", 20), ("Chat", 12), ("Tiny", 9), ("Pay", 4), ("", 3)]),
    )
    return mirror(emp, cust, definition(), builtin(), MirrorOptions(**options))  # type: ignore[arg-type]


def test_organisation_figures_and_verdicts() -> None:
    report = _report()
    org = report.organisation
    assert org.employees == 27
    assert org.customers == 48
    friendly = org.aspects[0]
    answers = [5 - (i % 2) for size in (20, 12, 9, 4, 3) for i in range(size)]
    assert friendly.customers.n == 48
    assert friendly.customers.mean_on_scale == pytest.approx(sum(answers) / 48)
    assert friendly.customers.mean == pytest.approx(100 * (sum(answers) / 48 - 1) / 4)
    assert friendly.verdict == "underestimate"
    assert friendly.gap == pytest.approx(friendly.customers.mean - friendly.employees.mean)  # type: ignore[operator]
    speed = org.aspects[1]
    assert speed.verdict == "overestimate"
    assert report.blind_spots[0].aspect in ("friendliness", "speed")


def test_groups_follow_mes_score_suppression_and_customer_k() -> None:
    report = _report()
    groups = {g.name: g for g in report.groups}
    # Tiny has 3 people: suppressed by mes score; Chat (7) protects it inside Service? No: the
    # remainder Service - Front - Chat = Tiny (3) is below k, so mes score hides Chat too.
    assert groups["Tiny"].suppressed
    assert groups["Tiny"].aspects == []
    assert groups["Chat"].suppressed
    assert not groups["Front"].suppressed
    # Pay has 4 customers: its customer figures are hidden, its employees' are shown.
    pay = groups["Pay"].aspects[0]
    assert pay.customers.mean is None
    assert pay.customers.hidden == "too-few-answers"
    assert pay.employees.mean is not None
    assert pay.gap is None
    assert groups["Pay"].customers is None


def test_customer_names_mail_and_comments_never_reach_the_report() -> None:
    text = _report().model_dump_json()
    for secret in (SECRET_NAME, SECRET_MAIL, SECRET_COMMENT, "Henk", "Piet"):
        assert secret not in text


def test_customer_teams_matching_no_survey_team_give_a_warning_with_closest_matches() -> None:
    emp, cust = tables(
        employee_rows(OFFICE), customer_rows([("Frontt", 10), ("Chatt", 10), ("Elsewhere", 6)])
    )
    report = mirror(emp, cust, definition(), builtin())
    [issue] = [i for i in report.issues if i.code == "unmatched-customer-groups"]
    assert "none of the customer file's teams" in issue.message
    assert "'Frontt' (closest: 'Front')" in issue.message
    assert "'Elsewhere'" in issue.message
    assert "Survey teams: 'Chat', 'Front', 'Pay', 'Tiny'" in issue.message
    assert issue.location.file == "customers.xlsx"
    assert [g.dimension for g in report.groups] == ["organisation"]
    assert report.organisation.customers == 26
    assert report.matching.customer_only == ["Chatt", "Elsewhere", "Frontt"]


def test_team_names_match_ignoring_case_and_spaces() -> None:
    emp, cust = tables(employee_rows(OFFICE), customer_rows([(" front ", 6), ("FRONT", 6)]))
    report = mirror(emp, cust, definition(), builtin())
    front = next(g for g in report.groups if g.name == "Front")
    assert front.customers == 12
    assert not [i for i in report.issues if i.code == "unmatched-customer-groups"]


def test_missing_aspect_columns_in_both_files_are_listed_with_their_location() -> None:
    emp, cust = tables(employee_rows(OFFICE), customer_rows([("Front", 6)]))
    emp = emp.__class__(**{**emp.__dict__, "headers": (*emp.headers[:-1], "something else")})
    cust = cust.__class__(
        **{**cust.__dict__, "headers": (*cust.headers[:3], "x", *cust.headers[4:])}
    )
    with pytest.raises(DataError) as exc:
        mirror(emp, cust, definition(), builtin())
    found = [(i.code, i.location.file, i.location.row) for i in exc.value.issues]
    assert found == [
        ("missing-aspect-column", "staff.xlsx", 1),
        ("missing-aspect-column", "customers.xlsx", 1),
    ]
    assert "'speed'" in exc.value.issues[0].message
    assert "'friendliness'" in exc.value.issues[1].message


def test_customer_answer_out_of_scale_is_located() -> None:
    rows = customer_rows([("Front", 6)])
    rows[2][4] = "7"
    emp, cust = tables(employee_rows(OFFICE), rows)
    with pytest.raises(DataError) as exc:
        mirror(emp, cust, definition(), builtin())
    [issue] = exc.value.issues
    assert (issue.code, issue.location.cell, issue.location.column) == (
        "answer-out-of-range", "E4", "How fast were we?",
    )  # fmt: skip


# --- Privacy: a property test over random small organisations ---------------------------------

K = 5


@st.composite
def organisations(draw: st.DrawFn) -> tuple[list[tuple[str, str, int]], list[tuple[str, int]]]:
    teams = []
    for d in range(draw(st.integers(1, 2))):
        for t in range(draw(st.integers(1, 3))):
            teams.append((f"D{d}", f"T{d}{t}", draw(st.integers(1, 9))))
    customers = [(team, draw(st.integers(0, 9))) for _, team, _ in teams]
    customers.append(("", draw(st.integers(0, 3))))
    return teams, customers


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations(), st.integers(1, 5), st.integers(1, 5))
def test_no_figure_rests_on_fewer_than_k_and_employee_suppression_is_mes_scores(
    org: tuple[list[tuple[str, str, int]], list[tuple[str, int]]], e: int, c: int
) -> None:
    teams, customers = org
    emp, cust = tables(
        employee_rows(teams, expect=(e, 6 - e)), customer_rows(customers, (c, 6 - c))
    )
    ins = builtin()
    try:
        report = mirror(emp, cust, definition(), ins, MirrorOptions(min_group_size=K))
    except DataError:  # e.g. every customer row empty: a located error, never a crash
        return
    scored = score(validate(emp, ins), ins, Settings(min_group_size=K))
    by_id = {g.id: g for g in scored.groups}
    for group in report.groups:
        source = by_id[group.id]
        assert group.suppressed == source.suppressed
        if group.suppressed:
            assert group.aspects == []
            assert group.employees is None
            assert group.customers is None
            continue
        assert group.employees == source.n
        assert group.customers is None or group.customers >= K
        for a in group.aspects:
            for side in (a.customers, a.employees):
                assert (side.mean is None) == (side.n is None) == (side.hidden is not None)
                assert side.n is None or side.n >= K
            assert (a.gap is None) == (a.customers.mean is None or a.employees.mean is None)
    # No subtraction of shown figures gives a set of fewer than k answers.
    shown = {g.id: g for g in report.groups if not g.suppressed}
    for i in range(len(definition().aspects)):
        for side in ("customers", "employees"):
            for parent in shown.values():
                mine = getattr(parent.aspects[i], side).n
                if mine is None:
                    continue
                for dim in ("department", "team"):
                    children = [
                        g for g in shown.values() if g.parent == parent.id and g.dimension == dim
                    ]
                    if not children:
                        continue
                    rest = mine - sum(getattr(ch.aspects[i], side).n or 0 for ch in children)
                    assert rest == 0 or rest >= K, (parent.id, side, i, rest)
    text = report.model_dump_json()
    assert SECRET_NAME not in text
    assert SECRET_MAIL not in text
    assert SECRET_COMMENT not in text
