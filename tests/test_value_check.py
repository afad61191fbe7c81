"""The value layer of the disclosure check (`mes.value_check`): every question a random report's
check asks, answered by the plain-Python elimination or HiGHS, held to a brute force over
fractions, its witnesses checked; weighted sums and differences caught; the everyday score kept
free of scipy.
"""

from __future__ import annotations

import itertools
import random
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from mes import value_check
from mes.groups import ORG, by_value, department, team
from mes.instrument import builtin
from mes.privacy import Atom, decide_numbered
from mes.report import (
    FIGURE_CELLS,
    MES_FIGURE,
    RESPONDENTS_FIGURE,
    FigureKey,
    figure_problem,
    trait_figure,
)
from mes.value_check import Share, value_disclosure
from tests.test_privacy import rank

Key = tuple[tuple[int, int], ...]
Types = dict[Key, set[int]]
TREE = {"d1": ("t11", "t12"), "d2": ("t21", "t22", "t23")}
ROLES = ("front", "back")
TRAITS = ("signals", "room", "criticism")  # the first three of MES-5
STATEMENTS = (  # MES-5, as the built-in instrument recognises them
    "Ik geef signalen van klanten actief door in de organisatie.",
    "Ik heb voldoende ruimte om zelf oplossingen voor klanten te bedenken en door te voeren.",
    "Ik krijg energie van kritiek of verbeterpunten van klanten.",
    "Ik krijg regelmatig terug wat klanten van mijn werk, team en organisatie vinden.",
    "Ik schakel snel om verbeteringen voor de klant door te voeren.",
)


def _brute(types: Types, sizes: list[int], k: int, columns: set[int] | None = None) -> bool:
    """Whether some combination of the sets (``columns``, default all) is not 0 and confined to
    the values of 1 to k - 1 people: for every set C of person classes of fewer than k people,
    whether the types inside C can be non-zero while every other type is 0 (ranks over
    fractions). Independent of mes's elimination."""
    merged: Types = {}
    for key, people in types.items():
        kept = tuple(w for w in key if columns is None or w[0] in columns)
        if kept:
            merged.setdefault(kept, set()).update(people)
    cols = sorted({c for key in merged for c, _ in key})
    rows = {key: [Fraction(dict(key).get(c, 0)) for c in cols] for key in merged}
    small = sorted({p for people in merged.values() for p in people if sizes[p] < k})
    for size in range(1, k):
        for chosen in itertools.combinations(small, size):
            if sum(sizes[p] for p in chosen) >= k:
                continue
            inside = [rows[key] for key, people in merged.items() if people <= set(chosen)]
            outside = [rows[key] for key, people in merged.items() if not people <= set(chosen)]
            if inside and rank(outside + inside) > rank(outside):
                return True
    return False


def _atoms(rng: random.Random, crossing: bool, prorated: bool) -> list[Atom[FigureKey]]:
    """A random report's atoms: people in teams (in departments, optionally crossed by a
    role), each with the traits they answered and a MES when they answered all three (or,
    ``prorated``, two or more: the MES then weighs their traits 1/2 or 1/3)."""
    found = []
    for department_name, teams in TREE.items():
        for name in teams:
            for role in ROLES if crossing else (None,):
                for _ in range(rng.randint(1, 3)):
                    held = [t for t in TRAITS if rng.random() < 0.85]
                    figures = [RESPONDENTS_FIGURE, *(trait_figure(t) for t in held)]
                    if len(held) >= (2 if prorated else len(TRAITS)):
                        figures.append(MES_FIGURE)
                    groups = [ORG, department(department_name), team(name, department_name)]
                    if role:
                        groups.append(by_value("rol", role))
                    cells = frozenset(FigureKey(g, f) for g in groups for f in figures)
                    found.append(Atom(cells, rng.choice((1, 2, 3, 5, 8, 13))))
    return found


@pytest.mark.parametrize("prorated", [False, True])
@pytest.mark.parametrize("crossing", [False, True])
def test_every_question_is_answered_as_a_brute_force_answers_it(
    crossing: bool, prorated: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every question `decide` asks on random reports, against the brute force; each witness
    found discloses on its own."""
    answered = {"none": 0, "found": 0, "highs": 0}
    solve, search = value_check._solve, value_check._highs_search

    def checked(types: Types, free: list[Key], sizes: list[int], k: int) -> set[int] | None:
        solved = solve(types, free, sizes, k)
        if len({p for key in free for p in types[key]}) <= 8:  # small enough to brute-force
            assert (solved is not None) == _brute(types, sizes, k)
        if solved is None:
            answered["none"] += 1
        else:
            answered["found"] += 1
            assert _brute(types, sizes, k, solved), "the witness gives nothing away"
        return solved

    def counted(*args: object) -> object:
        answered["highs"] += 1
        return search(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(value_check, "_solve", checked)
    monkeypatch.setattr(value_check, "_highs_search", counted)
    three = builtin().model_copy(update={"traits": builtin().traits[:3]})
    for seed in range(20):
        rng = random.Random(seed)
        found = _atoms(rng, crossing, prorated)
        decide_numbered(figure_problem(found, three), rng.choice((3, 4, 5)), FIGURE_CELLS)
    # Both answers occur, so the comparison compared something; where breakdowns cross, some
    # questions go to HiGHS.
    assert answered["none"] > 10, answered
    assert answered["found"] > 10, answered
    assert answered["highs"] > 0 or not crossing, answered


def test_a_weighted_sum_of_two_people_is_caught() -> None:
    # A reviewer's case (k = 3, a MES for 2 traits or more): a team of 5 with every trait, P1
    # with three traits and P2 with two. 5 x the MES sum minus the trait sums is 2/3 of P1's
    # trait sum plus 3/2 of P2's: P1, who knows their own answers, learns P2's sum.
    traits = ["t0", "t1", "t2", "t3", "t4"]

    def person(name: str, n: int, held: list[str]) -> list[Share[tuple[str, str]]]:
        mes = (("team", "mes"), 1 / len(held))
        return [Share(name, n, ((("team", t), 1.0), mes)) for t in held]

    system = person("all", 5, traits) + person("P1", 1, ["t0", "t1", "t3"])
    system += person("P2", 1, ["t1", "t2"])
    shown = {("team", t) for t in traits} | {("team", "mes")}
    assert value_disclosure(system, shown, 3) is not None
    # Without the MES nothing ties the two people's values together.
    assert value_disclosure(system, shown - {("team", "mes")}, 3) is None


def test_a_difference_of_two_people_is_caught() -> None:
    # Figure 1 holds P (one person) and the 10 people of Q; figure 2 holds Q and R (one
    # person). Figure 1 minus figure 2 is P's value minus R's: two people, and no sum of
    # anyone's values at all, so a search for sums alone would let it through.
    shares = [
        Share("P", 1, ((("g", "one"), 1.0),)),
        Share("Q", 10, ((("g", "one"), 1.0), (("g", "two"), 1.0))),
        Share("R", 1, ((("g", "two"), 1.0),)),
    ]
    shown = {("g", "one"), ("g", "two")}
    assert value_disclosure(shares, shown, 3) == shown
    assert value_disclosure(shares, shown, 2) is None  # two people are enough at k = 2


def test_a_type_of_k_people_or_more_is_never_searched() -> None:
    # Two people without a MES, each with one trait: alone each is a figure of one person, but
    # the trait's figure holds them together with 5 others, so no combination isolates them.
    shares = [
        Share("complete", 5, ((("team", "a"), 1.0), (("team", "mes"), 0.5))),
        Share("complete", 5, ((("team", "b"), 1.0), (("team", "mes"), 0.5))),
        Share("partial", 2, ((("team", "a"), 1.0),)),
    ]
    shown = {("team", "a"), ("team", "b"), ("team", "mes")}
    # a - (2 x mes - b) = the partial people's trait a: 2 people, fewer than 3.
    assert value_disclosure(shares, shown, 3) == shown
    assert value_disclosure(shares, shown, 2) is None
    assert value_disclosure(shares, {("team", "a"), ("team", "b")}, 3) is None


def test_an_everyday_score_imports_neither_numpy_nor_scipy(tmp_path: Path) -> None:
    # Partial answers in small teams, so the value check runs and finds something to hide.
    rng = random.Random(7)
    lines = [";".join(["team", *STATEMENTS])]
    for person in range(120):
        answers = [str(rng.randint(1, 5)) for _ in STATEMENTS]
        if person % 9 == 0:
            answers[rng.randrange(len(STATEMENTS))] = ""
        lines.append(f"T{person % 6};" + ";".join(answers))
    path = tmp_path / "survey.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from mes.cli.app import main\n"
        f"sys.argv = ['mes', 'score', {str(path)!r}, '--format', 'json', '-o', "
        f"{str(tmp_path / 'out.json')!r}]\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in ('numpy', 'scipy') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr
    assert (tmp_path / "out.json").exists()
