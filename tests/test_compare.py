"""Change between quarters (`mes.change`): figures checked against scipy on hand-built people.

Every expected number here is computed from the people in `tests.compare_fixtures` by hand or by
scipy called directly on their person MES, never by mes's own functions.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys

import polars as pl
import pytest
from scipy import stats

from mes.change.diff import diff
from mes.change.options import CompareOptions, Rename
from mes.change.people import Side, looks_sequential
from mes.change.trend import trend
from mes.errors import InputError
from mes.instrument import builtin_toml, parse_instrument
from mes.render.json import to_json
from mes.results import DiffReport, GroupChange, ScoreReport
from tests.compare_fixtures import (
    NOORD_OOST_Q3,
    NOORD_Q2,
    PART_Q2,
    PART_Q3,
    Q2,
    Q3,
    ZAKELIJK,
    ZUID_Q2,
    ZUID_Q3,
    Person,
    mes_of,
    moved,
    report_of,
    scored,
    shifted,
    spread,
    team,
)
from tests.json_compare import same_json

REL = 1e-9


def group(report: DiffReport, *path: str) -> GroupChange:
    """The group with this path of names in the later quarter (or the earlier, if gone)."""
    found = [g for g in report.groups if tuple(g.path) == path]
    assert len(found) == 1, [g.path for g in report.groups]
    return found[0]


def org(report: DiffReport) -> GroupChange:
    return group(report)


def varied(persons: list[Person]) -> list[Person]:
    """The same people, each changed differently: 0, +1 or +2 points on one trait."""
    out = []
    for i, p in enumerate(persons):
        answers = list(p.answers)
        answers[i % 5] = min(5, answers[i % 5] + i % 3)
        out.append(Person(p.id, p.department, p.team, tuple(answers)))  # type: ignore[arg-type]
    return out


# --- Welch test, interval, effect size ----------------------------------------------------------


@pytest.mark.parametrize("confidence", [0.95, 0.90])
def test_change_p_value_and_interval_match_scipy_on_person_mes(confidence: float) -> None:
    # Unequal sizes and spreads, so Welch's df differ from the pooled test's.
    old_people = team("Sales", "A", spread(14, (3, 3, 2, 3, 3)), "a")
    new_people = team(
        "Sales", "A", spread(9, (4, 4, 3, 4, 3))[:5] + spread(4, (2, 5, 3, 5, 4)), "b"
    )
    report = diff(
        scored(old_people, "q1.csv", with_people=False),
        scored(new_people, "q2.csv", with_people=False),
        CompareOptions(confidence=confidence),
    )
    old_mes, new_mes = mes_of(old_people), mes_of(new_people)
    expected = stats.ttest_ind(new_mes, old_mes, equal_var=False)
    ci = expected.confidence_interval(confidence)
    for g in (org(report), group(report, "Sales"), group(report, "Sales", "A")):
        assert g.mes_change == pytest.approx(
            statistics.fmean(new_mes) - statistics.fmean(old_mes), rel=REL
        )
        assert g.test is not None
        assert g.test.t == pytest.approx(expected.statistic, rel=REL)
        assert g.test.p == pytest.approx(expected.pvalue, rel=REL)
        assert g.test.df == pytest.approx(expected.df, rel=REL)
        assert (g.test.ci.low, g.test.ci.high) == pytest.approx((ci.low, ci.high), rel=REL)
        assert (g.old.n, g.new.n) == (14, 9)  # type: ignore[union-attr]


def test_hedges_g_is_pooled_cohens_d_with_small_sample_correction() -> None:
    old_people, new_people = PART_Q2, PART_Q3 + team("Schade", "Particulier", spread(4), "x")
    report = diff(scored(old_people, "q1.csv"), scored(new_people, "q2.csv"))
    a, b = mes_of(old_people), mes_of(new_people)
    n1, n2 = len(a), len(b)
    pooled = (
        ((n1 - 1) * statistics.variance(a) + (n2 - 1) * statistics.variance(b)) / (n1 + n2 - 2)
    ) ** 0.5
    expected = (statistics.fmean(b) - statistics.fmean(a)) / pooled * (1 - 3 / (4 * (n1 + n2) - 9))
    test = org(report).test
    assert test is not None
    assert test.hedges_g == pytest.approx(expected, rel=REL)


def test_energetic_share_and_trait_changes_are_differences_of_the_quarters() -> None:
    old_people = team("D", "T", [(5, 4, 4, 4, 4)] * 3 + [(3, 3, 3, 3, 3)] * 5, "a")
    new_people = team("D", "T", [(5, 4, 4, 4, 4)] * 6 + [(3, 2, 3, 3, 3)] * 2, "a")
    g = org(diff(scored(old_people, "q1.csv"), scored(new_people, "q2.csv")))
    assert g.energetic_change == pytest.approx(6 / 8 - 3 / 8)
    room = next(t for t in g.traits or [] if t.key == "room")
    # room: 75 for the energetic people, 50 (old) and 25 (new) for the others
    assert room.old == pytest.approx((3 * 75 + 5 * 50) / 8)
    assert room.new == pytest.approx((6 * 75 + 2 * 25) / 8)
    assert room.change == pytest.approx(room.new - room.old)


# --- Labels at the edges of both thresholds -----------------------------------------------------


def _edge_quarters() -> tuple[Side, Side, float, float]:
    """12 people who each move exactly one point on one trait: +5.0 MES, significant."""
    old_people = ZUID_Q2
    new_people = shifted(ZUID_Q2, 3, 1)
    p = stats.ttest_ind(mes_of(new_people), mes_of(old_people), equal_var=False).pvalue
    change = statistics.fmean(mes_of(new_people)) - statistics.fmean(mes_of(old_people))
    return scored(old_people, "q1.csv"), scored(new_people, "q2.csv"), change, float(p)


def test_a_change_of_exactly_min_change_that_is_significant_is_rising() -> None:
    old, new, change, p = _edge_quarters()
    assert change == pytest.approx(5.0)
    assert p < 0.05
    g = group(diff(old, new, CompareOptions(min_change=5.0)), "Klantenservice", "Zuid")
    assert (g.label, g.reason) == ("rising", "significant-change")


def test_significant_but_below_min_change_is_stable() -> None:
    old, new, _, _ = _edge_quarters()
    g = group(diff(old, new, CompareOptions(min_change=5.01)), "Klantenservice", "Zuid")
    assert (g.label, g.reason) == ("stable", "below-min-change")
    assert g.test is not None
    assert g.test.p < 0.05


@pytest.mark.parametrize(("alpha_factor", "label"), [(1.001, "rising"), (0.999, "stable")])
def test_significance_edge_follows_confidence(alpha_factor: float, label: str) -> None:
    old, new, _, p = _edge_quarters()
    options = CompareOptions(confidence=1 - p * alpha_factor, min_change=5.0)
    g = group(diff(old, new, options), "Klantenservice", "Zuid")
    assert g.label == label
    assert g.reason == ("significant-change" if label == "rising" else "not-significant")


def test_large_change_in_a_small_group_that_is_not_significant_is_stable() -> None:
    answers = [(1, 2, 5, 4, 2), (4, 4, 4, 5, 5), (2, 3, 2, 1, 3), (5, 5, 3, 4, 4), (3, 1, 4, 2, 2)]
    old_people = team("D", "T", answers, "a")  # type: ignore[arg-type]
    new_people = shifted(shifted(old_people, 0, 1), 2, 1)
    p = stats.ttest_ind(mes_of(new_people), mes_of(old_people), equal_var=False).pvalue
    g = group(diff(scored(old_people, "q1.csv"), scored(new_people, "q2.csv")), "D", "T")
    assert g.mes_change is not None
    assert g.mes_change >= 5.0
    assert p > 0.05
    assert (g.label, g.reason) == ("stable", "not-significant")
    assert g.test is not None
    assert g.test.p == pytest.approx(p, rel=REL)


def test_a_falling_change_is_labelled_falling() -> None:
    g = group(diff(scored(Q2, "q2.csv"), scored(Q3, "q3.csv")), "Schade", "Particulier")
    assert g.label == "falling"
    assert g.mes_change == pytest.approx(-10.0)


# --- The same file twice ------------------------------------------------------------------------


def test_a_file_diffed_with_itself_is_all_stable_with_zero_change() -> None:
    side = scored(Q2, "q2.csv")
    report = diff(side, side)
    compared = [g for g in report.groups if g.status == "compared"]
    assert compared
    assert all(g.status in ("compared", "suppressed") for g in report.groups)
    for g in compared:
        assert g.mes_change == 0.0
        assert g.energetic_change == 0.0
        assert all(t.change == 0.0 for t in g.traits or [])
        assert (g.label, g.reason) == ("stable", "not-significant")
        assert g.test is not None
        assert g.test.p == pytest.approx(1.0)
        assert g.paired is not None
        assert g.paired.shown
        assert g.paired.mes_change == 0.0
        assert (g.paired.joined.exact, g.paired.left.exact) == (0, 0)
    assert report.issues == []


# --- Matching and renames -----------------------------------------------------------------------


def test_without_a_rename_a_renamed_team_is_gone_and_a_new_one_new() -> None:
    report = diff(scored(Q2, "q2.csv"), scored(Q3, "q3.csv"))
    gone = group(report, "Klantenservice", "Noord")
    new = group(report, "Klantenservice", "Noord-Oost")
    assert (gone.status, gone.new, gone.old.n) == ("gone", None, 10)  # type: ignore[union-attr]
    assert (new.status, new.old, new.new.n) == ("new", None, 10)  # type: ignore[union-attr]
    assert new.mes_change is None
    assert new.label is None


@pytest.mark.parametrize(
    "rename",
    [
        Rename("Noord", "Noord-Oost"),
        Rename("  NOORD ", "noord-oost"),  # names compare ignoring case and spacing
        Rename("Klantenservice/Noord", "Klantenservice/Noord-Oost"),
    ],
)
def test_a_rename_matches_the_renamed_team(rename: Rename) -> None:
    report = diff(scored(Q2, "q2.csv"), scored(Q3, "q3.csv"), CompareOptions(renames=(rename,)))
    g = group(report, "Klantenservice", "Noord-Oost")
    assert g.status == "compared"
    assert g.old_path == ["Klantenservice", "Noord"]
    assert g.old_id == "team/Klantenservice/Noord"
    assert g.mes_change == pytest.approx(0.0)
    assert g.label == "stable"
    assert report.renames[0].groups == ["team/Klantenservice/Noord"]
    assert not [i for i in report.issues if i.code.startswith("rename")]


def test_names_match_across_case_spacing_and_unicode_forms() -> None:
    old_people = team("Financie\u0308n", "Team  A", spread(6), "a")  # e + combining diaeresis
    new_people = team("FINANCIËN", "team a", spread(6), "a")
    report = diff(scored(old_people, "q1.csv"), scored(new_people, "q2.csv"))
    assert {g.status for g in report.groups} == {"compared"}


def test_a_renamed_department_takes_its_teams_along() -> None:
    old_people = team("Sales", "A", spread(6), "a") + team("Sales", "B", spread(7), "b")
    new_people = moved(old_people[:6], "Verkoop", "A") + moved(old_people[6:], "Verkoop", "B")
    options = CompareOptions(renames=(Rename("Sales", "Verkoop"),))
    report = diff(scored(old_people, "q1.csv"), scored(new_people, "q2.csv"), options)
    assert {g.status for g in report.groups} == {"compared"}
    assert group(report, "Verkoop", "B").old_path == ["Sales", "B"]


def test_an_ambiguous_rename_is_refused_and_a_qualified_one_works() -> None:
    old_people = team("X", "Support", spread(6), "a") + team("Y", "Support", spread(6), "b")
    new_people = moved(old_people[:6], "X", "Helpdesk") + old_people[6:]
    old, new = scored(old_people, "q1.csv"), scored(new_people, "q2.csv")
    with pytest.raises(InputError) as caught:
        diff(old, new, CompareOptions(renames=(Rename("Support", "Helpdesk"),)))
    assert caught.value.issues[0].code == "rename-ambiguous"
    report = diff(old, new, CompareOptions(renames=(Rename("X/Support", "X/Helpdesk"),)))
    assert group(report, "X", "Helpdesk").status == "compared"
    assert group(report, "Y", "Support").status == "compared"


def test_a_rename_that_matches_nothing_is_a_warning() -> None:
    options = CompareOptions(renames=(Rename("Nergens", "Ergens"),))
    report = diff(scored(Q2, "q2.csv"), scored(Q3, "q3.csv"), options)
    assert [i.code for i in report.issues] == ["rename-unmatched"]
    assert report.renames[0].groups == []


def test_a_rename_to_a_name_not_in_the_later_quarter_is_a_warning() -> None:
    options = CompareOptions(renames=(Rename("Noord", "Noordwest"),))
    report = diff(scored(Q2, "q2.csv"), scored(Q3, "q3.csv"), options)
    assert [i.code for i in report.issues] == ["rename-target-missing"]


def test_names_differing_only_in_case_within_a_quarter_are_merged_when_scored() -> None:
    old_people = team("D", "Team A", spread(6), "a") + team("D", "team a", spread(6), "b")
    new_people = team("D", "Team A", spread(6), "a")
    old = scored(old_people, "q1.csv")
    assert [g.name for g in old.report.groups if g.dimension == "team"] == ["Team A"]
    report = diff(old, scored(new_people, "q2.csv"))
    assert report.issues == []
    teams = [g for g in report.groups if g.dimension == "team"]
    assert [g.status for g in teams] == ["compared"]


def test_names_differing_only_in_case_in_a_saved_result_are_not_matched() -> None:
    """A result saved by a mes that did not merge such names yet may hold both."""
    old = scored(team("D", "Team A", spread(6), "a") + team("D", "Team B", spread(6), "b"), "q1")
    renamed = [
        g.model_copy(update={"name": "team a", "path": ["D", "team a"], "id": "team/D/team a"})
        if g.name == "Team B"
        else g
        for g in old.report.groups
    ]
    saved = Side(old.report.model_copy(update={"groups": renamed}))
    report = diff(saved, scored(team("D", "Team A", spread(6), "a"), "q2.csv"))
    assert [i.code for i in report.issues] == ["ambiguous-group-name"]
    teams = [g for g in report.groups if g.dimension == "team"]
    assert sorted(g.status for g in teams) == ["gone", "gone", "new"]


# --- Privacy ------------------------------------------------------------------------------------


def _fraude_grows_then_shrinks() -> tuple[Side, Side]:
    """Fraude has 6 people in Q2 (shown) and 3 in Q3 (suppressed; Zakelijk hidden to protect it)."""
    fraude_q2 = team("Schade", "Fraude", spread(6), "f")
    q2 = [*ZUID_Q2, *NOORD_Q2, *PART_Q2, *ZAKELIJK, *fraude_q2]
    q3 = [*ZUID_Q3, *NOORD_OOST_Q3, *PART_Q3, *ZAKELIJK, *fraude_q2[:3]]
    return scored(q2, "q2.csv"), scored(q3, "q3.csv")


def test_a_group_suppressed_in_one_quarter_gets_no_change_and_no_figures() -> None:
    old, new = _fraude_grows_then_shrinks()
    assert not next(g for g in old.report.groups if g.name == "Fraude").suppressed
    report = diff(old, new)
    for name in ("Fraude", "Zakelijk"):
        g = group(report, "Schade", name)
        assert (g.status, g.suppressed_in) == ("suppressed", ["new"])
        dumped = g.model_dump(exclude_none=True)
        assert set(dumped) == {
            "id", "dimension", "name", "path", "status", "old_id", "new_id", "suppressed_in",
        }  # fmt: skip
    assert group(report, "Schade", "Particulier").status == "compared"


def test_every_group_shown_in_the_diff_leaves_a_remainder_of_none_or_at_least_k() -> None:
    old, new = _fraude_grows_then_shrinks()
    report = diff(old, new)
    for side in ("old", "new"):
        shown = {g.id: getattr(g, side) for g in report.groups if getattr(g, side) is not None}
        by_id = {g.id: g for g in report.groups}
        parents = {by_id[gid].path[0] for gid in shown if by_id[gid].dimension == "team"}
        for dept in parents:
            children = [
                f.n
                for gid, f in shown.items()
                if by_id[gid].dimension == "team" and by_id[gid].path[:1] == [dept]
            ]
            remainder = shown[f"department/{dept}"].n - sum(children)
            assert remainder == 0 or remainder >= 5, (side, dept, remainder)


def test_quarters_scored_with_different_min_group_sizes_are_refused() -> None:
    with pytest.raises(InputError) as caught:
        diff(scored(Q2, "q2.csv", k=5), scored(Q3, "q3.csv", k=6))
    assert caught.value.issues[0].code == "settings-differ"


# --- Instruments --------------------------------------------------------------------------------


def _reversed_room() -> object:
    toml = builtin_toml().replace('key = "room"\ntext_nl', 'key = "room"\nreverse = true\ntext_nl')
    assert toml != builtin_toml()
    return parse_instrument(toml, source="changed.toml")


def test_different_instruments_are_refused_with_a_clear_message() -> None:
    changed = scored(Q3, "q3.csv", instrument=_reversed_room())  # type: ignore[arg-type]
    with pytest.raises(InputError) as caught:
        diff(scored(Q2, "q2.csv"), changed)
    issue = caught.value.issues[0]
    assert issue.code == "instrument-changed"
    assert "--allow-instrument-change" in issue.message


def test_with_allow_instrument_change_only_identical_traits_are_compared() -> None:
    changed = scored(Q3, "q3.csv", instrument=_reversed_room())  # type: ignore[arg-type]
    report = diff(scored(Q2, "q2.csv"), changed, CompareOptions(allow_instrument_change=True))
    assert report.instrument_changed
    assert not report.mes_compared
    assert [t.key for t in report.traits] == ["signals", "criticism", "feedback", "speed"]
    g = group(report, "Klantenservice", "Zuid")
    assert g.status == "compared"
    assert g.mes_change is None
    assert g.label is None
    assert g.reason == "instrument-changed"
    assert g.energetic_change is None
    assert [t.key for t in g.traits or []] == ["signals", "criticism", "feedback", "speed"]
    assert [i.code for i in report.issues] == ["instrument-changed"]


# --- Paired view --------------------------------------------------------------------------------


def _turnover_quarters(joiners: int) -> tuple[list[Person], list[Person]]:
    """20 people; 15 stay (each changing differently), 5 leave, ``joiners`` join."""
    old_people = team("Sales", "A", spread(20, (3, 3, 3, 3, 2)), "e")
    stayers = varied(old_people[:15])
    new_people = stayers + team("Sales", "A", spread(joiners, (4, 4, 4, 4, 4)), "new")
    return old_people, new_people


def test_paired_counts_and_within_person_change_match_ttest_rel() -> None:
    old_people, new_people = _turnover_quarters(joiners=6)
    report = diff(scored(old_people, "q1.csv"), scored(new_people, "q2.csv"))
    assert report.paired.available
    before = mes_of(old_people[:15])
    after = mes_of(new_people[:15])
    expected = stats.ttest_rel(after, before)
    ci = expected.confidence_interval(0.95)
    for g in (org(report), group(report, "Sales"), group(report, "Sales", "A")):
        paired = g.paired
        assert paired is not None
        assert paired.shown
        assert (paired.stayed.exact, paired.joined.exact, paired.left.exact) == (15, 6, 5)
        assert paired.mes_change == pytest.approx(
            statistics.fmean(after) - statistics.fmean(before)
        )
        assert paired.test is not None
        assert paired.test.t == pytest.approx(expected.statistic, rel=REL)
        assert paired.test.p == pytest.approx(expected.pvalue, rel=REL)
        assert paired.test.df == 14
        assert (paired.test.ci.low, paired.test.ci.high) == pytest.approx(
            (ci.low, ci.high), rel=REL
        )


def test_few_joiners_withhold_the_paired_change_and_every_exact_count() -> None:
    # 2 joiners: with n of both quarters and the stayers' count and change shown, their mean
    # score could be worked out, so none of it is shown, and counts only as below / at least k.
    old_people, new_people = _turnover_quarters(joiners=2)
    report = diff(scored(old_people, "q1.csv"), scored(new_people, "q2.csv"))
    paired = org(report).paired
    assert paired is not None
    assert not paired.shown
    assert paired.reason == "few-joined-or-left"
    assert paired.mes_change is None
    assert paired.test is None
    assert paired.stayed.model_dump() == {"exact": None, "below": None, "at_least": 5}
    assert paired.joined.model_dump() == {"exact": None, "below": 5, "at_least": None}
    assert paired.left.model_dump() == {"exact": None, "below": None, "at_least": 5}


def test_paired_figures_of_a_team_are_hidden_when_a_parent_would_give_away_another() -> None:
    # Team A: 10 stayers; team B: 3 of 10 stay, 7 leave, 7 join. The department's 13 stayers
    # minus A's 10 would show B's 3 stayers, so A's paired figures are hidden too.
    a = team("D", "A", spread(10), "a")
    b_old = team("D", "B", spread(10, (4, 3, 3, 3, 3)), "b")
    b_new = varied(b_old[:3]) + team("D", "B", spread(7), "c")
    report = diff(scored(a + b_old, "q1.csv"), scored(varied(a) + b_new, "q2.csv"))
    team_b, team_a, dept = group(report, "D", "B"), group(report, "D", "A"), group(report, "D")
    assert team_b.paired is not None
    assert team_b.paired.reason == "too-few-stayers"
    assert team_a.paired is not None
    assert team_a.paired.reason == "protects-another-group"
    assert dept.paired is not None
    assert dept.paired.shown
    assert dept.paired.stayed.exact == 13


@pytest.mark.parametrize(
    ("make_ids", "reason"),
    [
        (str, "sequence-ids"),  # Microsoft Forms' ID: 1..N in both quarters
        (lambda i: str(i + 2), "sequence-ids"),  # test responses deleted: 3..N+2
    ],
)
def test_response_numbers_are_never_paired(make_ids: object, reason: str) -> None:
    def numbered(persons: list[Person]) -> list[Person]:
        return [
            Person(make_ids(i), p.department, p.team, p.answers)  # type: ignore[operator]
            for i, p in enumerate(persons, 1)
        ]

    report = diff(scored(numbered(Q2), "q2.csv"), scored(numbered(Q3), "q3.csv"))
    assert (report.paired.available, report.paired.reason) == (False, reason)
    assert all(g.paired is None for g in report.groups)


def test_a_file_without_an_id_column_is_not_paired() -> None:
    headers = ("afdeling", "team", "signals", "room", "criticism", "feedback", "speed")
    old = scored([_no_id(p) for p in Q2], "q2.csv", headers=headers)
    new = scored([_no_id(p) for p in Q3], "q3.csv", headers=headers)
    report = diff(old, new)
    assert report.paired.reason == "no-ids"


class _NoIdPerson(Person):
    def row(self) -> list[str | None]:
        return super().row()[1:]


def _no_id(p: Person) -> Person:
    return _NoIdPerson(p.id, p.department, p.team, p.answers)


def test_a_saved_result_side_has_no_paired_view_and_says_why() -> None:
    report = diff(Side(report_of(Q2, "q2.csv")), scored(Q3, "q3.csv"))
    assert (report.paired.available, report.paired.reason) == (False, "saved-result")
    report = diff(scored(Q2, "q2.csv"), scored(Q3, "q3.csv"), CompareOptions(paired=False))
    assert report.paired.reason == "not-requested"


@pytest.mark.parametrize(
    ("ids", "sequential"),
    [
        (["1", "2", "3", "4"], True),
        (["2", "3", "4", "5"], True),  # no id column: respondents numbered by row
        ([str(i) for i in range(3, 153)], True),  # Forms, two test responses deleted
        (["1", "2", "4", "5", "7", "8", "10", "11"], False),  # too many gaps to be a sequence
        (["1001", "1002", "1003"], False),
        (["E1", "E2", "E3"], False),
        (["1.0", "2.0", "3.0"], True),
    ],
)
def test_looks_sequential(ids: list[str], sequential: bool) -> None:
    assert looks_sequential(pl.Series(ids, dtype=pl.String), first_row=2) is sequential


# --- Saved result and survey file give the same diff ---------------------------------------------


def test_a_saved_result_and_the_survey_it_came_from_give_the_same_json() -> None:
    """Equal but for the 1e-9 rounding of the saved figures (`tests.json_compare`)."""
    options = CompareOptions(renames=(Rename("Noord", "Noord-Oost"),), paired=False)
    raw_old, raw_new = scored(Q2, "2026-Q2.csv"), scored(Q3, "2026-Q3.csv")
    saved_old = Side(ScoreReport.model_validate_json(to_json(raw_old.report)))
    saved_new = Side(ScoreReport.model_validate_json(to_json(raw_new.report)))
    expected = to_json(diff(raw_old, raw_new, options))
    assert same_json(to_json(diff(saved_old, raw_new, options)), expected)
    assert same_json(to_json(diff(raw_old, saved_new, options)), expected)
    assert same_json(to_json(diff(saved_old, saved_new, options)), expected)
    # Saved twice, a result is the same: rounding is stable.
    assert to_json(ScoreReport.model_validate_json(to_json(raw_old.report))) == to_json(
        raw_old.report
    )


# --- Trend --------------------------------------------------------------------------------------


def test_trend_shows_mes_per_quarter_and_labels_the_last_change() -> None:
    zuid_q1 = team("Klantenservice", "Zuid", spread(12, (2, 3, 2, 3, 3)), "z")  # as in Q2
    quarters = {"2026-Q1.csv": [*zuid_q1, *Q2[12:]], "2026-Q2.csv": Q2, "2026-Q3.csv": Q3}
    reports = [report_of(people, name) for name, people in quarters.items()]
    report = trend(reports, CompareOptions(renames=(Rename("Noord", "Noord-Oost"),)))
    assert [q.label for q in report.quarters] == ["2026-Q1", "2026-Q2", "2026-Q3"]
    rows = {tuple(g.path): g for g in report.groups}
    zuid = rows[("Klantenservice", "Zuid")]
    assert [p.mes for p in zuid.points] == pytest.approx(
        [statistics.fmean(mes_of(ZUID_Q2))] * 2 + [statistics.fmean(mes_of(ZUID_Q3))]
    )
    assert [p.n for p in zuid.points] == [12, 12, 12]
    assert (zuid.last_label, zuid.last_change) == ("rising", pytest.approx(10.0))
    expected = stats.ttest_ind(mes_of(ZUID_Q3), mes_of(ZUID_Q2), equal_var=False)
    assert zuid.last_test is not None
    assert zuid.last_test.p == pytest.approx(expected.pvalue)
    noord = rows[("Klantenservice", "Noord-Oost")]
    assert all(p.present and p.n == 10 for p in noord.points)  # the rename joins all three
    fraude = rows[("Schade", "Fraude")]
    assert all(p.suppressed and p.n is None and p.mes is None for p in fraude.points)
    assert (fraude.last_label, fraude.last_reason) == (None, "suppressed")
    assert json.loads(to_json(report))["kind"] == "mes.trend"


def test_trend_marks_quarters_where_a_group_is_absent() -> None:
    extra = team("Verkoop", "Online", spread(5), "o")
    reports = [report_of(Q2, "a.csv"), report_of([*Q3, *extra], "b.csv"), report_of(Q3, "c.csv")]
    online = next(g for g in trend(reports).groups if g.name == "Online")
    assert [p.present for p in online.points] == [False, True, False]
    assert online.last_reason == "not-in-both"


def test_importing_the_comparison_loads_no_cli_terminal_spreadsheet_or_scipy() -> None:
    code = (
        "import sys, mes.change\n"
        "print(sorted(m for m in ('typer', 'rich', 'openpyxl', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_sparkline_of_a_stable_group_is_flat_and_a_real_change_fills_it() -> None:
    from mes.render.terminal.change import sparkline

    # 10-point span centred on 62.4: 57.4 .. 67.4 over 8 blocks
    assert sparkline([62.1, 62.7, 62.6]) == "▄▅▅"
    assert sparkline([50.0, None, 70.0]) == "▁ █"
    assert sparkline([]) == ""
