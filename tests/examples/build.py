"""Build mes's example survey files: good exports, bad data, refused files and inert names.

Every example is written by a function of this package from one small fictional organisation
(`tests.examples.org`), so where each file comes from is visible and its expected figures are
computed from the same answers, in plain Python, without mes. The test suite
(``tests/test_examples.py``) builds each file in a temporary folder and runs ``mes`` on it; no
example file is committed.

To write them all into a folder, to open them in Excel or try ``mes`` on them by hand::

    .venv/bin/python -m tests.examples.build /tmp/mes-examples

It prints one line per example: its name, the file, the exit code mes must give and what the
file shows.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import bad, inert, personal, recognition, refused, text_files, tools, workbooks
from .case import Case
from .registry import CASES, INERT, Builder

__all__ = ["CASES", "INERT", "Builder", "build_all", "main"]

_MODULES = (
    tools,
    text_files,
    workbooks,
    personal,
    inert,
    bad,
    refused,
    recognition,
)  # registering is importing


def build_all(folder: Path) -> list[Case]:
    """Write every example into ``folder``; refuse to let two examples share a file name."""
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    seen: dict[Path, str] = {}
    for name, builder in CASES.items():
        case = builder(folder)
        if case.path in seen:
            raise ValueError(f"{name} and {seen[case.path]} both write {case.path.name}")
        seen[case.path] = name
        cases.append(case)
    return cases


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m tests.examples.build OUTDIR", file=sys.stderr)
        return 2
    for case in build_all(Path(args[0])):
        extra = f" {' '.join(case.args)}" if case.args else ""
        print(f"{case.name:28} exit {case.exit_code}  {case.path.name}{extra}: {case.description}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
