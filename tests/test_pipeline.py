"""`mes.pipeline` is the library behind the commands: called from Python, it gives what the CLI's
JSON shows, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mes import pipeline
from mes.change.options import CompareOptions, Rename
from mes.cli.app import app
from mes.errors import InputError
from mes.render.json import to_json

SAMPLE = Path(__file__).parent.parent / "sample_data"
QUARTERS = [str(SAMPLE / f"2026-Q{q}.xlsx") for q in (1, 2, 3)]
runner = CliRunner()


def cli_json(*args: str) -> str:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_diff_files_is_what_mes_diff_prints() -> None:
    report = pipeline.diff_files(QUARTERS[1], QUARTERS[2])
    assert to_json(report) == cli_json("diff", QUARTERS[1], QUARTERS[2])


def test_trend_files_is_what_mes_trend_prints() -> None:
    report = pipeline.trend_files(QUARTERS)
    assert to_json(report) == cli_json("trend", *QUARTERS)


def test_score_file_is_what_mes_score_prints() -> None:
    report = pipeline.score_file(str(SAMPLE / "2026-Q3.csv"))
    assert to_json(report) == cli_json("score", str(SAMPLE / "2026-Q3.csv"))


def test_warnings_reach_the_callback_with_what_they_concern() -> None:
    seen: list[str] = []
    pipeline.diff_files(
        QUARTERS[1], QUARTERS[2], warn=lambda what, issues: seen.append(what) if issues else None
    )
    assert seen[:2] == [QUARTERS[1], QUARTERS[2]]


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: pipeline.trend_files(QUARTERS[:2]), "too-few-quarters"),
        (lambda: pipeline.diff_files("-", "-"), "invalid-option"),
        (lambda: pipeline.check_min_group_size(2), "min-group-size-too-small"),
        (lambda: pipeline.check_confidence(1.5), "invalid-option"),
        (lambda: pipeline.renames(["no-equals-sign"]), "invalid-rename"),
        (lambda: pipeline.renames(["A=B", "a=C"]), "invalid-rename"),
    ],
)
def test_the_library_refuses_what_the_cli_refuses(call: object, code: str) -> None:
    with pytest.raises(InputError) as raised:
        call()  # type: ignore[operator]
    assert raised.value.issues[0].code == code


def test_renames_from_options_and_file(tmp_path: Path) -> None:
    file = tmp_path / "renames.toml"
    file.write_text('"Sales" = "Verkoop"\n', encoding="utf-8")
    assert pipeline.renames(["Ops=Operations"], file) == (
        Rename("Sales", "Verkoop"),
        Rename("Ops", "Operations"),
    )
    options = pipeline.ChangeOptions(compare=CompareOptions(renames=pipeline.renames(["A=B"])))
    assert options.compare.renames == (Rename("A", "B"),)
