"""Where ``mes score FILE --format json`` reaches its peak memory: the resident set per step.

Runs the ``score`` command in this process (``mes.__main__.main``), with a thread that reads
``/proc/self/statm`` every ``--every`` seconds (Linux only), and marks the steps of
`mes.pipeline.score_file` as they start: read, validate, compact, score (and inside it the
persons, the one pass over the people, the privacy check), write. Prints, per step, the highest
resident set sampled while it ran and the process's peak so far (``ru_maxrss``, which no
sampling misses); the step where that peak rises is where the peak is.

The steps are marked by wrapping mes's internals (`mes.pipeline.read_survey`,
`mes.validation.map_columns` for the start of validation: wrapping ``validate`` itself would
keep the raw table alive through it, `Responses.compact`, `mes.report.score_with_persons` and
its helpers); when those move, update the names below. Steps not found are left unmarked.

    .venv/bin/python benchmarks/memory_phases.py benchmarks/data/survey-5m.csv [--every 0.05]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PAGE_KB = os.sysconf("SC_PAGE_SIZE") / 1024
#: Megabytes as the project quotes ``/usr/bin/time``'s ``%M``: kilobytes (KiB) / 1000.
KB_PER_MB = 1000

#: (module, attribute, step name): the step starts when the function is called.
STEPS = (
    ("mes.pipeline", "read_survey", "read"),
    ("mes.validation", "map_columns", "validate"),
    ("mes.validation", "Responses.compact", "compact"),
    ("mes.report", "score_with_persons", "score"),
    ("mes.report", "score_persons", "score: persons"),
    ("mes.report", "people_cells", "score: one pass"),
    ("mes.report", "disclosure_problem", "score: privacy"),
)


class Sampler:
    """The resident set, sampled on a thread, and the step each sample fell in."""

    def __init__(self, every: float) -> None:
        self.every = every
        self.step = "start"
        self.steps: list[str] = ["start"]
        self.peak: dict[str, float] = {}
        self.maxrss: dict[str, float] = {}
        self.started: dict[str, float] = {"start": 0.0}
        self._t0 = time.perf_counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.mark("end")
        self._stop.set()
        self._thread.join()

    def mark(self, step: str) -> None:
        """The current step ends (its peak so far noted) and ``step`` begins."""
        self._sample()
        self.maxrss[self.step] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / KB_PER_MB
        self.step = step
        if step not in self.started:
            self.steps.append(step)
            self.started[step] = time.perf_counter() - self._t0

    def _sample(self) -> None:
        with open("/proc/self/statm", encoding="ascii") as statm:
            rss = int(statm.read().split()[1]) * PAGE_KB / KB_PER_MB
        step = self.step
        self.peak[step] = max(self.peak.get(step, 0.0), rss)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self._sample()


def _wrap(sampler: Sampler, module: str, attribute: str, step: str) -> None:
    import importlib

    owner: Any = importlib.import_module(module)
    *path, name = attribute.split(".")
    for part in path:
        owner = getattr(owner, part)
    function: Callable[..., Any] | None = getattr(owner, name, None)
    if function is None:
        print(f"(not marked: {module}.{attribute} is gone)", file=sys.stderr)
        return

    def marked(*args: Any, **kwargs: Any) -> Any:
        sampler.mark(step)
        return function(*args, **kwargs)

    setattr(owner, name, marked)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--every", type=float, default=0.05, help="seconds between samples")
    args = parser.parse_args()
    sampler = Sampler(args.every)
    sampler.start()
    from mes import pipeline

    for module, attribute, step in STEPS:
        _wrap(sampler, module, attribute, step)
    score_file = pipeline.score_file

    def then_write(*a: Any, **k: Any) -> Any:
        report = score_file(*a, **k)
        sampler.mark("write")
        return report

    pipeline.score_file = then_write  # type: ignore[assignment]
    from mes.__main__ import main as mes_main

    with tempfile.TemporaryDirectory() as folder:
        out = str(Path(folder) / "out.json")
        sys.argv = ["mes", "score", str(args.file), "--format", "json", "-o", out]
        with contextlib.suppress(SystemExit):  # typer exits when the command is done
            mes_main()
    sampler.stop()
    print(f"{'step':<18} {'from':>7} {'highest sampled':>16} {'peak by its end':>16}")
    for step in sampler.steps:
        if step == "end":
            continue
        print(
            f"{step:<18} {sampler.started[step]:6.2f}s {sampler.peak.get(step, 0):13.0f} MB"
            f" {sampler.maxrss.get(step, 0):13.0f} MB"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / KB_PER_MB
    print(f"peak resident set (ru_maxrss): {peak:.0f} MB")


if __name__ == "__main__":
    main()
