"""The value layer of the disclosure check (`mes.value_check`): the plain-Python solution held to
HiGHS on random systems, its witnesses checked, and the everyday score kept free of scipy.

The brute force over fractions that checks whole reports is in tests/test_outcomes.py; here the
two ways of answering one question are compared on many more systems than a brute force can do.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from mes import value_check
from mes.groups import ORG, by_value, department, team
from mes.instrument import builtin
from mes.privacy import Atom, decide
from mes.report import FIGURE_CELLS, MES_FIGURE, RESPONDENTS_FIGURE, FigureKey, shares, trait_figure
from mes.value_check import (
    Share,
    _highs_search,
    _Undecided,
    value_disclosure,
)

Key = tuple[tuple[int, float], ...]
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


def _discloses(types: Types, sizes: list[int], columns: set[int], k: int) -> bool:
    """Whether the sets ``columns`` alone give a figure of fewer than k people, by HiGHS."""
    merged: Types = {}
    for key, people in types.items():
        kept = tuple(w for w in key if w[0] in columns)
        if kept:
            merged.setdefault(kept, set()).update(people)
    free = [key for key, people in merged.items() if sum(sizes[p] for p in people) < k]
    return bool(free) and _highs_search(merged, free, sizes, k) is not None


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
def test_the_plain_solution_agrees_with_highs_and_its_witness_discloses(
    crossing: bool, prorated: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every question `decide` asks on random reports, answered both ways."""
    answered = {"none": 0, "found": 0, "undecided": 0}
    solve = value_check._solve

    def both(types: Types, free: list[Key], sizes: list[int], k: int) -> object:
        solved = solve(types, free, sizes, k)
        reference = _highs_search(types, free, sizes, k)
        if isinstance(solved, _Undecided):
            answered["undecided"] += 1
            return solved
        assert (solved is None) == (reference is None)
        if solved is None:
            answered["none"] += 1
        else:
            answered["found"] += 1
            assert _discloses(types, sizes, solved, k), "the witness gives nothing away"
        return solved

    monkeypatch.setattr(value_check, "_solve", both)
    three = builtin().model_copy(update={"traits": builtin().traits[:3]})
    for seed in range(40):
        rng = random.Random(seed)
        found = _atoms(rng, crossing, prorated)
        decide(found, rng.choice((3, 4, 5)), FIGURE_CELLS, shares(found, three))
    # Both answers occur, so the comparison above compared something; where breakdowns cross,
    # some questions go to HiGHS (`value_disclosure`'s fallback).
    assert answered["none"] > 10, answered
    assert answered["found"] > 10, answered
    assert answered["undecided"] > 0 or not crossing, answered


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
