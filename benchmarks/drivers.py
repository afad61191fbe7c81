"""What two outcome questions and their drivers cost ``mes score --format json`` (issue 16).

For each size, the benchmark survey (``benchmarks/data/survey-{size}.csv``, written by
``generate.py``) is measured beside the same rows with two outcome columns added
(``survey-{size}-drivers.csv``: an energy grade 1-10 that rests on some traits, and the eNPS
question 0-10, about 3% of each left blank), written here once with a fixed seed. With two
outcomes, ``mes score`` also computes the drivers of both for every shown group with 30 people
or more. Every job is a fresh process (`run.measure`: wall time and peak memory), the two files
interleaved round by round so that a noisy machine slows both alike.

    .venv/bin/python benchmarks/drivers.py [--sizes 100k,1m] [--repeat 3] [--xlsx]

``--split`` also times, in this process, the stages of the outcomes file: reading and scoring
with the outcome figures (``pipeline.scored_file``), then the drivers alone
(``driver_report.drivers_of``), beside scoring the file without outcomes.

``--xlsx`` also writes and measures the 100k workbook pair (``survey-100k.xlsx`` and its
outcomes copy, written with openpyxl's write-only mode; the 1m workbook takes minutes more).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import statistics
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data"
MES = ROOT.parent / ".venv" / "bin" / "mes"
SEED = 16


def _run_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "run.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module
    spec.loader.exec_module(module)
    return module


def outcome_values(answers: np.ndarray, rng: np.random.Generator) -> tuple[list[str], list[str]]:
    """Energy (1-10) resting on room and speed, eNPS (0-10) on signals and room; blanks ~3%."""
    a = np.where(answers > 0, answers, 3).astype(float)
    noise_e, noise_n = rng.normal(0, 1.2, len(a)), rng.normal(0, 1.5, len(a))
    energy = np.clip(np.round(1.0 + 1.0 * a[:, 1] + 0.6 * a[:, 4] + noise_e), 1, 10)
    enps = np.clip(np.round(2.0 + 0.8 * a[:, 0] + 0.5 * a[:, 1] + noise_n), 0, 10)
    blank_e = rng.random(len(a)) < 0.03
    blank_n = rng.random(len(a)) < 0.03
    e = ["" if b else str(int(v)) for v, b in zip(energy, blank_e, strict=True)]
    n = ["" if b else str(int(v)) for v, b in zip(enps, blank_n, strict=True)]
    return e, n


def write_outcomes_csv(base: Path, target: Path) -> None:
    """``base`` with two outcome columns added, in the same dialect (``;``, BOM, CRLF)."""
    with base.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    header, body = rows[0], rows[1:]
    answers = np.array([[int(v) if v else 0 for v in row[-5:]] for row in body])
    energy, enps = outcome_values(answers, np.random.default_rng(SEED))
    with target.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerow([*header, "Energie", "eNPS"])
        for row, e, n in zip(body, energy, enps, strict=True):
            writer.writerow([*row, e, n])


def write_xlsx(source: Path, target: Path) -> None:
    """A CSV as a one-sheet workbook, answers as numbers (openpyxl write-only)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sheet1")
    with source.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=";")
        ws.append(next(reader))
        for row in reader:
            ws.append([int(v) if v.isdigit() else (v or None) for v in row])
    wb.save(target)


def split(pairs: list[tuple[str, Path, Path]], repeat: int) -> None:
    """Best-of-``repeat`` in-process times: scoring without and with outcomes, drivers alone."""
    import time

    from mes import pipeline
    from mes.driver_report import drivers_of

    print("| file | score without outcomes | score with outcomes | drivers of both outcomes |")
    print("|---|---:|---:|---:|")
    for label, base, target in pairs:
        best = [float("inf")] * 3
        for _ in range(repeat):
            start = time.perf_counter()
            pipeline.scored_file(str(base))
            middle = time.perf_counter()
            scored = pipeline.scored_file(str(target))
            end = time.perf_counter()
            drivers_of(scored.persons, scored.report, scored.instrument, scored.outcomes)
            last = time.perf_counter()
            for i, value in enumerate((middle - start, end - middle, last - end)):
                best[i] = min(best[i], value)
        print(f"| {label} | {best[0]:.2f} s | {best[1]:.2f} s | {best[2]:.2f} s |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1m")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--xlsx", action="store_true")
    parser.add_argument("--split", action="store_true")
    args = parser.parse_args()
    run = _run_module()
    pairs: list[tuple[str, Path, Path]] = []
    for size in args.sizes.split(","):
        base = DATA / f"survey-{size}.csv"
        if not base.exists():
            sys.exit(f"{base} is missing: run benchmarks/generate.py --sizes {size} first")
        target = DATA / f"survey-{size}-drivers.csv"
        if not target.exists():
            write_outcomes_csv(base, target)
        pairs.append((f"{size} csv", base, target))
        if args.xlsx and size == "100k":
            xbase, xtarget = DATA / "survey-100k-plain.xlsx", DATA / "survey-100k-drivers.xlsx"
            for src, dst in ((base, xbase), (target, xtarget)):
                if not dst.exists():
                    write_xlsx(src, dst)
            pairs.append(("100k xlsx", xbase, xtarget))
    if args.split:
        split(pairs, args.repeat)
    times: dict[tuple[str, str], list[float]] = {}
    peaks: dict[tuple[str, str], float] = {}
    for _ in range(args.repeat):
        for label, base, target in pairs:
            for kind, path in (("without", base), ("with", target)):
                argv = (str(MES), "score", str(path), "--format", "json", "-o", "/dev/null")
                elapsed, peak = run.measure(argv, None)
                times.setdefault((label, kind), []).append(elapsed)
                peaks[(label, kind)] = max(peaks.get((label, kind), 0.0), peak)
    print(
        "| file | without outcomes | with energy + eNPS and their drivers "
        "| ratio (min / median) | peak without / with |"
    )
    print("|---|---:|---:|---:|---:|")
    for label, _, _ in pairs:
        a, b = times[(label, "without")], times[(label, "with")]
        ratio_min = min(b) / min(a)
        ratio_med = statistics.median(b) / statistics.median(a)
        print(
            f"| {label} | {min(a):.2f} s / {statistics.median(a):.2f} s "
            f"| {min(b):.2f} s / {statistics.median(b):.2f} s "
            f"| {ratio_min:.2f}× / {ratio_med:.2f}× "
            f"| {peaks[(label, 'without')]:.0f} MB / {peaks[(label, 'with')]:.0f} MB |"
        )


if __name__ == "__main__":
    main()
