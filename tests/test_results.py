"""The output models cannot describe a shown group without its figures, nor a hidden one with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from mes.instrument import builtin
from mes.pipeline import json_path, read_survey
from mes.privacy import Suppression
from mes.render.json import to_json
from mes.report import score
from mes.results import GroupResult, ScoreReport, ShownGroup, SuppressedGroup
from mes.settings import Settings
from mes.validation import validate

GROUP: TypeAdapter[ShownGroup | SuppressedGroup] = TypeAdapter(GroupResult)
BASE: dict[str, Any] = {
    "id": "team/A/B",
    "dimension": "team",
    "name": "B",
    "path": ["A", "B"],
    "parent": "department/A",
}
FIGURES: dict[str, Any] = {
    "respondents": 8,
    "n": 7,
    "mes": 61.0,
    "sd": 12.0,
    "ci": {"low": 50.0, "high": 72.0},
    "energetic_share": 0.25,
    "traits": [{"key": "room", "n": 8, "mean": 61.0, "favourable": 0.5, "neutral": 0.25,
                "unfavourable": 0.25}],
    "focus_trait": "room",
}  # fmt: skip


def test_the_flag_decides_which_kind_of_group_it_is() -> None:
    shown = GROUP.validate_python({**BASE, "suppressed": False, **FIGURES})
    hidden = GROUP.validate_python({**BASE, "suppressed": True, "suppression": "parent-suppressed"})
    assert isinstance(shown, ShownGroup)
    assert isinstance(hidden, SuppressedGroup)
    assert hidden.suppression is Suppression.PARENT_SUPPRESSED
    assert hidden.n is None


@pytest.mark.parametrize("figure", sorted(set(FIGURES) - {"focus_trait"}))
def test_a_shown_group_needs_every_figure(figure: str) -> None:
    with pytest.raises(ValidationError):
        GROUP.validate_python({**BASE, "suppressed": False, **FIGURES, figure: None})


def test_a_hidden_mes_hides_all_its_figures_together() -> None:
    hidden_mes = {"n": None, "mes": None, "sd": None, "ci": None, "energetic_share": None}
    group = GROUP.validate_python({**BASE, "suppressed": False, **FIGURES, **hidden_mes})
    assert isinstance(group, ShownGroup)
    assert group.respondents == 8
    assert group.traits[0].n == 8


def test_only_a_group_of_one_has_no_spread() -> None:
    one = {**BASE, "suppressed": False, **FIGURES, "n": 1, "sd": None, "ci": None}
    assert GROUP.validate_python(one).sd is None
    with pytest.raises(ValidationError, match="needs its sd and ci"):
        GROUP.validate_python({**one, "n": 2})


@pytest.mark.parametrize("figure", sorted(FIGURES))
def test_a_suppressed_group_has_no_figures(figure: str) -> None:
    hidden = {**BASE, "suppressed": True, "suppression": "too-few-respondents"}
    with pytest.raises(ValidationError):
        GROUP.validate_python({**hidden, figure: FIGURES[figure]})
    with pytest.raises(ValidationError):  # nor without saying why
        GROUP.validate_python({**BASE, "suppressed": True})


def test_a_saved_result_reads_back_to_the_same_json() -> None:
    sample = Path(__file__).parent.parent / "sample_data" / "2026-Q3.xlsx"
    table = read_survey(str(sample), builtin())
    report = score(validate(table, builtin()), builtin(), Settings())
    text = to_json(report)
    assert to_json(ScoreReport.model_validate_json(text)) == text
    assert any(g.suppressed for g in report.groups)


@pytest.mark.parametrize(
    ("loc", "path"),
    [
        (("groups", 3, 0, "n"), "groups[3].n"),  # 0: the tag of the union's member, not a key
        (("groups", 3, 1, "mes"), "groups[3].mes"),
        (("groups", 3, "traits", 1, "mean"), "groups[3].traits[1].mean"),
        (("groups", 3), "groups[3]"),
        (("mes_version",), "mes_version"),
        ((), "the document"),
    ],
)
def test_json_path_names_the_place_in_the_document(loc: tuple[int | str, ...], path: str) -> None:
    group = {**BASE, "suppressed": False, **FIGURES, "traits": [{}, {"mean": "x"}]}
    document = {"groups": [group] * 4}
    assert json_path(document, loc) == path
