"""What a comparison of quarters is asked to do: confidence, minimum change, renames, pairing."""

from __future__ import annotations

from dataclasses import dataclass

from mes.defaults import DEFAULT_CONFIDENCE, DEFAULT_MIN_CHANGE


@dataclass(frozen=True)
class Rename:
    """A team or department name of the earlier quarter and its name in the later one.

    ``old`` is matched as a department or team name; when that is ambiguous, ``Dept/Team``
    names one team (``new`` may then be ``Dept/Team`` too, to move it to another department).
    """

    old: str
    new: str


@dataclass(frozen=True)
class CompareOptions:
    confidence: float = DEFAULT_CONFIDENCE
    min_change: float = DEFAULT_MIN_CHANGE
    allow_instrument_change: bool = False
    renames: tuple[Rename, ...] = ()
    paired: bool = True
    # --label: the quarters' names in tables, workbooks and JSON, one per quarter in order;
    # empty: the file names without folder and extension
    labels: tuple[str, ...] = ()
