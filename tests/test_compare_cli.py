"""The ``mes diff`` and ``mes trend`` commands: inputs, options, exit codes and what they print.

Quarters are written as CSV files into a temporary folder, and saved results are made with
``mes score --format json``, as a user would make them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from mes.change.diff import diff
from mes.change.options import CompareOptions, Rename
from mes.cli.app import app
from mes.instrument import builtin_toml
from mes.render.json import to_json
from tests.compare_fixtures import Q2, Q3, scored, spread, team, write_csv
from tests.json_compare import same_json

SAMPLE = Path(__file__).parent.parent / "sample_data"
runner = CliRunner()


def run(*args: str, code: int = 0, stdin: str | None = None) -> Result:
    result = runner.invoke(app, list(args), input=stdin)
    assert result.exit_code == code, (
        f"exit {result.exit_code}, expected {code}\nstdout:\n{result.stdout}\n"
        f"stderr:\n{result.stderr}\nexception: {result.exception!r}"
    )
    return result


@pytest.fixture
def quarters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """2026-Q2.csv and 2026-Q3.csv in the current folder (the office of `compare_fixtures`)."""
    monkeypatch.chdir(tmp_path)
    return write_csv(Q2, tmp_path / "2026-Q2.csv"), write_csv(Q3, tmp_path / "2026-Q3.csv")


def row(lines: list[str], start: str) -> int:
    """Index of the first table line that starts with ``start`` (a group name, indented)."""
    return next(i for i, line in enumerate(lines) if line.startswith(start))


def save(survey: str, *options: str) -> str:
    saved = survey.replace(".csv", ".json")
    run("score", survey, "--format", "json", "-o", saved, *options)
    return saved


# --- What diff shows ----------------------------------------------------------------------------


def test_diff_table_shows_n_on_both_sides_arrows_and_verdicts(quarters: tuple[str, str]) -> None:
    out = run("diff", *quarters, "--rename", "Noord=Noord-Oost").stdout
    lines = out.splitlines()
    zuid = lines[row(lines, "    Zuid ")]
    assert "12 → 12" in zuid
    assert "↑ +10.0" in zuid
    assert zuid.rstrip().endswith("rising")
    particulier = lines[row(lines, "    Particulier ")]
    assert "↓ -10.0" in particulier
    assert particulier.rstrip().endswith("falling")
    assert lines[row(lines, "    Noord-Oost ") + 1].strip() == "(was Noord)"
    assert lines[row(lines, "    Fraude ")].rstrip().endswith("suppressed")
    assert "no change: Schade / Fraude (in 2026-Q2 and 2026-Q3)" in " ".join(out.split())
    assert "Small groups will mostly be stable" in " ".join(out.split())
    assert "Same people (paired)" in out
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_diff_json_is_the_library_report(quarters: tuple[str, str]) -> None:
    out = run("diff", *quarters, "--rename", "Noord=Noord-Oost", "--format", "json").stdout
    options = CompareOptions(renames=(Rename("Noord", "Noord-Oost"),))
    expected = diff(scored(Q2, quarters[0]), scored(Q3, quarters[1]), options)
    assert out == to_json(expected)
    assert json.loads(out)["kind"] == "mes.diff"


def test_a_saved_result_side_gives_the_same_diff_as_its_survey(quarters: tuple[str, str]) -> None:
    old, new = quarters
    saved_old, saved_new = save(old), save(new)
    for fmt in ("json", "table"):
        args = ("--rename", "Noord=Noord-Oost", "--no-paired", "--format", fmt)
        expected = run("diff", old, new, *args).stdout
        # Saved results are rounded to 1e-9: JSON may differ in that last place, tables never.
        same = same_json if fmt == "json" else str.__eq__
        assert same(run("diff", saved_old, new, *args).stdout, expected)
        assert same(run("diff", old, saved_new, *args).stdout, expected)
        assert same(run("diff", saved_old, saved_new, *args).stdout, expected)


def test_a_saved_result_can_come_from_standard_input(quarters: tuple[str, str]) -> None:
    old, new = quarters
    saved = Path(save(old)).read_text(encoding="utf-8")
    expected = run("diff", old, new, "--no-paired", "-f", "json").stdout
    assert same_json(
        run("diff", "-", new, "--no-paired", "-f", "json", stdin=saved).stdout, expected
    )


def test_the_paired_view_needs_both_survey_files(quarters: tuple[str, str]) -> None:
    old, new = quarters
    paired = json.loads(run("diff", old, new, "-f", "json").stdout)["paired"]
    assert paired == {"available": True, "reason": None, "message": None}
    off = json.loads(run("diff", old, new, "--no-paired", "-f", "json").stdout)["paired"]
    assert off["reason"] == "not-requested"
    result = run("diff", save(old), new)
    assert "Paired view: not available: needs the survey files of both quarters" in result.stdout


def test_diff_with_itself_is_all_stable(quarters: tuple[str, str]) -> None:
    report = json.loads(run("diff", quarters[0], quarters[0], "-f", "json").stdout)
    compared = [g for g in report["groups"] if g["status"] == "compared"]
    assert {g["label"] for g in compared} == {"stable"}
    assert {g["mes_change"] for g in compared} == {0.0}


def test_output_file_is_written_and_stdout_stays_empty(quarters: tuple[str, str]) -> None:
    result = run("diff", *quarters, "-f", "json", "-o", "change.json")
    assert result.stdout == ""
    assert json.loads(Path("change.json").read_text(encoding="utf-8"))["kind"] == "mes.diff"


def test_group_names_are_printed_as_text_not_markup_or_escapes(tmp_path: Path) -> None:
    name = "[red]Team[/red] \x1b[2J"
    old = write_csv(team("D", name, spread(6), "a"), tmp_path / "a.csv")
    new = write_csv(team("D", name, spread(6, (4, 4, 4, 4, 4)), "a"), tmp_path / "b.csv")
    out = run("diff", str(tmp_path / old), str(tmp_path / new)).stdout
    assert "[red]Team[/red] \\x1b[2J" in out
    assert "\x1b" not in out


# --- Renames ------------------------------------------------------------------------------------


def test_an_unmatched_rename_warns_on_stderr_and_exits_0(quarters: tuple[str, str]) -> None:
    result = run("diff", *quarters, "--rename", "Nergens=Ergens", "-f", "json")
    assert "rename-unmatched" in result.stderr
    assert "'Nergens'" in result.stderr
    assert json.loads(result.stdout)["issues"][0]["code"] == "rename-unmatched"


def test_renames_from_a_toml_file(quarters: tuple[str, str]) -> None:
    Path("renames.toml").write_text('"Noord" = "Noord-Oost"\n', encoding="utf-8")
    report = json.loads(
        run("diff", *quarters, "--rename-file", "renames.toml", "-f", "json").stdout
    )
    noord = next(g for g in report["groups"] if g["name"] == "Noord-Oost")
    assert noord["status"] == "compared"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--rename", "Noord"), "write it as OLD=NEW"),
        (("--rename", "Noord=A", "--rename", "noord=B"), "renamed twice"),
        (("--rename", "=B"), "both the old and the new name"),
        (("--rename-file", "missing.toml"), "file not found"),
    ],
)
def test_bad_renames_are_usage_errors(
    quarters: tuple[str, str], args: tuple[str, ...], message: str
) -> None:
    assert message in run("diff", *quarters, *args, code=2).stderr


def test_a_rename_file_that_is_not_name_pairs_is_refused(quarters: tuple[str, str]) -> None:
    Path("renames.toml").write_text("Noord = 3\n", encoding="utf-8")
    assert "in quotes" in run("diff", *quarters, "--rename-file", "renames.toml", code=2).stderr
    Path("renames.toml").write_text("Noord = \n", encoding="utf-8")
    assert (
        "not valid TOML" in run("diff", *quarters, "--rename-file", "renames.toml", code=2).stderr
    )


def test_an_ambiguous_rename_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    people = team("X", "Support", spread(6), "a") + team("Y", "Support", spread(6), "b")
    old, new = write_csv(people, tmp_path / "a.csv"), write_csv(people, tmp_path / "b.csv")
    result = run("diff", old, new, "--rename", "Support=Helpdesk", code=2)
    assert "Department/Team" in result.stderr


# --- Refusals -----------------------------------------------------------------------------------


def test_different_instruments_are_refused_unless_allowed(quarters: tuple[str, str]) -> None:
    changed = builtin_toml().replace(
        'key = "room"\ntext_nl', 'key = "room"\nreverse = true\ntext_nl'
    )
    Path("changed.toml").write_text(changed, encoding="utf-8")
    new = save(quarters[1], "--instrument", "changed.toml")
    result = run("diff", quarters[0], new, code=2)
    assert "--allow-instrument-change" in result.stderr
    assert "not compared" in result.stderr
    allowed = run("diff", quarters[0], new, "--allow-instrument-change", "-f", "json")
    report = json.loads(allowed.stdout)
    assert report["mes_compared"] is False
    assert [t["key"] for t in report["traits"]] == ["signals", "criticism", "feedback", "speed"]
    assert "instrument-changed" in allowed.stderr


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"kind": "mes.score", "schema_version": "0.9"}, "saved in format '0.9'"),
        # Saved before issue 16 (no per-figure n, no outcomes): refused in one line.
        ({"kind": "mes.score", "schema_version": "1.0"}, "saved in format '1.0'"),
        ({"kind": "mes.score", "schema_version": "2.0"}, "a saved mes score result, but"),
        ({"kind": "mes.diff", "schema_version": "1.0"}, "this is a mes.diff result"),
    ],
)
def test_a_bad_saved_result_is_refused_naming_the_file(
    quarters: tuple[str, str], document: dict[str, str], message: str
) -> None:
    Path("bad.json").write_text(json.dumps(document), encoding="utf-8")
    stderr = run("diff", "bad.json", quarters[1], code=2).stderr
    assert stderr.startswith("mes: bad.json: ")
    assert message in stderr


def _shown(groups: list[dict[str, object]]) -> int:
    return next(i for i, g in enumerate(groups) if not g["suppressed"] and g["n"] != 1)


def _hidden(groups: list[dict[str, object]]) -> int:
    return next(i for i, g in enumerate(groups) if g["suppressed"])


@pytest.mark.parametrize(
    ("edit", "where", "message"),
    [
        (lambda gs: gs[_shown(gs)].update(n="many"), "groups[{shown}].n", "valid integer"),
        (lambda gs: gs[_shown(gs)].pop("mes"), "groups[{shown}].mes", "Field required"),
        (lambda gs: gs[_shown(gs)].update(sd=None), "groups[{shown}]", "needs its sd and ci"),
        (lambda gs: gs[_hidden(gs)].update(mes=55.0), "groups[{hidden}].mes", "no figures"),
        (lambda gs: gs[_shown(gs)].pop("suppressed"), "groups[{shown}]", "'suppressed' is missing"),
        (
            lambda gs: gs[_shown(gs)]["traits"][1].update(mean="high"),
            "groups[{shown}].traits[1].mean",
            "valid number",
        ),
    ],
)
def test_a_hand_edited_saved_result_is_refused_at_the_door_with_its_json_path(
    quarters: tuple[str, str],
    edit: Callable[[list[dict[str, object]]], object],
    where: str,
    message: str,
) -> None:
    document = json.loads(Path(save(quarters[0])).read_text(encoding="utf-8"))
    groups = document["groups"]
    where = where.format(shown=_shown(groups), hidden=_hidden(groups))
    edit(groups)
    Path("bad.json").write_text(json.dumps(document, indent=2), encoding="utf-8")
    for args in (("diff", "bad.json", quarters[1]), ("trend", "bad.json", *quarters)):
        stderr = run(*args, code=2).stderr
        assert stderr.count("\n") == 1, stderr
        assert stderr.startswith(f"mes: bad.json: a saved mes score result, but {where}: "), stderr
        assert message in stderr
        assert "Traceback" not in stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--confidence", "1.5"), "--confidence"),
        (("--min-change", "-1"), "--min-change"),
        (("-k", "2"), "refused"),
    ],
)
def test_bad_options_are_usage_errors(
    quarters: tuple[str, str], args: tuple[str, ...], message: str
) -> None:
    assert message in run("diff", *quarters, *args, code=2).stderr


def test_a_saved_result_cannot_be_suppressed_again_with_another_k(
    quarters: tuple[str, str],
) -> None:
    saved = save(quarters[0])
    assert "minimum group size 5" in run("diff", saved, quarters[1], "-k", "6", code=2).stderr
    run("diff", saved, quarters[1], "-k", "5")


def test_an_unreadable_survey_file_exits_2(quarters: tuple[str, str]) -> None:
    run("diff", "missing.csv", quarters[1], code=2)


# --- trend --------------------------------------------------------------------------------------


def test_trend_over_three_quarters(quarters: tuple[str, str]) -> None:
    old, new = quarters
    q1 = write_csv([*Q2[:12], *Q2[12:]], Path("2026-Q1.csv"))
    args = ("trend", q1, save(old), new, "--rename", "Noord=Noord-Oost")
    lines = run(*args).stdout.splitlines()
    zuid = lines[row(lines, "    Zuid ")]
    assert "41.2 (12)" in zuid
    assert "51.2 (12)" in zuid
    assert "▁▁█" in zuid
    assert "↑ +10.0" in zuid
    assert zuid.rstrip().endswith("rising")
    report = json.loads(run(*args, "-f", "json").stdout)
    assert report["kind"] == "mes.trend"
    assert [q["label"] for q in report["quarters"]] == ["2026-Q1", "2026-Q2", "2026-Q3"]


def test_trend_needs_three_quarters(quarters: tuple[str, str]) -> None:
    assert "three or more quarters" in run("trend", *quarters, code=2).stderr


# --- Help and schema ----------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["diff", "trend"])
def test_help_says_small_groups_will_mostly_be_stable(command: str) -> None:
    out = " ".join(run(command, "--help").stdout.split())
    assert "Small groups will mostly be stable" in out
    assert "--min-change" in out


def test_help_of_no_paired_says_what_pairing_needs() -> None:
    out = " ".join(run("diff", "--help").stdout.split())
    assert "respondent id column" in out
    assert "Microsoft Forms" in out


@pytest.mark.parametrize(("kind", "title"), [("diff", "DiffReport"), ("trend", "TrendReport")])
def test_schema_of_diff_and_trend(kind: str, title: str) -> None:
    assert json.loads(run("schema", kind).stdout)["title"] == title


# --- The sample data, end to end ----------------------------------------------------------------


def test_sample_quarters_read_as_the_sample_readme_says() -> None:
    q2, q3 = str(SAMPLE / "2026-Q2.xlsx"), str(SAMPLE / "2026-Q3.xlsx")
    rename = "Klantcontact Noord=Klantcontact Noord-Oost"
    report = json.loads(run("diff", q2, q3, "--rename", rename, "-f", "json").stdout)
    by_name = {g["name"]: g for g in report["groups"]}
    assert by_name["Klantcontact Zuid"]["label"] == "rising"
    assert by_name["Klantcontact Zuid"]["mes_change"] == pytest.approx(16.5, abs=0.05)
    assert by_name["Schade Particulier"]["label"] == "falling"
    assert by_name["Klantenservice"]["label"] == "rising"
    assert by_name["Schadebehandeling"]["label"] == "falling"
    for stable in ("Advies Particulier", "Uitkeringen", "Klantcontact Noord-Oost", "organisation"):
        assert by_name[stable]["label"] == "stable", stable
    assert by_name["Klantcontact Noord-Oost"]["old_path"][-1] == "Klantcontact Noord"
    assert by_name["Online Verkoop"]["status"] == "new"
    assert by_name["Fraudeonderzoek"]["status"] == "suppressed"
    # Microsoft Forms numbers responses 1..N: never taken for the same people.
    assert report["paired"]["reason"] == "sequence-ids"


def test_diff_against_a_quarter_whose_organisation_is_suppressed(tmp_path: Path) -> None:
    header = "id;team;signals;room;criticism;feedback;speed\n"
    small = tmp_path / "small.csv"
    small.write_text(header + "".join(f"p{i};T;4;4;4;4;4\n" for i in range(3)), encoding="utf-8")
    large = tmp_path / "large.csv"
    large.write_text(header + "".join(f"q{i};T;3;4;4;4;4\n" for i in range(6)), encoding="utf-8")
    report = json.loads(run("diff", str(small), str(large), "-f", "json").stdout)
    assert report["old"]["scored"] is None  # its size would be the hidden organisation's n
    org = report["groups"][0]
    assert org["status"] == "suppressed"
    assert org["old"] is None
    assert org["new"] is None
    out = run("diff", str(small), str(large)).stdout
    assert "Organisation (in small)" in out
