"""What an example file is expected to give: the `Case` a builder returns with the file it wrote.

A good file carries the figures mes must compute (`Figures`, worked out in plain Python from the
answers the builder wrote, see `tests.examples.org`); a bad file carries the located issues mes
must report (`ExpectedIssue`); a refused file carries the one issue code of its refusal. Every
case names its exit code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Kind(StrEnum):
    GOOD = "good"  # scores: exit 0 and the expected figures
    BAD = "bad"  # read, but its data has problems: exit 1 and located issues
    REFUSED = "refused"  # cannot be read at all: exit 2 and one line naming the file


@dataclass(frozen=True)
class GroupFigures:
    """A group's respondents with a MES, its mean MES and how many of them are energetic."""

    n: int
    mes: float
    energetic: int


@dataclass(frozen=True)
class Figures:
    """The figures of a good file: file counts, and each group by its path (organisation: ())."""

    respondents: int  # rows with at least one answer
    scored: int  # respondents with every trait answered
    groups: Mapping[tuple[str, ...], GroupFigures]


@dataclass(frozen=True)
class ExpectedIssue:
    """An error mes must report: its code, the location fields that must match, and words of
    its message (e.g. the first row of a duplicated id, or the accepted labels)."""

    code: str
    location: Mapping[str, str | int | None] = field(default_factory=dict)
    message_contains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    """One example file and everything a test needs to know about it."""

    name: str
    path: Path  # the file written
    kind: Kind
    args: tuple[str, ...] = ()  # extra CLI options, e.g. ("--instrument", "/…/x.toml")
    description: str = ""
    figures: Figures | None = None  # good files
    sheet: str | None = None  # the sheet mes must read (good workbooks)
    warnings: frozenset[str] = frozenset()  # warning codes of a good file, exactly
    issues: tuple[ExpectedIssue, ...] = ()  # bad and refused files, exactly these errors
    never_shown: tuple[str, ...] = ()  # text of the file that must reach no output (e-mails, ids)
    inert_names: tuple[str, ...] = ()  # group names to print verbatim, never act on

    @property
    def exit_code(self) -> int:
        return {Kind.GOOD: 0, Kind.BAD: 1, Kind.REFUSED: 2}[self.kind]
