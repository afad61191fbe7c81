"""Issue 16's performance check: ``mes score --format json`` with and without two outcome questions.

Writes (once) ``benchmarks/data/survey-{size}.csv`` as `generate.py` does and beside it
``survey-{size}-outcomes.csv``: the same rows plus the energy question (1-10, from the answers to
room and speed plus noise) and the eNPS question (0-10), about 2% blank each. Then runs, in one
interleaved loop, every version asked for on both files, each a fresh process, and prints the
best wall time and peak memory of each.

``--baseline DIR`` adds the mes found in DIR (a checkout of main, say) on the file without
outcomes: "today", with the same Python and libraries.

    .venv/bin/python benchmarks/outcomes.py --sizes 100k,1m --repeat 3 --baseline /work/main
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import DATA, SEED, SIZES, generate, write_csv
from run import measure

ENERGY = "Met hoeveel energie ga je aan het eind van de werkdag naar huis?"
ENPS = "Hoe waarschijnlijk is het dat je Verzekeraar X als werkgever aanbeveelt?"


def write_files(name: str) -> tuple[Path, Path]:
    plain = DATA / f"survey-{name}.csv"
    with_outcomes = DATA / f"survey-{name}-outcomes.csv"
    if plain.exists() and with_outcomes.exists():
        return plain, with_outcomes
    DATA.mkdir(parents=True, exist_ok=True)
    survey = generate(SIZES[name])
    if not plain.exists():
        write_csv(survey, plain)
    rng = np.random.default_rng(SEED + 16)
    answers = survey.answers.astype(float)
    answers[answers == 0] = 3.0  # a blank counts as neutral for the drawing
    rows = len(answers)
    energy = np.clip(np.rint(5.4 + 0.9 * (answers[:, 1] - 3) + 0.7 * (answers[:, 4] - 3)
                             + rng.normal(0, 0.9, rows)), 1, 10).astype(int)  # fmt: skip
    enps = np.clip(np.rint(6.9 + 0.8 * (energy - 5.4) + rng.normal(0, 1.3, rows)), 0, 10)
    energy_text = np.where(rng.random(rows) < 0.02, "", energy.astype(str))
    enps_text = np.where(rng.random(rows) < 0.02, "", enps.astype(int).astype(str))
    with plain.open(encoding="utf-8-sig", newline="") as src:
        lines = src.read().split("\r\n")
    out = [lines[0] + f";{ENERGY};{ENPS}"]
    body = zip(lines[1 : rows + 1], energy_text, enps_text, strict=True)
    out += [f"{line};{e};{n}" for line, e, n in body]
    with with_outcomes.open("w", encoding="utf-8-sig", newline="") as fh:
        fh.write("\r\n".join(out) + "\r\n")
    return plain, with_outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="a checkout of mes to compare with")
    args = parser.parse_args()
    python = sys.executable
    here = Path(__file__).resolve().parent.parent
    for name in args.sizes.split(","):
        plain, with_outcomes = write_files(name)
        jobs = {
            "this branch, no outcomes": (here, plain),
            "this branch, two outcomes": (here, with_outcomes),
        }
        if args.baseline is not None:
            jobs = {"baseline, no outcomes": (args.baseline, plain), **jobs}
        results: dict[str, list[tuple[float, float]]] = {job: [] for job in jobs}
        for _ in range(args.repeat):
            for job, (root, path) in jobs.items():
                os.environ["PYTHONPATH"] = str(root)
                argv = (python, "-m", "mes", "score", str(path), "--format", "json")
                results[job].append(measure(argv, None))
        print(f"{name} ({SIZES[name]:,} respondents), best of {args.repeat}:")
        for job, runs in results.items():
            best = min(t for t, _ in runs)
            peak = max(m for _, m in runs)
            print(f"  {job:<28} {best:6.2f} s  peak {peak:6.0f} MB")


if __name__ == "__main__":
    main()
