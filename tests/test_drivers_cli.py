"""``mes drivers`` and the drivers section of ``mes score`` as a user runs them: the figures
against scipy on the same answers computed here, which groups get figures (and that a group
below 30 gets none in any output), the message for a file without an outcome, and the widths."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook
from scipy import stats
from typer.testing import CliRunner, Result

from mes.cli.app import app
from mes.drivers import lmg
from mes.schemas import schema_text

runner = CliRunner()

STATEMENTS = (
    "Ik geef signalen van klanten actief door in de organisatie.",
    "Ik heb voldoende ruimte om zelf oplossingen voor klanten te bedenken en door te voeren.",
    "Ik krijg energie van kritiek of verbeterpunten van klanten.",
    "Ik krijg regelmatig terug wat klanten van mijn werk, team en organisatie vinden.",
    "Ik schakel snel om verbeteringen voor de klant door te voeren.",
)
KEYS = ("signals", "room", "criticism", "feedback", "speed")
#: department, team, people. A1 and A have 30 or more, A2 and B fewer; C1 (3) is suppressed,
#: and B1 with it (B minus B1 would give C1 away).
TEAMS = (("A", "A1", 40), ("A", "A2", 25), ("B", "B1", 22), ("B", "C1", 3))


def run(*args: str, code: int = 0, env: dict[str, str] | None = None) -> Result:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == code, (
        f"exit {result.exit_code}, expected {code}\nstdout:\n{result.stdout}\n"
        f"stderr:\n{result.stderr}\nexception: {result.exception!r}"
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def survey_rows(seed: int = 7, *, energy: bool = True) -> list[dict[str, str]]:
    """People whose energy grade rests mostly on room; some blanks in traits and energy."""
    rng = random.Random(seed)
    rows = []
    for department, team, size in TEAMS:
        for _ in range(size):
            answers = [rng.choice((2, 3, 3, 4, 4, 5)) for _ in KEYS]
            answers[1] = rng.choice((1, 2, 2, 3, 3, 4))  # room is low
            role = ("Frontoffice", "Backoffice", "Frontoffice")[len(rows) % 3]
            row = {"Afdeling": department, "Team": team, "Functie": role}
            for statement, a in zip(STATEMENTS, answers, strict=True):
                row[statement] = str(a) if rng.random() > 0.02 else ""
            if energy:
                grade = round(1.5 + 1.4 * answers[1] + 0.3 * answers[4] + rng.gauss(0, 1.2))
                row["Energie"] = str(min(10, max(1, grade))) if rng.random() > 0.05 else ""
            rows.append(row)
    return rows


def write(path: Path, rows: list[dict[str, str]]) -> str:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return str(path)


def complete_cases(
    rows: list[dict[str, str]], keep: set[str] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Trait scores 0-100 and energy of the people with every answer, computed here."""
    x, y = [], []
    for row in rows:
        if keep is not None and row["Team"] not in keep and row["Afdeling"] not in keep:
            continue
        values = [row[s] for s in STATEMENTS]
        if "" in values or row["Energie"] == "":
            continue
        x.append([100 * (int(v) - 1) / 4 for v in values])
        y.append(float(row["Energie"]))
    return np.array(x), np.array(y)


@pytest.fixture
def survey(tmp_path: Path) -> tuple[str, list[dict[str, str]]]:
    rows = survey_rows()
    return write(tmp_path / "survey.csv", rows), rows


def groups_by_name(outcome: dict) -> dict[str, dict]:
    return {g["name"]: g for g in outcome["groups"]}


def test_json_figures_are_scipys_on_the_same_people(survey: tuple[str, list]) -> None:
    file, rows = survey
    doc = json.loads(run("drivers", file, "--format", "json").stdout)
    assert doc["kind"] == "mes.drivers"
    (energy,) = doc["drivers"]["outcomes"]
    assert energy["outcome"] == "energy"
    groups = groups_by_name(energy)
    for name, keep in (("organisation", None), ("A", {"A"}), ("A1", {"A1"})):
        x, y = complete_cases(rows, keep)
        group = groups[name]
        assert group["computed"] is True
        assert group["n"] == len(y)
        cov = np.cov(np.column_stack([x, y]), rowvar=False)
        parts = lmg(cov)
        by_key = {t["key"]: t for t in group["traits"]}
        for j, key in enumerate(KEYS):
            reference = stats.pearsonr(x[:, j], y)
            ci = reference.confidence_interval()
            assert by_key[key]["r"] == pytest.approx(reference.statistic, abs=1e-9)
            assert by_key[key]["r_ci"]["low"] == pytest.approx(ci.low, abs=1e-9)
            assert by_key[key]["r_ci"]["high"] == pytest.approx(ci.high, abs=1e-9)
            assert by_key[key]["importance"] == pytest.approx(parts[j], abs=1e-9)
        assert group["r2"] == pytest.approx(sum(parts), abs=1e-9)
        assert group["strongest"] == "room"
        assert group["priority"] == "room"  # the lowest trait and the strongest driver


def test_groups_below_30_get_no_figure_in_any_output(
    survey: tuple[str, list], tmp_path: Path
) -> None:
    file, _ = survey
    doc = json.loads(run("drivers", file, "--format", "json").stdout)
    groups = groups_by_name(doc["drivers"]["outcomes"][0])
    # C1 and B1 are suppressed by the score report: not in the drivers at all.
    assert "C1" not in groups
    assert "B1" not in groups
    for name in ("A2", "B"):
        group = groups[name]
        assert group["computed"] is False
        assert group["reason"] == "too-few-people"
        figures = ("n", "r2", "r2_ci", "traits", "strongest", "priority", "interval_method")
        assert all(group[f] is None for f in figures)
    # The score report's JSON carries the same section.
    scored = json.loads(run("score", file, "--format", "json").stdout)
    assert scored["drivers"] == doc["drivers"]
    # The table names them without a figure.
    table = run("drivers", file, env={"COLUMNS": "120", "NO_COLOR": "1"}).stdout
    for line in table.splitlines():
        if line.strip().startswith("A2") or line.strip().split()[:1] == ["B"]:
            pytest.fail(f"a group below 30 has a row: {line!r}")
    assert "Not computed (fewer than 30 people" in table
    assert "A2, B." in table.replace("\n", " ")
    # The workbook: the row of a group below 30 holds its name and the reason only.
    out = tmp_path / "drivers.xlsx"
    run("drivers", file, "--format", "xlsx", "-o", str(out))
    ws = load_workbook(out).active
    assert ws is not None
    rows = [[c for c in row if c is not None] for row in ws.iter_rows(values_only=True)]
    for name in ("A2", "B"):
        (row,) = [r for r in rows if r and r[0] == name]
        level = "Department" if name == "B" else "Team"
        assert row == [name, level, "fewer than 30 people: not computed"]


def test_min_people_follows_a_larger_k(survey: tuple[str, list]) -> None:
    file, _ = survey
    doc = json.loads(run("drivers", file, "--format", "json", "-k", "45").stdout)
    assert doc["drivers"]["settings"]["min_people"] == 45
    groups = groups_by_name(doc["drivers"]["outcomes"][0])
    assert groups["organisation"]["computed"] is True
    assert all(not g["computed"] for name, g in groups.items() if name != "organisation")


def test_the_reading_says_relates_to_never_causes(survey: tuple[str, list]) -> None:
    file, _ = survey
    for lang in ("en", "nl"):
        text = run("drivers", file, "--lang", lang, env={"COLUMNS": "200"}).stdout
        flat = " ".join(text.split())
        assert "cause" not in flat.replace("not causes", "").replace("geen oorzaken", "")
    en = " ".join(run("drivers", file, env={"COLUMNS": "200"}).stdout.split())
    assert "Room relates most strongly to energy at the end of the day (r = 0." in en
    assert "is the lowest trait: the first place to act." in en
    nl = " ".join(run("drivers", file, "--lang", "nl", env={"COLUMNS": "200"}).stdout.split())
    assert "Ruimte hangt het sterkst samen met energie aan het eind van de dag (r = 0," in nl


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("width", [80, 120])
def test_table_fits_the_terminal(survey: tuple[str, list], width: int, lang: str) -> None:
    file, _ = survey
    env = {"COLUMNS": str(width), "NO_COLOR": "1"}
    text = run("drivers", file, "--lang", lang, "--by", "Functie", env=env).stdout
    assert max(len(line.rstrip()) for line in text.splitlines()) <= width
    # Figures are never cut short: every share is a whole percentage.
    assert "…%" not in text
    assert "0,…" not in text


def test_a_file_without_an_outcome_gets_one_clear_message(tmp_path: Path) -> None:
    file = write(tmp_path / "plain.csv", survey_rows(energy=False))
    result = run("drivers", file, code=1)
    assert result.stdout == ""
    message = " ".join(result.stderr.split())
    assert "[no-outcome]" in message
    assert "Met hoeveel energie ga je aan het eind van de werkdag naar huis?" in message
    assert "--instrument" in message
    assert "[[outcomes]]" in message
    # mes score of the same file has no drivers section and no complaint.
    scored = json.loads(run("score", file, "--format", "json").stdout)
    assert scored["drivers"] is None


def test_unknown_outcome_is_a_usage_error(survey: tuple[str, list]) -> None:
    file, _ = survey
    result = run("drivers", file, "--outcome", "happiness", code=2)
    assert "happiness" in result.stderr
    assert "energy" in result.stderr  # the outcomes it does know


def test_outcome_the_file_lacks_is_named(survey: tuple[str, list]) -> None:
    file, _ = survey
    result = run("drivers", file, "--outcome", "enps", code=1)
    assert "[no-outcome]" in " ".join(result.stderr.split())


def test_schema_command_prints_the_drivers_schema() -> None:
    assert run("schema", "drivers").stdout == schema_text("drivers")


def test_workbook_figures_are_the_json_figures(survey: tuple[str, list], tmp_path: Path) -> None:
    file, _ = survey
    doc = json.loads(run("score", file, "--format", "json").stdout)
    org = doc["drivers"]["outcomes"][0]["groups"][0]
    out = tmp_path / "report.xlsx"
    run("score", file, "--format", "xlsx", "-o", str(out), "--lang", "nl")
    wb = load_workbook(out)
    assert "Samenhang" in wb.sheetnames
    ws = wb["Samenhang"]
    values = list(ws.iter_rows(values_only=True))
    trait_rows = {r[0]: r for r in values if r and r[0] in ("Ruimte", "Klantsignalen")}
    room = next(t for t in org["traits"] if t["key"] == "room")
    row = trait_rows["Ruimte"]
    assert row[2] == pytest.approx(room["r"])
    assert row[5] == pytest.approx(room["share"])
    assert row[8] == room["rank"]


def test_drivers_of_a_constant_outcome_say_so(tmp_path: Path) -> None:
    rows = survey_rows()
    for row in rows:
        row["Energie"] = "7"
    file = write(tmp_path / "flat.csv", rows)
    doc = json.loads(run("drivers", file, "--format", "json").stdout)
    org = doc["drivers"]["outcomes"][0]["groups"][0]
    assert org["computed"] is False
    assert org["reason"] == "no-variation"
    assert org["constant"] == "outcome"
    assert org["n"] is None
    text = run("drivers", file, env={"COLUMNS": "120"}).stdout
    assert "everyone gave the same answer to the outcome question: not computed" in text


def test_the_same_file_gives_the_same_bytes(survey: tuple[str, list]) -> None:
    file, _ = survey
    first = run("drivers", file, "--format", "json").stdout
    assert run("drivers", file, "--format", "json").stdout == first


def test_a_group_whose_outcome_is_hidden_gets_no_drivers(survey: tuple[str, list]) -> None:
    """Where the score report hides a group's outcome figures (per-figure privacy), the drivers
    of that outcome are not shown for the group either."""
    from mes import pipeline
    from mes.driver_report import drivers_of
    from mes.privacy import Suppression
    from mes.results import HiddenFigure

    file, _ = survey
    scored = pipeline.scored_file(file)
    hide = HiddenFigure(figure="outcome:energy", suppression=Suppression.PROTECTS_OTHER)
    groups = [
        g.model_copy(update={"hidden": [*g.hidden, hide]}) if g.name == "A" else g
        for g in scored.report.groups
    ]
    report = scored.report.model_copy(update={"groups": groups})
    result = drivers_of(scored.persons, report, scored.instrument, scored.outcomes)
    by_name = {g.name: g for g in result.outcomes[0].groups}
    assert by_name["A"].computed is False
    assert by_name["A"].reason == "outcome-hidden"
    assert by_name["A"].n is None
    assert by_name["A"].traits is None
    assert by_name["A1"].computed is True
