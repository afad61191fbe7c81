"""The survey file a command line will read, found before Typer parses it (`mes.io.prefetch`).

`mes.__main__.main` calls `start_reading` first thing, so that a workbook's checks and
calamine's load run while Typer, pydantic, polars and the command's modules are imported. Only
a command line read here with certainty starts anything: a command that reads a survey file
(`COMMANDS`), options that command has (with their arity: `FLAGS` take no value), and the
number of files it takes. Help, an unknown option, a missing or extra file, ``-`` (standard
input) or ``--instrument`` (another questionnaire: its header row may differ from the guess)
start nothing, and the command runs as it always did; so do the refusals the commands make
after parsing that can be foreseen here (``-k 2``, ``--keep-ids`` without ``--individuals``,
``-o`` in a folder that does not exist, a workbook or PDFs without ``-o``), which the load would
only slow down. What is started is only used where it is exactly what the command reads
(`mes.io.prefetch.claim`), so a command line misread here costs time, never a different result.
This module imports nothing heavy: it runs before the rest of mes is imported.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

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
            lang = attached if attached is not None else (args[at + 1 : at + 2] or [""])[0]
            if lang not in LANGUAGES:  # Typer refuses it
                return None
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
            given[option] = ""
            continue
        if value is None:
            value = next(rest, None)
            if value is None:
                return None
        given[_LONG.get(option, option)] = value
    if len(files) < least or (most is not None and len(files) > most) or files[0] == "-":
        return None
    if given.get("--lang", LANGUAGES[0]) not in LANGUAGES or _refused_after_parsing(given, files):
        return None
    return files[0], given.get("--sheet")


_LONG = {"-o": "--output", "-f": "--format", "-k": "--min-group-size"}

#: The languages ``--lang`` takes (`mes.render.Lang`).
LANGUAGES = ("en", "nl")
#: The values the commands take of the options they check after parsing (`pipeline`'s checks:
#: `LOWEST_MIN_GROUP_SIZE`, `HIGHEST_CONFIDENCE`; a test holds these to them).
LOWEST_MIN_GROUP_SIZE = 3
HIGHEST_CONFIDENCE = 0.999
_TAKES: dict[str, Callable[[str], bool]] = {
    "--min-group-size": lambda v: int(v) >= LOWEST_MIN_GROUP_SIZE,
    "--confidence": lambda v: 0.5 < float(v) <= HIGHEST_CONFIDENCE,
    "--min-response": lambda v: 0.0 <= float(v) <= 1.0,
    "--min-change": lambda v: 0.0 <= float(v) <= 100.0,
}


def _refused_after_parsing(given: dict[str, str], files: list[str]) -> bool:
    """Whether the command will refuse the command line before reading (the usage errors it
    finds after Typer: values out of range, options that go together, `common.check_output`'s
    commonest refusals), which the load should not slow down."""
    for option, takes in _TAKES.items():
        try:
            if option in given and not takes(given[option]):
                return True
        except ValueError:
            return True
    if "--rename-file" in given and not os.path.isfile(given["--rename-file"]):
        return True
    pdf = given.get("--format") == "pdf"
    if ("--keep-ids" in given and "--individuals" not in given) or (
        (pdf and "--individuals" in given) or ("--previous" in given and not pdf)
    ):
        return True
    output = given.get("--output")
    if output is None or output == "-":  # PDFs need -o; a workbook is not shown in a terminal
        return pdf or (given.get("--format") == "xlsx" and os.isatty(1))
    if not pdf and os.path.isdir(output):  # a file is written, not into a folder
        return True
    inputs = [*files, given.get("--headcount", "-")]
    if any(f != "-" and os.path.exists(f) and _same(f, output) for f in inputs):
        return True  # -o is one of the inputs
    folder = os.path.dirname(output) or "."
    return not (os.path.isdir(folder) and os.access(folder, os.W_OK))


def _same(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b) or os.path.realpath(a) == os.path.realpath(b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


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
    if found is None:
        return
    from mes.io import prefetch

    prefetch.start(*found)
