"""Shared test helpers: build `RawTable`s in memory, as a reader would hand them over."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from mes.instrument import Instrument, builtin
from mes.table import ROW, RawTable, SourceKind, column_letter, data_column

MES5_HEADERS = ("id", "afdeling", "team", "signals", "room", "criticism", "feedback", "speed")


@pytest.fixture(autouse=True)
def _english_system(monkeypatch: pytest.MonkeyPatch) -> None:
    """mes speaks the system language without --lang: the tests run on an English system,
    whatever the machine's (tests of the Dutch default set LANG themselves)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def frame_from_rows(
    rows: Sequence[Sequence[str | None]], row_numbers: Sequence[int], n_columns: int
) -> pl.DataFrame:
    """A `RawTable` frame from Python rows (short rows are padded with nulls), for small tests;
    the readers build their frames column-wise."""
    columns: dict[str, list[str | None]] = {data_column(i): [] for i in range(n_columns)}
    for row in rows:
        for i in range(n_columns):
            columns[data_column(i)].append(row[i] if i < len(row) else None)
    frame = pl.DataFrame(
        {name: pl.Series(name, values, dtype=pl.String) for name, values in columns.items()}
    )
    return frame.with_columns(pl.Series(ROW, list(row_numbers), dtype=pl.Int64))


def make_table(
    rows: Sequence[Sequence[str | None]],
    headers: Sequence[str] = MES5_HEADERS,
    *,
    source: str = "survey.xlsx",
    kind: SourceKind = SourceKind.XLSX,
    first_row: int = 2,
) -> RawTable:
    """A table as read from a workbook whose header is on row ``first_row - 1``."""
    is_json = kind in (SourceKind.JSON, SourceKind.JSONL)
    numbers = list(range(first_row, first_row + len(rows)))
    if is_json:
        numbers = list(range(len(rows)))
    return RawTable(
        source=source,
        kind=kind,
        headers=tuple(headers),
        frame=frame_from_rows(rows, numbers, len(headers)),
        sheet="Sheet1" if kind == SourceKind.XLSX else None,
        header_row=None if is_json else first_row - 1,
        column_refs=() if is_json else tuple(column_letter(i) for i in range(len(headers))),
    )


@pytest.fixture
def mes5() -> Instrument:
    return builtin()


needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (libreoffice-calc-nogui) not installed"
)


def convert_with_libreoffice(workbook: Path, folder: Path) -> Path:
    """Open a workbook in a real spreadsheet program (headless LibreOffice) and print it to PDF;
    fail unless that works. A private profile keeps runs independent of each other."""
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(workbook),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pdf = folder / (workbook.stem + ".pdf")
    assert pdf.exists(), f"no PDF: {result.stdout} {result.stderr}"
    assert pdf.read_bytes().startswith(b"%PDF")
    return pdf


def pdf_text(pdf: Path) -> str:
    """All text of a PDF, page after page (pypdf): chart titles LibreOffice drew included."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def stored(value: float) -> float:
    """A float as a workbook holds it: openpyxl writes 16 significant digits (Excel shows 15)."""
    return float(f"{value:.16g}")


def workbook_cells(wb: Workbook) -> Iterator[tuple[Worksheet, Any]]:
    """Every cell of every sheet, with its sheet."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                yield ws, cell


@pytest.fixture(autouse=True)
def _standard_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables fit the terminal mes finds (Rich looks at stdin too, which under pytest may still
    be the developer's terminal): every test sees 80 columns unless it sets COLUMNS itself."""
    monkeypatch.setenv("COLUMNS", "80")
