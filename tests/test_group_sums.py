"""Group figures from sums that add up across levels (`scoring.group_sums`, `group_figures`),
held to polars' own mean, sample SD and shares computed on the people directly.

A department's figures are the sums of its teams' sums; a test that compared only the pipeline
with itself could not see a wrong centre, a lost null or a share over the wrong n.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

import polars as pl
import pytest

from mes.instrument import Instrument, Outcome, builtin
from mes.scoring import ENERGETIC, MES, group_figures, group_sums, outcome_column, trait_column
from mes.settings import Settings

EPS = 1e-9


def direct(
    instrument: Instrument, settings: Settings, outcomes: Sequence[Outcome]
) -> list[pl.Expr]:
    """The figures straight from the people: polars' mean, std(ddof=1) and shares."""
    aggs = [
        pl.len().alias("respondents"),
        pl.col(MES).count().alias("n"),
        pl.col(MES).mean().alias("mean"),
        pl.col(MES).std(ddof=1).alias("sd"),
        pl.col(ENERGETIC).cast(pl.Float64).mean().alias("energetic_share"),
    ]
    for trait in instrument.traits:
        col = pl.col(trait_column(trait.key))
        aggs += [
            col.count().alias(f"{trait.key}:n"),
            col.mean().alias(f"{trait.key}:mean"),
            (col >= settings.favourable_at - EPS).cast(pl.Float64).mean().alias(f"{trait.key}:fav"),
            (col <= settings.unfavourable_at + EPS)
            .cast(pl.Float64)
            .mean()
            .alias(f"{trait.key}:unfav"),
        ]
    for outcome in outcomes:
        col = pl.col(outcome_column(outcome.key))
        name = f"outcome:{outcome.key}"
        aggs += [
            col.count().alias(f"{name}:n"),
            col.mean().alias(f"{name}:mean"),
            col.std(ddof=1).alias(f"{name}:sd"),
            (col >= outcome.high_at).cast(pl.Float64).mean().alias(f"{name}:high"),
            (col <= outcome.low_at).cast(pl.Float64).mean().alias(f"{name}:low"),
        ]
    return aggs


def people(seed: int, rows: int) -> pl.DataFrame:
    rng = random.Random(seed)
    instrument = builtin()

    def maybe(value: float) -> float | None:
        return None if rng.random() < 0.1 else value

    data: dict[str, list[object]] = {
        "department": [rng.choice(["A", "B", None]) for _ in range(rows)],
        "team": [rng.choice(["t1", "t2", "t3", None]) for _ in range(rows)],
    }
    for trait in instrument.traits:
        data[trait_column(trait.key)] = [
            maybe(rng.choice([0, 25, 50, 75, 100])) for _ in range(rows)
        ]
    mes = []
    for i in range(rows):
        scores = [data[trait_column(t.key)][i] for t in instrument.traits]
        mes.append(None if None in scores else sum(scores) / len(scores))  # type: ignore[arg-type]
    data[MES] = mes
    data[ENERGETIC] = [None if m is None else m >= 60 for m in mes]
    for outcome in instrument.outcomes:
        data[outcome_column(outcome.key)] = [
            maybe(float(rng.randint(outcome.low, outcome.high))) for _ in range(rows)
        ]
    return pl.DataFrame(data, schema_overrides={ENERGETIC: pl.Boolean}, strict=False)


@pytest.mark.parametrize(("seed", "rows"), [(1, 1), (2, 2), (3, 40), (4, 400), (5, 3000)])
def test_summed_levels_give_the_figures_polars_computes_on_the_people(seed: int, rows: int) -> None:
    instrument = builtin()
    settings = Settings()
    outcomes = instrument.outcomes
    frame = people(seed, rows)
    fine = frame.group_by(["department", "team"]).agg(group_sums(instrument, settings, outcomes))
    figures = group_figures(instrument, outcomes)
    for keys in ([], ["department"], ["department", "team"]):
        summed = pl.exclude("department", "team").sum()
        table = fine.group_by(keys).agg(summed) if keys else fine.select(summed)
        got = (
            table.select(*keys, *figures).sort(keys, nulls_last=True)
            if keys
            else table.select(figures)
        )
        aggs = direct(instrument, settings, outcomes)
        want = (
            frame.group_by(keys).agg(aggs).sort(keys, nulls_last=True)
            if keys
            else frame.select(aggs)
        )
        assert got.columns == want.columns
        for left, right in zip(got.iter_rows(), want.iter_rows(), strict=True):
            for name, a, b in zip(got.columns, left, right, strict=True):
                if a is None or b is None:
                    assert (a, b) == (None, None), (keys, name)
                elif isinstance(a, float) or isinstance(b, float):
                    assert math.isclose(a, b, rel_tol=1e-11, abs_tol=1e-11), (keys, name, a, b)
                else:
                    assert a == b, (keys, name)
