"""The JSON of ``mes score --individuals``, with the per-person rows streamed, not modelled.

The document is the one `mes.render.json.to_json` writes for the report, with its
``"individuals"`` filled in: every person is one line of compact JSON, encoded column-wise by
polars from the rows (`mes.individuals.People`), a batch at a time, in the field order of the
`Individual` model, so the schema is unchanged and a million people need no model each.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import polars as pl

from mes.individuals import People
from mes.render.json import rounded, to_json
from mes.results import ScoreReport
from mes.scoring import ENERGETIC, MES

#: People encoded per batch: bounds the memory of the text in flight.
BATCH = 100_000
_EMPTY = '\n  "individuals": null'  # at the top level of the indented document: a key


def score_json_chunks(report: ScoreReport) -> Iterator[str]:
    """The JSON document of ``report`` in pieces; joined, it is the whole document."""
    people = report.people()
    document = to_json(report.with_people(None) if people is not None else report)
    if people is None:
        yield document
        return
    head, found, tail = document.partition(_EMPTY)
    assert found, "a score report always has an individuals key"
    yield head + '\n  "individuals": ['
    encoded = _encoded(people)
    frame = _rounded(people)
    for start in range(0, len(people), BATCH):
        lines = frame.slice(start, BATCH).select(encoded).to_series()
        yield ("," if start else "") + "\n    " + lines.str.join(",\n    ").item()
    yield ("\n  ]" if len(people) else "]") + tail


def _rounded(people: People) -> pl.DataFrame:
    """The people's figures rounded as `to_json` rounds every number of the document (each
    distinct value once: scores take few values)."""
    frame = people.frame
    keys = {f"trait:{key}": key for key in people.traits} | {MES: MES}
    columns = []
    for column, key in keys.items():
        values = frame.get_column(column).drop_nulls().unique().to_list()
        mapping = {v: rounded(v, key) for v in values}
        if any(mapping[v] != v or math.copysign(1.0, v) < 0 for v in values):
            columns.append(
                pl.col(column).replace_strict(mapping, default=None, return_dtype=pl.Float64)
            )
    return frame.with_columns(columns) if columns else frame


def _encoded(people: People) -> pl.Expr:
    """One person as a line of JSON: the fields of `Individual`, in its order."""
    frame = people.frame
    by = [pl.col(f"by:{name}").alias(name) for name in people.by]
    fields = [
        pl.col("respondent"),
        _or_null(frame, "department"),
        _or_null(frame, "team"),
        # polars has no struct without fields: an empty ``by`` is a 0 made ``{}`` below
        (pl.struct(by) if by else pl.lit(0)).alias("by"),
        pl.struct([pl.col(f"trait:{key}").alias(key) for key in people.traits]).alias("traits"),
        pl.col(MES),
        pl.col(ENERGETIC),
    ]
    line = pl.struct(fields).struct.json_encode()
    # Inside a JSON string every quote is escaped, so the key is the only match.
    if not by:
        line = line.str.replace(',"by":0,', ',"by":{},', literal=True, n=1)
    # `Individual.outcomes`: no per-person outcome answers are written yet (as the models do)
    return pl.concat_str([line.str.strip_suffix("}"), pl.lit(',"outcomes":{}}')])


def _or_null(frame: pl.DataFrame, name: str) -> pl.Expr:
    return pl.col(name) if name in frame.columns else pl.lit(None, pl.String).alias(name)
