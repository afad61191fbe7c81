"""The registry of example builders: each writes one file into a folder and returns its `Case`.

Builders register under a stable name with `example`; the test module parametrizes over the names
at collection time and calls the builders at test time, in a temporary folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .case import Case

Builder = Callable[[Path], Case]

#: Every example, by name, in the order they were registered.
CASES: dict[str, Builder] = {}
#: The examples whose group names must stay inert in every output (checked in more ways).
INERT: list[str] = []


def example(name: str, *, inert: bool = False) -> Callable[[Builder], Builder]:
    """Register a builder under ``name``."""

    def register(builder: Builder) -> Builder:
        if name in CASES:
            raise ValueError(f"example {name!r} is registered twice")
        CASES[name] = builder
        if inert:
            INERT.append(name)
        return builder

    return register
