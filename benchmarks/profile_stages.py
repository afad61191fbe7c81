"""Where ``mes score FILE --format json`` spends its time: imports, read, validate, score, JSON.

Runs the same steps as the ``score`` command, in one process, and prints the wall time of each:
the imports (heaviest libraries first, each timed on its own), reading the file into a
`RawTable`, validation, scoring with its privacy decisions, the reliability warnings and the JSON
text. ``--cprofile N`` adds cProfile's N most expensive functions (cumulative time) of the
read-validate-score part. For a full picture use ``python -X importtime`` or pyinstrument.

This calls mes's internals (``mes.pipeline.read_survey``, ``mes.validation.validate``,
``mes.report.score``): when those move, update it.

    .venv/bin/python benchmarks/profile_stages.py benchmarks/data/survey-100k.xlsx [--cprofile 25]
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import io
import pstats
import time
from collections.abc import Callable
from typing import Any

HEAVY_IMPORTS = ("polars", "fastexcel", "pydantic", "typer", "rich.console")
MES_IMPORTS = ("mes.cli.app", "mes.io", "mes.validation", "mes.report", "mes.render.json")


class Stopwatch:
    """Wall time of named steps, printed as they finish."""

    def __init__(self) -> None:
        self.laps: list[tuple[str, float]] = []

    def time(self, name: str, step: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        value = step()
        elapsed = time.perf_counter() - start
        self.laps.append((name, elapsed))
        print(f"{name:<32} {elapsed:8.3f} s", flush=True)
        return value

    def total(self) -> float:
        return sum(seconds for _, seconds in self.laps)


def import_all(watch: Stopwatch) -> None:
    """Each heavy library on its own, then mes's modules (which pay only for what is left)."""
    for module in (*HEAVY_IMPORTS, *MES_IMPORTS):
        watch.time(f"import {module}", lambda m=module: importlib.import_module(m))


def pipeline(path: str, watch: Stopwatch) -> str:
    """The steps of ``score_command`` for ``--format json``, each timed."""
    from mes.pipeline import load_instrument, read_survey
    from mes.render.json import to_json
    from mes.report import score
    from mes.settings import Settings
    from mes.validation import validate

    instrument = load_instrument(None)
    settings = Settings(min_group_size=5, confidence=0.95)
    table = watch.time("read (RawTable)", lambda: read_survey(path, instrument))
    responses = watch.time("validate", lambda: validate(table, instrument))
    report = watch.time("score", lambda: score(responses, instrument, settings))
    return watch.time("JSON text", lambda: to_json(report))


def top_functions(path: str, count: int) -> str:
    """cProfile's most expensive functions of the read-validate-score steps."""
    profiler = cProfile.Profile()
    profiler.enable()
    pipeline(path, Stopwatch())
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(count)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--cprofile", type=int, metavar="N", help="also print cProfile's top N")
    args = parser.parse_args()
    watch = Stopwatch()
    import_all(watch)
    text = pipeline(args.file, watch)
    print(
        f"{'total (after interpreter start)':<32} {watch.total():8.3f} s; JSON {len(text):,} chars"
    )
    if args.cprofile:
        print("\n--- second run under cProfile (imports already paid) ---")
        print(top_functions(args.file, args.cprofile))


if __name__ == "__main__":
    main()
