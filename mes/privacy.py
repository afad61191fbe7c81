"""The one disclosure check every output obeys: no set of fewer than k people can be recovered.

Every figure mes shows is a function of a set of people: a group's members (later also those of
them who answered one question). Its count, its sum (n × mean), its sum of squares (from the SD)
and its counts of people above a threshold (shares × n) are all *linear* in that set, so an
attacker who knows who belongs where can add and subtract shown figures, across every view of a
report (the tree, every ``--by`` breakdown, teams without a department), and get the figures of
any set whose indicator vector is a linear combination of the shown sets' indicators.

The check, in the terms of statistical disclosure control (Statistics Norway's GaussSuppression
does secondary suppression by Gaussian elimination over the published cells; here the columns
are the *atoms* of the membership partition, people with the same memberships):

1. A set with fewer than ``k`` people is suppressed (primary suppression).
2. Every group below a suppressed group in the tree is suppressed too (a rule a reader can
   follow; it is also what showing all teams of a hidden department would undo).
3. Secondary suppression: while some non-empty set of 1 to ``k - 1`` people is a linear
   combination of the shown sets, one more set is suppressed: among the shown sets that the
   combination uses, a ``--by`` group before a department or team, then the smallest, then by
   name. Sets that nest (the tree on its own, one ``--by`` breakdown on its own) are checked
   exactly by their remainders (a shown set minus the shown sets just inside it); sets that
   cross (the tree and a ``--by`` column, two ``--by`` columns) by an exact search: a small
   mixed-integer programme (scipy's HiGHS) asks for 0/1 weights on the people classes with a
   total of 1 to ``k - 1`` people that some combination of shown sets produces. Only when it
   has no solution does the check pass.

Figures inside a group (issue 16): a group's MES, each trait and each outcome rests on the
people of the group who have it, so each is a set of its own: a *figure cell*. A person's atom
then holds their answered pattern too (which figures they count in), and a figure cell is a union
of atoms. Figure cells carry values (sums, sums of squares, shares); the group's own cell, its
respondents, carries a count only. So the sets are checked in two *layers* that the search never
mixes: the counts (the groups' respondent cells, as before: no hidden group's size can be
recovered) and the values (every figure cell, across figures: the MES of the people with every
trait minus a trait's sum over more people is a combination too). Mixing the layers could only
give the number of people in an answered pattern, which every figure's ``n`` shows by design.
A figure cell is hidden with its group (``hidden_with``), not with the same figure of the group
above it: the search catches any combination that would rebuild a hidden figure.

Decisions use counts and memberships alone, never scores, so they are the same for every
output format and cannot leak through which groups are hidden. What this does not cover: ``k``
itself (a choice), two reports of different data (two quarters, or a file and its corrected
copy), and the per-person output of ``--individuals``; see the README's privacy section.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

#: Below this minimum group size suppression no longer protects anyone; it is refused.
LOWEST_MIN_GROUP_SIZE = 3

K = TypeVar("K", bound=Hashable)
# A coefficient this close to zero in the search's answer is zero (HiGHS works in floating point
# with a feasibility tolerance of 1e-7; real coefficients are small whole numbers or fractions).
_ZERO = 1e-6


class Suppression(StrEnum):
    TOO_FEW = "too-few-respondents"
    PROTECTS_OTHER = "protects-another-group"
    PARENT_SUPPRESSED = "parent-suppressed"


@dataclass(frozen=True)
class Atom(Generic[K]):
    """People with exactly the same memberships: the sets they belong to, and how many."""

    cells: frozenset[K]
    size: int


@dataclass(frozen=True)
class Share(Generic[K]):
    """One value of the people of an atom in the value-level check: ``size`` people (of person
    class ``people``) whose value this is, and the weight each set's figure gives it (a trait's
    figure gives a trait score weight 1; the MES gives it 1 / the traits the person has)."""

    people: Hashable
    size: int
    weights: tuple[tuple[K, float], ...]


@dataclass(frozen=True)
class Cells(Generic[K]):
    """What the check needs to know of the sets besides their members.

    ``parent``: the set a set is shown under in the tree (None for the top and for sets outside
    the tree's nesting rule). ``view``: sets of one view nest (one breakdown, or the tree).
    ``priority``: smaller is suppressed first among the sets a disclosure uses.
    ``hidden_with``: the set whose suppression hides this one too (default: ``parent``).
    ``layer``: sets of different layers are never combined by the search (default: one layer).
    """

    parent: Callable[[K], K | None]
    view: Callable[[K], Hashable]
    priority: Callable[[K, int], tuple[object, ...]]
    hidden_with: Callable[[K], K | None] | None = None
    layer: Callable[[K], Hashable] | None = None


def decide(
    atoms: Sequence[Atom[K]], k: int, cells: Cells[K], shares: Sequence[Share[K]] = ()
) -> dict[K, Suppression | None]:
    """For every set named in ``atoms``: None if its figures may be shown, else why not.

    A set's ``parent`` must hold it (sets nest along their parents, per view). ``shares``: the
    values that figures of different sets add up differently (a trait's sum and the MES's sum
    of the same people); no combination of shown figures may give a value of 1 to k - 1 people
    (`value_disclosure`).
    """
    if k < 1:
        raise ValueError("k must be positive")
    sizes: dict[K, int] = {}
    for atom in atoms:
        for cell in atom.cells:
            sizes[cell] = sizes.get(cell, 0) + atom.size
    decision: dict[K, Suppression | None] = {
        cell: (Suppression.TOO_FEW if n < k else None) for cell, n in sizes.items()
    }
    families = _families(sizes, cells)
    hidden_with = cells.hidden_with or cells.parent
    layer = cells.layer or (lambda _cell: None)
    layers = sorted({layer(cell) for cell in sizes}, key=repr)
    # Each layer's check sees only its own sets: the atoms projected on them, merged once.
    layered = _by_layer(atoms, layer)
    values = ValueSystem.of(shares) if shares else None
    while True:
        _hide_below_hidden(decision, hidden_with)
        _settle_remainders(decision, families, sizes, k, cells, hidden_with)
        shown = {cell for cell, why in decision.items() if why is None}
        witness = None
        for name in layers:
            witness = disclosure(layered.get(name, []), {c for c in shown if layer(c) == name}, k)
            if witness is not None:
                break
        if witness is None and values is not None:
            witness = value_disclosure(values, shown, k)
            if witness is not None:
                witness = _essential(witness, values, k, cells, sizes)
        if witness is None:
            return decision
        candidates = [c for c in witness if c in shown and cells.parent(c) is not None]
        victim = min(candidates or witness, key=lambda c: cells.priority(c, sizes[c]))
        decision[victim] = Suppression.PROTECTS_OTHER


def _by_layer(
    atoms: Sequence[Atom[K]], layer: Callable[[K], Hashable]
) -> dict[Hashable, list[Atom[K]]]:
    """Per layer, the atoms with only that layer's sets, people with the same sets merged."""
    merged: dict[Hashable, dict[frozenset[K], int]] = {}
    for atom in atoms:
        parts: dict[Hashable, list[K]] = {}
        for cell in atom.cells:
            parts.setdefault(layer(cell), []).append(cell)
        for name, cells in parts.items():
            key = frozenset(cells)
            into = merged.setdefault(name, {})
            into[key] = into.get(key, 0) + atom.size
    return {name: [Atom(c, n) for c, n in found.items()] for name, found in merged.items()}


def _families(sizes: Mapping[K, int], cells: Cells[K]) -> list[tuple[K, list[K]]]:
    """Per parent and view, the sets just inside the parent; parents from the top down."""
    inside: dict[tuple[K, Hashable], list[K]] = {}
    for cell in sizes:
        up = cells.parent(cell)
        if up is not None:
            inside.setdefault((up, cells.view(cell)), []).append(cell)

    def depth(cell: K) -> int:
        d, up = 0, cells.parent(cell)
        while up is not None:
            d, up = d + 1, cells.parent(up)
        return d

    ordered = sorted(inside.items(), key=lambda item: (depth(item[0][0]), repr(item[0])))
    return [(parent, children) for (parent, _), children in ordered]


def _settle_remainders(
    decision: dict[K, Suppression | None],
    families: Sequence[tuple[K, list[K]]],
    sizes: Mapping[K, int],
    k: int,
    cells: Cells[K],
    hidden_with: Callable[[K], K | None],
) -> None:
    """Within each view the sets nest: a shown set minus its shown children must leave none or
    at least k people; otherwise its smallest shown child is hidden too (and all below it)."""
    for parent, children in families:
        if decision.get(parent) is not None:
            continue
        while True:
            shown = [c for c in children if decision[c] is None]
            rest = sizes[parent] - sum(sizes[c] for c in shown)
            if not shown or rest == 0 or rest >= k:
                break
            victim = min(shown, key=lambda c: cells.priority(c, sizes[c]))
            decision[victim] = Suppression.PROTECTS_OTHER
            _hide_below_hidden(decision, hidden_with)


def _hide_below_hidden(
    decision: dict[K, Suppression | None], parent: Callable[[K], K | None]
) -> None:
    changed = True
    while changed:
        changed = False
        for cell, why in decision.items():
            up = parent(cell)
            if why is None and up is not None and decision.get(up) is not None:
                decision[cell] = Suppression.PARENT_SUPPRESSED
                changed = True


def disclosure(atoms: Sequence[Atom[K]], shown: set[K], k: int) -> set[K] | None:
    """Shown sets whose combination gives a set of 1 to k - 1 people, or None if none does."""
    classes = _classes(atoms, shown)
    if not classes:
        return None
    chains = _chains(classes)
    if chains is not None:
        return _remainder(*chains, k)
    return _search(classes, shown, k)


def _classes(atoms: Iterable[Atom[K]], shown: set[K]) -> dict[frozenset[K], int]:
    """People grouped by the shown sets they are in (those in none can never be recovered)."""
    out: dict[frozenset[K], int] = {}
    for atom in atoms:
        signature = atom.cells & shown
        if signature and atom.size:
            out[signature] = out.get(signature, 0) + atom.size
    return out


def _chains(classes: Mapping[frozenset[K], int]) -> tuple[dict[K, int], dict[K, K | None]] | None:
    """Sizes of the sets, and each set's smallest enclosing set, if the sets nest; else None.

    The sets nest (any two are disjoint or one holds the other) exactly when, ordering each
    class's sets from large to small, every set has the same next-larger set in every class.
    """
    sizes: dict[K, int] = {}
    for signature, size in classes.items():
        for cell in signature:
            sizes[cell] = sizes.get(cell, 0) + size
    # Equal sets of different views (a location that is exactly one team) get a fixed order.
    order = {cell: i for i, cell in enumerate(sorted(sizes, key=lambda c: (-sizes[c], repr(c))))}
    parent: dict[K, K | None] = {}
    for signature in classes:
        chain = sorted(signature, key=order.__getitem__)
        for upper, lower in zip([None, *chain[:-1]], chain, strict=True):
            if parent.setdefault(lower, upper) != upper:
                return None
    return sizes, parent


def _remainder(sizes: Mapping[K, int], parent: Mapping[K, K | None], k: int) -> set[K] | None:
    """For nesting sets: a set minus the sets just inside it, when that leaves 1..k-1 people."""
    inside: dict[K, list[K]] = {}
    for cell, up in parent.items():
        if up is not None:
            inside.setdefault(up, []).append(cell)
    for cell in sorted(sizes, key=lambda c: (-sizes[c], repr(c))):
        rest = sizes[cell] - sum(sizes[c] for c in inside.get(cell, ()))
        if 0 < rest < k:
            return {cell, *inside.get(cell, ())}
    return None


def _search(classes: Mapping[frozenset[K], int], shown: set[K], k: int) -> set[K] | None:
    """Exact search for crossing sets: 0/1 weights x on the people classes, any weights y on the
    shown sets, such that the sets weighted by y add up to x, with 1 <= people(x) <= k - 1.

    Only classes of fewer than k people can carry a weight of 1. Returns the sets with a
    non-zero weight in a solution, or None when there is none (HiGHS proves infeasibility).
    """
    signatures = list(classes)
    small = [i for i, s in enumerate(signatures) if classes[s] < k]
    if not small:  # every class has k people or more: no set of fewer can be put together
        return None
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array

    cells = sorted(shown & {c for s in classes for c in s}, key=repr)
    column = {cell: i for i, cell in enumerate(cells)}
    x_column = {row: len(cells) + j for j, row in enumerate(small)}
    rows, cols, vals = [], [], []
    for r, signature in enumerate(signatures):
        for cell in signature:
            rows.append(r)
            cols.append(column[cell])
            vals.append(1.0)
        if r in x_column:
            rows.append(r)
            cols.append(x_column[r])
            vals.append(-1.0)
    width = len(cells) + len(small)
    total = np.zeros(width)
    for r, j in x_column.items():
        total[j] = classes[signatures[r]]
    balance = coo_array((vals, (rows, cols)), shape=(len(signatures), width)).tocsr()
    constraints = [
        LinearConstraint(balance, np.zeros(len(signatures)), np.zeros(len(signatures))),
        LinearConstraint(total.reshape(1, -1), [1.0], [k - 1.0]),
    ]
    integrality = np.r_[np.zeros(len(cells)), np.ones(len(small))]
    lower = np.r_[np.full(len(cells), -np.inf), np.zeros(len(small))]
    upper = np.r_[np.full(len(cells), np.inf), np.ones(len(small))]
    result = milp(
        np.zeros(width), constraints=constraints, integrality=integrality,
        bounds=Bounds(lower, upper),
    )  # fmt: skip
    if result.status == 2:  # infeasible: no small set is a combination of shown sets
        return None
    if result.status != 0 or result.x is None:
        raise RuntimeError(f"the disclosure search did not finish: {result.message}")
    weights = result.x[: len(cells)]
    return {cell for cell, w in zip(cells, weights, strict=True) if abs(w) > _ZERO}


def _essential(
    witness: set[K], shares: ValueSystem[K], k: int, cells: Cells[K], sizes: Mapping[K, int]
) -> set[K]:
    """The sets of a value disclosure that it cannot do without, in order of priority.

    The search may put weight on sets that cancel out (a department that is exactly one team);
    hiding one of those would hide a figure for nothing. A set is essential when the sets of
    the witness without it give no disclosure.
    """
    for cell in sorted(witness, key=lambda c: cells.priority(c, sizes[c])):
        if value_disclosure(shares, witness - {cell}, k) is None:
            return {cell}
    return witness


def value_disclosure(
    shares: Sequence[Share[K]] | ValueSystem[K], shown: set[K], k: int
) -> set[K] | None:
    """Shown sets whose weighted combination gives the values of 1 to k - 1 people, or None.

    Each shown set's figure is the weighted sum of the values it holds. The search (HiGHS, as
    `_search`) asks for weights y on the shown sets and 0/1 weights x on the values with
    ``sum_c y_c w_jc = x_j`` for every value j, x only on values of person classes chosen by
    0/1 weights z (``x_j <= z_p``), 1 to k - 1 people in the chosen classes and at least one
    value x_j = 1. A solution is a figure of fewer than k people: a sum of their values.
    """
    import numpy as np
    from scipy.sparse import csr_array, hstack, vstack

    system = shares if isinstance(shares, ValueSystem) else ValueSystem.of(shares)
    columns = sorted(system.column[c] for c in shown if c in system.column)
    if not columns:
        return None
    sub = system.matrix[:, columns]
    used = np.flatnonzero(np.diff(sub.indptr) > 0)  # values some shown set weighs
    if used.size == 0:
        return None
    sub = sub[used]
    people = system.people[used]
    small = system.sizes[people] < k
    if not small.any():
        return None
    # HiGHS only when a search is needed: importing scipy.optimize costs a good part of a second.
    from scipy.optimize import Bounds, LinearConstraint, milp

    small_rows = np.flatnonzero(small)
    classes, class_of = np.unique(people[small_rows], return_inverse=True)
    n_rows, n_cells = sub.shape
    n_x, n_z = small_rows.size, classes.size
    x_part = csr_array(
        (-np.ones(n_x), (small_rows, np.arange(n_x))), shape=(n_rows, n_x)
    )  # fmt: skip
    balance = hstack([sub, x_part, csr_array((n_rows, n_z))], format="csr")
    link = hstack(
        [
            csr_array((n_x, n_cells)),
            csr_array((np.ones(n_x), (np.arange(n_x), np.arange(n_x))), shape=(n_x, n_x)),
            csr_array((-np.ones(n_x), (np.arange(n_x), class_of)), shape=(n_x, n_z)),
        ],
        format="csr",
    )
    width = n_cells + n_x + n_z
    totals = np.zeros(width)
    totals[n_cells + n_x :] = system.sizes[classes]
    some = np.zeros(width)
    some[n_cells : n_cells + n_x] = 1.0
    constraints = [
        LinearConstraint(balance, np.zeros(n_rows), np.zeros(n_rows)),
        LinearConstraint(link, np.full(n_x, -np.inf), np.zeros(n_x)),
        LinearConstraint(vstack([csr_array(totals.reshape(1, -1))]), [1.0], [k - 1.0]),
        LinearConstraint(some.reshape(1, -1), [1.0], [np.inf]),
    ]
    integrality = np.r_[np.zeros(n_cells), np.ones(n_x + n_z)]
    lower = np.r_[np.full(n_cells, -np.inf), np.zeros(n_x + n_z)]
    upper = np.r_[np.full(n_cells, np.inf), np.ones(n_x + n_z)]
    result = milp(
        np.zeros(width), constraints=constraints, integrality=integrality,
        bounds=Bounds(lower, upper),
    )  # fmt: skip
    if result.status == 2:
        return None
    if result.status != 0 or result.x is None:
        raise RuntimeError(f"the disclosure search did not finish: {result.message}")
    weights = result.x[:n_cells]
    return {
        system.cells[column] for column, w in zip(columns, weights, strict=True) if abs(w) > _ZERO
    }


@dataclass(frozen=True)
class ValueSystem(Generic[K]):
    """`Share`s as one sparse matrix (values x sets), built once per report."""

    matrix: Any  # scipy csr_array: the weight of each set (column) on each value (row)
    cells: list[K]
    column: dict[K, int]
    people: Any  # numpy array: the person class of each value
    sizes: Any  # numpy array: the people of each person class

    @staticmethod
    def of(shares: Sequence[Share[K]]) -> ValueSystem[K]:
        import numpy as np
        from scipy.sparse import csr_array

        # Columns in a fixed order (sets hash differently in every process).
        cells: list[K] = sorted({c for share in shares for c, _ in share.weights}, key=repr)
        column: dict[K, int] = {cell: i for i, cell in enumerate(cells)}
        classes: dict[Hashable, int] = {}
        sizes: list[int] = []
        rows, cols, vals, people = [], [], [], []
        for r, share in enumerate(shares):
            if share.people not in classes:
                classes[share.people] = len(sizes)
                sizes.append(share.size)
            people.append(classes[share.people])
            for cell, weight in share.weights:
                rows.append(r)
                cols.append(column[cell])
                vals.append(weight)
        matrix = csr_array((vals, (rows, cols)), shape=(len(shares), len(cells)))
        return ValueSystem(matrix, cells, column, np.array(people, dtype=np.int64),
                           np.array(sizes, dtype=np.int64))  # fmt: skip


# --- The paired view of `mes diff` ------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    """A group of the paired view: its place in the tree and the counts shown for it.

    ``n`` (the stayers) and ``extra`` (joined, left) are shown exactly; each obeys the
    remainder rule, except that 0 may be shown.
    """

    id: str
    parent: str | None
    breakdown: str  # children of one parent with the same breakdown partition it
    n: int
    name: str = ""  # only to make the choice between equally small siblings stable
    extra: tuple[int, ...] = ()

    def too_small(self, k: int) -> bool:
        return self.n < k or any(0 < c < k for c in self.extra)


def decide_counts(nodes: Sequence[Node], k: int) -> dict[str, Suppression | None]:
    """The remainder rule on counts, per parent and breakdown, for the paired view of a diff."""
    if k < 1:
        raise ValueError("k must be positive")
    decision: dict[str, Suppression | None] = {
        node.id: (Suppression.TOO_FEW if node.too_small(k) else None) for node in nodes
    }
    by_id = {node.id: node for node in nodes}
    children: dict[tuple[str, str], list[Node]] = {}
    for node in nodes:
        if node.parent is not None:
            children.setdefault((node.parent, node.breakdown), []).append(node)
    changed = True
    while changed:
        changed = False
        for node in nodes:
            parent = node.parent
            if parent is not None and decision[parent] and not decision[node.id]:
                decision[node.id] = Suppression.PARENT_SUPPRESSED
                changed = True
        for (parent_id, _), siblings in children.items():
            if decision[parent_id]:
                continue
            totals = [by_id[parent_id].n, *by_id[parent_id].extra]
            while True:
                shown = [s for s in siblings if not decision[s.id]]
                hidden = list(totals)
                for child in shown:
                    for i, count in enumerate((child.n, *child.extra)):
                        hidden[i] -= count
                if all(h == 0 or h >= k for h in hidden) or not shown:
                    break
                smallest = min(shown, key=lambda s: (s.n, s.name, s.id))
                decision[smallest.id] = Suppression.PROTECTS_OTHER
                changed = True
    return decision
