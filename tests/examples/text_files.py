"""Text exports: CSV as Dutch Excel and people write it, every label spelling, JSON, JSON Lines."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterator
from itertools import cycle
from pathlib import Path

from .case import Case
from .layout import PLAIN_HEADERS, csv_text, good, plain_rows
from .org import MISSING_SPELLINGS, PEOPLE, SPELLINGS, STATEMENTS_NL, TRAITS, Person
from .registry import example

DUTCH_TRAIT_NAMES = ("Klantsignalen", "Ruimte", "Kritiek", "Feedback", "Snelheid")
DUTCH_HEADERS = ("Respondent", "Afdeling", "Team", *DUTCH_TRAIT_NAMES)
COMMENTS = ("Prima, maar druk.", "‘Goed’ – al mis ik €5 budget.", "", "Geen.", "Zie mail; dank!")


def _dutch_rows(people: tuple[Person, ...] = PEOPLE) -> list[list[object]]:
    return [list(DUTCH_HEADERS), *plain_rows(people)]


# --- every spelling of every label ---------------------------------------------------------------

_CASES: tuple[Callable[[str], str], ...] = (str, str.upper, str.lower, str.title, str.swapcase)
_SPACING: tuple[Callable[[str], str], ...] = (
    lambda s: s,
    lambda s: f"  {s} ",
    lambda s: s.replace(" ", "  "),
    lambda s: s.replace(" ", "\u00a0", 1),  # a non-breaking space, pasted from Word
    lambda s: f"\t{s}",
)


def _spellings() -> Callable[[int | None], str]:
    """Writes each answer with the next spelling of its value, in the next case and spacing."""
    words: dict[int | None, Iterator[str]] = {v: cycle(s) for v, s in SPELLINGS.items()}
    words[None] = cycle(MISSING_SPELLINGS)
    cases, spacing = cycle(_CASES), cycle(_SPACING)

    def write(answer: int | None) -> str:
        return next(spacing)(next(cases)(next(words[answer])))

    return write


@example("label-spellings-csv")
def label_spellings_csv(folder: Path) -> Case:
    """Every Dutch and English spelling of the agreement labels, in any case and spacing."""
    write = _spellings()
    rows: list[list[object]] = [list(DUTCH_HEADERS)]
    rows += [[p.id, p.department, p.team, *(write(a) for a in p.answers)] for p in PEOPLE]
    path = folder / "label-spellings.csv"
    path.write_bytes(csv_text(rows).encode("utf-8-sig"))
    return good(
        "label-spellings-csv",
        path,
        "every spelling of every label (Helemaal mee eens, Helemaal eens, Noch eens, noch "
        "oneens, Strongly agree ...) in any case and spacing; Niet van toepassing, n.v.t., "
        "Weet ik niet and N/A as missing",
    )


# --- Dutch Excel CSV -----------------------------------------------------------------------------


def _decimal_commas(rows: list[list[object]]) -> list[list[object]]:
    """Every third answer as "4,0", as a sheet formatted with one decimal saves it."""
    out: list[list[object]] = [rows[0]]
    count = 0
    for row in rows[1:]:
        cells = list(row)
        for i in range(3, len(cells)):
            if isinstance(cells[i], int):
                count += 1
                if count % 3 == 0:
                    cells[i] = f"{cells[i]},0"
        out.append(cells)
    return out


@example("dutch-excel-csv")
def dutch_excel_csv(folder: Path) -> Case:
    """Excel "CSV UTF-8 (gescheiden door komma's)" on Dutch Windows: ;, decimal commas, BOM."""
    path = folder / "dutch-excel.csv"
    path.write_bytes(csv_text(_decimal_commas(_dutch_rows())).encode("utf-8-sig"))
    return good(
        "dutch-excel-csv", path, "Dutch Excel CSV: semicolons, decimal commas, UTF-8 BOM, CRLF"
    )


@example("cp1252-csv")
def cp1252_csv(folder: Path) -> Case:
    """Excel "CSV (gescheiden door lijstscheidingsteken)": cp1252 without a BOM."""
    rows = _dutch_rows()
    rows[0].append("Opmerking")
    for index, row in enumerate(rows[1:]):
        row.append(COMMENTS[index % len(COMMENTS)])
    path = folder / "cp1252.csv"
    path.write_bytes(csv_text(rows).encode("cp1252"))
    return good(
        "cp1252-csv",
        path,
        "cp1252 CSV without BOM: Financiën must not become FinanciÃ«n; curly quotes, € and –",
    )


@example("utf16-tabs-txt")
def utf16_tabs_txt(folder: Path) -> Case:
    """Excel "Unicode-tekst": UTF-16 LE with a BOM, tab-separated, saved as .txt."""
    path = folder / "unicode-tekst.txt"
    path.write_bytes(csv_text(_dutch_rows(), sep="\t").encode("utf-16"))
    return good("utf16-tabs-txt", path, "Excel Unicode text: UTF-16 with BOM, tabs, CRLF, .txt")


@example("sep-line-csv")
def sep_line_csv(folder: Path) -> Case:
    """A ``sep=;`` first line (Excel's hint), and commas in values that must not split them."""
    rows = _dutch_rows()
    rows[0].append("Opmerking")
    for index, row in enumerate(rows[1:]):
        row.append(COMMENTS[index % len(COMMENTS)] or "Ja, zeker, prima")
    path = folder / "sep-line.csv"
    path.write_text("sep=;\r\n" + csv_text(rows), encoding="utf-8")
    return good("sep-line-csv", path, "sep=; first line, commas inside values")


@example("quoted-linebreaks-csv")
def quoted_linebreaks_csv(folder: Path) -> Case:
    """Quoted fields with line breaks, quotes and separators in them; no newline at the end."""
    rows = _dutch_rows()
    rows[0].insert(3, "Toelichting")
    rows[0][2] = "In welk team\r\nwerk je?"  # a header typed with Alt+Enter
    notes = (
        'Klanten bellen vaak terug.\r\nMeer "ruimte" graag; nu te veel regels.',
        "Eerste regel\nTweede regel\n\nNa een lege regel",
        "",
    )
    for index, row in enumerate(rows[1:]):
        row.insert(3, notes[index % len(notes)])
    path = folder / "quoted-linebreaks.csv"
    path.write_bytes(csv_text(rows).rstrip("\r\n").encode("utf-8"))
    return good(
        "quoted-linebreaks-csv",
        path,
        "quoted fields (a header too) with CR LF and LF line breaks, quotes and ; inside; "
        "no final newline",
    )


@example("nul-bytes-csv")
def nul_bytes_csv(folder: Path) -> Case:
    """NUL bytes from a damaged copy: between rows, inside a value and padding the end."""
    lines = csv_text(_dutch_rows()).split("\r\n")
    lines[5] = lines[5] + "\x00"
    lines[9] = lines[9].replace(";", ";\x00", 1)
    data = "\r\n".join(lines).encode("utf-8") + b"\x00" * 64
    path = folder / "nul-bytes.csv"
    path.write_bytes(data)
    return good(
        "nul-bytes-csv",
        path,
        "NUL bytes inside the text and padding the end",
        warnings=("incomplete-respondents", "nul-bytes-removed"),
    )


@example("decomposed-names-csv")
def decomposed_names_csv(folder: Path) -> Case:
    """Names typed with decomposed accents (macOS) and stray spaces: still one group each."""
    rows: list[list[object]] = [list(PLAIN_HEADERS)]
    for index, row in enumerate(plain_rows()):
        department, team = str(row[1]), str(row[2])
        if index % 2:
            department = unicodedata.normalize("NFD", department)
        if index % 3 == 0:
            team = f" {team.replace(' ', '  ')}  "
        rows.append([row[0], department, team, *row[3:]])
    path = folder / "decomposed-names.csv"
    path.write_text(csv_text(rows, sep=",", newline="\n"), encoding="utf-8")
    return good(
        "decomposed-names-csv",
        path,
        "Financiën written both composed and decomposed (NFD), team names with stray spaces",
    )


# --- JSON ----------------------------------------------------------------------------------------


@example("json-array")
def json_array(folder: Path) -> Case:
    """An array of objects from a dashboard: numbers, null for missing, a few numbers as text."""
    items = []
    for index, p in enumerate(PEOPLE):
        item: dict[str, object] = {
            "respondent_id": p.id,
            "department": p.department,
            "team": p.team,
        }
        for trait, answer in zip(TRAITS, p.answers, strict=True):
            item[trait] = str(answer) if answer is not None and index % 7 == 0 else answer
        items.append(item)
    path = folder / "responses.json"
    path.write_text(json.dumps(items, indent=2, ensure_ascii=False), encoding="utf-8")
    return good("json-array", path, "JSON array of objects; null is missing; numbers as text")


@example("jsonl")
def jsonl(folder: Path) -> Case:
    """JSON Lines, Dutch keys and statements, a skipped question left out of its object."""
    lines = []
    for index, p in enumerate(PEOPLE):
        item: dict[str, object] = {"medewerker": p.id, "afdeling": p.department, "team": p.team}
        item.update({s: a for s, a in zip(STATEMENTS_NL, p.answers, strict=True) if a is not None})
        lines.append(json.dumps(item, ensure_ascii=False))
        if index == 10:
            lines.append("")
    path = folder / "responses.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return good("jsonl", path, "JSON Lines with Dutch statements as keys; skipped keys left out")
