"""The survey file a command line will read, found before Typer parses it (`mes.io.prefetch`).

`mes.__main__.main` calls `start_reading` first thing, so that a workbook's checks and
calamine's load run while Typer, pydantic, polars and the command's modules are imported. Only
a command line read here with certainty starts anything: a command that reads a survey file
(`COMMANDS`), options that command has (with their arity: `FLAGS` take no value), and the
number of files it takes. Help, an unknown option, a missing or extra file, ``-`` (standard
input) or ``--instrument`` (another questionnaire: its header row may differ from the guess)
start nothing, and the command runs as it always did; so do the commonest refusals after
parsing (``-o`` in a folder that does not exist or naming a folder, a workbook or PDFs without
``-o``), which the load would only slow down. What is started is only used where it is exactly
what the command reads (`mes.io.prefetch.claim`), so a command line misread here costs time,
never a different result. This module imports nothing heavy: it runs before the rest of mes is
imported.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

#: Options of mes itself, before the command (`app._options`): flags, and those with a value.
GLOBAL_FLAGS = frozenset({"--debug"})
GLOBAL_VALUES = frozenset({"--lang"})

#: Options of every command below that take no value.
FLAGS = frozenset(
    {
        "--individuals",
        "--keep-ids",
        "--skip-invalid",
        "--allow-instrument-change",
        "--no-paired",
    }
)

#: The commands that read survey files, the options each takes (with a value unless in
#: `FLAGS`), and how many files: (at least, at most) positional arguments.
COMMANDS: dict[str, tuple[frozenset[str], tuple[int, int | None]]] = {
    "score": (
        frozenset(
            {
                "--format",
                "-f",
                "--output",
                "-o",
                "--by",
                "--individuals",
                "--keep-ids",
                "--min-group-size",
                "-k",
                "--confidence",
                "--sheet",
                "--skip-invalid",
                "--headcount",
                "--min-response",
                "--lang",
                "--previous",
            }
        ),
        (1, 1),
    ),
    "validate": (frozenset({"--sheet", "--format", "-f", "--headcount", "--lang"}), (1, 1)),
    "columns": (frozenset({"--format", "-f", "--sheet", "--lang"}), (1, 1)),
    "drivers": (
        frozenset(
            {
                "--outcome",
                "--format",
                "-f",
                "--output",
                "-o",
                "--by",
                "--min-group-size",
                "-k",
                "--confidence",
                "--sheet",
                "--skip-invalid",
                "--lang",
            }
        ),
        (1, 1),
    ),
}
_QUARTERS = frozenset(
    {
        "--rename",
        "--rename-file",
        "--label",
        "--confidence",
        "--min-change",
        "--allow-instrument-change",
        "--format",
        "-f",
        "--output",
        "-o",
        "--min-group-size",
        "-k",
        "--by",
        "--sheet",
        "--skip-invalid",
        "--headcount",
        "--min-response",
        "--lang",
    }
)
COMMANDS["diff"] = (_QUARTERS | {"--no-paired"}, (2, 2))
COMMANDS["trend"] = (_QUARTERS, (1, None))

_HELP = frozenset({"--help", "-h"})


def survey_to_read(args: Sequence[str]) -> tuple[str, str | None] | None:
    """The first survey file ``args`` (``sys.argv[1:]``) will read, and its ``--sheet``; None
    unless the command line is certain to be read that way."""
    at = 0
    while at < len(args) and args[at].startswith("-"):  # mes's own options
        option, attached = _split(args[at])
        if option in GLOBAL_FLAGS and attached is None:
            at += 1
        elif option in GLOBAL_VALUES:
            at += 1 if attached is not None else 2
        else:
            return None
    if at >= len(args) or args[at] not in COMMANDS:
        return None
    options, (least, most) = COMMANDS[args[at]]
    files: list[str] = []
    given: dict[str, str] = {}
    rest = iter(args[at + 1 :])
    for arg in rest:
        if arg == "--":
            files.extend(rest)
            break
        if not arg.startswith("-") or arg == "-":
            files.append(arg)
            continue
        option, value = _split(arg)
        if option in _HELP or option not in options:
            return None
        if option in FLAGS:
            if value is not None:
                return None
            continue
        if value is None:
            value = next(rest, None)
            if value is None:
                return None
        given[_LONG.get(option, option)] = value
    if len(files) < least or (most is not None and len(files) > most) or files[0] == "-":
        return None
    if _output_refused(given.get("--output"), given.get("--format")):
        return None
    return files[0], given.get("--sheet")


_LONG = {"-o": "--output", "-f": "--format"}


def _output_refused(output: str | None, format: str | None) -> bool:
    """Whether the command will refuse its ``-o`` before reading (`common.check_output`): the
    commonest usage errors after parsing, which the load should not slow down."""
    if output is None or output == "-":
        return format in ("xlsx", "pdf")  # a workbook or PDFs need -o
    if format != "pdf" and os.path.isdir(output):  # a file is written, not into a folder
        return True
    return not os.path.isdir(os.path.dirname(output) or ".")


def _split(arg: str) -> tuple[str, str | None]:
    """An option and the value given with it: ``--sheet=Data``, ``-oOUT``, or none."""
    if arg.startswith("--"):
        option, equals, value = arg.partition("=")
        return option, value if equals else None
    if len(arg) > 2:
        return arg[:2], arg[2:]
    return arg, None


def start_reading(args: Sequence[str]) -> None:
    """Start checking and loading the workbook ``args`` will read (`mes.io.prefetch`), if any."""
    found = survey_to_read(args)
    import os

    if found is None or os.environ.get("MES_PF_OFF"):
        return
    from mes.io import prefetch

    prefetch.start(*found)
