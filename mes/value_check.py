"""The value layer of the disclosure check: no combination of shown figures gives the values of
fewer than k people.

A group's trait figures and its MES rest on different people when some people answered some
traits but not all, and they weigh a person's trait scores differently (a trait's figure sums
its scores, the MES the mean of a person's traits). So the sum of a group's trait sums minus five
times its MES sum is the sum of the trait scores of the people without a MES: a figure of those
people alone. `mes.privacy.decide` asks `value_disclosure` whether any such combination of the
shown figures exists, and hides a figure while one does.

The question, for the values j (a trait score of the people of one person class) and the shown
sets c (figures) with weights ``w_jc``: are there weights y on the shown sets such that the
amounts ``sum_c y_c w_jc`` are not all 0, and the values with an amount that is not 0 belong to
1 to k - 1 people? Such a combination is a figure of those people alone: a sum of their scores,
a weighted sum, or a difference (one of them, knowing their own answers, learns another's). It
is answered in three steps, each exact:

1. **Value types.** Values that the shown sets weigh alike always get the same amount; they are
   one type, and when it is not 0 all its people are in the figure. A type of k people or more
   must stay at 0. When every type must (the usual report: each trait's answers in a team come
   from k people or more), there is no disclosure and nothing more is computed.
2. **Plain linear algebra** (`_solve`), over the integers and fractions, no floating point:
   eliminate the types that must stay at 0, which leaves each free type's amount as a multiple
   of a linear function of free parameters, its *direction*; the types of one direction are 0
   or not together. When the directions are linearly independent (in every report of
   departments and teams we tried; not in general), each can be made non-zero on its own, so a
   disclosure exists exactly when the types of one direction belong to 1 to k - 1 people. Its
   weights y come out of the elimination.
3. **Otherwise HiGHS** (`_highs_search`, scipy's mixed-integer solver), on the directions: which
   of them can be non-zero together, the others 0, on fewer than k people. In practice only
   breakdowns that cross the tree (``--by``) need it, and only then is scipy imported: importing
   it costs more than the whole check.

Issue 16's check asked only for sums (every amount 0 or 1); a reviewer showed weighted sums and
differences that it let through. A test holds steps 2 and 3 to a brute force over fractions on
random reports.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import gcd, lcm
from typing import Generic, NamedTuple, TypeVar

K = TypeVar("K", bound=Hashable)

# A coefficient this close to zero in HiGHS's answer is zero (it works in floating point with a
# feasibility tolerance of 1e-7; real coefficients are small whole numbers or fractions).
ZERO_WEIGHT = 1e-6
# Weights are 1 / (the traits a person has): small denominators, recovered exactly from floats.
_MAX_DENOMINATOR = 1000

Key = tuple[tuple[int, int], ...]  # a value type: (column, weight x scale) pairs, by column
Row = dict[int, int]  # an equation over the columns, whole coefficients


class Share(NamedTuple, Generic[K]):
    """One value of the people of an atom in the value-level check: ``size`` people (of person
    class ``people``) whose value this is, and the weight each set's figure gives it (a trait's
    figure gives a trait score weight 1; the MES gives it 1 / the traits the person has).

    A tuple: a million-row report has tens of thousands, and a frozen dataclass takes ten times
    as long to make."""

    people: Hashable
    size: int
    weights: tuple[tuple[K, float], ...]


@dataclass(frozen=True)
class ValueSystem(Generic[K]):
    """`Share`s indexed once per report: the distinct weightings of values (*bases*: values of
    any person class that every set weighs alike), with the person classes that have each."""

    cells: list[K]
    column: dict[K, int]
    bases: list[tuple[Key, set[int]]]  # ((column, weight x scale), ...) by column; classes
    by_column: dict[int, list[int]]  # the bases each column weighs, in order
    sizes: list[int]  # the people of each person class

    @staticmethod
    def of(shares: Sequence[Share[K]], cells: Sequence[K] | None = None) -> ValueSystem[K]:
        """The system of ``shares``; its columns are the positions of the sets in ``cells``
        (default: every set of the shares, in the order of their repr, since sets hash
        differently in every process)."""
        if cells is None:
            cells = sorted({c for share in shares for c, _ in share.weights}, key=repr)
        column: dict[K, int] = {cell: i for i, cell in enumerate(cells)}
        # Weights times one common scale are whole numbers: scaling every weight alike changes
        # no answer (the combinations' weights y scale inversely), and the algebra stays exact.
        exact = {w: _fraction(w) for w in {w for share in shares for _, w in share.weights}}
        scale = lcm(*(f.denominator for f in exact.values()))
        whole = {w: int(f * scale) for w, f in exact.items()}
        classes: dict[Hashable, int] = {}
        sizes: list[int] = []
        found: dict[Key, set[int]] = {}
        for share in shares:
            if share.people not in classes:
                classes[share.people] = len(sizes)
                sizes.append(share.size)
            # Sorted by column, so that values weighed alike have equal keys.
            weights = tuple(sorted((column[c], whole[w]) for c, w in share.weights))
            found.setdefault(weights, set()).add(classes[share.people])
        bases = list(found.items())
        by_column: dict[int, list[int]] = {}
        for i, (key, _) in enumerate(bases):
            for c, _ in key:
                by_column.setdefault(c, []).append(i)
        return ValueSystem(list(cells), column, bases, by_column, sizes)

    def disclosure(self, visible: set[int], k: int) -> set[int] | None:
        """`value_disclosure` on columns: the shown columns of a combination, or None."""
        # Only the bases some shown set weighs (a value no shown set weighs is never given
        # away), in their order, so that the types come in the order of the values.
        weighed = sorted({i for c in visible for i in self.by_column.get(c, ())})
        types: dict[Key, set[int]] = {}
        for i in weighed:
            weights, people = self.bases[i]
            key = tuple(w for w in weights if w[0] in visible)
            types.setdefault(key, set()).update(people)
        free = [key for key, people in types.items() if sum(self.sizes[p] for p in people) < k]
        if not free:
            return None
        return _solve(types, free, self.sizes, k)


def value_disclosure(
    shares: Sequence[Share[K]] | ValueSystem[K], shown: set[K], k: int
) -> set[K] | None:
    """Shown sets whose weighted combination gives the values of 1 to k - 1 people, or None."""
    system = shares if isinstance(shares, ValueSystem) else ValueSystem.of(shares)
    columns = system.disclosure({system.column[c] for c in shown if c in system.column}, k)
    return None if columns is None else {system.cells[c] for c in columns}


def _solve(
    types: Mapping[Key, set[int]], free: Sequence[Key], sizes: Sequence[int], k: int
) -> set[int] | None:
    """The columns of a combination confined to fewer than k people, or None (steps 2 and 3)."""
    uses: dict[int, int] = {}
    for key in types:
        for c, _ in key:
            uses[c] = uses.get(c, 0) + 1
    free_keys = set(free)
    pivots = _Pivots(uses)
    for key in types:
        if key not in free_keys:
            pivots.add(dict(key))
    # Each free type's amount, on the columns left free: a multiple of a primitive direction;
    # the types of one direction are all zero or all non-zero together.
    moves: dict[tuple[tuple[int, int], ...], list[Key]] = {}
    for key in free:
        row = pivots.reduce(dict(key))
        if row:
            moves.setdefault(_direction(row), []).append(key)
    if not moves:
        return None
    directions = list(moves)
    people = [
        sum(sizes[p] for p in {p for key in moves[d] for p in types[key]}) for d in directions
    ]
    if _independent(directions):
        # Each direction can be non-zero on its own: a figure of its people alone.
        for i, count in enumerate(people):
            if 1 <= count <= k - 1:
                targets = [Fraction(int(j == i)) for j in range(len(directions))]
                return set(pivots.back_substitute(_solve_free(directions, targets)))
        return None
    classes = [{p for key in moves[d] for p in types[key]} for d in directions]
    found = _highs_search(directions, classes, people, sizes, k)
    if found is None:
        return None
    free_columns = {c: _fraction(v) for c, v in found.items()}
    return set(pivots.back_substitute(free_columns))


def _fraction(weight: float) -> Fraction:
    return Fraction(weight).limit_denominator(_MAX_DENOMINATOR)


def _direction(row: Row) -> tuple[tuple[int, int], ...]:
    """A row's primitive direction: its coefficients over their common divisor, the first one
    positive (rows that are multiples of each other have one direction)."""
    columns = sorted(row)
    g = 0
    for v in row.values():
        g = gcd(g, v)
    if row[columns[0]] < 0:
        g = -g
    return tuple((c, row[c] // g) for c in columns)


class _Pivots:
    """Gaussian elimination of the equations ``row . y = 0``, kept fraction-free.

    Each new row is reduced by the pivots before it and pivots on its least used column (a
    team's before its department's: little fill-in), so pivot i's row holds none of the pivot
    columns before it; reducing in pivot order never brings an earlier pivot column back.
    """

    def __init__(self, uses: Mapping[int, int]) -> None:
        self.uses = uses
        self.order: dict[int, int] = {}  # pivot column -> its place in the order
        self.rows: dict[int, Row] = {}

    def add(self, row: Row) -> None:
        reduced = self.reduce(row)
        if reduced:
            column = min(reduced, key=lambda c: (self.uses[c], c))
            self.order[column] = len(self.order)
            self.rows[column] = reduced

    def reduce(self, row: Row) -> Row:
        """A whole multiple of ``row`` with every pivot column eliminated (equal to it, up to
        that multiple, wherever the equations hold), its coefficients without common divisor."""
        row = dict(row)
        heap = [(self.order[c], c) for c in row if c in self.order]
        heapq.heapify(heap)
        while heap:
            _, column = heapq.heappop(heap)
            if column not in row:
                continue
            pivot = self.rows[column]
            g = gcd(row[column], pivot[column])
            times_row, times_pivot = pivot[column] // g, row[column] // g
            if times_row != 1:
                row = {c: v * times_row for c, v in row.items()}
            for c, v in pivot.items():
                value = row.get(c, 0) - v * times_pivot
                if value:
                    if c not in row and c in self.order:
                        heapq.heappush(heap, (self.order[c], c))
                    row[c] = value
                else:
                    row.pop(c, None)
            common = gcd(*row.values()) if row else 1
            if common > 1:
                row = {c: v // common for c, v in row.items()}
        return row

    def back_substitute(self, free: Mapping[int, Fraction]) -> dict[int, Fraction]:
        """Values of the pivot columns that satisfy every equation, given the free columns;
        only the columns that are not 0."""
        y = {c: v for c, v in free.items() if v}
        for column in sorted(self.order, key=self.order.__getitem__, reverse=True):
            row = self.rows[column]
            known = [v * y[c] for c, v in row.items() if c in y and c != column]
            if known:
                rest = sum(known, Fraction(0))
                if rest:
                    y[column] = -rest / row[column]
        return y


def _independent(directions: Sequence[tuple[tuple[int, int], ...]]) -> bool:
    basis: dict[int, dict[int, Fraction]] = {}
    for direction in directions:
        row = _reduce_by(basis, {c: Fraction(v) for c, v in direction})
        if not row:
            return False
        basis[min(row)] = row
    return True


def _reduce_by(
    basis: Mapping[int, dict[int, Fraction]], row: dict[int, Fraction]
) -> dict[int, Fraction]:
    # basis[c] has no column below c, so eliminating in increasing order never brings one back.
    for column in sorted(basis):
        factor = row.get(column)
        if factor:
            _subtract(row, basis[column], factor / basis[column][column])
    return row


def _solve_free(
    directions: Sequence[tuple[tuple[int, int], ...]], targets: Sequence[Fraction]
) -> dict[int, Fraction]:
    """Values t of the free columns with ``direction_i . t = targets_i`` (the directions are
    independent): Gauss-Jordan, every column that is not a pivot left at 0."""
    pivots: dict[int, tuple[dict[int, Fraction], Fraction]] = {}
    for direction, wanted in zip(directions, targets, strict=True):
        row = {c: Fraction(v) for c, v in direction}
        target = wanted
        for column, (pivot, value) in pivots.items():
            factor = row.get(column)
            if factor:
                _subtract(row, pivot, factor)
                target -= factor * value
        column = min(row)
        lead = row[column]
        row = {c: v / lead for c, v in row.items()}
        target /= lead
        for other, (pivot, value) in list(pivots.items()):
            factor = pivot.get(column)
            if factor:
                _subtract(pivot, row, factor)
                pivots[other] = (pivot, value - factor * target)
        pivots[column] = (row, target)
    return {column: value for column, (_, value) in pivots.items()}


def _subtract(row: dict[int, Fraction], other: Mapping[int, Fraction], factor: Fraction) -> None:
    """``row -= factor x other``, dropping the zeros."""
    for c, v in other.items():
        value = row.get(c, 0) - factor * v
        if value:
            row[c] = value
        else:
            row.pop(c, None)


def _highs_search(
    directions: Sequence[tuple[tuple[int, int], ...]],
    classes: Sequence[set[int]],
    people: Sequence[int],
    sizes: Sequence[int],
    k: int,
) -> dict[int, float] | None:
    """Step 3: values t of the free columns whose directions are non-zero only on groups
    holding 1 to k - 1 people together, at least one non-zero; None when there are none.

    HiGHS (scipy's mixed-integer solver; scipy imported only here). A direction's amount is
    ``d . t``; scaled so that the largest is 1 in size and one of them is +1: ``|d . t| <= a_d``
    with 0/1 ``a_d`` (non-zero allowed), ``d . t >= 2 u_d - 1`` with 0/1 ``u_d`` summing to 1
    (the one at +1), ``a_d <= z_p`` for the person classes of the direction and 1 to k - 1
    people in the chosen classes. A direction of k people or more stays at 0.
    """
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array

    columns = sorted({c for d in directions for c, _ in d})
    t_of = {c: i for i, c in enumerate(columns)}
    small = [i for i, n in enumerate(people) if n < k]
    a_of = {i: len(columns) + j for j, i in enumerate(small)}
    u_of = {i: len(columns) + len(small) + j for j, i in enumerate(small)}
    chosen = sorted({p for i in small for p in classes[i]})
    z_of = {p: len(columns) + 2 * len(small) + j for j, p in enumerate(chosen)}
    width = len(columns) + 2 * len(small) + len(chosen)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    lower: list[float] = []
    upper: list[float] = []

    def add(row: Iterable[tuple[int, float]], low: float, high: float) -> None:
        for col, val in row:
            rows.append(len(lower))
            cols.append(col)
            vals.append(val)
        lower.append(low)
        upper.append(high)

    for i, d in enumerate(directions):
        amount = [(t_of[c], float(v)) for c, v in d]
        if i not in a_of:  # a direction of k people or more
            add(amount, 0.0, 0.0)
            continue
        add([*amount, (a_of[i], -1.0)], -np.inf, 0.0)  # d . t <= a
        add([*amount, (a_of[i], 1.0)], 0.0, np.inf)  # d . t >= -a
        add([*amount, (u_of[i], -2.0)], -1.0, np.inf)  # d . t >= 2u - 1
        add([(u_of[i], 1.0), (a_of[i], -1.0)], -np.inf, 0.0)  # u <= a
        for p in sorted(classes[i]):
            add([(a_of[i], 1.0), (z_of[p], -1.0)], -np.inf, 0.0)  # a <= z_p
    if not small:
        return None
    add([(u_of[i], 1.0) for i in small], 1.0, 1.0)
    add([(z_of[p], float(sizes[p])) for p in chosen], 1.0, k - 1.0)
    matrix = coo_array((vals, (rows, cols)), shape=(len(lower), width)).tocsr()
    n_t = len(columns)
    integrality = np.r_[np.zeros(n_t), np.ones(width - n_t)]
    bounds = Bounds(
        np.r_[np.full(n_t, -np.inf), np.zeros(width - n_t)],
        np.r_[np.full(n_t, np.inf), np.ones(width - n_t)],
    )
    result = milp(
        np.zeros(width), constraints=[LinearConstraint(matrix, lower, upper)],
        integrality=integrality, bounds=bounds,
    )  # fmt: skip
    if result.status == 2:  # infeasible: no figure of fewer than k people
        return None
    if result.status != 0 or result.x is None:
        raise RuntimeError(f"the disclosure search did not finish: {result.message}")
    return {
        c: float(v) for c, v in zip(columns, result.x[:n_t], strict=True) if abs(v) > ZERO_WEIGHT
    }
