"""``mes link``: team energy beside the customer score; correlations against scipy, privacy on
both sides, bad input, and the command's table and JSON."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest
from scipy import stats
from typer.testing import CliRunner, Result

from mes.errors import DataError
from mes.instrument import Scale, builtin
from mes.link import detectable_r, link, spearman_interval
from mes.mirror_results import LinkReport, LinkTeam
from mes.schemas import schema_text
from tests.conftest import MES5_HEADERS, make_table

runner = CliRunner()
ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"
CUSTOMER_HEADERS = ("Naam", "team", "Rapportcijfer", "Opmerking")


def _survey(sizes: list[int]) -> list[list[str | None]]:
    rows: list[list[str | None]] = []
    for t, size in enumerate(sizes):
        for i in range(size):
            level = 1 + (t + i // 3) % 5  # teams differ in MES
            rows.append(
                [f"p{t}-{i}", "Dept", f"T{t}", *[str(min(5, level + j % 2)) for j in range(5)]]
            )
    return rows


def _customers(grades: dict[str, list[int]]) -> list[list[str | None]]:
    return [["Klant X", team, str(g), "geheim"] for team, gs in grades.items() for g in gs]


def _report(sizes: list[int], grades: dict[str, list[int]], **kw: object) -> LinkReport:
    survey = make_table(_survey(sizes), MES5_HEADERS, source="staff.xlsx")
    customers = make_table(_customers(grades), CUSTOMER_HEADERS, source="klanten.xlsx")
    return link(survey, customers, builtin(), **kw)  # type: ignore[arg-type]


GRADES = {
    "T0": [6, 7, 6, 5, 6], "T1": [7, 8, 7, 7, 8, 6], "T2": [8, 9, 8, 8, 7],
    "T3": [5, 6, 5, 6, 4, 5], "T4": [9, 8, 9, 9, 8], "T5": [7, 7, 6, 8, 7],
    "T6": [3, 9, 4],  # fewer than 5 customers: hidden, takes no part
}  # fmt: skip


def test_correlations_equal_scipy_on_the_teams_shown() -> None:
    report = _report([6, 7, 8, 6, 9, 7, 6, 3], GRADES)
    teams = {t.name: t for t in report.teams}
    assert teams["T6"].customer_score is None
    assert teams["T6"].customer_hidden == "too-few-answers"
    assert teams["T7"].suppressed  # 3 people, and T0 hides with it, exactly as mes score does
    assert teams["T0"].suppressed
    assert teams["T0"].customer_score is None
    shown = [t for t in report.teams if t.mes is not None and t.customer_score is not None]
    assert [t.name for t in shown] == ["T1", "T2", "T3", "T4", "T5"]
    xs = [t.mes for t in shown]
    ys = [t.customer_score for t in shown]
    assert ys[0] == pytest.approx(100 * (sum(GRADES["T1"]) / 6 - 1) / 9)
    mes = next(c for c in report.correlations if c.measure == "mes")
    pearson = stats.pearsonr(xs, ys)
    ci = pearson.confidence_interval(0.95)
    assert (mes.pearson_r, mes.pearson_p) == pytest.approx((pearson.statistic, pearson.pvalue))
    assert mes.pearson_ci is not None
    assert (mes.pearson_ci.low, mes.pearson_ci.high) == pytest.approx((ci.low, ci.high))
    spearman = stats.spearmanr(xs, ys)
    assert (mes.spearman_rho, mes.spearman_p) == pytest.approx(
        (spearman.statistic, spearman.pvalue)
    )
    assert mes.teams == 5
    text = report.model_dump_json()
    assert "Klant X" not in text
    assert "geheim" not in text


def test_spearman_interval_is_fisher_z_with_bonett_wright() -> None:
    rho, n = 0.6, 10
    z, se = math.atanh(rho), math.sqrt(1.06 / (n - 3))
    q = stats.norm.ppf(0.975)
    ci = spearman_interval(rho, n, 0.95)
    assert ci is not None
    assert (ci.low, ci.high) == pytest.approx((math.tanh(z - q * se), math.tanh(z + q * se)))
    assert spearman_interval(0.5, 3, 0.95) is None


@pytest.mark.parametrize("n", [3, 8, 20])
def test_detectable_r_is_exactly_significant(n: int) -> None:
    r = detectable_r(n, 0.95)
    assert r is not None
    t = r * math.sqrt((n - 2) / (1 - r * r))
    assert 2 * stats.t.sf(t, n - 2) == pytest.approx(0.05)
    assert detectable_r(2, 0.95) is None


def test_fewer_than_three_teams_give_no_correlation() -> None:
    report = _report([6, 7], {"T0": [6] * 5, "T1": [8] * 6})
    assert all(c.pearson_r is None for c in report.correlations)


def test_missing_score_column_and_out_of_scale_scores_are_located() -> None:
    survey = make_table(_survey([6, 6]), MES5_HEADERS, source="staff.xlsx")
    customers = make_table(
        [["a", "T0", "7", ""]], ("Naam", "team", "Oordeel", "x"), source="k.xlsx"
    )
    with pytest.raises(DataError) as exc:
        link(survey, customers, builtin())
    assert [(i.code, i.location.file, i.location.row) for i in exc.value.issues] == [
        ("missing-score-column", "k.xlsx", 1)
    ]
    customers = make_table([["a", "T0", "11", ""]], CUSTOMER_HEADERS, source="k.xlsx")
    with pytest.raises(DataError) as exc:
        link(survey, customers, builtin(), scale=Scale(min=1, max=10))
    assert [(i.code, i.location.cell) for i in exc.value.issues] == [("answer-out-of-range", "C2")]


def run(*args: str, code: int = 0) -> Result:
    result = runner.invoke(app_(), list(args), env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == code, f"{result.exit_code}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stdout + result.stderr
    return result


def app_():  # type: ignore[no-untyped-def]
    from mes.cli.app import app

    return app


def test_command_table_json_and_schema_on_the_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    args = ("link", "sample_data/2026-Q3.xlsx", "sample_data/2026-Q3-customers.xlsx")
    table = run(*args).stdout
    golden = GOLDEN / "link-en-80.txt"
    if os.environ.get("MES_UPDATE_GOLDEN"):
        golden.write_text(table, encoding="utf-8")
    assert table == golden.read_text(encoding="utf-8")
    assert max(len(line) for line in table.splitlines()) <= 80
    data = json.loads(run(*args, "--format", "json").stdout)
    report = LinkReport.model_validate(data)
    assert report.kind == "mes.link"
    assert report.settings.score_column == "Rapportcijfer"
    for secret in ("@example.nl", "K-", "Toelichting"):
        assert secret not in table + json.dumps(data)
    assert run("schema", "link").stdout == schema_text("link")


@pytest.mark.parametrize(
    "extra",
    [
        ["--scale", "10-1"],
        ["--scale", "x"],
        ["-k", "2"],
        ["--rename", "a=b"],
        ["--earlier", "sample_data/2026-Q1.xlsx"],
        ["--previous", "sample_data/2026-Q2.xlsx", "-", "--rename", "x"],
    ],
)
def test_bad_options_exit_2(extra: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run(
        "link", "sample_data/2026-Q3.xlsx", "sample_data/2026-Q3-customers.xlsx", *extra, code=2
    )
    assert len(result.stderr.strip().splitlines()) == 1


# --- one row per team ---------------------------------------------------------------------------

TEAM_HEADERS = ("Team", "Klantscore", "aantal")


def _team_report(rows: list[list[str | None]], **kw: object) -> LinkReport:
    survey = make_table(_survey([6, 7, 8, 6, 9, 7]), MES5_HEADERS, source="staff.xlsx")
    customers = make_table(rows, TEAM_HEADERS, source="teams.xlsx")
    return link(survey, customers, builtin(), **kw)  # type: ignore[arg-type]


def test_one_row_per_team_is_recognised_and_equals_the_response_file() -> None:
    """The same customers summarised per team give the same scores and correlations."""
    sizes = [6, 7, 8, 6, 9, 7]
    grades = {t: g for t, g in GRADES.items() if t != "T6"}
    by_response = _report(sizes, grades)
    rows: list[list[str | None]] = [
        [t, f"{sum(g) / len(g):.10f}".replace(".", ","), str(len(g))] for t, g in grades.items()
    ]
    by_team = _team_report(rows)
    assert by_team.settings.customer_layout == "teams"
    assert by_response.settings.customer_layout == "responses"
    assert by_team.settings.score_column == "Klantscore"
    for a, b in zip(by_team.teams, by_response.teams, strict=True):
        assert (a.name, a.customers) == (b.name, b.customers)
        assert a.customer_score == pytest.approx(b.customer_score)
    assert by_team.correlations[0].pearson_r == pytest.approx(by_response.correlations[0].pearson_r)
    assert by_team.customers.responses == sum(len(g) for g in grades.values())


def test_a_team_score_on_fewer_than_k_responses_is_not_shown() -> None:
    rows: list[list[str | None]] = [
        ["T1", "7.2", "4"], ["T2", "8.1", "5"], ["T3", "6.0", "12"], ["T4", "", ""],
        ["T5", "9", "0"],
    ]  # fmt: skip
    report = _team_report(rows)
    teams = {t.name: t for t in report.teams}
    assert teams["T1"].customer_score is None
    assert teams["T1"].customers is None
    assert teams["T1"].customer_hidden == "too-few-answers"
    assert teams["T2"].customers == 5
    assert teams["T2"].customer_mean_on_scale == pytest.approx(8.1)
    assert teams["T4"].customer_hidden == "no-customers"
    assert teams["T5"].customer_hidden == "no-customers"
    assert "7.2" not in report.model_dump_json()
    assert '"customers":4' not in report.model_dump_json()
    report = _team_report(rows, min_group_size=4)
    assert {t.name: t for t in report.teams}["T1"].customers == 4


def test_bad_team_scores_and_counts_are_located_and_all_reported() -> None:
    rows: list[list[str | None]] = [
        ["T1", "11", "6"], ["T2", "goed", "5"], ["T3", "7", "-1"], ["T4", "7", "2.5"],
        ["T5", "", "8"],
    ]  # fmt: skip
    with pytest.raises(DataError) as exc:
        _team_report(rows)
    assert [(i.code, i.location.cell) for i in exc.value.issues] == [
        ("invalid-team-score", "B2"),
        ("invalid-team-score", "B3"),
        ("invalid-customer-count", "C4"),
        ("invalid-customer-count", "C5"),
        ("invalid-team-score", "B6"),
    ]


def test_a_count_column_with_repeated_teams_is_a_response_file() -> None:
    rows: list[list[str | None]] = [[f"T{i % 3}", "7", "1"] for i in range(18)]
    report = _team_report(rows)
    assert report.settings.customer_layout == "responses"
    assert {t.name: t.customers for t in report.teams}["T0"] == 6


# --- two quarters: the change in MES beside the change in customer score ------------------------


def test_changes_correlate_as_scipy_on_teams_shown_in_both_quarters() -> None:
    from mes.link_change import link_change

    before = _report([6, 7, 8, 6, 9, 7, 6], {**GRADES, "T6": [5, 6, 5, 6, 5]})
    after_grades = {
        t: [min(10, g + (i % 3)) for g in gs] for i, (t, gs) in enumerate(GRADES.items())
    }
    after = _report([6, 8, 7, 9, 6, 8, 6, 3], after_grades)
    change = link_change(before, after, 0.95)
    teams = {t.name: t for t in change.teams}
    # T0 hides with T7 in the later quarter; T6 has too few customers then; T7 is new.
    assert teams["T0"].left_out == "suppressed-current"
    assert teams["T6"].left_out == "customers-hidden-current"
    assert teams["T7"].left_out == "only-current"
    for name in ("T0", "T6", "T7"):
        assert teams[name].model_dump(exclude={"id", "name", "path", "left_out"}) == dict.fromkeys(
            ("mes_previous", "mes_current", "mes_change", "customer_previous",
             "customer_current", "customer_change"),
        )  # fmt: skip
    shown = [t for t in change.teams if t.left_out is None]
    assert [t.name for t in shown] == ["T1", "T2", "T3", "T4", "T5"]
    b = {t.name: t for t in before.teams}
    a = {t.name: t for t in after.teams}
    xs = [a[t.name].mes - b[t.name].mes for t in shown]  # type: ignore[operator]
    ys = [a[t.name].customer_score - b[t.name].customer_score for t in shown]  # type: ignore[operator]
    pearson = stats.pearsonr(xs, ys)
    c = change.correlation
    assert c.teams == 5
    assert (c.pearson_r, c.pearson_p) == pytest.approx((pearson.statistic, pearson.pvalue))
    assert c.spearman_rho == pytest.approx(stats.spearmanr(xs, ys).statistic)
    assert change.detectable_r == pytest.approx(detectable_r(5, 0.95))
    assert change.timing == "same-period"


def test_a_renamed_team_is_one_team_when_told() -> None:
    from mes.link_change import link_change

    before = _report([6, 7, 8, 6, 9, 7], {t: g for t, g in GRADES.items() if t != "T6"})
    renamed = {("T9" if t == "T5" else t): g for t, g in GRADES.items() if t != "T6"}
    survey = make_table(
        [[*r[:2], "T9" if r[2] == "T5" else r[2], *r[3:]] for r in _survey([6, 7, 8, 6, 9, 7])],
        MES5_HEADERS,
        source="staff.xlsx",
    )
    customers = make_table(_customers(renamed), CUSTOMER_HEADERS, source="klanten.xlsx")
    after = link(survey, customers, builtin())
    assert {t.name: t.left_out for t in link_change(before, after, 0.95).teams}["T9"] == (
        "only-current"
    )
    teams = {t.name: t for t in link_change(before, after, 0.95, {"t5": "T9"}).teams}
    assert teams["T9"].left_out is None
    assert teams["T9"].mes_change == pytest.approx(0.0)
    assert "T5" not in teams


def test_command_with_an_earlier_quarter_on_the_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    args = (
        "link", "sample_data/2026-Q3.xlsx", "sample_data/2026-Q3-customers.xlsx",
        "--previous", "sample_data/2026-Q2.xlsx", "sample_data/2026-Q2-customers-teams.xlsx",
        "--rename", "Klantcontact Noord=Klantcontact Noord-Oost",
    )  # fmt: skip
    report = LinkReport.model_validate(json.loads(run(*args, "--format", "json").stdout))
    assert report.change is not None
    assert report.change.previous_customer_layout == "teams"
    assert report.change.correlation.teams == 8
    left = {t.name: t.left_out for t in report.change.teams if t.left_out}
    assert left == {
        "Premie & Incasso": "customers-hidden-previous",
        "Fraudeonderzoek": "suppressed-previous",
        "Letselschade": "suppressed-previous",
        "Online Verkoop": "only-current",
    }
    table = run(*args).stdout
    assert "Across the 8 teams shown with a customer score in both quarters" in table
    assert "needs three quarters" in table
    assert max(len(line) for line in table.splitlines()) <= 80
    one = run("link", "sample_data/2026-Q2.xlsx", "sample_data/2026-Q2-customers-teams.xlsx")
    assert "Across 8 teams" in one.stdout


# --- three quarters: the change in MES against the NEXT quarter's change in customer score -------


def _team(name: str, mes: float | None, customer: float | None = None) -> LinkTeam:
    """A hand-picked team: None for ``mes`` is a team suppressed by mes score."""
    if mes is None:
        return LinkTeam(id=f"Dept/{name}", dimension="team", name=name, path=["Dept", name],
                        suppressed=True)  # fmt: skip
    return LinkTeam(
        id=f"Dept/{name}", dimension="team", name=name, path=["Dept", name], suppressed=False,
        employees=8, mes=mes, customers=None if customer is None else 20, customer_score=customer,
        customer_hidden="too-few-answers" if customer is None else None,
    )  # fmt: skip


def _quarter(base: LinkReport, teams: list[LinkTeam]) -> LinkReport:
    return base.model_copy(update={"teams": teams})


def test_lagged_link_equals_scipy_on_hand_picked_teams() -> None:
    from mes.link import StaffQuarter
    from mes.link_change import link_lag

    base = _report([6, 7, 8, 6, 9, 7], {t: g for t, g in GRADES.items() if t != "T6"})
    # name: (MES first quarter, MES second, customer second, customer now)
    figures = {
        "A": (50.0, 55.0, 60.0, 66.0), "B": (62.0, 58.0, 70.0, 64.0),
        "C": (45.0, 60.0, 52.0, 61.0), "D": (70.0, 71.0, 75.0, 74.0),
        "E": (58.0, 52.0, 66.0, 69.0), "F": (66.0, 74.0, 61.0, 72.0),
    }  # fmt: skip
    first = [_team(n, f[0]) for n, f in figures.items()]
    second = [_team(n, f[1], f[2]) for n, f in figures.items()]
    now = [_team(n, 60.0, f[3]) for n, f in figures.items()]
    # Left out, each for one reason, in one quarter only:
    first += [_team("Gone", None), _team("Hidden2", 50.0), _team("Hidden3", 50.0),
              _team("Sup2", 40.0), _team("Sup3", 41.0), _team("Old name", 42.0)]  # fmt: skip
    second += [_team("Gone", 55.0, 70.0), _team("Hidden2", 52.0, None),
               _team("Hidden3", 53.0, 71.0), _team("Sup2", None), _team("Sup3", 43.0, 60.0),
               _team("New", 44.0, 61.0), _team("Renamed", 45.0, 62.0)]  # fmt: skip
    now += [_team("Gone", 58.0, 73.0), _team("Hidden2", 54.0, 70.0), _team("Hidden3", 55.0, None),
            _team("Sup2", 56.0, 72.0), _team("Sup3", None), _team("New", 47.0, 63.0),
            _team("Renamed", 48.0, 64.0)]  # fmt: skip
    earlier = StaffQuarter(survey=base.survey, level="team", teams=first, issues=[])
    lag = link_lag(earlier, _quarter(base, second), _quarter(base, now), 0.95)
    left = {t.name: t.left_out for t in lag.teams if t.left_out}
    assert left == {
        "Gone": "suppressed-earlier",
        "Hidden2": "customers-hidden-previous",
        "Hidden3": "customers-hidden-current",
        "Sup2": "suppressed-previous",
        "Sup3": "suppressed-current",
        "New": "absent-earlier",
        "Renamed": "absent-earlier",
        "Old name": "absent-previous",
    }
    for t in lag.teams:
        if t.left_out:
            assert t.model_dump(exclude={"id", "name", "path", "left_out"}) == dict.fromkeys(
                ("mes_earlier", "mes_previous", "mes_change", "customer_previous",
                 "customer_current", "customer_change"),
            )  # fmt: skip
    xs = [5.0, -4.0, 15.0, 1.0, -6.0, 8.0]  # MES, first to second quarter
    ys = [6.0, -6.0, 9.0, -1.0, 3.0, 11.0]  # customer score, second quarter to now
    assert [t.mes_change for t in lag.teams if not t.left_out] == pytest.approx(xs)
    assert [t.customer_change for t in lag.teams if not t.left_out] == pytest.approx(ys)
    c = lag.correlation
    pearson = stats.pearsonr(xs, ys)
    ci = pearson.confidence_interval(0.95)
    spearman = stats.spearmanr(xs, ys)
    assert (c.measure, c.teams) == ("mes_change_lagged", 6)
    assert (c.pearson_r, c.pearson_p) == pytest.approx((pearson.statistic, pearson.pvalue))
    assert c.pearson_ci is not None
    assert (c.pearson_ci.low, c.pearson_ci.high) == pytest.approx((ci.low, ci.high))
    assert (c.spearman_rho, c.spearman_p) == pytest.approx((spearman.statistic, spearman.pvalue))
    assert c.spearman_ci == spearman_interval(float(spearman.statistic), 6, 0.95)
    assert lag.detectable_r == pytest.approx(detectable_r(6, 0.95))
    # A team renamed since the first quarter is one team when told, in both earlier quarters.
    first = [t for t in first if t.name != "Old name"] + [_team("Renamed before", 40.0)]
    second = [t for t in second if t.name != "Renamed"] + [_team("Renamed before", 45.0, 62.0)]
    earlier = StaffQuarter(survey=base.survey, level="team", teams=first, issues=[])
    lag = link_lag(
        earlier, _quarter(base, second), _quarter(base, now), 0.95, {"renamed BEFORE": "Renamed"}
    )
    renamed = {t.name: t for t in lag.teams}["Renamed"]
    assert renamed.left_out is None
    assert (renamed.mes_change, renamed.customer_change) == pytest.approx((5.0, 2.0))
    assert lag.correlation.teams == 7


def test_staff_quarter_suppresses_as_mes_score() -> None:
    from mes.link import staff_quarter

    survey = make_table(_survey([6, 7, 8, 6, 9, 7, 6, 3]), MES5_HEADERS, source="staff.xlsx")
    quarter = staff_quarter(survey, builtin())
    linked = _report([6, 7, 8, 6, 9, 7, 6, 3], GRADES)
    assert quarter.level == "team"
    assert [t.name for t in quarter.teams] == [t.name for t in linked.teams]
    for a, b in zip(quarter.teams, linked.teams, strict=True):
        assert (a.suppressed, a.mes, a.employees) == (b.suppressed, b.mes, b.employees)
        assert a.customer_score is None
    assert {t.name for t in quarter.teams if t.suppressed} == {"T0", "T7"}


LAG_ARGS = (
    "link", "sample_data/2026-Q3.xlsx", "sample_data/2026-Q3-customers.xlsx",
    "--previous", "sample_data/2026-Q2.xlsx", "sample_data/2026-Q2-customers-teams.xlsx",
    "--earlier", "sample_data/2026-Q1.xlsx",
    "--rename", "Klantcontact Noord=Klantcontact Noord-Oost",
)  # fmt: skip


def test_command_with_three_quarters_on_the_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    data = json.loads(run(*LAG_ARGS, "--format", "json").stdout)
    report = LinkReport.model_validate(data)
    assert report.lag is not None
    assert report.lag.earlier_survey.file == "sample_data/2026-Q1.xlsx"
    assert report.lag.correlation.teams == 8
    left = {t.name: t.left_out for t in report.lag.teams if t.left_out}
    assert left == {
        "Premie & Incasso": "customers-hidden-previous",
        "Fraudeonderzoek": "suppressed-earlier",
        "Letselschade": "suppressed-earlier",
        "Online Verkoop": "absent-earlier",
    }
    for t in data["lag"]["teams"]:
        if t["left_out"]:
            assert {k for k, v in t.items() if v is not None} == {"id", "name", "path", "left_out"}
    # The figures are the quarters' own: MES from the first two, customer score from the last two.
    q2 = LinkReport.model_validate(
        json.loads(
            run("link", "sample_data/2026-Q2.xlsx", "sample_data/2026-Q2-customers-teams.xlsx",
                "-f", "json").stdout
        )
    )  # fmt: skip
    zuid = {t.name: t for t in report.lag.teams}["Klantcontact Zuid"]
    q2_zuid = {t.name: t for t in q2.teams}["Klantcontact Zuid"]
    q3_zuid = {t.name: t for t in report.teams}["Klantcontact Zuid"]
    assert zuid.mes_previous == pytest.approx(q2_zuid.mes)
    assert zuid.customer_previous == pytest.approx(q2_zuid.customer_score)
    assert zuid.customer_current == pytest.approx(q3_zuid.customer_score)
    assert any(i.file == "sample_data/2026-Q1.xlsx" for i in (x.location for x in report.issues))
    table = run(*LAG_ARGS).stdout
    assert "Change in MES, then the next quarter's change in customer score" in table
    assert "This rests on 8 teams, shown in all three quarters." in table
    assert "is shown separately" in table
    assert "needs three quarters" not in table
    assert max(len(line) for line in table.splitlines()) <= 80
    nl = run(*LAG_ARGS, "--lang", "nl").stdout
    assert "Dit rust op 8 teams" in nl
    assert "Online Verkoop (niet in het eerste kwartaal)" in " ".join(nl.split())
