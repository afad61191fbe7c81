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


# --- The disclosure check's problem, built from the cells, against one built person by person ---


@pytest.mark.parametrize("seed", range(4))
def test_the_disclosure_problem_is_the_one_built_person_by_person(seed: int) -> None:
    """`report.disclosure_problem` numbers the atoms it adds up from the `people_cells`; here
    every person is put in the cells of their groups and figures one at a time, people with the
    same cells counted together, and numbered by `privacy.number`: the same sets, the same ids
    (the keys' repr order), the same atoms and value shares."""
    from collections import Counter

    from mes.groups import memberships
    from mes.privacy import Atom, number
    from mes.report import (
        RESPONDENTS_FIGURE,
        FigureKey,
        disclosure_problem,
        figure_names,
        figure_problem,
        people_cells,
    )
    from mes.scoring import score_persons
    from mes.validation import validate
    from tests.conftest import MES5_HEADERS, make_table

    rng = random.Random(seed)
    instrument = builtin()
    settings = Settings()

    def answer() -> str | None:
        return None if rng.random() < 0.15 else str(rng.randint(1, 5))

    rows = [
        [
            str(i + 1),
            rng.choice(["Sales", "Service", None]),
            rng.choice(["North", "South", "East", None]),
            rng.choice(["front", "back"]),
            *(answer() for _ in range(5)),
        ]
        for i in range(rng.randint(30, 90))
    ]
    headers = (*MES5_HEADERS[:3], "rol", *MES5_HEADERS[3:])
    responses = validate(make_table(rows, headers), instrument, by=["rol"])
    persons = score_persons(responses.frame, instrument, settings)
    figures = figure_names(instrument, ())
    cells = people_cells(persons, responses, instrument, settings, figures)
    problem = disclosure_problem(cells, responses, instrument, figures)

    counted: Counter[frozenset[FigureKey]] = Counter()
    for person in persons.iter_rows(named=True):
        groups = memberships(person["department"], person["team"], {"rol": person["by:rol"]})
        held = [RESPONDENTS_FIGURE] + [f for f, c in figures.items() if person[c] is not None]
        counted[frozenset(FigureKey(g, f) for g in groups for f in held)] += 1
    reference = [Atom(c, n) for c, n in counted.items()]
    expected = figure_problem(reference, instrument)

    assert problem.keys == number(reference).keys == expected.keys
    assert Counter(problem.atoms) == Counter(expected.atoms)
    # A value's weights may come in any order (`ValueSystem` sorts them).
    assert [(s.people, s.size, sorted(s.weights)) for s in problem.shares] == [
        (s.people, s.size, sorted(s.weights)) for s in expected.shares
    ]
    assert problem.shares, "some people have some traits but not all: values to check"
