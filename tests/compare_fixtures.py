"""Hand-built quarters for the comparison tests: people with answers, their MES worked out here.

A person is ``(id, department, team, answers)`` with five answers on 1-5, one per MES-5 trait.
Their MES is computed in this module from the brief's definition (the mean of the five trait
scores ``100 * (answer - 1) / 4``), not by mes, so tests can check mes against scipy called
directly on these numbers.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mes.change.people import Side, people
from mes.instrument import Instrument, builtin
from mes.report import score_with_persons
from mes.results import ScoreReport
from mes.settings import Settings
from mes.table import SourceKind
from mes.validation import validate
from tests.conftest import MES5_HEADERS, make_table

Answers = tuple[int, int, int, int, int]


@dataclass(frozen=True)
class Person:
    id: str
    department: str | None
    team: str | None
    answers: Answers

    @property
    def mes(self) -> float:
        return sum(100 * (a - 1) / 4 for a in self.answers) / 5

    def row(self) -> list[str | None]:
        return [self.id, self.department, self.team, *(str(a) for a in self.answers)]


def team(
    department: str | None, name: str | None, answers: Iterable[Answers], prefix: str
) -> list[Person]:
    """People of one team with ids ``{prefix}1``, ``{prefix}2``, ... (same id, same person)."""
    return [Person(f"{prefix}{i}", department, name, a) for i, a in enumerate(answers, 1)]


def shifted(persons: Sequence[Person], trait: int, by: int) -> list[Person]:
    """The same people, with one trait's answer moved by ``by`` points (kept within 1-5)."""
    out = []
    for p in persons:
        answers = list(p.answers)
        answers[trait] = min(5, max(1, answers[trait] + by))
        out.append(Person(p.id, p.department, p.team, tuple(answers)))  # type: ignore[arg-type]
    return out


def moved(persons: Sequence[Person], department: str | None, name: str | None) -> list[Person]:
    return [Person(p.id, department, name, p.answers) for p in persons]


def spread(n: int, base: Answers = (3, 3, 3, 3, 3)) -> list[Answers]:
    """``n`` answer sets around ``base``: each person differs a little, so groups have spread."""
    patterns = [
        (0, 0, 0, 0, 0),
        (1, 0, 0, 0, 0),
        (0, -1, 0, 0, 0),
        (0, 0, 1, 0, 1),
        (0, 0, 0, -1, 0),
    ]
    out = []
    for i in range(n):
        delta = patterns[i % len(patterns)]
        out.append(tuple(min(5, max(1, b + d)) for b, d in zip(base, delta, strict=True)))
    return out  # type: ignore[return-value]


def table_of(persons: Sequence[Person], source: str, headers: Sequence[str] = MES5_HEADERS):
    """A CSV-like table of these people, as a reader would hand it over (header on row 1)."""
    return make_table([p.row() for p in persons], headers, source=source, kind=SourceKind.CSV)


def scored(
    persons: Sequence[Person],
    source: str,
    *,
    k: int = 5,
    instrument: Instrument | None = None,
    with_people: bool = True,
    headers: Sequence[str] = MES5_HEADERS,
) -> Side:
    """One quarter scored as ``mes diff`` scores a survey file: report and person-level data."""
    ins = instrument or builtin()
    _INSTRUMENTS[ins.fingerprint] = ins  # instruments hold dicts: cache by their fingerprint
    side = _scored(tuple(persons), source, k, ins.fingerprint, tuple(headers))
    return side if with_people else Side(side.report)


_INSTRUMENTS: dict[str, Instrument] = {}


@functools.lru_cache(maxsize=64)
def _scored(
    persons: tuple[Person, ...], source: str, k: int, fingerprint: str, headers: tuple[str, ...]
) -> Side:
    # Sides are immutable (frozen models, a polars frame nobody mutates): safe to share.
    ins = _INSTRUMENTS[fingerprint]
    settings = Settings(min_group_size=k)
    responses = validate(table_of(persons, source, headers), ins)
    report, persons = score_with_persons(responses, ins, settings)
    return Side(report, people(responses, persons))


def report_of(persons: Sequence[Person], source: str, **kwargs: object) -> ScoreReport:
    return scored(persons, source, **kwargs).report  # type: ignore[arg-type]


def mes_of(persons: Iterable[Person]) -> list[float]:
    return [p.mes for p in persons]


# --- Two quarters of a small office ------------------------------------------------------------
# Klantenservice: Zuid rises by a full point on two traits (+10 MES), Noord is renamed Noord-Oost
# and stays the same people with the same answers; Schade: Particulier falls, Fraude has 3 people
# (suppressed), so Zakelijk, the next smallest, is hidden with it in both quarters.

ZUID_Q2 = team("Klantenservice", "Zuid", spread(12, (2, 3, 2, 3, 3)), "z")
NOORD_Q2 = team("Klantenservice", "Noord", spread(10, (4, 3, 3, 4, 3)), "n")
PART_Q2 = team("Schade", "Particulier", spread(11, (4, 4, 3, 4, 4)), "p")
ZAKELIJK = team("Schade", "Zakelijk", spread(6, (3, 4, 3, 3, 4)), "b")
FRAUDE = team("Schade", "Fraude", spread(3), "f")

ZUID_Q3 = shifted(shifted(ZUID_Q2, 0, 1), 2, 1)
NOORD_OOST_Q3 = moved(NOORD_Q2, "Klantenservice", "Noord-Oost")
PART_Q3 = shifted(shifted(PART_Q2, 1, -1), 3, -1)

Q2 = [*ZUID_Q2, *NOORD_Q2, *PART_Q2, *ZAKELIJK, *FRAUDE]
Q3 = [*ZUID_Q3, *NOORD_OOST_Q3, *PART_Q3, *ZAKELIJK, *FRAUDE]


def write_csv(persons: Sequence[Person], path: Path, headers: Sequence[str] = MES5_HEADERS) -> str:
    """The people as a survey CSV file (what an export saved from Excel looks like); its name."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        writer.writerows(p.row() for p in persons)
    return path.name
