"""Helpers the builders share: rows of the organisation, CSV text, timestamps, a good `Case`."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from .case import Case, Kind
from .org import PEOPLE, TRAITS, Person, figures

#: The plainest layout: what a hand-made sheet has (trait keys as headers, answers as numbers).
PLAIN_HEADERS = ("id", "afdeling", "team", *TRAITS)
#: Every good file has three respondents with a missing answer: they get no MES.
INCOMPLETE = "incomplete-respondents"

Row = list[object]


def plain_rows(people: Sequence[Person] = PEOPLE) -> list[Row]:
    """One row per person: id, department, team and the five answers as numbers (None: blank)."""
    return [[p.id, p.department, p.team, *p.answers] for p in people]


def item_column(trait: str, first: int = 3) -> int:
    """0-based column of a trait's answers in the plain layout."""
    return first + TRAITS.index(trait)


def rendered(person: Person, render: Callable[[int | None], str]) -> list[str]:
    """The person's five answers, each written by ``render``."""
    return [render(a) for a in person.answers]


def csv_text(
    rows: Iterable[Sequence[object]],
    *,
    sep: str = ";",
    newline: str = "\r\n",
    quote_all: bool = False,
) -> str:
    """Rows as CSV text the way Excel and survey tools write it (quotes only where needed)."""
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=sep,
        lineterminator=newline,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue()


def times(index: int) -> tuple[datetime, datetime]:
    """Start and completion time of the ``index``-th response: a fortnight in September."""
    rng = random.Random(index)
    start = datetime(2026, 9, 7, 8, 30) + timedelta(minutes=317 * index + rng.randrange(60))
    return start, start + timedelta(seconds=95 + rng.randrange(400))


def good(
    name: str,
    path: Path,
    description: str,
    *,
    args: Sequence[str] = (),
    sheet: str | None = None,
    warnings: Iterable[str] = (INCOMPLETE,),
    departments: bool = True,
    people: Sequence[Person] = PEOPLE,
    never_shown: Sequence[str] = (),
) -> Case:
    """A good file of the organisation: it must give `figures` of ``people``."""
    return Case(
        name=name,
        path=path,
        kind=Kind.GOOD,
        args=tuple(args),
        description=description,
        figures=figures(people, departments=departments),
        sheet=sheet,
        warnings=frozenset(warnings),
        never_shown=tuple(never_shown),
    )


def personal(people: Sequence[Person] = PEOPLE) -> tuple[str, ...]:
    """E-mail addresses and names: in the export, never in any output."""
    return tuple(p.email for p in people) + tuple(p.name for p in people)
