"""The attacker of `tests.attacker` against real reports: no set of 1..k−1 people may be rebuilt.

Reports are built through the library exactly as the other privacy tests do (`validate` then
`score`), from organisations with every shape the README describes: departments with teams,
teams without a department, people with a department but no team, people with neither, and
``--by`` columns that overlap the tree (a role across teams; a location that holds whole teams
plus a few others; the team column itself). The audit's minimal cases (issue 9) are named
regression tests, and hand-made reports prove that the attacker does find a leak when there is one.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mes.columns import BY_REFUSALS
from mes.errors import InputError
from mes.headcount import HeadcountFile, add_response
from mes.instrument import builtin
from mes.report import (
    FigureKey,
    score,  # the one place to change when the privacy engine moves
)
from mes.results import GroupResult, Interval, ScoreReport, ShownGroup, TraitResult
from mes.settings import Settings
from mes.validation import validate
from tests.attacker import Person, find_disclosure, find_figure_disclosure
from tests.conftest import make_table

TRAITS = ("signals", "room", "criticism", "feedback", "speed")
HEADERS = ("id", "afdeling", "team", "rol", "locatie", *TRAITS)
#: Which file column a ``--by`` name reads, for the ground truth.
BY_COLUMNS = {"rol": 3, "locatie": 4, "team": 2, "afdeling": 1}

Row = list[str | None]


def person(row: Row, by: Sequence[str]) -> Person:
    """The attacker's knowledge of one file row."""
    return Person(
        id=str(row[0]),
        department=row[1],
        team=row[2],
        answers=tuple(None if a is None else int(a) for a in row[5:]),
        by={name: row[BY_COLUMNS[name]] for name in by},
    )


def report_of(rows: Sequence[Row], by: Sequence[str], k: int) -> ScoreReport:
    """Validate and score rows with the real library, as `mes score --by ...` would."""
    instrument = builtin()
    responses = validate(make_table(rows, HEADERS), instrument, by=list(by))
    return score(responses, instrument, Settings(min_group_size=k))


def with_headcount(rows: Sequence[Row], by: Sequence[str], k: int) -> ScoreReport:
    """`report_of` with a headcount (``--headcount``): each group invites 0-3 more than answered.

    The response figures of a shown group are its n, its invited count and n / invited; a
    suppressed group has none. So the count cells the attacker already uses cover them, which
    this checks before the attack.
    """
    instrument = builtin()
    responses = validate(make_table(rows, HEADERS), instrument, by=list(by))
    report = score(responses, instrument, Settings(min_group_size=k))
    rng = random.Random(len(rows))
    counts = Counter((r[1], r[2]) for r in rows)
    staff = HeadcountFile(
        source="staff.csv",
        has_department=True,
        has_team=True,
        per_employee=False,
        rows=tuple((d, t, n + rng.randint(0, 3)) for (d, t), n in sorted(counts.items(), key=str)),
    )
    report = add_response(report, responses, staff)
    for group in report.groups:
        if group.suppressed:
            assert group.response is None, group.id
        elif group.response is not None:
            assert group.response.responded == group.n, group.id
            assert group.response.rate == group.n / group.response.invited, group.id
    if report.organisation.suppressed:
        assert report.response is not None
        assert report.response.responded is None
    return report


def assert_no_disclosure(
    rows: Sequence[Row], by: Sequence[str], k: int, *, headcount: bool = False
) -> None:
    report = with_headcount(rows, by, k) if headcount else report_of(rows, by, k)
    disclosure = find_disclosure(report, [person(r, by) for r in rows])
    assert disclosure is None, f"the report gives away fewer than k = {k} people:\n{disclosure}"


class Rows:
    """Builds file rows: ``add(n, department, team, ...)`` appends n people."""

    def __init__(self, seed: int = 9) -> None:
        self.rows: list[Row] = []
        self.rng = random.Random(seed)

    def add(
        self,
        n: int,
        department: str | None,
        team: str | None,
        role: str | None = "Frontoffice",
        location: str | None = "Utrecht",
        answers: Sequence[int] | None = None,
    ) -> None:
        for _ in range(n):
            given_answers = answers or [self.rng.randint(1, 5) for _ in TRAITS]
            self.rows.append(
                [
                    str(len(self.rows) + 1),
                    department,
                    team,
                    role,
                    location,
                    *(str(a) for a in given_answers),
                ]
            )


# --- random organisations -----------------------------------------------------------------------

TEAM_NAMES = ("Noord", "Zuid", "Chat", "Ops", "Desk")
ROLES = ("Frontoffice", "Backoffice", "Management")
LOCATIONS = ("Utrecht", "Zwolle", "Breda", "Delft")
BY_CHOICES = (
    ("rol",),
    ("locatie",),
    ("rol", "locatie"),
    ("locatie", "team"),
    ("rol", "team"),
)


@st.composite
def organisations(draw: st.DrawFn) -> tuple[list[Row], tuple[str, ...], int]:
    """A random organisation as file rows, the ``--by`` columns to score it with, and k.

    Teams sit at one location, and a few people work elsewhere (so a location often equals a
    team or holds whole teams plus a few colleagues); roles cut across teams; team names repeat
    across departments and loose teams (so ``--by team`` merges them).
    """
    k = draw(st.sampled_from((3, 5)))
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    stray = draw(st.sampled_from((0.0, 0.05, 0.15)))
    teams: list[tuple[str | None, str | None, int]] = []
    for d in range(draw(st.integers(0, 3))):
        department = f"Afd{d}"
        names = draw(st.lists(st.sampled_from(TEAM_NAMES), max_size=3, unique=True))
        teams += [(department, name, draw(st.integers(1, 30))) for name in names]
        teams.append((department, None, draw(st.sampled_from((0, 0, 1, 2, 4, 7)))))
    loose = draw(st.lists(st.sampled_from(TEAM_NAMES), max_size=2, unique=True))
    teams += [(None, name, draw(st.integers(1, 30))) for name in loose]
    teams.append((None, None, draw(st.sampled_from((0, 0, 1, 2, 3)))))
    out = Rows(seed=rng.randrange(2**32))
    for department, team, size in teams:
        home = rng.choice(LOCATIONS)
        for _ in range(size):
            location = rng.choice(LOCATIONS) if rng.random() < stray else home
            role = rng.choice((*ROLES, ROLES[0], ROLES[1], None))
            out.add(1, department, team, role, location)
    assume(out.rows)
    by = draw(st.sampled_from(BY_CHOICES))
    return out.rows, by, k


@pytest.mark.slow  # 60 organisations built, scored and attacked with exact fractions
@settings(max_examples=60, deadline=None, derandomize=True)
@given(organisations())
def test_no_figure_of_fewer_than_k_people_can_be_rebuilt(
    organisation: tuple[list[Row], tuple[str, ...], int],
) -> None:
    rows, by, k = organisation
    # A --by column that is refused (the team column, or one that is nearly unique in a small
    # file) shows nothing: safe. Attack the report without it.
    while True:
        try:
            report_of(rows, by, k)
            break
        except InputError as refused:
            issues = refused.issues
        codes = {issue.code for issue in issues}
        assert codes <= BY_REFUSALS, codes
        dropped = {i.location.column for i in issues}
        fewer = tuple(b for b in by if b not in dropped and b != "team")
        assert fewer != by, f"refused, but no --by column named: {issues}"
        by = fewer
    assert_no_disclosure(rows, by, k)
    assert_no_disclosure(rows, by, k, headcount=True)


# --- the audit's minimal cases (issue 9) --------------------------------------------------------


def test_person_with_neither_department_nor_team_is_not_organisation_minus_the_rest() -> None:
    """Audit 1: organisation − department Sales − loose team Staf = the one person with neither."""
    rows = Rows()
    rows.add(5, "Sales", "North")
    rows.add(5, "Sales", "South")
    rows.add(5, None, "Staf")
    rows.add(1, None, None, answers=(1, 2, 3, 4, 5))
    assert_no_disclosure(rows.rows, (), 5)


def test_by_team_does_not_reshow_a_team_the_tree_hides() -> None:
    """Audit 2: a team hidden in the tree (to protect a smaller one) re-shown by ``--by team``."""
    rows = Rows()
    rows.add(3, "Support", "Ops")  # too few
    rows.add(8, "Support", "Desk")  # hidden in the tree, else Support − Desk = Ops
    rows.add(2, "Sales", "Field")
    rows.add(10, "Sales", "Inside")
    try:
        report_of(rows.rows, ("team",), 5)
    except InputError:
        return  # `--by team` refused with a usage error (issue 9, item 4): safe by construction
    assert_no_disclosure(rows.rows, ("team",), 5)


def test_location_holding_one_team_and_two_more_people_is_not_a_backdoor() -> None:
    """Audit 3: location Utrecht = team North + 2 of South; Utrecht − North = those 2 people."""
    rows = Rows()
    rows.add(8, "Sales", "North", location="Utrecht")
    rows.add(2, "Sales", "South", location="Utrecht")
    rows.add(8, "Sales", "South", location="Zwolle")
    rows.add(6, "Service", "Desk", location="Zwolle")
    assert_no_disclosure(rows.rows, ("locatie",), 5)


def test_team_names_with_slashes_do_not_collide() -> None:
    """Audit 4: team "B/C" of department "A" and team "C" of "A/B" once had one id."""
    rows = Rows()
    rows.add(3, "A", "B/C")
    rows.add(6, "A", "D")
    rows.add(6, "A/B", "C")
    report = report_of(rows.rows, (), 5)
    disclosure = find_disclosure(report, [person(r, ()) for r in rows.rows])
    assert disclosure is None, f"the report gives away fewer than k = 5 people:\n{disclosure}"
    small = [g for g in report.groups if g.dimension == "team" and g.path == ["A", "B/C"]]
    assert small, "the 3-person team is missing from the report (its name may be shown)"
    assert all(g.suppressed and g.n is None and g.mes is None for g in small), small


# --- the attacker itself: it must find a leak when there is one --------------------------------


def shown(dimension: str, path: Sequence[str], people: Sequence[Person]) -> GroupResult:
    """A shown group with the figures its people really have (computed here, not by mes)."""
    scores = [[25.0 * (int(a or 0) - 1) for a in p.answers] for p in people]
    mes = [sum(s) / len(s) for s in scores]
    n = len(people)
    mean = sum(mes) / n
    sd = (sum((m - mean) ** 2 for m in mes) / (n - 1)) ** 0.5 if n > 1 else None
    return ShownGroup(
        id=f"made-up/{len(path)}",  # deliberately useless: the attacker must not read it
        dimension=dimension,
        name=path[-1] if path else dimension,
        path=list(path),
        parent=None,
        suppressed=False,
        respondents=n,
        n=n,
        mes=mean,
        sd=sd,
        energetic_share=sum(all(x >= 75 for x in s) for s in scores) / n,
        traits=[
            TraitResult(
                key=key,
                n=n,
                mean=sum(s[t] for s in scores) / n,
                favourable=sum(s[t] >= 75 for s in scores) / n,
                neutral=sum(25 < s[t] < 75 for s in scores) / n,
                unfavourable=sum(s[t] <= 25 for s in scores) / n,
            )
            for t, key in enumerate(TRAITS)
        ],
        ci=None if sd is None else Interval(low=mean - sd, high=mean + sd),  # not attacked
        focus_trait=TRAITS[0],  # not attacked
    )


def hand_made(groups: list[GroupResult]) -> ScoreReport:
    """A real report's frame (settings, instrument) around hand-made groups."""
    rows = Rows()
    rows.add(5, "X", "Y")
    return report_of(rows.rows, (), 5).model_copy(update={"groups": groups})


def test_attacker_finds_department_minus_its_shown_teams() -> None:
    rows = Rows(seed=3)
    rows.add(6, "Sales", "North")
    rows.add(7, "Sales", "South")
    rows.add(2, "Sales", None)  # in Sales, in no team
    rows.add(9, "Staf", "Office")
    people = [person(r, ()) for r in rows.rows]

    def members(department: str, team: str | None = None) -> list[Person]:
        return [p for p in people if p.department == department and team in (None, p.team)]

    report = hand_made(
        [
            shown("organisation", [], people),
            shown("department", ["Sales"], members("Sales")),
            shown("team", ["Sales", "North"], members("Sales", "North")),
            shown("team", ["Sales", "South"], members("Sales", "South")),
            shown("department", ["Staf"], members("Staf")),
        ]
    )
    disclosure = find_disclosure(report, people)
    assert disclosure is not None
    assert [p.id for p in disclosure.people] == ["14", "15"]
    assert disclosure.matches(), str(disclosure)
    true_sum = sum(sum(25.0 * ((a or 0) - 1) for a in p.answers) / 5 for p in people[13:15])
    assert disclosure.recovered["mes_sum"] == pytest.approx(true_sum)
    assert disclosure.recovered["n"] == pytest.approx(2)
    assert dict(disclosure.combination) == {
        ("department", ("Sales",)): 1,
        ("team", ("Sales", "North")): -1,
        ("team", ("Sales", "South")): -1,
    }
    assert f"recovered the MES sum {true_sum:.6g} of 2 person(s)" in str(disclosure)

    # Without the department the two are out of reach: nothing else separates them.
    safe = hand_made([g for g in report.groups if g.dimension != "department"])
    assert find_disclosure(safe, people) is None


def overlapping_people(size_a: int) -> list[Person]:
    """Atoms A (``size_a`` people, answers 1..5), B and C (6 each), seen only through three
    overlapping ``--by`` columns: rol = A ∪ B, locatie = A ∪ C, gebouw = B ∪ C."""
    rng = random.Random(5)
    people = []
    for atom, size, rol, locatie, gebouw in (
        ("A", size_a, "R1", "L1", None),
        ("B", 6, "R1", None, "G1"),
        ("C", 6, None, "L1", "G1"),
    ):
        for _ in range(size):
            answers = (1, 2, 3, 4, 5) if atom == "A" else tuple(rng.randint(1, 5) for _ in TRAITS)
            people.append(
                Person(
                    id=f"{atom}{len(people) + 1}",
                    department=None,
                    team=None,
                    answers=answers,
                    by={"rol": rol, "locatie": locatie, "gebouw": gebouw},
                )
            )
    return people


def three_views(people: Sequence[Person], columns: Sequence[str]) -> ScoreReport:
    """A report showing, for each column, the group of its one value."""
    groups = []
    for column in columns:
        value = next(v for p in people if (v := p.by[column]) is not None)
        groups.append(shown(column, [value], [p for p in people if p.by[column] == value]))
    return hand_made(groups)


def test_attacker_combines_three_overlapping_views_with_halves() -> None:
    """Every cell has at least 5 people, yet A = (rol + locatie − gebouw) / 2 is one person."""
    people = overlapping_people(1)
    disclosure = find_disclosure(three_views(people, ("rol", "locatie", "gebouw")), people)
    assert disclosure is not None
    assert [p.id for p in disclosure.people] == ["A1"]
    assert dict(disclosure.combination) == {
        ("rol", ("R1",)): Fraction(1, 2),
        ("locatie", ("L1",)): Fraction(1, 2),
        ("gebouw", ("G1",)): Fraction(-1, 2),
    }
    assert disclosure.matches(), str(disclosure)
    assert disclosure.recovered["mes_sum"] == pytest.approx(50.0)
    assert "true (1.0, 2.0, 3.0, 4.0, 5.0)" in str(disclosure)
    assert "recovered (1.0, 2.0, 3.0, 4.0, 5.0)" in str(disclosure)

    # Two of the three views leave A inseparable from B or C: nothing below k.
    assert find_disclosure(three_views(people, ("rol", "locatie")), people) is None
    # With 3 people in A: a leak at k = 5, none at k = 3.
    bigger = overlapping_people(3)
    report = three_views(bigger, ("rol", "locatie", "gebouw"))
    assert find_disclosure(report, bigger, k=3) is None
    disclosure = find_disclosure(report, bigger, k=5)
    assert disclosure is not None
    assert disclosure.size == 3
    assert disclosure.matches(), str(disclosure)


def test_attacker_refuses_a_group_it_cannot_place() -> None:
    rows = Rows()
    rows.add(5, "X", "Y")
    people = [person(r, ()) for r in rows.rows]
    with pytest.raises(AssertionError, match="cannot place"):
        find_disclosure(hand_made([shown("team", ["Nowhere"], people)]), people)
    with pytest.raises(AssertionError, match="shows n = 4"):
        find_disclosure(hand_made([shown("team", ["X", "Y"], people[:4])]), people)


# --- figures inside a group (issue 16): skipped answers and outcome questions ------------------

OUTCOME_HEADERS = (*HEADERS, "energie", "eNPS")


def figure_person(row: Row, by: Sequence[str]) -> Person:
    """`person`, with the outcome answers after the five statements."""
    return Person(
        id=str(row[0]),
        department=row[1],
        team=row[2],
        answers=tuple(None if a is None else int(a) for a in row[5:10]),
        by={name: row[BY_COLUMNS[name]] for name in by},
        outcomes=tuple(None if a is None else int(a) for a in row[10:12]),
    )


def figure_report(rows: Sequence[Row], by: Sequence[str], k: int) -> ScoreReport:
    instrument = builtin()
    responses = validate(make_table(rows, OUTCOME_HEADERS), instrument, by=list(by))
    return score(responses, instrument, Settings(min_group_size=k))


def skipping_rows(
    seed: int, teams: Sequence[tuple[str | None, str, int]], skip: float
) -> list[Row]:
    """Rows whose statements and outcome questions are each skipped with chance ``skip``."""
    rng = random.Random(seed)
    rows: list[Row] = []
    for department, team, size in teams:
        for _ in range(size):
            statements = [None if rng.random() < skip else str(rng.randint(1, 5)) for _ in TRAITS]
            if all(a is None for a in statements):
                statements[0] = "3"
            outcomes = [
                None if rng.random() < skip else str(rng.randint(1, 10)),
                None if rng.random() < skip else str(rng.randint(0, 10)),
            ]
            role = rng.choice(ROLES)
            rows.append(
                [str(len(rows) + 1), department, team, role, "Utrecht", *statements, *outcomes]
            )
    return rows


def assert_no_figure_disclosure(rows: Sequence[Row], by: Sequence[str], k: int) -> None:
    report = figure_report(rows, by, k)
    people = [figure_person(r, by) for r in rows]
    found = find_figure_disclosure(report, people)
    assert found is None, f"a figure gives away fewer than k = {k} people:\n{found}"
    scored = find_disclosure(report, people)
    assert scored is None, f"the MES figures give away fewer than k = {k} people:\n{scored}"


@pytest.mark.slow  # organisations with skipped answers, scored and attacked per figure
@pytest.mark.parametrize("seed", range(8))
def test_no_trait_or_outcome_figure_of_fewer_than_k_can_be_rebuilt(seed: int) -> None:
    rng = random.Random(seed)
    teams = [
        (f"Afd{d}", name, rng.randint(3, 14))
        for d in range(rng.randint(1, 3))
        for name in rng.sample(TEAM_NAMES, rng.randint(1, 3))
    ]
    teams.append((None, "Los", rng.randint(2, 9)))
    rows = skipping_rows(seed, teams, rng.choice((0.05, 0.1, 0.2)))
    by: tuple[str, ...] = ("rol",) if seed % 2 else ()
    assert_no_figure_disclosure(rows, by, rng.choice((3, 5)))


def small_trait_figure() -> list[Row]:
    """A team of 6 in which 2 skip room: its room figure rests on 4 people (k = 5)."""
    rows = skipping_rows(3, [("Sales", "North", 9), ("Sales", "South", 8)], 0.0)
    rows += skipping_rows(4, [("Sales", "East", 6)], 0.0)
    for row in rows[-2:]:
        row[6] = None  # room
    for i, row in enumerate(rows):
        row[0] = str(i + 1)
    return rows


def test_a_trait_figure_of_fewer_than_k_is_not_shown() -> None:
    rows = small_trait_figure()
    report = figure_report(rows, (), 5)
    east = next(g for g in report.groups if g.name == "East")
    assert isinstance(east, ShownGroup)
    assert east.respondents == 6
    assert "room" not in {t.key for t in east.traits}
    assert_no_figure_disclosure(rows, (), 5)


def test_without_figure_cells_the_attacker_finds_the_leak(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine broken on purpose: figures are decided with their group only (no cells of
    their own). The room figure of East then rests on 4 people, and the attacker rebuilds it."""
    import mes.report as report_module

    real = report_module.decide_numbered

    def groups_only(problem, k, cells):  # type: ignore[no-untyped-def]
        decision = real(problem, k, cells)
        return {
            key: (decision[FigureKey(key.group)] if key.figure else why)
            for key, why in decision.items()
        }

    monkeypatch.setattr(report_module, "decide_numbered", groups_only)
    rows = small_trait_figure()
    report = figure_report(rows, (), 5)
    found = find_figure_disclosure(report, [figure_person(r, ()) for r in rows])
    assert found is not None
    assert found.figure == "trait room"
    assert len(found.people) == 4  # the four of East who answered room
    assert found.matches(), str(found)
