"""The one small organisation every example renders, and its figures computed in plain Python.

Three departments, five teams, 34 people, drawn once from a seeded generator. Each person has a
numeric answer 1-5 to each of the five MES-5 statements (in the order signals, room, criticism,
feedback, speed), or no answer. The builders only change how these answers are written down
(labels, numbers as text, decimal commas, formulas ...), so every good file must give the figures
`figures` computes here, without any help from mes:

- a person's trait score is ``100 * (answer - 1) / 4``; their MES is the mean of the five;
- a person with a missing answer is a respondent but has no MES and is in no group;
- a group's MES is the mean over its people's MES; energetic means every answer is 4 or 5.
"""

from __future__ import annotations

import random
import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .case import Figures, GroupFigures

SEED = 20260917
SCALE_MIN, SCALE_MAX = 1, 5
ENERGETIC_AT = 4  # 100 * (4 - 1) / 4 = 75

TRAITS = ("signals", "room", "criticism", "feedback", "speed")
STATEMENTS_NL = (
    "Ik geef signalen van klanten actief door in de organisatie.",
    "Ik heb voldoende ruimte om zelf oplossingen voor klanten te bedenken en door te voeren.",
    "Ik krijg energie van kritiek of verbeterpunten van klanten.",
    "Ik krijg regelmatig terug wat klanten van mijn werk, team en organisatie vinden.",
    "Ik schakel snel om verbeteringen voor de klant door te voeren.",
)
STATEMENTS_EN = (
    "I actively pass on signals from customers within the organisation.",
    "I have enough room to devise and carry out solutions for customers myself.",
    "Criticism and suggestions for improvement from customers give me energy.",
    "I regularly hear what customers think of my work, my team and the organisation.",
    "I switch quickly to carry out improvements for the customer.",
)
TEAM_QUESTION = "In welk team werk je?"
DEPARTMENT_QUESTION = "Bij welke afdeling werk je?"
ROLE_QUESTION = "Wat is je functie?"

FINANCE = "Financiën"  # NFC; cp1252 and decomposed spellings of it must come out as this
# (department, team, people, level): the team level shifts everyone's answers a little.
TEAMS = (
    ("Klantenservice", "Klantcontact Noord", 8, -0.1),
    ("Klantenservice", "Chat & Social", 6, 0.3),
    (FINANCE, "Premie & Incasso", 7, -0.3),
    (FINANCE, "Uitkeringen", 6, 0.0),
    ("Schadebehandeling", "Schade Particulier", 7, 0.2),
)
ROLES = ("Frontoffice", "Backoffice", "Management")
TRAIT_EFFECT = (0.3, -0.5, -0.3, 0.0, 0.1)  # room weakest, as in the brief's literature

#: Labels as Microsoft Forms writes a Dutch 5-point Likert question, and the English ones.
LABELS_NL = ("Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens")
LABELS_EN = ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")
#: Every spelling the issue lists, by value.
SPELLINGS = {
    1: ("Helemaal mee oneens", "Helemaal oneens", "Strongly disagree"),
    2: ("Mee oneens", "Oneens", "Disagree"),
    3: ("Neutraal", "Noch eens, noch oneens", "Niet eens/niet oneens", "Neutral"),
    4: ("Mee eens", "Eens", "Agree"),
    5: ("Helemaal mee eens", "Helemaal eens", "Strongly agree"),
}
MISSING_SPELLINGS = ("Niet van toepassing", "n.v.t.", "Weet ik niet", "N/A")


@dataclass(frozen=True)
class Person:
    """One respondent: who they are, where they work, and their five answers (None: missing)."""

    id: str
    email: str
    name: str
    department: str
    team: str
    role: str
    answers: tuple[int | None, ...]

    @property
    def scored(self) -> bool:
        return all(a is not None for a in self.answers)

    @property
    def mes(self) -> float:
        return statistics.fmean(_rescale(a) for a in self.answers if a is not None)

    @property
    def energetic(self) -> bool:
        return all(a is not None and a >= ENERGETIC_AT for a in self.answers)


def _rescale(answer: int) -> float:
    return 100.0 * (answer - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)


FIRST_NAMES = ("Anouk", "Bram", "Daan", "Eva", "Fenna", "Hamza", "Iris", "Jesse", "Lotte", "Mila")
LAST_NAMES = ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Yılmaz", "El Amrani", "Mulder")


def _people() -> tuple[Person, ...]:
    rng = random.Random(SEED)
    people: list[Person] = []
    for department, team, size, team_level in TEAMS:
        for index in range(size):
            level = 3.6 + team_level + rng.gauss(0, 0.7)
            answers: list[int | None] = [
                min(SCALE_MAX, max(SCALE_MIN, round(level + effect + rng.gauss(0, 0.5))))
                for effect in TRAIT_EFFECT
            ]
            # The third person of three teams skipped one statement: a respondent, not scored.
            if index == 2 and team in ("Klantcontact Noord", "Chat & Social", "Uitkeringen"):
                answers[len(people) % len(TRAITS)] = None
            number = len(people) + 1
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            people.append(
                Person(
                    id=f"M{number:03d}",
                    email=f"{first.lower()}.{number}@verzekeraar-voorbeeld.nl",
                    name=f"{first} {last}",
                    department=department,
                    team=team,
                    role=ROLES[rng.randrange(len(ROLES))],
                    answers=tuple(answers),
                )
            )
    # Survey exports list responses in the order they came in, not by team.
    rng.shuffle(people)
    return tuple(people)


PEOPLE = _people()


def figures(people: Iterable[Person] = PEOPLE, *, departments: bool = True) -> Figures:
    """The figures mes must give for ``people``; groups by path: (), (dept,), (dept, team)."""
    everyone = list(people)
    scored = [p for p in everyone if p.scored]
    members: dict[tuple[str, ...], list[Person]] = {(): scored}
    for person in scored:
        team = _nfc(person.team)
        if departments:
            department = _nfc(person.department)
            members.setdefault((department,), []).append(person)
            members.setdefault((department, team), []).append(person)
        else:
            members.setdefault((team,), []).append(person)
    groups = {
        path: GroupFigures(
            n=len(group),
            mes=statistics.fmean(p.mes for p in group),
            energetic=sum(p.energetic for p in group),
        )
        for path, group in members.items()
    }
    return Figures(respondents=len(everyone), scored=len(scored), groups=groups)


def _nfc(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())


def label(answer: int | None, labels: Sequence[str] = LABELS_NL, missing: str = "") -> str:
    """An answer written as a label of a 1-5 scale (``labels[0]`` means 1)."""
    return missing if answer is None else labels[answer - SCALE_MIN]


def number(answer: int | None, missing: str = "") -> str:
    """An answer written as a number, as text."""
    return missing if answer is None else str(answer)
