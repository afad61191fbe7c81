"""Exports as people really fill them in: other question wordings, personnel numbers with a
double submission, answer labels in their variants, names typed in several ways, a team without
a department and a team under two departments.

Each good file's figures are computed here in plain Python from the people written, by the same
rules as `tests.examples.org.figures` (a team without a department is its own group under the
organisation), without any help from mes.
"""

from __future__ import annotations

import random
import statistics
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from .case import Case, ExpectedIssue, Figures, GroupFigures, Kind
from .layout import INCOMPLETE, csv_text, good, personal, rendered, times
from .org import PEOPLE, SCALE_MAX, SCALE_MIN, STATEMENTS_NL, TRAITS, Person, number
from .registry import example
from .xlsx import save_openpyxl

FORMS_HEADERS = ("ID", "Start time", "Completion time", "Email", "Name")
#: Wordings of the department, team and role questions that are no built-in name: found by
#: the words of the question.
OTHER_DEPARTMENT = "Tot welke afdeling behoor je?"
OTHER_TEAM = "In welk team ben je werkzaam?"
OTHER_ROLE = "Wat is jouw rol?"


@example("forms-other-wordings-xlsx")
def forms_other_wordings_xlsx(folder: Path) -> Case:
    """Microsoft Forms with the team and department questions worded another way."""
    header = [*FORMS_HEADERS, OTHER_DEPARTMENT, OTHER_TEAM, OTHER_ROLE, *STATEMENTS_NL]
    rows: list[Sequence[object]] = [header]
    for index, p in enumerate(PEOPLE):
        start, end = times(index)
        answers = rendered(p, number)
        rows.append(
            [index + 1, start, end, p.email, p.name, p.department, p.team, p.role, *answers]
        )
    path = save_openpyxl(folder / "forms-other-wordings.xlsx", {"Sheet1": rows})
    return good(
        "forms-other-wordings-xlsx",
        path,
        f"team, department and role asked as {OTHER_TEAM!r}, {OTHER_DEPARTMENT!r}, {OTHER_ROLE!r}",
        sheet="Sheet1",
        never_shown=personal(),
    )


PERSONNEL = "Medewerkernummer"


def _personnel_rows(double: Person) -> list[list[object]]:
    """A hand-made sheet keyed by personnel number, with ``double`` submitted twice (the second
    time with other answers, as someone who changed their mind)."""
    rows: list[list[object]] = [[PERSONNEL, "Afdeling", "Team", *TRAITS]]
    rows += [[p.id, p.department, p.team, *p.answers] for p in PEOPLE]
    changed = [None if a is None else SCALE_MAX + SCALE_MIN - a for a in double.answers]
    rows.append([double.id, double.department, double.team, *changed])
    return rows


@example("personnel-number-double-csv")
def personnel_number_double_csv(folder: Path) -> Case:
    """A second submission by the same person, found by the personnel number."""
    double = PEOPLE[4]
    path = folder / "personnel-number-double.csv"
    path.write_text(csv_text(_personnel_rows(double)), encoding="utf-8")
    last = len(PEOPLE) + 2  # header is row 1
    return Case(
        name="personnel-number-double-csv",
        path=path,
        kind=Kind.BAD,
        description=f"{PERSONNEL} column, person on row 6 answered again on row {last}",
        issues=(
            ExpectedIssue(
                "duplicate-respondent",
                {"row": last, "cell": f"A{last}", "column": PERSONNEL},
                ("row 6 (cell A6)",),
            ),
        ),
        never_shown=(double.id,),
    )


#: Answer labels as people write them, by value: with their number in front or behind, and
#: the Dutch and English variants of the agreement labels.
LABEL_VARIANTS = {
    1: ("1 - Helemaal mee oneens", "Helemaal niet mee eens", "(1) Zeer oneens", "Totally disagree"),
    2: ("2. Mee oneens", "Niet akkoord", "2 = Oneens", "Disagree (2)"),
    3: ("3 - Neutraal", "Eens noch oneens", "(3) Neutral", "3: Neutraal"),
    4: ("4 - Mee eens", "Akkoord", "Eens (4)", "4) Agree"),
    5: ("5 - Helemaal mee eens", "Zeer eens", "Volledig akkoord", "Totally agree"),
}


@example("label-variants-csv")
def label_variants_csv(folder: Path) -> Case:
    """Every answer as one of the label variants people write, cycling through them."""
    rows: list[list[object]] = [["id", "afdeling", "team", *STATEMENTS_NL]]
    for index, p in enumerate(PEOPLE):
        answers = [
            "" if a is None else LABEL_VARIANTS[a][(index + t) % len(LABEL_VARIANTS[a])]
            for t, a in enumerate(p.answers)
        ]
        rows.append([p.id, p.department, p.team, *answers])
    path = folder / "label-variants.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    return good("label-variants-csv", path, "answers as '5 - Helemaal mee eens', 'Zeer eens', ...")


def _messy(name: str, variant: int) -> str:
    """Another way of typing ``name``: case, spaces, tabs, no-break spaces, full-width forms."""
    forms = (
        name.upper(),
        f"  {name.lower()} ",
        name.replace(" ", "\u00a0\u00a0"),
        f"{name}\t",
        unicodedata.normalize("NFKC", name).translate(
            {c: c + 0xFEE0 for c in range(ord("A"), ord("Z") + 1)}
        ),  # full-width capitals, as some Asian keyboards type them: NFKC folds them back
        f"{name}\n",
    )
    return forms[variant % len(forms)]


@example("messy-names-csv")
def messy_names_csv(folder: Path) -> Case:
    """Team and department names typed in other ways by a minority of each team's rows: one
    name each, shown in the majority's spelling, with a warning naming the spellings merged."""
    rows: list[list[object]] = [["id", "afdeling", "team", *TRAITS]]
    seen: dict[str, int] = {}
    for p in PEOPLE:
        count = seen[p.team] = seen.get(p.team, 0) + 1
        department, team = p.department, p.team
        if count in (2, 5):  # two of every team's six to eight rows
            department, team = _messy(p.department, count + len(rows)), _messy(p.team, count - 2)
        rows.append([p.id, department, team, *p.answers])
    path = folder / "messy-names.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    return good(
        "messy-names-csv",
        path,
        "names in capitals, lower case, with extra, no-break and full-width characters",
        warnings=(INCOMPLETE, "group-names-merged"),
    )


def _extra_people(department: str, team: str, size: int, seed: int) -> list[Person]:
    """``size`` more people who answered everything, for the examples that add a team."""
    rng = random.Random(seed)
    people = []
    for index in range(size):
        level = 3.4 + rng.gauss(0, 0.7)
        answers = tuple(
            min(SCALE_MAX, max(SCALE_MIN, round(level + rng.gauss(0, 0.6)))) for _ in TRAITS
        )
        people.append(
            Person(
                id=f"X{seed % 100:02d}{index:02d}",
                email=f"extra.{seed}.{index}@verzekeraar-voorbeeld.nl",
                name=f"Extra {index}",
                department=department,
                team=team,
                role="Backoffice",
                answers=answers,
            )
        )
    return people


def tree_figures(people: Sequence[Person]) -> Figures:
    """The figures of ``people`` where a person without a department is in the organisation and
    in a team of their team's name without a department; never in a department of that name."""
    scored = [p for p in people if p.scored]
    members: dict[tuple[str, ...], list[Person]] = {(): scored}
    for p in scored:
        if p.department:
            members.setdefault((p.department,), []).append(p)
            members.setdefault((p.department, p.team), []).append(p)
        else:
            members.setdefault((p.team,), []).append(p)
    return Figures(
        respondents=len(people),
        scored=len(scored),
        groups={
            path: GroupFigures(
                n=len(group),
                mes=statistics.fmean(p.mes for p in group),
                energetic=sum(p.energetic for p in group),
            )
            for path, group in members.items()
        },
    )


def _tree_case(name: str, path: Path, people: Sequence[Person], warning: str) -> Case:
    rows: list[list[object]] = [["id", "afdeling", "team", *TRAITS]]
    rows += [[p.id, p.department, p.team, *p.answers] for p in people]
    path.write_text(csv_text(rows), encoding="utf-8")
    return Case(
        name=name,
        path=path,
        kind=Kind.GOOD,
        description=warning,
        figures=tree_figures(people),
        warnings=frozenset({INCOMPLETE, warning}),
    )


@example("team-without-department-csv")
def team_without_department_csv(folder: Path) -> Case:
    """Six people of a team with a blank department: counted in the organisation and in a team
    without a department, never in a department called after the team."""
    loose = [replace(p, department="") for p in _extra_people("", "Thuiswerkers", 6, 11)]
    return _tree_case(
        "team-without-department-csv",
        folder / "team-without-department.csv",
        [*PEOPLE, *loose],
        "team-without-department",
    )


@example("team-in-two-departments-csv")
def team_in_two_departments_csv(folder: Path) -> Case:
    """A team name under two departments: two teams, one in each, and a warning."""
    extra = _extra_people("Klantenservice", "Backoffice", 6, 12)
    extra += _extra_people("Schadebehandeling", "Backoffice", 6, 13)
    return _tree_case(
        "team-in-two-departments-csv",
        folder / "team-in-two-departments.csv",
        [*PEOPLE, *extra],
        "team-in-several-departments",
    )
