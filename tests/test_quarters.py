"""Reading the quarters of ``mes diff`` and ``mes trend`` (`mes.pipeline.load_quarters`).

Small files are read and scored two at a time, large ones one after the other: both ways give
the same report, the same warnings in the same order, and the same error. The paired view's
stayers, joiners and leavers are checked person by person against a count in plain Python, with
people moving between teams and departments.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from pathlib import Path

import pytest
from scipy import stats

from mes import pipeline
from mes.errors import MesError
from mes.render.json import to_json
from mes.results import DiffReport, TrendReport
from tests.compare_fixtures import Q2, Q3, Person, mes_of, moved, spread, team, write_csv

SAMPLE = Path(__file__).parent.parent / "sample_data"
SAMPLE_QUARTERS = [str(SAMPLE / f"2026-Q{i}.xlsx") for i in (1, 2, 3)]

Call = Callable[[pipeline.Warn], DiffReport | TrendReport]


def test_small_files_are_read_two_at_a_time_large_ones_one_after_the_other() -> None:
    assert pipeline.concurrent_quarters([3_860_000, 3_860_000])  # the 100,000-row quarters
    assert not pipeline.concurrent_quarters([40_900_000, 40_900_000])  # a million rows each
    assert not pipeline.concurrent_quarters([40_900_000, 3_860_000])
    assert not pipeline.concurrent_quarters([3_860_000])  # one survey file: nothing to overlap
    assert not pipeline.concurrent_quarters([])
    # The two largest decide: a third file is read once one of the first two is done.
    assert pipeline.concurrent_quarters([3_860_000, 100, 3_860_000])
    assert not pipeline.concurrent_quarters([3_860_000, 100, 40_900_000])


def _run(
    monkeypatch: pytest.MonkeyPatch, concurrently: bool, call: Call
) -> tuple[str, list[tuple[str, list[str]]]]:
    """The report's JSON and the warnings in the order given, reading the quarters one way."""
    used: list[bool] = []

    def decide(sizes: list[int]) -> bool:
        used.append(concurrently)
        return concurrently

    monkeypatch.setattr(pipeline, "concurrent_quarters", decide)
    warned: list[tuple[str, list[str]]] = []
    report = call(lambda what, issues: warned.append((what, [i.code for i in issues])))
    assert used == [concurrently]
    return to_json(report), warned


def _both_ways(monkeypatch: pytest.MonkeyPatch, call: Call) -> tuple[str, list[object]]:
    one_by_one = _run(monkeypatch, False, call)
    two_at_a_time = _run(monkeypatch, True, call)
    assert two_at_a_time == one_by_one
    return one_by_one[0], list(one_by_one[1])


def test_trend_of_the_sample_quarters_is_the_same_read_either_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report, warned = _both_ways(
        monkeypatch, lambda warn: pipeline.trend_files(SAMPLE_QUARTERS, warn=warn)
    )
    assert '"kind": "mes.trend"' in report
    # Every quarter's warnings, in the quarters' order, then the trend's own.
    files = [what for what, _ in warned]
    assert files[:3] == SAMPLE_QUARTERS
    assert files[3:] == ["trend"]


def test_diff_with_its_paired_view_is_the_same_read_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = write_csv(Q2, tmp_path / "q2.csv"), write_csv(Q3, tmp_path / "q3.csv")
    monkeypatch.chdir(tmp_path)
    report, _ = _both_ways(monkeypatch, lambda warn: pipeline.diff_files(old, new, warn=warn))
    assert '"available": true' in report  # the paired view is there


@pytest.mark.parametrize("bad", [0, 1])
def test_a_quarter_with_bad_data_is_the_same_error_read_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: int
) -> None:
    files = [write_csv(Q2, tmp_path / "q2.csv"), write_csv(Q3, tmp_path / "q3.csv")]
    broken = [Person("x1", "Klantenservice", "Zuid", (9, 3, 3, 3, 3)), *Q2]
    files[bad] = write_csv(broken, tmp_path / "broken.csv")
    monkeypatch.chdir(tmp_path)
    errors = []
    for concurrently in (False, True):
        monkeypatch.setattr(pipeline, "concurrent_quarters", lambda _, c=concurrently: c)
        with pytest.raises(MesError) as raised:
            pipeline.diff_files(*files)
        errors.append([(i.code, i.location.file, i.location.row) for i in raised.value.issues])
    assert errors[0] == errors[1]
    assert errors[0][0] == ("answer-out-of-range", "broken.csv", 2)


# --- The paired view, person by person -----------------------------------------------------------


def _movers() -> tuple[list[Person], list[Person]]:
    """Three teams of 10; between the quarters people change teams and departments, and their
    answers change (each a little differently); 5 people leave the organisation, 5 join."""
    a = team("Sales", "A", spread(10, (3, 3, 2, 3, 3)), "a")
    b = team("Sales", "B", spread(10, (4, 3, 3, 3, 4)), "b")
    c = team("Support", "C", spread(10, (2, 2, 3, 3, 2)), "c")
    gone = team("Support", "C", spread(5), "g")
    old = [*a, *b, *c, *gone]
    changed = {p.id: p for p in _varied(old)}
    new = [
        *(changed[p.id] for p in a[:5]),  # stay in Sales/A
        *moved([changed[p.id] for p in a[5:]], "Sales", "B"),  # to the department's other team
        *(changed[p.id] for p in b),
        *moved([changed[p.id] for p in c[:5]], "Sales", "A"),  # to another department
        *(changed[p.id] for p in c[5:]),
        *team("Support", "C", spread(5, (4, 4, 4, 4, 4)), "j"),  # join
    ]
    return old, new


def _varied(persons: list[Person]) -> list[Person]:
    out = []
    for i, p in enumerate(persons):
        answers = list(p.answers)
        answers[i % 5] = max(1, min(5, answers[i % 5] + (i % 3) - 1))
        out.append(Person(p.id, p.department, p.team, tuple(answers)))  # type: ignore[arg-type]
    return out


def _members(persons: list[Person], path: tuple[str, ...]) -> dict[str, Person]:
    return {p.id: p for p in persons if (p.department, p.team)[: len(path)] == path}


def test_stayers_joiners_and_leavers_of_every_group_counted_person_by_person(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = _movers()
    files = write_csv(old, tmp_path / "old.csv"), write_csv(new, tmp_path / "new.csv")
    monkeypatch.chdir(tmp_path)
    report = pipeline.diff_files(*files)
    assert report.paired.available
    checked = 0
    for group in report.groups:
        paired = group.paired
        assert paired is not None, group.path
        before, after = _members(old, tuple(group.path)), _members(new, tuple(group.path))
        stayed = [i for i in before if i in after]  # in the earlier file's order
        if not paired.shown:
            continue
        assert paired.stayed.exact == len(stayed), group.path
        assert paired.joined.exact == len(after) - len(stayed), group.path
        assert paired.left.exact == len(before) - len(stayed), group.path
        was = mes_of(before[i] for i in stayed)
        now = mes_of(after[i] for i in stayed)
        assert paired.mes_change == pytest.approx(statistics.fmean(now) - statistics.fmean(was))
        assert paired.test is not None
        assert paired.test.t == pytest.approx(stats.ttest_rel(now, was).statistic, rel=1e-9)
        checked += 1
    # At least the organisation (people moved between departments) and Sales (people joined it
    # from Support, and moved between its teams); the privacy rules withhold some of the rest.
    shown = {tuple(g.path) for g in report.groups if g.paired and g.paired.shown}
    assert {(), ("Sales",)} <= shown
    assert checked == len(shown)
