"""How much of a ``mes`` command is Python's cyclic garbage collector.

Runs one ``mes`` command in this process and prints the time spent in collections (measured
with `gc.callbacks`), how many of each generation ran, and the whole run's wall time.
``--default`` puts back Python's own thresholds (700, 10, 10) after ``mes.cli`` has set its own,
to show what the command line's setting saves.

    .venv/bin/python benchmarks/gc_time.py [--default] score benchmarks/data/survey-1k.xlsx
"""

from __future__ import annotations

import contextlib
import gc
import sys
import time

PYTHON_DEFAULT = (700, 10, 10)


def main() -> None:
    args = sys.argv[1:]
    default = "--default" in args
    args = [a for a in args if a != "--default"]
    spent = [0.0]
    runs = [0, 0, 0]
    started = [0.0]

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            spent[0] += time.perf_counter() - started[0]
            runs[info["generation"]] += 1

    gc.callbacks.append(watch)
    begin = time.perf_counter()
    import mes.cli  # noqa: F401  (importing it sets the command line's thresholds)

    if default:
        gc.set_threshold(*PYTHON_DEFAULT)
    from mes.cli.app import main as mes_main

    sys.argv = ["mes", *args]
    with contextlib.suppress(SystemExit):
        mes_main()
    whole = time.perf_counter() - begin
    print(
        f"thresholds {gc.get_threshold()}: collector {spent[0]:.3f} s of {whole:.3f} s, "
        f"collections per generation {runs}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
