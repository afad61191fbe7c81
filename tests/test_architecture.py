"""Layering holds: the core loads no CLI, terminal or spreadsheet library; schemas are current."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mes.schemas import SCHEMA_DIR, SCHEMAS, schema_text

CORE = [
    "mes.errors", "mes.instrument", "mes.table", "mes.columns", "mes.validation",
    "mes.scoring", "mes.privacy", "mes.settings", "mes.results", "mes.report", "mes.schemas",
    "mes.defaults", "mes.groups", "mes.change", "mes.pipeline",
]  # fmt: skip


@pytest.mark.parametrize("forbidden", ["typer", "rich", "openpyxl", "reportlab"])
def test_importing_the_core_loads_no_cli_terminal_or_spreadsheet_library(forbidden: str) -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + f"print({forbidden!r} in sys.modules or any(m.startswith({forbidden + '.'!r}) "
        "for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", f"the core imported {forbidden}"


def test_help_does_not_load_the_heavy_libraries() -> None:
    code = (
        "import sys\nfrom mes.cli.app import app\n"
        "print(sorted(m for m in ('polars', 'scipy', 'openpyxl', 'pydantic', 'fastexcel', "
        "'reportlab') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_committed_schema_is_current(kind: str) -> None:
    committed = (SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert json.loads(committed) == json.loads(schema_text(kind)), (
        f"mes/schema/{kind}.schema.json is out of date: run python -m mes.schemas"
    )


#: Where each library that is not core may be imported: the layout is enforced, not hoped for.
#: (ruff's banned-api does the same per file; this checks each library against its own folders.)
CONFINED = {
    "typer": ("mes/cli/",),
    "rich": ("mes/cli/", "mes/render/"),
    "openpyxl": ("mes/render/xlsx/",),
    "reportlab": ("mes/render/pdf/",),
}


def _imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("library", sorted(CONFINED))
def test_each_library_is_imported_only_in_the_folders_that_own_it(library: str) -> None:
    root = Path(__file__).parent.parent
    outside = [
        str(path.relative_to(root))
        for path in sorted((root / "mes").rglob("*.py"))
        if library in _imported(path)
        and not str(path.relative_to(root).as_posix()).startswith(CONFINED[library])
    ]
    assert outside == [], f"{library} is imported outside {CONFINED[library]}: {outside}"
