"""The README's pasted terminal output is what mes prints today.

Each example names its command and width in the sentence before its code block ("`mes score
sample_data/2026-Q3.xlsx` … prints, at 120 columns:"). A block with a line of only "…" is an
excerpt: its other lines must each appear in the output, in order. Trailing spaces are ignored.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mes.cli.app import app

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
runner = CliRunner()

#: "`mes ...` ... prints, at N columns:" and the code block that follows.
_EXAMPLE = re.compile(
    r"`(mes [^`]+)`(?:(?!\n\n).)*?prints, at (\d+) columns:\s*```\n(.*?)```", re.S
)
EXAMPLES = [(m.group(1), int(m.group(2)), m.group(3)) for m in _EXAMPLE.finditer(README)]


def test_the_readme_has_examples_to_check() -> None:
    commands = [command.split()[1] for command, _, _ in EXAMPLES]
    assert "score" in commands
    assert "diff" in commands


@pytest.mark.parametrize(("command", "width", "block"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_readme_output_is_what_mes_prints(command: str, width: int, block: str) -> None:
    args = shlex.split(command)[1:]
    result = runner.invoke(app, args, env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    printed = [line.rstrip() for line in result.stdout.splitlines()]
    expected = [line.rstrip() for line in block.splitlines()]
    if not any(line.strip() == "…" for line in expected):
        assert printed[: len(expected)] == expected
        return
    position = 0
    for line in expected:
        if line.strip() == "…":
            continue
        assert line in printed[position:], f"README line not printed (in order): {line!r}"
        position = printed.index(line, position) + 1
