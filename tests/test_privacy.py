"""The suppression rules: small groups hidden, nothing undone by subtraction, in every output."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mes.analysis import score
from mes.instrument import builtin
from mes.privacy import Node, Suppression, decide, hidden_remainders
from mes.settings import Settings
from mes.validation import validate
from tests.conftest import make_table

K = 5


def tree(departments: dict[str, dict[str, int]], loose: dict[str, int] | None = None) -> list[Node]:
    """Organisation -> departments -> teams, with ``loose`` members in no team per department."""
    loose = loose or {}
    nodes = []
    total = 0
    for dept, teams in departments.items():
        n_dept = sum(teams.values()) + loose.get(dept, 0)
        total += n_dept
        nodes.append(Node(f"d/{dept}", "org", "department", n_dept, dept))
        nodes += [Node(f"t/{dept}/{t}", f"d/{dept}", "team", n, t) for t, n in teams.items()]
    return [Node("org", None, "", total, "org"), *nodes]


def test_small_group_suppressed_and_next_smallest_sibling_too() -> None:
    nodes = tree({"A": {"a1": 3, "a2": 8, "a3": 20}})
    d = decide(nodes, K)
    assert d["t/A/a1"] == Suppression.TOO_FEW
    # A (31) minus a2 and a3 would give a1's 3 people: hide a2 (the next smallest) as well.
    assert d["t/A/a2"] == Suppression.PROTECTS_OTHER
    assert d["t/A/a3"] is None
    assert d["d/A"] is None


def test_members_in_no_team_count_as_hidden() -> None:
    # Department of 22 with teams of 10 and 10 and 2 people in no team: 22 - 20 = 2 would show.
    nodes = tree({"A": {"a1": 10, "a2": 10}}, loose={"A": 2})
    d = decide(nodes, K)
    assert sum(1 for v in (d["t/A/a1"], d["t/A/a2"]) if v) == 1


def test_remainder_of_k_or_more_needs_no_extra_suppression() -> None:
    nodes = tree({"A": {"a1": 3, "a2": 2, "a3": 20}})
    d = decide(nodes, K)
    assert d["t/A/a1"] == d["t/A/a2"] == Suppression.TOO_FEW
    assert d["t/A/a3"] is None  # 3 + 2 hidden = 5 >= k


def test_hidden_department_hides_its_teams() -> None:
    # Department B (4) is too small; department A is hidden to protect it; A's teams go with it.
    nodes = tree({"A": {"a1": 6, "a2": 6}, "B": {"b1": 4}, "C": {"c1": 30}})
    d = decide(nodes, K)
    assert d["d/B"] == Suppression.TOO_FEW
    assert d["d/A"] == Suppression.PROTECTS_OTHER
    assert d["t/A/a1"] == d["t/A/a2"] == Suppression.PARENT_SUPPRESSED


def test_whole_organisation_below_k_is_all_hidden() -> None:
    nodes = tree({"A": {"a1": 2, "a2": 2}})
    assert all(decide(nodes, K).values())


sizes = st.integers(min_value=0, max_value=25)


@st.composite
def organisations(draw: st.DrawFn) -> list[Node]:
    n_depts = draw(st.integers(1, 4))
    depts = {
        f"D{i}": {f"T{j}": draw(st.integers(1, 25)) for j in range(draw(st.integers(0, 4)))}
        for i in range(n_depts)
    }
    loose = {d: draw(sizes) for d in depts}
    nodes = tree(depts, loose)
    roles = draw(st.lists(st.integers(1, 30), min_size=0, max_size=3))
    total = nodes[0].n
    # A --by breakdown of the organisation: role groups that need not cover everybody.
    for i, n in enumerate(roles):
        if n <= total:
            nodes.append(Node(f"r/{i}", "org", "by:role", n, f"R{i}"))
    return nodes


@settings(max_examples=300, deadline=None)
@given(organisations(), st.integers(3, 8))
def test_no_shown_group_below_k_and_no_remainder_below_k(nodes: list[Node], k: int) -> None:
    d = decide(nodes, k)
    by_id = {n.id: n for n in nodes}
    for node in nodes:
        if d[node.id] is None:
            assert node.n >= k
            if node.parent is not None:
                assert d[node.parent] is None, "a shown group below a hidden one"
        elif node.n < k:
            assert d[node.id] == Suppression.TOO_FEW
    for remainder in hidden_remainders(nodes, d):
        assert remainder == 0 or remainder >= k
    assert set(d) == set(by_id)


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
    d = decide(nodes, K)
    assert d["B"] == Suppression.TOO_FEW
    assert d["A"] == Suppression.PROTECTS_OTHER
    assert d["org"] is None


def test_zero_extra_counts_may_be_shown() -> None:
    nodes = [
        Node("org", None, "", 30, "org", extra=(0, 0)),
        Node("A", "org", "department", 15, "A", extra=(0, 0)),
        Node("B", "org", "department", 15, "B", extra=(0, 0)),
    ]
    assert set(decide(nodes, K).values()) == {None}


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
    d = decide(nodes, K)
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
