"""Group names that must stay inert: shown verbatim, never run as formulas, markup or escapes.

Twelve teams of five: spreadsheet formulas, Rich markup, an ANSI escape and control characters,
a 10,000-character name, emoji and right-to-left scripts. The same people and answers as the
organisation's scored respondents, so the figures are computed as for every good file.
"""

from __future__ import annotations

import json
from dataclasses import replace
from itertools import cycle
from pathlib import Path

from .case import Case
from .layout import csv_text, good
from .org import PEOPLE, TRAITS, Person
from .registry import example

FORMULA_NAMES = ('=HYPERLINK("http://x","click")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(A1)")
MARKUP_NAMES = ("[bold red]x[/]", "[/]")
CONTROL_NAMES = ("Rood\x1b[31m alarm\x1b[0m", "Bel\x07team")
LONG_NAME = "Lang" + "e" * 9_992 + "naam"
OTHER_NAMES = ("Klantgeluk 🚀 👩🏽‍💻", "خدمة العملاء", "שירות לקוחות")
NAMES = (*FORMULA_NAMES, *MARKUP_NAMES, *CONTROL_NAMES, LONG_NAME, *OTHER_NAMES)
#: The JSON example also puts every team in one department with an inert name.
DEPARTMENT = "@Afdeling [b]Noord[/b]"
TEAM_SIZE = 5


def _people() -> tuple[Person, ...]:
    scored = cycle(p for p in PEOPLE if p.scored)
    return tuple(
        replace(next(scored), id=f"X{i * TEAM_SIZE + j + 1:03d}", team=name, department=DEPARTMENT)
        for i, name in enumerate(NAMES)
        for j in range(TEAM_SIZE)
    )


INERT_PEOPLE = _people()


def _case(name: str, path: Path, description: str, *, departments: bool) -> Case:
    case = good(name, path, description, warnings=(), departments=departments, people=INERT_PEOPLE)
    return replace(case, inert_names=(*NAMES, DEPARTMENT) if departments else NAMES)


@example("inert-names-csv", inert=True)
def inert_names_csv(folder: Path) -> Case:
    rows: list[list[object]] = [["id", "team", *TRAITS]]
    rows += [[p.id, p.team, *p.answers] for p in INERT_PEOPLE]
    path = folder / "inert-names.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    return _case(
        "inert-names-csv",
        path,
        "teams named as formulas, markup, escapes, 10,000 characters, emoji and RTL text",
        departments=False,
    )


@example("inert-names-json", inert=True)
def inert_names_json(folder: Path) -> Case:
    items = [
        {
            "id": p.id,
            "afdeling": p.department,
            "team": p.team,
            **dict(zip(TRAITS, p.answers, strict=True)),
        }
        for p in INERT_PEOPLE
    ]
    path = folder / "inert-names.json"
    path.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    return _case(
        "inert-names-json",
        path,
        "the same teams in JSON, in a department named like a formula with markup",
        departments=True,
    )
