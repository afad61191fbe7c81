"""Issue 16: every answer counts, per-figure n and privacy, outcome questions (energy, eNPS).

Figures are checked against plain Python computed here from the answers written; the eNPS
interval by hand; the value-level disclosure check against a brute force over fractions.
"""

from __future__ import annotations

import itertools
import json
import random
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mes.cli.app import app
from mes.groups import ORG, team
from mes.instrument import builtin
from mes.privacy import Atom, decide_numbered
from mes.report import (
    FIGURE_CELLS,
    MES_FIGURE,
    RESPONDENTS_FIGURE,
    FigureKey,
    figure_problem,
    score,
    trait_figure,
)
from mes.results import ShownGroup
from mes.scoring import enps_interval
from mes.settings import Settings
from mes.validation import validate
from tests.conftest import make_table
from tests.test_privacy import in_span

TRAITS = ("signals", "room", "criticism", "feedback", "speed")
HEADERS = (
    "team",
    *TRAITS,
    "Met hoeveel energie ga je aan het eind van de werkdag naar huis?",
    "Hoe waarschijnlijk is het dat je Verzekeraar X als werkgever aanbeveelt?",
)
runner = CliRunner()


def answers(seed: int, n: int, skip: float) -> list[list[str | None]]:
    rng = random.Random(seed)
    rows: list[list[str | None]] = []
    for i in range(n):
        row: list[str | None] = [f"T{i % 2}"]
        row += [None if rng.random() < skip else str(rng.randint(1, 5)) for _ in TRAITS]
        row.append(None if rng.random() < skip else str(rng.randint(1, 10)))
        row.append(None if rng.random() < skip else str(rng.randint(0, 10)))
        rows.append(row)
    return rows


def test_every_answer_counts_and_each_figure_says_its_n() -> None:
    rows = answers(7, 60, 0.08)
    ins = builtin()
    report = score(validate(make_table(rows, HEADERS), ins), ins, Settings())
    org = report.organisation
    assert isinstance(org, ShownGroup)
    assert org.respondents == 60 == report.source.respondents
    complete = [r for r in rows if all(a is not None for a in r[1:6])]
    assert org.n == len(complete)
    mes = [sum(25.0 * (int(a) - 1) for a in r[1:6]) / 5 for r in complete]  # type: ignore[arg-type]
    assert org.mes == pytest.approx(sum(mes) / len(mes))
    for i, key in enumerate(TRAITS, start=1):
        given = [25.0 * (int(r[i]) - 1) for r in rows if r[i] is not None]  # type: ignore[arg-type]
        shown = {t.key: t for t in org.traits}
        if key in shown:
            assert shown[key].n == len(given)
            assert shown[key].mean == pytest.approx(sum(given) / len(given))
        else:
            assert any(h.figure == trait_figure(key) for h in org.hidden)
    energy = [int(r[6]) for r in rows if r[6] is not None]  # type: ignore[arg-type]
    (got,) = [o for o in org.outcomes if o.key == "energy"]
    assert got.n == len(energy)
    assert got.mean == pytest.approx(sum(energy) / len(energy))
    assert got.mean_100 == pytest.approx(100 * (sum(energy) / len(energy) - 1) / 9)
    assert got.high_share == pytest.approx(sum(e >= 8 for e in energy) / len(energy))
    assert got.low_share == pytest.approx(sum(e <= 6 for e in energy) / len(energy))
    enps = [int(r[7]) for r in rows if r[7] is not None]  # type: ignore[arg-type]
    (nps,) = [o for o in org.outcomes if o.key == "enps"]
    promoters = sum(e >= 9 for e in enps) / len(enps)
    detractors = sum(e <= 6 for e in enps) / len(enps)
    assert nps.enps == pytest.approx(100 * (promoters - detractors))
    # The warning names the rows of the people without a MES (header on row 1).
    (warning,) = [i for i in report.issues if i.code == "incomplete-respondents"]
    missing = [str(i + 2) for i, r in enumerate(rows) if any(a is None for a in r[1:6])]
    assert ", ".join(missing[:20]) in warning.message


def test_enps_interval_by_hand() -> None:
    # 50 answers: 20 promoters (0.4), 10 detractors (0.2): eNPS 20.
    # var = ((0.4 + 0.2) - 0.2**2) / 50 = 0.56 / 50 = 0.0112; sd = 0.105830...
    # 95%: z = 1.959964; half = 1.959964 * 100 * 0.105830 = 20.7423
    value, low, high = enps_interval(0.4, 0.2, 50, 0.95)
    assert value == pytest.approx(20.0)
    assert low == pytest.approx(20.0 - 20.7423, abs=1e-3)
    assert high == pytest.approx(20.0 + 20.7423, abs=1e-3)
    # Everyone a promoter: no spread, and the interval stays within -100..100.
    assert enps_interval(1.0, 0.0, 10, 0.95) == (100.0, 100.0, 100.0)


def test_min_traits_prorates_the_mes() -> None:
    text = builtin().model_dump()
    text["min_traits"] = 4
    ins = type(builtin()).model_validate(_tuples(text))
    rows: list[list[str | None]] = [["A", "5", None, "3", "3", "1", None, None]] * 6
    report = score(validate(make_table(rows, HEADERS), ins), ins, Settings())
    org = report.organisation
    assert isinstance(org, ShownGroup)
    assert org.n == 6
    assert org.mes == pytest.approx((100 + 50 + 50 + 0) / 4)


def _tuples(value: object) -> object:
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return value


def test_a_file_without_outcomes_has_none() -> None:
    rows = [[r[0], *r[1:6]] for r in answers(3, 20, 0.0)]
    ins = builtin()
    report = score(validate(make_table(rows, HEADERS[:6]), ins), ins, Settings())
    assert report.instrument.outcomes == []
    assert all(not g.outcomes for g in report.groups if isinstance(g, ShownGroup))


def test_a_saved_result_of_the_old_format_is_refused_in_one_line(tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"kind": "mes.score", "schema_version": "1.0"}), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(old), str(old)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "saved in format '1.0'" in lines[0]
    assert "Traceback" not in result.stderr


# --- The value-level disclosure check against a brute force ---------------------------------------


def _pairs_disclosed(
    found: list[Atom[FigureKey]], decision: dict[FigureKey, object], k: int
) -> bool:
    """Whether some combination of shown trait and MES figures gives the trait values of 1..k-1
    people (0/1 on their (person, trait) values), by Gaussian elimination over fractions."""
    coords = [
        (i, t)
        for i, atom in enumerate(found)
        for t in TRAITS
        if FigureKey(ORG, trait_figure(t)) in atom.cells
    ]
    shown = [c for c, why in decision.items() if why is None and c.figure != RESPONDENTS_FIGURE]
    vectors = []
    for cell in shown:
        row = []
        for i, t in coords:
            atom = found[i]
            held = sum(FigureKey(ORG, trait_figure(x)) in atom.cells for x in TRAITS)
            if cell in atom.cells and cell.figure == trait_figure(t):
                row.append(Fraction(1))
            elif cell in atom.cells and cell.figure == MES_FIGURE:
                row.append(Fraction(1, held))
            else:
                row.append(Fraction(0))
        vectors.append(row)
    small = [i for i, a in enumerate(found) if a.size < k]
    for r in range(1, len(small) + 1):
        for chosen in itertools.combinations(small, r):
            if sum(found[i].size for i in chosen) >= k:
                continue
            picked = [j for j, (i, _) in enumerate(coords) if i in chosen]
            for m in range(1, len(picked) + 1):
                for subset in itertools.combinations(picked, m):
                    target = [Fraction(int(j in subset)) for j in range(len(coords))]
                    if in_span(vectors, target):
                        return True
    return False


@pytest.mark.parametrize("prorated", [False, True])
@pytest.mark.parametrize("seed", range(12))
def test_no_trait_or_mes_combination_gives_values_of_fewer_than_k(
    seed: int, prorated: bool
) -> None:
    # prorated: a MES for two traits of three too (min_traits 2), weighing them 1/2 each
    rng = random.Random(seed)
    k = 3
    found = []
    for name in ("A", "B"):
        for _ in range(rng.randint(1, 3)):
            held = [t for t in TRAITS[:3] if rng.random() < 0.8]
            figures = [RESPONDENTS_FIGURE, *(trait_figure(t) for t in held)]
            if len(held) >= (2 if prorated else 3):
                figures.append(MES_FIGURE)
            groups = [ORG, team(name)]
            cells = frozenset(FigureKey(g, f) for g in groups for f in figures)
            found.append(Atom(cells, rng.randint(1, 4)))
    three = builtin().model_copy(update={"traits": builtin().traits[:3]})
    decision = decide_numbered(figure_problem(found, three), k, FIGURE_CELLS)
    assert not _pairs_disclosed(found, dict(decision), k)


# --- Outcomes between quarters ----------------------------------------------------------------


def _write(path: Path, rows: list[list[str | None]]) -> str:
    lines = [";".join(HEADERS)] + [";".join(c or "" for c in r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_diff_and_trend_compare_outcomes_with_their_own_tests(tmp_path: Path) -> None:
    from scipy import stats
    from scipy.special import ndtri

    quarters = [answers(seed, 80, 0.03) for seed in (11, 12, 13)]
    files = [_write(tmp_path / f"q{i}.csv", q) for i, q in enumerate(quarters)]
    result = runner.invoke(app, ["diff", files[1], files[2], "--format", "json"])
    assert result.exit_code == 0, result.stderr
    org = next(g for g in json.loads(result.stdout)["groups"] if g["dimension"] == "organisation")
    changes = {c["key"]: c for c in org["outcomes"]}
    old = [int(r[6]) for r in quarters[1] if r[6] is not None]  # type: ignore[arg-type]
    new = [int(r[6]) for r in quarters[2] if r[6] is not None]  # type: ignore[arg-type]
    energy = changes["energy"]
    assert energy["change"] == pytest.approx(sum(new) / len(new) - sum(old) / len(old))
    welch = stats.ttest_ind(new, old, equal_var=False)  # scipy on the raw answers
    assert energy["p"] == pytest.approx(float(welch.pvalue), rel=1e-9)

    # eNPS: the difference of two independent eNPS values, variance var_old + var_new.
    def shares_of(rows: list[list[str | None]]) -> tuple[float, float, int]:
        values = [int(r[7]) for r in rows if r[7] is not None]  # type: ignore[arg-type]
        n = len(values)
        return sum(v >= 9 for v in values) / n, sum(v <= 6 for v in values) / n, n

    (p1, d1, n1), (p2, d2, n2) = shares_of(quarters[1]), shares_of(quarters[2])
    var = 1e4 * ((p1 + d1 - (p1 - d1) ** 2) / n1 + (p2 + d2 - (p2 - d2) ** 2) / n2)
    diff = 100 * ((p2 - d2) - (p1 - d1))
    enps = changes["enps"]
    assert enps["change"] == pytest.approx(diff)
    half = float(ndtri(0.975)) * var**0.5
    assert enps["ci"]["low"] == pytest.approx(diff - half)
    assert enps["ci"]["high"] == pytest.approx(diff + half)
    assert enps["p"] == pytest.approx(2 * (1 - stats.norm.cdf(abs(diff) / var**0.5)))
    trend = runner.invoke(app, ["trend", *files, "--format", "json"])
    assert trend.exit_code == 0, trend.stderr
    org_trend = next(g for g in json.loads(trend.stdout)["groups"] if not g["path"])
    assert {c["key"] for c in org_trend["last_outcomes"]} == {"energy", "enps"}
    assert org_trend["last_outcomes"][0]["change"] == pytest.approx(energy["change"])


# --- Results on the scale people used (issue 16, item 4) ------------------------------------------


def _grade_file(tmp_path: Path) -> tuple[str, list[list[int]]]:
    rng = random.Random(5)
    rows = [[rng.randint(3, 10) for _ in TRAITS] for _ in range(30)]
    lines = ["team;" + ";".join(TRAITS)] + [
        f"T{i % 2};" + ";".join(map(str, r)) for i, r in enumerate(rows)
    ]
    path = tmp_path / "grades.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path), rows


def test_answers_on_1_to_10_against_a_1_to_5_instrument_are_one_error(tmp_path: Path) -> None:
    file, _ = _grade_file(tmp_path)
    result = runner.invoke(app, ["score", file, "--format", "json"])
    assert result.exit_code == 1
    assert result.stderr.count("answers-on-other-scale") == 1
    assert "answer-out-of-range" not in result.stderr
    assert "mes instrument --scale 1-10" in result.stderr


def test_an_instrument_for_1_to_10_scores_them_and_shows_the_scale(tmp_path: Path) -> None:
    file, rows = _grade_file(tmp_path)
    made = runner.invoke(app, ["instrument", "--scale", "1-10"])
    assert made.exit_code == 0
    toml = tmp_path / "i10.toml"
    toml.write_text(made.stdout, encoding="utf-8")
    result = runner.invoke(app, ["score", file, "--instrument", str(toml), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    org = json.loads(result.stdout)["groups"][0]
    answers_mean = sum(sum(r) / 5 for r in rows) / len(rows)  # average answer on 1-10
    assert org["mes_on_scale"] == pytest.approx(answers_mean)
    assert org["mes"] == pytest.approx(100 * (answers_mean - 1) / 9)
    room = [r[1] for r in rows]
    trait = next(t for t in org["traits"] if t["key"] == "room")
    assert trait["mean_on_scale"] == pytest.approx(sum(room) / len(room))
    bad = runner.invoke(app, ["instrument", "--scale", "ten"])
    assert bad.exit_code == 2
