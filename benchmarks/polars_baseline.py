"""The statistics of ``mes score --format json``, as a plain polars script an analyst would write.

The peer of ``mes`` on CSV files (issue 15): read the export, score every person and compute, for
the organisation, every department and every team (within its department), the number of people
with a MES, their mean MES, its standard deviation, the 95% t-interval of the mean (the quantile
from ``scipy.special.stdtrit``, as ``mes`` takes it) and the mean of each trait. A person's trait
score is ``(answer - 1) / 4 * 100``; the MES is the mean of the five and needs all five. Groups
under 5 people are left out, as ``mes`` suppresses them (without its complementary suppression).

No cell-located checks, no privacy pass, no reliability, no safety checks of the file: the work
``mes`` does beyond this is what its time over this script pays for.

Prints JSON on stdout: ``organisation``, ``departments`` and ``teams``.

    .venv/bin/python benchmarks/polars_baseline.py benchmarks/data/survey-1m.csv
"""

from __future__ import annotations

import json
import math
import sys

import polars as pl
from scipy.special import stdtrit

TRAITS = ["signals", "room", "criticism", "feedback", "speed"]
CONFIDENCE = 0.95
MIN_GROUP = 5


def read(path: str) -> pl.DataFrame:
    """The export with its five statements (columns 5-9, in trait order) renamed to traits."""
    frame = pl.read_csv(path, separator=";", infer_schema_length=10_000)
    names = dict(zip(frame.columns[4:9], TRAITS, strict=True))
    return frame.rename(names).rename({frame.columns[1]: "afdeling", frame.columns[2]: "team"})


def score_people(frame: pl.DataFrame) -> pl.DataFrame:
    """Trait scores 0-100 (answers outside 1-5 count as blank) and the MES of every person."""
    answers = [pl.col(t).cast(pl.Float64, strict=False) for t in TRAITS]
    scores = [
        pl.when(a.is_between(1, 5)).then((a - 1) / 4 * 100).alias(t)
        for a, t in zip(answers, TRAITS, strict=True)
    ]
    people = frame.select(
        pl.col("afdeling").str.strip_chars(), pl.col("team").str.strip_chars(), *scores
    )
    return people.with_columns(pl.mean_horizontal(TRAITS).alias("mes")).filter(
        pl.all_horizontal(pl.col(t).is_not_null() for t in TRAITS)
    )


def summarise(people: pl.DataFrame, by: list[str]) -> list[dict[str, object]]:
    """Per group: n, mean, sd, the t-interval of the mean and the trait means."""
    aggs = [
        pl.len().alias("n"),
        pl.col("mes").mean().alias("mes"),
        pl.col("mes").std().alias("sd"),
        *(pl.col(t).mean() for t in TRAITS),
    ]
    table = people.group_by(by).agg(aggs) if by else people.select(aggs)
    table = table.filter(pl.col("n") >= MIN_GROUP).sort(by) if by else table
    rows = table.to_dicts()
    for row in rows:
        n, sd = row["n"], row["sd"]
        half = stdtrit(n - 1, 1 - (1 - CONFIDENCE) / 2) * sd / math.sqrt(n) if n > 1 else None
        row["ci"] = None if half is None else {"low": row["mes"] - half, "high": row["mes"] + half}
    return rows


def main() -> None:
    people = score_people(read(sys.argv[1]))
    result = {
        "organisation": summarise(people, [])[0],
        "departments": summarise(people, ["afdeling"]),
        "teams": summarise(people, ["afdeling", "team"]),
    }
    json.dump(result, sys.stdout, default=float)


if __name__ == "__main__":
    main()
