"""Exports full of personal data: names, e-mail addresses, tokens and personnel numbers.

Each scores as the organisation does, and none of that data may reach any output: the columns
are recognised by header ("E-mail adres", "Naam medewerker", LimeSurvey's ``firstname``) or by
content (a column of names headed "Medewerker" is not the respondent id).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from .case import Case
from .layout import INCOMPLETE, csv_text, good, personal, rendered, times
from .org import (
    DEPARTMENT_QUESTION,
    LABELS_NL,
    PEOPLE,
    STATEMENTS_NL,
    TEAM_QUESTION,
    TRAITS,
    label,
    number,
)
from .registry import example
from .xlsx import save_openpyxl


@example("forms-personal-xlsx")
def forms_personal_xlsx(folder: Path) -> Case:
    """A Dutch Microsoft Forms export with "E-mail adres", "Naam medewerker" and the personnel
    number beside Forms' own response number "ID": the personnel number is the id."""
    header = [
        "ID",
        "Begintijd",
        "Tijd van voltooien",
        "E-mail adres",
        "Naam medewerker",
        "Personeelsnummer",
        DEPARTMENT_QUESTION,
        TEAM_QUESTION,
        *STATEMENTS_NL,
    ]
    rows: list[Sequence[object]] = [header]
    for index, p in enumerate(PEOPLE):
        start, end = times(index)
        answers = rendered(p, lambda a: label(a, LABELS_NL))
        rows.append([index + 1, start, end, p.email, p.name, p.id, p.department, p.team, *answers])
    path = save_openpyxl(folder / "forms-personal.xlsx", {"Sheet1": rows})
    return good(
        "forms-personal-xlsx",
        path,
        "Forms export with 'E-mail adres', 'Naam medewerker' and 'Personeelsnummer' (the id)",
        sheet="Sheet1",
        never_shown=(*personal(), *(p.id for p in PEOPLE)),
    )


@example("limesurvey-personal-csv")
def limesurvey_personal_csv(folder: Path) -> Case:
    """LimeSurvey with a participant list: ``token``, ``firstname``, ``lastname``, ``email`` and
    ``ipaddr`` beside the answers, exported with full question and answer texts."""
    header = ["id", "submitdate", "lastpage", "startlanguage", "token", "firstname", "lastname"]
    header += ["email", "ipaddr", DEPARTMENT_QUESTION, TEAM_QUESTION, *STATEMENTS_NL]
    rows: list[Sequence[object]] = [header]
    rng = random.Random(9)
    tokens = []
    for index, p in enumerate(PEOPLE):
        _, end = times(index)
        first, last = p.name.split(" ", 1)
        token = "".join(rng.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(15))
        tokens.append(token)
        meta = [index + 1, end.strftime("%Y-%m-%d %H:%M:%S"), 3, "nl", token, first, last]
        answers = rendered(p, lambda a: label(a, LABELS_NL))
        rows.append([*meta, p.email, f"198.51.100.{index + 1}", p.department, p.team, *answers])
    path = folder / "limesurvey-personal.csv"
    path.write_text(csv_text(rows, sep=",", newline="\n", quote_all=True), encoding="utf-8")
    return good(
        "limesurvey-personal-csv",
        path,
        "LimeSurvey CSV with token, firstname, lastname, email and ipaddr columns",
        never_shown=(*personal(), *tokens),
    )


@example("names-as-id-csv")
def names_as_id_csv(folder: Path) -> Case:
    """A hand-made sheet whose id column "Medewerker" holds names: by content it is personal,
    not the id (some names repeat: as ids they would have been double submissions); the
    respondents are numbered by row, with a warning. A name column under an unknown header
    ("Ingevuld door") is recognised by content alone."""
    header = ["Medewerker", "Ingevuld door", "afdeling", "team", *TRAITS]
    rows: list[Sequence[object]] = [header]
    for p in PEOPLE:
        rows.append([p.name, p.name.upper(), p.department, p.team, *rendered(p, number)])
    path = folder / "names-as-id.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    return good(
        "names-as-id-csv",
        path,
        "id column 'Medewerker' of names: personal, respondents numbered by row",
        warnings=(INCOMPLETE, "personal-id-column"),
        never_shown=personal(),
    )
