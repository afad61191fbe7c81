"""Workbooks as people make and keep them: titles, extra sheets, merges, formulas, leftovers."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from .case import Case
from .layout import Row, good, plain_rows
from .org import (
    DEPARTMENT_QUESTION,
    LABELS_NL,
    PEOPLE,
    STATEMENTS_NL,
    TEAM_QUESTION,
    TEAMS,
    Person,
    label,
)
from .registry import example
from .xlsx import Cell, Formula, Sheet, save_openpyxl, write_package

NAMED_HEADERS = ("Medewerker", "Afdeling", "Team", *STATEMENTS_NL)


def _named_rows() -> list[Row]:
    return [list(NAMED_HEADERS), *plain_rows()]


@example("title-rows-xlsx")
def title_rows_xlsx(folder: Path) -> Case:
    """Three title rows above the header, as a report someone tidied up."""
    rows: list[Row] = [
        ["Medewerkersonderzoek klantenergie, derde kwartaal 2026"],
        ["Bron: Microsoft Forms, gedownload op 19-09-2026"],
        [],
        *_named_rows(),
    ]
    path = save_openpyxl(folder / "title-rows.xlsx", {"Resultaten Q3": rows})
    return good("title-rows-xlsx", path, "title rows above the header", sheet="Resultaten Q3")


def _instructions(name: str, path: Path, instructions: list[Row], description: str) -> Case:
    sheets = {"Instructies": instructions, "Antwoorden": _named_rows()}
    return good(
        name,
        save_openpyxl(path, sheets),
        description,
        sheet="Antwoorden",
        warnings=("incomplete-respondents", "sheet-chosen"),
    )


@example("instructions-sheet-xlsx")
def instructions_sheet_xlsx(folder: Path) -> Case:
    """An instructions sheet first; the answers on the second sheet (mes must say which)."""
    instructions: list[Row] = [
        ["Zo vul je dit bestand in"],
        ["Eén rij per medewerker; antwoorden van 1 (helemaal mee oneens) tot 5."],
        ["Laat een vraag leeg als die niet voor je geldt."],
    ]
    return _instructions(
        "instructions-sheet-xlsx",
        folder / "instructions-sheet.xlsx",
        instructions,
        "instructions sheet before the answers sheet",
    )


@example("instructions-table-xlsx")
def instructions_table_xlsx(folder: Path) -> Case:
    """Instructions that explain each column in a small table: still not the data."""
    instructions: list[Row] = [
        ["Zo vul je dit bestand in"],
        [],
        ["Kolom", "Wat vul je in"],
        ["Afdeling", "Kies je afdeling uit de lijst"],
        ["Team", "Kies je team uit de lijst"],
        ["Stellingen", "1 = helemaal mee oneens ... 5 = helemaal mee eens; leeg = geen antwoord"],
    ]
    return _instructions(
        "instructions-table-xlsx",
        folder / "instructions-table.xlsx",
        instructions,
        "instructions sheet with a table of the columns before the answers sheet",
    )


@example("sheet-option-xlsx")
def sheet_option_xlsx(folder: Path) -> Case:
    """Two quarters in one workbook; ``--sheet`` picks the second (case-insensitively)."""
    older: list[Row] = [list(NAMED_HEADERS)]
    older += [[f"Q2-{i}", "Oud", "Oud team", 1, 1, 1, 1, 1] for i in range(6)]
    sheets: dict[str, list[Row]] = {"Q2 2026": older, "Q3 2026": _named_rows()}
    path = save_openpyxl(folder / "two-quarters.xlsx", sheets)
    return good(
        "sheet-option-xlsx",
        path,
        "two sheets with answers; --sheet chooses the later quarter",
        args=("--sheet", "q3 2026"),
        sheet="Q3 2026",
    )


@example("stray-spaces-xlsx")
def stray_spaces_xlsx(folder: Path) -> Case:
    """Headers and names with stray, doubled and trailing spaces, a line break, a colon."""
    header: Row = ["  ID ", "Afdeling  ", f" {TEAM_QUESTION.replace(' ', chr(10), 1)} "]
    header += [f"{s.replace(' ', '  ', 2)}  " for s in STATEMENTS_NL[:4]] + ["Snelheid:"]
    rows: list[Row] = [header]
    for index, p in enumerate(PEOPLE):
        team = f"{p.team} " if index % 2 else f"  {p.team}"
        rows.append([p.id, f" {p.department}", team, *p.answers])
    path = save_openpyxl(folder / "stray-spaces.xlsx", {"Blad1": rows})
    return good("stray-spaces-xlsx", path, "stray spaces in headers and group names", sheet="Blad1")


@example("empty-rows-columns-xlsx")
def empty_rows_columns_xlsx(folder: Path) -> Case:
    """Empty rows between blocks of answers and empty columns between the groups and answers."""
    rows: list[Row] = []
    for index, row in enumerate(_named_rows()):
        rows.append([None, row[0], row[1], row[2], None, None, *row[3:]])
        if index and index % 8 == 0:
            rows.append([])
    rows += [[], []]
    path = save_openpyxl(folder / "empty-rows-columns.xlsx", {"Data": rows})
    return good(
        "empty-rows-columns-xlsx", path, "empty rows and empty columns in the table", sheet="Data"
    )


@example("formatted-empty-rows-xlsx")
def formatted_empty_rows_xlsx(folder: Path) -> Case:
    """A template formatted far below the data: 10,000 styled, empty rows."""
    sheet = Sheet("Enquête", _named_rows(), formatted_rows=10_000)
    path = write_package(folder / "formatted-empty-rows.xlsx", [sheet])
    return good(
        "formatted-empty-rows-xlsx",
        path,
        "10,000 formatted but empty rows below the answers",
        sheet="Enquête",
    )


@example("wrong-dimension-xlsx")
def wrong_dimension_xlsx(folder: Path) -> Case:
    """A sheet that declares its used range as A1:C2 while the answers run much further."""
    sheet = Sheet("Sheet1", _named_rows(), dimension="A1:C2")
    path = write_package(folder / "wrong-dimension.xlsx", [sheet])
    return good(
        "wrong-dimension-xlsx", path, "declared dimension A1:C2, data to H35", sheet="Sheet1"
    )


def _blocks(values: list[str], first_row: int) -> list[tuple[int, int]]:
    """(first, last) row of each run of equal values longer than one row."""
    blocks, row = [], first_row
    for _, run in groupby(values):
        size = len(list(run))
        if size > 1:
            blocks.append((row, row + size - 1))
        row += size
    return blocks


@example("merged-cells-xlsx")
def merged_cells_xlsx(folder: Path) -> Case:
    """Departments and teams merged over their blocks; a merged title and header band above."""
    order = [(department, team) for department, team, _, _ in TEAMS]
    ordered = sorted(PEOPLE, key=lambda p: order.index((p.department, p.team)))
    rows: list[Row] = [
        ["Klantenergie per team, Q3 2026"],
        ["Organisatie", None, None, "Stellingen (1 = helemaal mee oneens, 5 = helemaal mee eens)"],
        ["Afdeling", "Team", "Medewerker", *STATEMENTS_NL],
    ]
    first = len(rows) + 1
    merges = ["A1:H1", "A2:C2", "D2:H2"]
    for column, values in (
        ("A", [p.department for p in ordered]),
        ("B", [p.team for p in ordered]),
    ):
        merges += [f"{column}{a}:{column}{b}" for a, b in _blocks(values, first)]
    previous: Person | None = None
    for p in ordered:
        department = None if previous and previous.department == p.department else p.department
        team = None if previous and previous.team == p.team else p.team
        rows.append([department, team, p.id, *p.answers])
        previous = p
    path = save_openpyxl(
        folder / "merged-cells.xlsx", {"Per team": rows}, merges={"Per team": merges}
    )
    return good(
        "merged-cells-xlsx",
        path,
        "department and team merged over their blocks; merged title and header band",
        sheet="Per team",
    )


@example("space-cell-xlsx")
def space_cell_xlsx(folder: Path) -> Case:
    """A comments column where someone typed a single space: an ordinary good file otherwise.

    Written as Excel writes it, ``<t xml:space="preserve"> </t>`` (openpyxl drops the space).
    """
    rows = _named_rows()
    rows[0].append("Opmerking")
    rows[3].append(" ")
    path = write_package(folder / "space-cell.xlsx", [Sheet("Blad1", rows)])
    return good("space-cell-xlsx", path, "a cell holding one space on row 4", sheet="Blad1")


@example("text-scores-xlsx")
def text_scores_xlsx(folder: Path) -> Case:
    """Every cell stored as text ("4", not 4): the sheet was formatted as Text before typing."""
    path = save_openpyxl(folder / "text-scores.xlsx", {"Blad1": _named_rows()}, text_cells=True)
    return good("text-scores-xlsx", path, "scores stored as text", sheet="Blad1")


_ARTEFACTS = (1e-15, -4.440892098500626e-16, 2e-12, -3e-10, 0.0)


@example("float-artefacts-xlsx")
def float_artefacts_xlsx(folder: Path) -> Case:
    """Answers computed in the sheet, off by a float artefact (2.9999999999999996 for 3)."""
    rows: list[Row] = [list(NAMED_HEADERS)]
    count = 0
    for p in PEOPLE:
        answers: Row = []
        for a in p.answers:
            count += 1
            answers.append(None if a is None else a + _ARTEFACTS[count % len(_ARTEFACTS)])
        rows.append([p.id, p.department, p.team, *answers])
    path = save_openpyxl(folder / "float-artefacts.xlsx", {"Blad1": rows})
    return good("float-artefacts-xlsx", path, "answers with float artefacts", sheet="Blad1")


@example("formulas-xlsx")
def formulas_xlsx(folder: Path) -> Case:
    """Team names looked up and answers computed by formulas, each with its saved result."""
    teams = sorted({(p.team, p.department) for p in PEOPLE})
    lookup: list[list[Cell]] = [["Code", "Team", "Afdeling"]]
    lookup += [[f"T{i + 1}", team, dept] for i, (team, dept) in enumerate(teams)]
    codes = {team: f"T{i + 1}" for i, (team, _) in enumerate(teams)}
    header = ["Medewerker", "Teamcode", DEPARTMENT_QUESTION, TEAM_QUESTION, *STATEMENTS_NL]
    rows: list[list[Cell]] = [[*header, "Gemiddelde"]]
    for index, p in enumerate(PEOPLE, start=2):
        code = codes[p.team]
        answers: list[Cell] = []
        for column, a in enumerate(p.answers, start=4):
            if a is None:
                answers.append(None)
            elif (index + column) % 3 == 0:  # converted from a label column in the sheet
                answers.append(Formula(f'MATCH("{label(a)}",Schaal!A1:A5,0)', a))
            else:
                answers.append(a)
        given = [a for a in p.answers if a is not None]
        rows.append(
            [
                p.id,
                code,
                Formula(f"VLOOKUP(B{index},Teams!A:C,3,FALSE)", p.department),
                Formula(f"VLOOKUP(B{index},Teams!A:C,2,FALSE)", p.team),
                *answers,
                Formula(f"AVERAGE(E{index}:I{index})", sum(given) / len(given)),
            ]
        )
    scale: list[list[Cell]] = [[text] for text in LABELS_NL]
    sheets = [Sheet("Antwoorden", rows), Sheet("Teams", lookup), Sheet("Schaal", scale)]
    path = write_package(folder / "formulas.xlsx", sheets)
    return good(
        "formulas-xlsx",
        path,
        "team and department by VLOOKUP and answers by MATCH, with cached results",
        sheet="Antwoorden",
    )
