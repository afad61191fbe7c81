"""The disclosure check: no set of fewer than k people can be recovered from shown sets.

The engine is tested on atoms (people with the same memberships) against an independent,
exact brute force: Gaussian elimination over fractions decides whether a union of atoms is a
linear combination of the shown sets. The whole report is attacked in test_privacy_attack.py.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mes.groups import ORG, GroupKey, by_value, department, team
from mes.instrument import builtin
from mes.privacy import Atom, Node, Suppression, decide, decide_counts
from mes.report import GROUP_CELLS, score
from mes.settings import Settings
from mes.validation import validate
from tests.conftest import make_table

K = 5


def people(
    *specs: tuple[str | None, str | None, dict[str, str] | None, int],
) -> list[Atom[GroupKey]]:
    """Atoms from (department, team, {by column: value}, size)."""
    out = []
    for dept, tm, by, size in specs:
        keys = {ORG}
        if dept is not None:
            keys.add(department(dept))
        if tm is not None:
            keys.add(team(tm, dept))
        keys |= {by_value(c, v) for c, v in (by or {}).items()}
        out.append(Atom(frozenset(keys), size))
    return out


def rank(rows: list[list[Fraction]]) -> int:
    """The rank of ``rows`` (exact, over fractions)."""
    m = [list(r) for r in rows]
    r = 0
    for c in range(len(m[0]) if m else 0):
        pivot = next((i for i in range(r, len(m)) if m[i][c] != 0), None)
        if pivot is None:
            continue
        m[r], m[pivot] = m[pivot], m[r]
        for i in range(len(m)):
            if i != r and m[i][c] != 0:
                f = m[i][c] / m[r][c]
                m[i] = [a - f * b for a, b in zip(m[i], m[r], strict=True)]
        r += 1
    return r


def in_span(vectors: list[list[Fraction]], target: list[Fraction]) -> bool:
    """Whether ``target`` is a linear combination of ``vectors`` (exact, over fractions)."""
    return rank(vectors) == rank([*vectors, target])


def small_disclosed_sets(
    atoms: list[Atom[GroupKey]], decision: dict[GroupKey, Suppression | None], k: int
) -> list[set[int]]:
    """Every union of atoms of 1..k-1 people that the shown sets give away (brute force)."""
    shown = [cell for cell, why in decision.items() if why is None]
    vectors = [[Fraction(int(c in a.cells)) for a in atoms] for c in shown]
    small = [i for i, a in enumerate(atoms) if 0 < a.size < k]
    found = []
    for r in range(1, k):
        for combo in itertools.combinations(small, r):
            if 0 < sum(atoms[i].size for i in combo) < k:
                target = [Fraction(int(i in combo)) for i in range(len(atoms))]
                if vectors and in_span(vectors, target):
                    found.append(set(combo))
    return found


def test_small_team_suppressed_and_next_smallest_sibling_too() -> None:
    atoms = people(("A", "a1", None, 3), ("A", "a2", None, 8), ("A", "a3", None, 20))
    d = decide(atoms, K, GROUP_CELLS)
    assert d[team("a1", "A")] == Suppression.TOO_FEW
    # A (31) minus a2 and a3 would give a1's 3 people: hide a2 (the next smallest) as well.
    assert d[team("a2", "A")] == Suppression.PROTECTS_OTHER
    assert d[team("a3", "A")] is None
    assert d[department("A")] is None


def test_members_in_no_team_count_as_hidden() -> None:
    # Department of 22 with teams of 10 and 10 and 2 people in no team: 22 - 20 = 2 would show.
    atoms = people(("A", "a1", None, 10), ("A", "a2", None, 10), ("A", None, None, 2))
    d = decide(atoms, K, GROUP_CELLS)
    assert sum(1 for t in ("a1", "a2") if d[team(t, "A")]) == 1


def test_remainder_of_k_or_more_needs_no_extra_suppression() -> None:
    atoms = people(("A", "a1", None, 3), ("A", "a2", None, 2), ("A", "a3", None, 20))
    d = decide(atoms, K, GROUP_CELLS)
    assert d[team("a1", "A")] == d[team("a2", "A")] == Suppression.TOO_FEW
    assert d[team("a3", "A")] is None  # 3 + 2 hidden = 5 >= k


def test_hidden_department_hides_its_teams() -> None:
    atoms = people(("A", "a1", None, 6), ("A", "a2", None, 6), ("B", "b1", None, 4),
                   ("C", "c1", None, 30))  # fmt: skip
    d = decide(atoms, K, GROUP_CELLS)
    assert d[department("B")] == Suppression.TOO_FEW
    assert d[department("A")] == Suppression.PROTECTS_OTHER
    assert d[team("a1", "A")] == d[team("a2", "A")] == Suppression.PARENT_SUPPRESSED


def test_whole_organisation_below_k_is_all_hidden() -> None:
    atoms = people(("A", "a1", None, 2), ("A", "a2", None, 2))
    assert all(decide(atoms, K, GROUP_CELLS).values())


def test_loose_teams_and_departments_partition_the_organisation_together() -> None:
    # The audit's minimal case: Sales (North 5, South 5), a loose team Staf (5) and one person
    # with neither. Organisation - Sales - Staf would be that one person.
    atoms = people(("Sales", "North", None, 5), ("Sales", "South", None, 5),
                   (None, "Staf", None, 5), (None, None, None, 1))  # fmt: skip
    d = decide(atoms, K, GROUP_CELLS)
    assert small_disclosed_sets(atoms, d, K) == []
    assert d[team("Staf")] == Suppression.PROTECTS_OTHER


def test_a_location_holding_one_team_and_a_few_more_is_not_a_way_round() -> None:
    # Location L1 is team T1 (17) plus 3 people of D without a team: L1 - T1 gives those 3.
    atoms = people(("D", "T1", {"loc": "L1"}, 17), ("D", None, {"loc": "L1"}, 3),
                   ("D", "T2", {"loc": "L2"}, 12), ("E", "T3", {"loc": "L2"}, 20))  # fmt: skip
    d = decide(atoms, K, GROUP_CELLS)
    assert small_disclosed_sets(atoms, d, K) == []
    # A --by group gives way before the tree's groups.
    assert d[by_value("loc", "L1")] == Suppression.PROTECTS_OTHER
    assert d[team("T1", "D")] is None


def test_crossing_breakdowns_with_nothing_to_give_away_hide_nothing() -> None:
    # Two roles across two departments, every cell of the cross table at least k: a 2x2 table
    # with all margins shown gives no cell away.
    atoms = people(("A", None, {"rol": "x"}, 6), ("A", None, {"rol": "y"}, 7),
                   ("B", None, {"rol": "x"}, 8), ("B", None, {"rol": "y"}, 9))  # fmt: skip
    d = decide(atoms, K, GROUP_CELLS)
    assert set(d.values()) == {None}


@st.composite
def organisations(draw: st.DrawFn) -> list[Atom[GroupKey]]:
    """Departments, teams, loose teams, people with neither, and one or two --by columns."""
    specs: list[tuple[str | None, str | None, dict[str, str] | None, int]] = []
    for _ in range(draw(st.integers(1, 7))):
        dept = draw(st.sampled_from(["A", "B", "C", None]))
        tm = draw(st.sampled_from(["t1", "t2", "t3", None]))
        by = {}
        if draw(st.booleans()):
            by["rol"] = draw(st.sampled_from(["x", "y"]))
        if draw(st.booleans()):
            by["loc"] = draw(st.sampled_from(["p", "q"]))
        specs.append((dept, tm, by, draw(st.integers(1, 12))))
    merged: dict[frozenset[GroupKey], int] = {}
    for atom in people(*specs):
        merged[atom.cells] = merged.get(atom.cells, 0) + atom.size
    return [Atom(cells, size) for cells, size in merged.items()]


@pytest.mark.slow  # 150 organisations checked against a brute force over fractions
@settings(max_examples=150, deadline=None, derandomize=True)
@given(organisations(), st.sampled_from([3, 5]))
def test_no_union_of_fewer_than_k_people_is_a_combination_of_shown_sets(
    atoms: list[Atom[GroupKey]], k: int
) -> None:
    d = decide(atoms, k, GROUP_CELLS)
    assert small_disclosed_sets(atoms, d, k) == []
    for cell, why in d.items():
        n = sum(a.size for a in atoms if cell in a.cells)
        if n < k:
            assert why == Suppression.TOO_FEW
        parent = GROUP_CELLS.parent(cell)
        if why is None and parent is not None:
            assert d[parent] is None, "a shown group below a hidden one"


@pytest.mark.slow  # 50 generated organisations, each validated and scored
@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ABC"), st.sampled_from("xyz")), min_size=1, max_size=60))
def test_reports_never_show_figures_of_hidden_groups(members: list[tuple[str, str]]) -> None:
    mes5 = builtin()
    rows = [[str(i), d, f"{d}-{t}", "4", "3", "5", "2", "4"] for i, (d, t) in enumerate(members)]
    report = score(validate(make_table(rows), mes5), mes5, Settings())
    for group in report.groups:
        if group.suppressed:
            assert group.n is None
            assert group.mes is None
            assert group.traits is None
            assert group.ci is None
        else:
            assert group.n is not None
            assert group.n >= 5


def test_suppressed_organisation_hides_its_size_everywhere() -> None:
    mes5 = builtin()
    rows = [[str(i), "A", "T", "4", "3", "5", "2", "4"] for i in range(4)]
    report = score(validate(make_table(rows), mes5), mes5, Settings())
    assert report.organisation.suppressed
    src = report.source
    assert (src.rows_read, src.respondents, src.scored, src.not_scored) == (None, None, None, None)
    assert report.reliability == []
    assert "4" not in report.model_dump_json(include={"source", "groups", "issues"})


def test_extra_counts_obey_the_same_rules() -> None:
    # Stayers / joined / left between two quarters. B's 3 leavers may not be shown; then the
    # organisation's 8 leavers minus A's 5 would give them away, so A is hidden as well.
    nodes = [
        Node("org", None, "", 30, "org", extra=(6, 8)),
        Node("A", "org", "department", 15, "A", extra=(6, 5)),
        Node("B", "org", "department", 15, "B", extra=(0, 3)),
    ]
    d = decide_counts(nodes, K)
    assert d["B"] == Suppression.TOO_FEW
    assert d["A"] == Suppression.PROTECTS_OTHER
    assert d["org"] is None


def test_zero_extra_counts_may_be_shown() -> None:
    nodes = [
        Node("org", None, "", 30, "org", extra=(0, 0)),
        Node("A", "org", "department", 15, "A", extra=(0, 0)),
        Node("B", "org", "department", 15, "B", extra=(0, 0)),
    ]
    assert set(decide_counts(nodes, K).values()) == {None}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 20), st.integers(0, 8), st.integers(0, 8)), min_size=1, max_size=6
    ),
    st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(0, 6)),
)
def test_no_extra_count_is_revealed_by_subtraction(
    children: list[tuple[int, int, int]], loose: tuple[int, int, int]
) -> None:
    totals = [sum(c[i] for c in children) + loose[i] for i in range(3)]
    nodes = [Node("org", None, "", max(totals[0], 1), "org", extra=(totals[1], totals[2]))]
    nodes += [
        Node(f"c{i}", "org", "team", n, f"c{i}", extra=(j, left))
        for i, (n, j, left) in enumerate(children)
    ]
    d = decide_counts(nodes, K)
    if d["org"] is not None:
        return
    shown = [n for n in nodes[1:] if d[n.id] is None]
    for node in shown:
        assert node.n >= K
        assert all(c == 0 or c >= K for c in node.extra)
    parent = nodes[0]
    for i, total in enumerate((parent.n, *parent.extra)):
        remainder = total - sum((s.n, *s.extra)[i] for s in shown)
        assert remainder == 0 or remainder >= K
