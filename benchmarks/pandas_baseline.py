"""The same job as ``mes score``, written the way an analyst would with pandas.

Read the export, clean it, score every person and summarise per team, department and the whole
organisation: MES (mean of the five trait scores, 0-100, needs all five), standard deviation,
share customer-energetic (every trait at or above 75), trait means and the focus trait; teams and
departments under 5 people are left out. No confidence intervals, no cell locations in errors, no
complementary suppression: the plain script that ``mes`` has to beat.

``read_excel`` uses pandas' default engine, openpyxl (pandas 3 warns that the default will become
calamine), as a script written without thought for speed does; ``--engine calamine`` gives the
faster variant a careful analyst (or a future pandas) would run. Prints JSON on stdout: the
organisation's MES and the group tables.

    .venv/bin/python benchmarks/pandas_baseline.py [--engine calamine] survey-100k.xlsx
"""

from __future__ import annotations

import argparse
import json
import sys

import pandas as pd

TRAITS = ["signals", "room", "criticism", "feedback", "speed"]
GROUPS = ["afdeling", "team"]
MIN_GROUP = 5


def read(path: str, engine: str) -> pd.DataFrame:
    if path.endswith(".csv"):
        df = pd.read_csv(path, sep=";", encoding="utf-8-sig")
    else:
        df = pd.read_excel(path, engine=engine)
    # columns 5-9 are the five statements, in trait order
    return df.rename(columns=dict(zip(df.columns[4:9], TRAITS, strict=True)))


def clean(df: pd.DataFrame) -> pd.DataFrame:
    for col in GROUPS:
        df[col] = df[col].astype("string").str.strip()
    for trait in TRAITS:
        answer = pd.to_numeric(df[trait], errors="coerce")
        df[trait] = answer.where(answer.between(1, 5))
    return df


def score_people(df: pd.DataFrame) -> pd.DataFrame:
    scores = (df[TRAITS] - 1) / 4 * 100
    df[TRAITS] = scores
    df["mes"] = scores.mean(axis=1, skipna=False)  # needs all five traits
    df["energetic"] = (scores >= 75).all(axis=1)
    return df.dropna(subset=["mes"])


def summarise(people: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    table = people.groupby(by).agg(
        n=("mes", "size"),
        mes=("mes", "mean"),
        sd=("mes", "std"),
        energetic=("energetic", "mean"),
        **{trait: (trait, "mean") for trait in TRAITS},
    )
    table["focus"] = table[TRAITS].idxmin(axis=1)
    return table[table["n"] >= MIN_GROUP].reset_index()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="openpyxl", choices=["openpyxl", "calamine"])
    parser.add_argument("file")
    args = parser.parse_args()
    people = score_people(clean(read(args.file, args.engine)))
    result = {
        "organisation": {
            "n": len(people),
            "mes": people["mes"].mean(),
            "energetic": people["energetic"].mean(),
        },
        "departments": summarise(people, ["afdeling"]).to_dict("records"),
        "teams": summarise(people, GROUPS).to_dict("records"),
    }
    json.dump(result, sys.stdout, default=str)


if __name__ == "__main__":
    main()
