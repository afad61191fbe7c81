"""An attacker for the privacy tests: can a figure of fewer than k people be rebuilt from a report?

The attacker is the strongest realistic one: a colleague who knows exactly who works where (every
person's department, team and ``--by`` values: the ground truth) and who reads every figure a
`ScoreReport` shows. Each shown figure of a group is a linear function of the group's members:

- ``n`` is a count, ``n × mes`` a sum of MES, ``(n − 1) × sd² + n × mes²`` a sum of squares,
- ``energetic_share × n`` and ``favourable/neutral/unfavourable × n`` are counts,
- ``trait mean × n`` is a sum of trait scores.

So what the report publishes, to this attacker, is the member set of every shown group (a *cell*),
and any figure of a set S of people can be rebuilt exactly when S's indicator vector is a linear
combination of the cells' indicator vectors: apply the same combination to the cells' sums.

`find_disclosure` decides that by exact rational linear algebra (`fractions.Fraction`, Gaussian
elimination written here; no floats in the decision). People with the same membership in every
shown cell form an *atom*; every combination of cells is constant on atoms, so an obtainable set
is a union of atoms, and the question is asked in atom coordinates. (Atoms of all groups, shown
or hidden, would split these further, but the extra candidates can never be obtained.) Candidate
sets are unions of atoms with 1..k−1 people; a set is obtainable exactly when it is orthogonal to
the null space of the cells × atoms matrix. When one is, the figures of those people are
recovered from the report's own numbers and put beside the truth computed from their answers, so
a failing test shows a real leak.

Groups are identified by value, never by ``group.id``: ``(group.dimension, tuple(group.path))``,
e.g. ``("team", ("Sales", "North"))`` for a team in a department, ``("team", ("Staf",))`` for a
team without one, ``("rol", ("Backoffice",))`` for a ``--by rol`` value, and
``("organisation", ())``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from mes.results import GroupResult, ScoreReport

#: A group as the attacker knows it: (dimension, path from the top).
GroupKey = tuple[str, tuple[str, ...]]

#: Above this many visited subsets the search gives up loudly (an organisation too big for it).
MAX_SUBSETS = 200_000


@dataclass(frozen=True)
class Person:
    """One respondent as the attacker knows them: where they work and what they answered.

    ``by`` maps each ``--by`` name, exactly as passed to ``validate`` (and so as it appears in
    ``group.dimension``), to the person's value in that column (None: blank). ``answers`` are the
    whole answers of the instrument's traits in order; a person with a missing answer has no MES
    and is in no group (MES-5: one item per trait, ``min_traits`` = all).
    """

    id: str
    department: str | None
    team: str | None
    answers: tuple[int | None, ...]
    by: Mapping[str, str | None] = field(default_factory=dict)
    #: answers to the report's outcome questions, in the instrument's order (None: skipped)
    outcomes: tuple[int | None, ...] = ()

    @property
    def scored(self) -> bool:
        return all(a is not None for a in self.answers)

    def groups(self) -> list[tuple[str, GroupKey]]:
        """Every group this person belongs to, by the report's rules (the ground truth).

        Each key comes with its view ("tree" or "by"): a ``--by team`` value and a team without
        a department have the same key but need not have the same members.
        """
        keys: list[tuple[str, GroupKey]] = [("tree", ("organisation", ()))]
        if self.department is not None:
            keys.append(("tree", ("department", (self.department,))))
        if self.team is not None:
            path = (self.team,) if self.department is None else (self.department, self.team)
            keys.append(("tree", ("team", path)))
        keys += [("by", (name, (value,))) for name, value in self.by.items() if value is not None]
        return keys

    def describe(self) -> str:
        parts = [f"department={self.department}", f"team={self.team}"]
        parts += [f"--by {name}={value}" for name, value in self.by.items()]
        return ", ".join(parts)


@dataclass(frozen=True)
class Disclosure:
    """A set of fewer than k people whose figures the report gives away, and how."""

    k: int
    people: tuple[Person, ...]
    #: the shown groups and their coefficients: people = Σ coefficient × group
    combination: tuple[tuple[GroupKey, Fraction], ...]
    recovered: dict[str, float]
    true: dict[str, float]

    @property
    def size(self) -> int:
        return len(self.people)

    def matches(self, tolerance: float = 1e-6) -> bool:
        """True when every recovered figure equals the truth: the leak is real, not a model slip."""
        return all(
            math.isclose(self.recovered[key], value, rel_tol=tolerance, abs_tol=tolerance)
            for key, value in self.true.items()
            if key in self.recovered
        )

    def __str__(self) -> str:
        atoms = sorted({p.describe() for p in self.people})
        terms = " ".join(
            f"{'+' if c > 0 else '-'} {abs(c)} × {dim}{list(path)}"
            for (dim, path), c in self.combination
        )
        lines = [
            f"recovered the MES sum {self.recovered['mes_sum']:.6g} of {self.size} person(s) "
            f"in atom {{{'; '.join(atoms)}}}: true {self.true['mes_sum']:.6g} (k = {self.k})",
            f"  people {[p.id for p in self.people]} = {terms.removeprefix('+ ')}",
        ]
        if self.size == 1:
            lines.append(
                f"  that person's answers: recovered {self._answers(self.recovered)}, "
                f"true {self._answers(self.true)}"
            )
        lines.append(
            "  all figures (recovered / true): "
            + ", ".join(f"{key} {self.recovered[key]:.6g}/{v:.6g}" for key, v in self.true.items())
        )
        if not self.matches():
            lines.append(
                "  NOTE: recovered figures differ from the truth: check the attacker's model"
            )
        return "\n".join(lines)

    def _answers(self, figures: Mapping[str, float]) -> tuple[float, ...]:
        low, high = self.true["scale_min"], self.true["scale_max"]
        keys = [k for k in self.true if k.startswith("trait_sum:")]
        return tuple(round(low + figures[key] * (high - low) / 100, 4) for key in keys)


def find_disclosure(
    report: ScoreReport,
    people: Sequence[Person],
    *,
    k: int | None = None,
    max_subsets: int = MAX_SUBSETS,
) -> Disclosure | None:
    """The smallest set of 1..k−1 people whose figures the report's shown figures give away.

    ``people`` is the ground truth (every row of the file, scored or not); ``k`` defaults to the
    report's ``min_group_size``. Returns None when no such set exists. Raises AssertionError when
    the report shows a group the attacker cannot place, or a count that disagrees with the truth
    (the attacker's model is then wrong, which must not pass as "safe").
    """
    k = report.settings.min_group_size if k is None else k
    scored = [p for p in people if p.scored]
    cells = _cells(report.groups, scored)
    atoms = _atoms(cells, len(scored))
    matrix = [[Fraction(int(a[0] in members)) for a in atoms] for _, members in cells]
    found = _combination(matrix, atoms, k, max_subsets)
    if found is None:
        return None
    chosen, target, coefficients = found
    rebuilt = [
        sum((coefficients[c] * matrix[c][a] for c in range(len(cells))), Fraction(0))
        for a in range(len(atoms))
    ]
    assert rebuilt == target, "internal error: the combination does not rebuild the set"
    members = sorted(i for a in chosen for i in atoms[a])
    instrument = report.instrument
    recovered: dict[str, float] = {}
    for (group, _), coefficient in zip(cells, coefficients, strict=True):
        if coefficient:
            for key, value in _figures(group).items():
                recovered[key] = recovered.get(key, 0.0) + float(coefficient) * value
    true = _true_figures(
        [scored[i] for i in members],
        [t.key for t in instrument.traits],
        instrument.scale_min,
        instrument.scale_max,
    )
    return Disclosure(
        k=k,
        people=tuple(scored[i] for i in members),
        combination=tuple(
            ((g.dimension, tuple(g.path)), c)
            for (g, _), c in zip(cells, coefficients, strict=True)
            if c
        ),
        recovered={**recovered, "scale_min": true["scale_min"], "scale_max": true["scale_max"]},
        true=true,
    )


# --- figures inside a group (issue 16) ---------------------------------------------------------


@dataclass(frozen=True)
class FigureDisclosure:
    """Fewer than k people whose sums one figure family (a trait, an outcome) gives away."""

    figure: str
    k: int
    people: tuple[Person, ...]
    recovered: dict[str, float]
    true: dict[str, float]

    def matches(self, tolerance: float = 1e-6) -> bool:
        return all(
            math.isclose(self.recovered[key], value, rel_tol=tolerance, abs_tol=tolerance)
            for key, value in self.true.items()
        )

    def __str__(self) -> str:
        figures = ", ".join(
            f"{key} {self.recovered[key]:.6g}/{v:.6g}" for key, v in self.true.items()
        )
        return (
            f"recovered the {self.figure} figures of {len(self.people)} person(s) "
            f"{[p.id for p in self.people]} (k = {self.k}): recovered/true {figures}"
        )


def find_figure_disclosure(
    report: ScoreReport,
    people: Sequence[Person],
    *,
    k: int | None = None,
    max_subsets: int = MAX_SUBSETS,
) -> FigureDisclosure | None:
    """A set of 1..k−1 people whose sums of one trait or outcome the shown figures give away.

    Every shown trait figure of a group is a count, a sum and shares of the people of the group
    with that trait score; every outcome figure the same of those who answered it (and a sum of
    squares from its sd). Each figure family (one trait, one outcome, across all groups and
    views) is attacked as `find_disclosure` attacks the groups, with each figure's ``n`` checked
    against the truth first. (How trait and MES sums combine across figures is the engine's
    value check, tested against a brute force in test_outcomes.py.)
    """
    k = report.settings.min_group_size if k is None else k
    everyone = list(people)
    placed = _respondent_cells(report.groups, everyone)
    instrument = report.instrument
    low, high = instrument.scale_min, instrument.scale_max
    families: list[tuple[str, list[tuple[dict[str, float], frozenset[int]]], list[float | None]]]
    families = []
    for t, trait in enumerate(instrument.traits):
        values = [
            None if p.answers[t] is None else 100 * (p.answers[t] - low) / (high - low)  # type: ignore[operator]
            for p in everyone
        ]
        cells = []
        for group, members in placed:
            figure = next((x for x in group.traits or [] if x.key == trait.key), None)
            if figure is None:
                continue
            answered = frozenset(i for i in members if values[i] is not None)
            assert len(answered) == figure.n, f"{group.id} {trait.key}: n {figure.n}"
            n = figure.n
            sums = {"n": float(n), "sum": n * figure.mean, "favourable": n * figure.favourable,
                    "unfavourable": n * figure.unfavourable}  # fmt: skip
            cells.append((sums, answered))
        families.append((f"trait {trait.key}", cells, values))
    for o, outcome in enumerate(instrument.outcomes):
        values = [
            None if o >= len(p.outcomes) or p.outcomes[o] is None else float(p.outcomes[o])  # type: ignore[arg-type]
            for p in everyone
        ]
        cells = []
        for group, members in placed:
            result = next((x for x in group.outcomes or [] if x.key == outcome.key), None)
            if result is None:
                continue
            answered = frozenset(i for i in members if values[i] is not None)
            assert len(answered) == result.n, f"{group.id} {outcome.key}: n {result.n}"
            n, sd = result.n, result.sd or 0.0
            sums = {"n": float(n), "sum": n * result.mean, "high": n * result.high_share,
                    "low": n * result.low_share,
                    "sum_of_squares": (n - 1) * sd**2 + n * result.mean**2}  # fmt: skip
            cells.append((sums, answered))
        families.append((f"outcome {outcome.key}", cells, values))
    for name, cells, values in families:
        found = _attack(cells, len(everyone), k, max_subsets)
        if found is None:
            continue
        members, recovered = found
        chosen = [values[i] for i in members]
        true = {"n": float(len(members)), "sum": sum(v or 0.0 for v in chosen)}
        return FigureDisclosure(
            figure=name,
            k=k,
            people=tuple(everyone[i] for i in members),
            recovered={key: recovered[key] for key in true},
            true=true,
        )
    return None


def _combination(
    matrix: list[list[Fraction]], atoms: Sequence[Sequence[int]], k: int, max_subsets: int
) -> tuple[set[int], list[Fraction], list[Fraction]] | None:
    """The smallest obtainable union of atoms of 1..k−1 people, as (its atoms, its 0/1 vector
    over the atoms, the coefficient of each cell (row of ``matrix``) that rebuilds it)."""
    basis, transform, pivots = _rref(matrix, len(atoms))
    chosen = _smallest_obtainable(atoms, basis, pivots, k, max_subsets)
    if chosen is None:
        return None
    target = [Fraction(int(i in chosen)) for i in range(len(atoms))]
    coefficients = [Fraction(0)] * len(matrix)
    for row, pivot in enumerate(pivots):
        if target[pivot]:
            for c in range(len(matrix)):
                coefficients[c] += target[pivot] * transform[row][c]
    return set(chosen), target, coefficients


def _attack(
    cells: Sequence[tuple[dict[str, float], frozenset[int]]], people: int, k: int, max_subsets: int
) -> tuple[list[int], dict[str, float]] | None:
    """The smallest obtainable set of 1..k−1 people of these cells, and its recovered sums."""
    if not cells:
        return None
    by_signature: dict[tuple[bool, ...], list[int]] = {}
    for index in range(people):
        signature = tuple(index in members for _, members in cells)
        if any(signature):
            by_signature.setdefault(signature, []).append(index)
    atoms = list(by_signature.values())
    matrix = [[Fraction(int(a[0] in members)) for a in atoms] for _, members in cells]
    found = _combination(matrix, atoms, k, max_subsets)
    if found is None:
        return None
    chosen, _, coefficients = found
    recovered: dict[str, float] = {}
    for (sums, _), coefficient in zip(cells, coefficients, strict=True):
        for key, value in sums.items():
            recovered[key] = recovered.get(key, 0.0) + float(coefficient) * value
    return sorted(i for a in chosen for i in atoms[a]), recovered


def _respondent_cells(
    groups: Iterable[GroupResult], people: Sequence[Person]
) -> list[tuple[GroupResult, frozenset[int]]]:
    """Every shown group with all its respondents (indices into ``people``), placed by value
    and told apart by its ``respondents`` count."""
    truth: dict[GroupKey, list[frozenset[int]]] = {}
    members: dict[tuple[str, GroupKey], set[int]] = {}
    for index, person in enumerate(people):
        for view_key in person.groups():
            members.setdefault(view_key, set()).add(index)
    for (_, key), found in members.items():
        options = truth.setdefault(key, [])
        if frozenset(found) not in options:
            options.append(frozenset(found))
    cells = []
    for group in groups:
        if group.suppressed:
            continue
        key = (group.dimension, tuple(group.path))
        fitting = [m for m in truth.get(key, []) if len(m) == group.respondents]
        assert len(fitting) == 1, f"group {key} shows {group.respondents} respondents"
        cells.append((group, fitting[0]))
    return cells


# --- the published cells ----------------------------------------------------------------------


def _cells(
    groups: Iterable[GroupResult], scored: Sequence[Person]
) -> list[tuple[GroupResult, frozenset[int]]]:
    """Every shown group with its member set (indices into ``scored``), placed by value."""
    truth: dict[tuple[str, GroupKey], set[int]] = {}
    for index, person in enumerate(scored):
        for view_key in person.groups():
            truth.setdefault(view_key, set()).add(index)
    # Candidate member sets per key: a `--by team` value and a team without a department share
    # the key ("team", (name,)) yet may differ (the by value also holds the teams of that name
    # inside departments); one is then a strict subset of the other, so n tells them apart.
    candidates: dict[GroupKey, list[frozenset[int]]] = {}
    for (_, key), members in truth.items():
        options = candidates.setdefault(key, [])
        if frozenset(members) not in options:
            options.append(frozenset(members))
    cells = []
    for group in groups:
        if group.suppressed or group.n is None:  # no MES shown: nothing of this family
            continue
        key = (group.dimension, tuple(group.path))
        options = candidates.get(key, [])
        assert options, f"the report shows a group the attacker cannot place: {key}"
        fitting = [m for m in options if len(m) == group.n]
        assert len(fitting) == 1, (
            f"group {key} shows n = {group.n}; the attacker counts {sorted(map(len, options))}"
        )
        cells.append((group, fitting[0]))
    return cells


def _atoms(cells: Sequence[tuple[GroupResult, frozenset[int]]], people: int) -> list[list[int]]:
    """People grouped by their membership in every shown cell, in order of first appearance.

    People in no shown cell are left out: no combination of cells says anything about them.
    """
    by_signature: dict[tuple[bool, ...], list[int]] = {}
    for index in range(people):
        signature = tuple(index in members for _, members in cells)
        if any(signature):
            by_signature.setdefault(signature, []).append(index)
    return list(by_signature.values())


def _figures(group: GroupResult) -> dict[str, float]:
    """The sums and counts a shown group's figures give, each linear in its members."""
    assert group.n is not None
    assert group.mes is not None
    assert group.energetic_share is not None
    n = group.n
    sd = group.sd if group.sd is not None else 0.0
    assert group.sd is not None or n == 1, f"{group.dimension}{group.path}: no sd with n = {n}"
    out = {
        "n": float(n),
        "mes_sum": n * group.mes,
        "mes_sum_of_squares": (n - 1) * sd**2 + n * group.mes**2,
        "energetic": n * group.energetic_share,
    }
    for trait in group.traits or []:
        if trait.n != n:  # rests on other people than the MES: attacked as a figure family
            continue
        out[f"trait_sum:{trait.key}"] = n * trait.mean
        out[f"favourable:{trait.key}"] = n * trait.favourable
        out[f"neutral:{trait.key}"] = n * trait.neutral
        out[f"unfavourable:{trait.key}"] = n * trait.unfavourable
    return out


def _true_figures(
    people: Sequence[Person], traits: Sequence[str], low: int, high: int
) -> dict[str, float]:
    """The same sums and counts, computed from the people's answers (BRIEF's method)."""
    scores = [[100 * ((a or 0) - low) / (high - low) for a in p.answers] for p in people]
    mes = [sum(s) / len(s) for s in scores]
    out = {
        "n": float(len(people)),
        "mes_sum": sum(mes),
        "mes_sum_of_squares": sum(m * m for m in mes),
        "energetic": float(sum(all(x >= 75 for x in s) for s in scores)),
    }
    for t, key in enumerate(traits):
        column = [s[t] for s in scores]
        out[f"trait_sum:{key}"] = sum(column)
        out[f"favourable:{key}"] = float(sum(x >= 75 for x in column))
        out[f"unfavourable:{key}"] = float(sum(x <= 25 for x in column))
        out[f"neutral:{key}"] = len(column) - out[f"favourable:{key}"] - out[f"unfavourable:{key}"]
    out["scale_min"], out["scale_max"] = float(low), float(high)
    return out


# --- exact linear algebra -----------------------------------------------------------------------


def _rref(
    rows: Sequence[Sequence[Fraction]], width: int
) -> tuple[list[list[Fraction]], list[list[Fraction]], list[int]]:
    """Reduced row echelon form of ``rows``, by Gauss-Jordan elimination over the rationals.

    Returns the non-zero rows, for each the combination of the original rows that gives it
    (``transform[i][c]``: coefficient of row c), and the pivot column of each.
    """
    a = [list(row) for row in rows]
    t = [[Fraction(int(i == j)) for j in range(len(rows))] for i in range(len(rows))]
    pivots: list[int] = []
    r = 0
    for col in range(width):
        found = next((i for i in range(r, len(a)) if a[i][col]), None)
        if found is None:
            continue
        a[r], a[found] = a[found], a[r]
        t[r], t[found] = t[found], t[r]
        inverse = 1 / a[r][col]
        a[r] = [x * inverse for x in a[r]]
        t[r] = [x * inverse for x in t[r]]
        for i in range(len(a)):
            factor = a[i][col]
            if i != r and factor:
                a[i] = [x - factor * y if y else x for x, y in zip(a[i], a[r], strict=True)]
                t[i] = [x - factor * y if y else x for x, y in zip(t[i], t[r], strict=True)]
        pivots.append(col)
        r += 1
    return a[:r], t[:r], pivots


def _smallest_obtainable(
    atoms: Sequence[Sequence[int]],
    basis: Sequence[Sequence[Fraction]],
    pivots: Sequence[int],
    k: int,
    max_subsets: int,
) -> tuple[int, ...] | None:
    """The union of atoms with 1..k−1 people in the row space, fewest people first.

    A 0/1 vector lies in the row space exactly when it is orthogonal to the null space. The null
    space has one basis vector per free column f (1 at f, −basis[i][f] at pivot i); scaled to
    integers, each atom gets a *signature* (its entry in every null vector) and a union of atoms
    is obtainable exactly when its signatures sum to zero. Depth-first over the small atoms,
    pruned when the running sum has a coordinate no later atom can change.
    """
    free = [c for c in range(len(atoms)) if c not in set(pivots)]
    scale = [math.lcm(*(row[f].denominator for row in basis)) if basis else 1 for f in free]
    signature: list[list[int]] = [[0] * len(free) for _ in atoms]
    for j, f in enumerate(free):
        signature[f][j] = scale[j]
        for i, p in enumerate(pivots):
            value = -basis[i][f] * scale[j]
            assert value.denominator == 1
            signature[p][j] = int(value)
    small = [a for a in range(len(atoms)) if len(atoms[a]) < k]
    reach: list[set[int]] = [set() for _ in range(len(small) + 1)]
    for position in range(len(small) - 1, -1, -1):
        own = {j for j, v in enumerate(signature[small[position]]) if v}
        reach[position] = reach[position + 1] | own
    best: tuple[int, tuple[int, ...]] | None = None
    visited = 0

    def search(start: int, chosen: tuple[int, ...], size: int, total: list[int]) -> None:
        nonlocal best, visited
        visited += 1
        assert visited <= max_subsets, f"attacker's search cap of {max_subsets} subsets hit"
        if chosen and not any(total):
            candidate = (size, chosen)
            if best is None or candidate < best:
                best = candidate
        support = {j for j, v in enumerate(total) if v}
        if not support <= reach[start]:
            return
        for position in range(start, len(small)):
            atom = small[position]
            grown = size + len(atoms[atom])
            if grown >= k or (best is not None and grown > best[0]):
                continue
            search(
                position + 1,
                (*chosen, atom),
                grown,
                [x + y for x, y in zip(total, signature[atom], strict=True)],
            )

    search(0, (), 0, [0] * len(free))
    return None if best is None else best[1]
