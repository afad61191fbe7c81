"""The value layer of the disclosure check: no combination of shown figures gives the values of
fewer than k people.

A group's trait figures and its MES rest on different people when some people answered some
traits but not all, and they weigh a person's trait scores differently (a trait's figure sums
its scores, the MES the mean of a person's traits). So the sum of a group's trait sums minus five
times its MES sum is the sum of the trait scores of the people without a MES: a figure of those
people alone. `mes.privacy.decide` asks `value_disclosure` whether any such combination of the
shown figures exists, and hides a figure while one does.

The question, for the values j (a trait score of the people of one person class) and the shown
sets c (figures) with weights ``w_jc``: are there weights y on the shown sets such that every
value gets ``sum_c y_c w_jc`` equal to 0 or 1, at least one gets 1, and the values at 1 belong
to 1 to k - 1 people? It is answered in three steps, each exact:

1. **Value types.** Values that the shown sets weigh alike always get the same amount; they are
   one type, and at 1 all its people are in the figure. A type of k people or more must stay at
   0. When every type must (the usual report: each trait's answers in a team come from k people
   or more), there is no disclosure and nothing more is computed.
2. **Plain linear algebra** (`_solve`), over the integers and fractions, no floating point:
   eliminate the types that must stay at 0, which leaves each free type's amount as a linear
   function of free parameters. Free types whose functions are multiples of one *direction* move
   together. When the directions are linearly independent (in every report of departments and
   teams we tried; not in general: a shown team whose every answer pattern is held by fewer
   than k people can break it), each can be set on its own, so a disclosure exists exactly
   when one direction's types all get the same multiple (so they can all be 1 at once) and
   belong to 1 to k - 1 people. Its weights y come out of the elimination.
3. **Otherwise HiGHS** (`_highs_search`, scipy's mixed-integer solver), on the same types: weights
   y, 0/1 weights x on the free types and 0/1 weights z on their person classes with
   ``x_r <= z_p`` and 1 to k - 1 people chosen. In practice only breakdowns that cross the
   tree (``--by``) need it, and only then is scipy imported: importing it costs more than the
   whole check.

A test holds step 2 to HiGHS on random systems, and both to a brute force over fractions.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import gcd, lcm
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)

# A coefficient this close to zero in HiGHS's answer is zero (it works in floating point with a
# feasibility tolerance of 1e-7; real coefficients are small whole numbers or fractions).
ZERO_WEIGHT = 1e-6
# Weights are 1 / (the traits a person has): small denominators, recovered exactly from floats.
_MAX_DENOMINATOR = 1000

Key = tuple[tuple[int, int], ...]  # a value type: (column, weight x scale) pairs, by column
Row = dict[int, int]  # an equation over the columns, whole coefficients


@dataclass(frozen=True)
class Share(Generic[K]):
    """One value of the people of an atom in the value-level check: ``size`` people (of person
    class ``people``) whose value this is, and the weight each set's figure gives it (a trait's
    figure gives a trait score weight 1; the MES gives it 1 / the traits the person has)."""

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
    scale: int  # the whole-number weights are the weights times this

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
        return ValueSystem(list(cells), column, bases, by_column, sizes, scale)

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
        solved = _solve(types, free, self.sizes, k)
        if isinstance(solved, _Undecided):
            return _highs_search(types, free, self.sizes, k, self.scale)
        return solved


def value_disclosure(
    shares: Sequence[Share[K]] | ValueSystem[K], shown: set[K], k: int
) -> set[K] | None:
    """Shown sets whose weighted combination gives the values of 1 to k - 1 people, or None."""
    system = shares if isinstance(shares, ValueSystem) else ValueSystem.of(shares)
    columns = system.disclosure({system.column[c] for c in shown if c in system.column}, k)
    return None if columns is None else {system.cells[c] for c in columns}


class _Undecided:
    """`_solve`'s answer when the directions are not independent: HiGHS decides."""


_UNDECIDED = _Undecided()


def _solve(
    types: Mapping[Key, set[int]], free: Sequence[Key], sizes: Sequence[int], k: int
) -> set[int] | _Undecided | None:
    """Step 2 of the module's method: the columns of a disclosure, None, or `_UNDECIDED`."""
    uses: dict[int, int] = {}
    for key in types:
        for c, _ in key:
            uses[c] = uses.get(c, 0) + 1
    free_keys = set(free)
    pivots = _Pivots(uses)
    for key in types:
        if key not in free_keys:
            pivots.add(dict(key))
    # Each free type's amount, on the columns left free: a multiple of a primitive direction.
    moves: dict[tuple[tuple[int, int], ...], list[tuple[Key, Fraction]]] = {}
    for key in free:
        row, divisor = pivots.reduce(dict(key))
        if row:
            direction, multiple = _direction(row)
            # The type's amount is (row / divisor) . y, times 1 / scale (the weights are
            # scaled); the same for every type, so it is left out.
            moves.setdefault(direction, []).append((key, Fraction(multiple, divisor)))
    if not moves:
        return None
    directions = list(moves)
    if not _independent(directions):
        return _UNDECIDED
    for i, direction in enumerate(directions):
        multiples = {m for _, m in moves[direction]}
        people = {p for key, _ in moves[direction] for p in types[key]}
        if len(multiples) == 1 and 1 <= sum(sizes[p] for p in people) <= k - 1:
            # Amount 1 on this direction's types (amount = multiple x t, up to the common
            # scale, which changes no weight from zero to non-zero), 0 on every other.
            targets = [Fraction(0)] * len(directions)
            targets[i] = 1 / next(iter(multiples))
            return set(pivots.back_substitute(_solve_free(directions, targets)))
    return None


def _fraction(weight: float) -> Fraction:
    return Fraction(weight).limit_denominator(_MAX_DENOMINATOR)


def _direction(row: Row) -> tuple[tuple[tuple[int, int], ...], int]:
    """A row as (primitive direction, whole multiple): the first coefficient made positive."""
    columns = sorted(row)
    g = 0
    for v in row.values():
        g = gcd(g, v)
    if row[columns[0]] < 0:
        g = -g
    return tuple((c, row[c] // g) for c in columns), g


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
        reduced, _ = self.reduce(row)
        if reduced:
            column = min(reduced, key=lambda c: (self.uses[c], c))
            self.order[column] = len(self.order)
            self.rows[column] = reduced

    def reduce(self, row: Row) -> tuple[Row, int]:
        """``row`` with every pivot column eliminated, as (whole row, divisor) of the result."""
        row = dict(row)
        divisor = 1
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
                divisor *= times_row
            for c, v in pivot.items():
                value = row.get(c, 0) - v * times_pivot
                if value:
                    if c not in row and c in self.order:
                        heapq.heappush(heap, (self.order[c], c))
                    row[c] = value
                else:
                    row.pop(c, None)
            common = gcd(divisor, *row.values()) if row else divisor
            if common > 1:
                row = {c: v // common for c, v in row.items()}
                divisor //= common
        return row, divisor

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
    types: Mapping[Key, set[int]],
    free: Sequence[Key],
    sizes: Sequence[int],
    k: int,
    scale: int = 1,
) -> set[int] | None:
    """Step 3 of the module's method: HiGHS over the value types (scipy imported only here).

    The weights go in as they are (whole numbers / ``scale``), so that the combination's
    weights y keep their size and `ZERO_WEIGHT` tells a real weight from HiGHS's rounding.
    """
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array

    columns = sorted({c for key in types for c, _ in key})
    y_of = {c: i for i, c in enumerate(columns)}
    x_of = {key: len(columns) + i for i, key in enumerate(free)}
    classes = sorted({p for key in free for p in types[key]})
    z_of = {p: len(columns) + len(free) + i for i, p in enumerate(classes)}
    width = len(columns) + len(free) + len(classes)
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

    for key in types:  # sum_c y_c w_rc = x_r (0 for a type that must stay at 0)
        x = [(x_of[key], -1.0)] if key in x_of else []
        add([(y_of[c], w / scale) for c, w in key] + x, 0.0, 0.0)
    for key in free:  # x_r <= z_p for every person class of the type
        for p in sorted(types[key]):
            add([(x_of[key], 1.0), (z_of[p], -1.0)], -np.inf, 0.0)
    add([(z_of[p], float(sizes[p])) for p in classes], 1.0, k - 1.0)
    add([(x_of[key], 1.0) for key in free], 1.0, np.inf)
    matrix = coo_array((vals, (rows, cols)), shape=(len(lower), width)).tocsr()
    n_y = len(columns)
    integrality = np.r_[np.zeros(n_y), np.ones(width - n_y)]
    bounds = Bounds(
        np.r_[np.full(n_y, -np.inf), np.zeros(width - n_y)],
        np.r_[np.full(n_y, np.inf), np.ones(width - n_y)],
    )
    result = milp(
        np.zeros(width), constraints=[LinearConstraint(matrix, lower, upper)],
        integrality=integrality, bounds=bounds,
    )  # fmt: skip
    if result.status == 2:  # infeasible: no figure of fewer than k people
        return None
    if result.status != 0 or result.x is None:
        raise RuntimeError(f"the disclosure search did not finish: {result.message}")
    return {c for c, w in zip(columns, result.x[:n_y], strict=True) if abs(w) > ZERO_WEIGHT}
