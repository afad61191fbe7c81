"""Per-person outputs written column-wise: the streamed JSON against the model-based one.

``mes score --individuals --format json`` encodes the people with polars, a batch at a time,
instead of one pydantic model per person; the document must be the same one, and valid against
the committed JSON schema.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
import pytest
from report_fixtures import CONTROL, HYPERLINK, survey

from mes.individuals import People
from mes.render import json_people
from mes.render.json import to_json
from mes.results import ScoreReport

SCHEMA = json.loads(resources.files("mes").joinpath("schema/score.schema.json").read_text())


def model_based(report: ScoreReport) -> dict[str, Any]:
    """The document as the models give it: one `Individual` per person."""
    people = report.people()
    assert people is not None
    full = report.with_people(None).model_copy(update={"individuals": people.models()})
    parsed: dict[str, Any] = json.loads(to_json(full))
    return parsed


def streamed(report: ScoreReport) -> str:
    return "".join(json_people.score_json_chunks(report))


@pytest.fixture(scope="module")
def report() -> ScoreReport:
    return survey(individuals=True).report


def test_streamed_json_equals_the_model_based_document(report: ScoreReport) -> None:
    text = streamed(report)
    assert json.loads(text) == model_based(report)
    assert text.endswith("}\n")


@pytest.mark.parametrize("batch", [1, 2, 7, 1000])
def test_batches_join_into_one_array(
    report: ScoreReport, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_people, "BATCH", batch)
    assert json.loads(streamed(report)) == model_based(report)


def test_streamed_json_validates_against_the_committed_schema(report: ScoreReport) -> None:
    jsonschema.validate(json.loads(streamed(report)), SCHEMA)


def test_text_that_needs_escaping_survives(report: ScoreReport) -> None:
    people = report.people()
    assert people is not None
    odd = ['quote " back \\ slash', "new\nline\ttab", HYPERLINK, CONTROL, "Å é ∕ 🙂"]
    frame = people.frame.with_columns(
        respondent=people.frame["respondent"].scatter(list(range(len(odd))), odd)
    )
    changed = report.with_people(People(frame, people.by, people.traits))
    document = json.loads(streamed(changed))
    assert [p["respondent"] for p in document["individuals"][: len(odd)]] == odd
    assert document == model_based(changed)


def test_without_labels_or_people(report: ScoreReport) -> None:
    people = report.people()
    assert people is not None
    bare = People(
        people.frame.select("respondent", "^trait:.*$", "mes", "energetic"), (), people.traits
    )
    for rows in (bare, People(bare.frame.clear(), (), people.traits)):
        changed = report.with_people(rows)
        document = json.loads(streamed(changed))
        assert document == model_based(changed)
        jsonschema.validate(document, SCHEMA)
        assert all(p["by"] == {} and p["department"] is None for p in document["individuals"])


def test_report_read_back_from_json_gives_the_same_people(report: ScoreReport) -> None:
    again = ScoreReport.model_validate_json(streamed(report))
    assert again.individuals is not None
    back = again.people()
    assert back is not None
    people = report.people()
    assert people is not None
    assert back.frame.equals(people.frame)
    assert json.loads(streamed(again)) == json.loads(streamed(report))


def test_figures_are_rounded_as_the_rest_of_the_document(report: ScoreReport) -> None:
    people = report.people()
    assert people is not None
    key = people.traits[0]
    noisy = [100 / 3, 0.1 + 0.2, -0.0, 5.55e-17, 200 / 3]
    frame = people.frame.with_columns(
        people.frame[f"trait:{key}"].scatter(list(range(len(noisy))), noisy),
        people.frame["mes"].scatter(list(range(len(noisy))), list(reversed(noisy))),
    )
    changed = report.with_people(People(frame, people.by, people.traits))
    text = streamed(changed)
    document = json.loads(text)
    assert document == model_based(changed)
    firsts = document["individuals"][: len(noisy)]
    assert [p["traits"][key] for p in firsts] == [33.333333333, 0.3, 0.0, 0.0, 66.666666667]
    assert "-0.0" not in text
