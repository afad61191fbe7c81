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
above it: the search catches any combination that would rebuild a hidden figure. How trait and
MES figures combine through each person's values is the value layer, `mes.value_check`.

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

from mes.value_check import ZERO_WEIGHT, Share, ValueSystem

#: Below this minimum group size suppression no longer protects anyone; it is refused.
LOWEST_MIN_GROUP_SIZE = 3

K = TypeVar("K", bound=Hashable)


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


@dataclass(frozen=True)
class Numbered(Generic[K]):
    """A disclosure problem on whole-number ids: set ``i`` is ``keys[i]``, the keys in the order
    of their repr (the order every tie between sets is broken in); the atoms and the shares name
    sets by id.

    The check runs on ids: the sets' own keys hash slowly, and a million-row report hashes them
    millions of times. `number` numbers any atoms and shares; `mes.report` builds its problem
    numbered from the start.
    """

    keys: list[K]
    atoms: list[Atom[int]]
    shares: list[Share[int]]


def number(atoms: Sequence[Atom[K]], shares: Sequence[Share[K]] = ()) -> Numbered[K]:
    """``atoms`` and ``shares`` on ids, in the order of their sets' repr."""
    named = {c for atom in atoms for c in atom.cells} | {c for s in shares for c, _ in s.weights}
    keys = sorted(named, key=repr)
    ids = {key: i for i, key in enumerate(keys)}
    return Numbered(
        keys,
        [Atom(frozenset(ids[c] for c in atom.cells), atom.size) for atom in atoms],
        [Share(s.people, s.size, tuple((ids[c], w) for c, w in s.weights)) for s in shares],
    )


def decide(
    atoms: Sequence[Atom[K]], k: int, cells: Cells[K], shares: Sequence[Share[K]] = ()
) -> dict[K, Suppression | None]:
    """For every set named in ``atoms``: None if its figures may be shown, else why not.

    A set's ``parent`` must hold it (sets nest along their parents, per view). ``shares``: the
    values that figures of different sets add up differently (a trait's sum and the MES's sum
    of the same people); no combination of shown figures may give a value of 1 to k - 1 people
    (`mes.value_check.value_disclosure`).
    """
    return decide_numbered(number(atoms, shares), k, cells)


def decide_numbered(problem: Numbered[K], k: int, cells: Cells[K]) -> dict[K, Suppression | None]:
    """`decide` of a problem already on ids: the same decisions, by key."""
    if k < 1:
        raise ValueError("k must be positive")
    keys = list(problem.keys)
    ids = {key: i for i, key in enumerate(keys)}

    def id_of(key: K | None) -> int | None:
        if key is None:
            return None
        if key not in ids:  # a parent no atom names (it holds nobody shown)
            ids[key] = len(keys)
            keys.append(key)
        return ids[key]

    parents: list[int | None] = []
    holders: list[int | None] = []
    hidden_with = cells.hidden_with or cells.parent
    while len(parents) < len(keys):  # id_of may add a parent to the end
        key = keys[len(parents)]
        parents.append(id_of(cells.parent(key)))
        holders.append(id_of(hidden_with(key)))
    views = [cells.view(key) for key in keys]
    layers = [cells.layer(key) for key in keys] if cells.layer is not None else None
    by_id: Cells[int] = Cells(
        parent=parents.__getitem__,
        view=views.__getitem__,
        priority=lambda i, n: cells.priority(keys[i], n),
        hidden_with=holders.__getitem__,
        layer=layers.__getitem__ if layers is not None else None,
    )
    # The shares' columns are the ids.
    values = ValueSystem.of(problem.shares, range(len(keys))) if problem.shares else None
    decision = _decide(problem.atoms, k, by_id, values)
    return {keys[i]: why for i, why in decision.items()}


def _decide(
    atoms: Sequence[Atom[int]], k: int, cells: Cells[int], values: ValueSystem[Any] | None
) -> dict[int, Suppression | None]:
    """`decide` on set ids; ``values``' columns are the ids."""
    sizes: dict[int, int] = {}
    for atom in atoms:
        for cell in atom.cells:
            sizes[cell] = sizes.get(cell, 0) + atom.size
    decision: dict[int, Suppression | None] = {
        cell: (Suppression.TOO_FEW if n < k else None) for cell, n in sizes.items()
    }
    families = _families(sizes, cells)
    hidden_with = cells.hidden_with or cells.parent
    layer = cells.layer or (lambda _cell: None)
    layers = sorted({layer(cell) for cell in sizes}, key=repr)
    # Each layer's check sees only its own sets: the atoms projected on them, merged once.
    layered = _by_layer(atoms, layer)
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
            witness = values.disclosure(shown, k)
            if witness is not None:
                witness = _essential(witness, values, k, cells, sizes)
        if witness is None:
            return decision
        candidates = [c for c in witness if c in shown and cells.parent(c) is not None]
        victim = min(candidates or witness, key=lambda c: cells.priority(c, sizes[c]))
        decision[victim] = Suppression.PROTECTS_OTHER


def _by_layer(
    atoms: Sequence[Atom[int]], layer: Callable[[int], Hashable]
) -> dict[Hashable, list[Atom[int]]]:
    """Per layer, the atoms with only that layer's sets, people with the same sets merged."""
    merged: dict[Hashable, dict[frozenset[int], int]] = {}
    for atom in atoms:
        parts: dict[Hashable, list[int]] = {}
        for cell in atom.cells:
            parts.setdefault(layer(cell), []).append(cell)
        for name, cells in parts.items():
            key = frozenset(cells)
            into = merged.setdefault(name, {})
            into[key] = into.get(key, 0) + atom.size
    return {name: [Atom(c, n) for c, n in found.items()] for name, found in merged.items()}


def _families(sizes: Mapping[int, int], cells: Cells[int]) -> list[tuple[int, list[int]]]:
    """Per parent and view, the sets just inside the parent; parents from the top down."""
    inside: dict[tuple[int, Hashable], list[int]] = {}
    for cell in sizes:
        up = cells.parent(cell)
        if up is not None:
            inside.setdefault((up, cells.view(cell)), []).append(cell)

    def depth(cell: int) -> int:
        d, up = 0, cells.parent(cell)
        while up is not None:
            d, up = d + 1, cells.parent(up)
        return d

    # Parents in the order of their ids (the order of their keys' repr), then by view.
    ordered = sorted(
        inside.items(), key=lambda item: (depth(item[0][0]), item[0][0], repr(item[0][1]))
    )
    return [(parent, children) for (parent, _), children in ordered]


def _settle_remainders(
    decision: dict[int, Suppression | None],
    families: Sequence[tuple[int, list[int]]],
    sizes: Mapping[int, int],
    k: int,
    cells: Cells[int],
    hidden_with: Callable[[int], int | None],
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
    decision: dict[int, Suppression | None], parent: Callable[[int], int | None]
) -> None:
    changed = True
    while changed:
        changed = False
        for cell, why in decision.items():
            up = parent(cell)
            if why is None and up is not None and decision.get(up) is not None:
                decision[cell] = Suppression.PARENT_SUPPRESSED
                changed = True


def disclosure(atoms: Sequence[Atom[int]], shown: set[int], k: int) -> set[int] | None:
    """Shown sets whose combination gives a set of 1 to k - 1 people, or None if none does."""
    classes = _classes(atoms, shown)
    if not classes:
        return None
    chains = _chains(classes)
    if chains is not None:
        return _remainder(*chains, k)
    return _search(classes, shown, k)


def _classes(atoms: Iterable[Atom[int]], shown: set[int]) -> dict[frozenset[int], int]:
    """People grouped by the shown sets they are in (those in none can never be recovered)."""
    out: dict[frozenset[int], int] = {}
    for atom in atoms:
        signature = atom.cells & shown
        if signature and atom.size:
            out[signature] = out.get(signature, 0) + atom.size
    return out


def _chains(
    classes: Mapping[frozenset[int], int],
) -> tuple[dict[int, int], dict[int, int | None]] | None:
    """Sizes of the sets, and each set's smallest enclosing set, if the sets nest; else None.

    The sets nest (any two are disjoint or one holds the other) exactly when, ordering each
    class's sets from large to small, every set has the same next-larger set in every class.
    """
    sizes: dict[int, int] = {}
    for signature, size in classes.items():
        for cell in signature:
            sizes[cell] = sizes.get(cell, 0) + size
    # Equal sets of different views (a location that is exactly one team) get a fixed order.
    order = {cell: i for i, cell in enumerate(sorted(sizes, key=lambda c: (-sizes[c], c)))}
    parent: dict[int, int | None] = {}
    for signature in classes:
        chain = sorted(signature, key=order.__getitem__)
        for upper, lower in zip([None, *chain[:-1]], chain, strict=True):
            if parent.setdefault(lower, upper) != upper:
                return None
    return sizes, parent


def _remainder(
    sizes: Mapping[int, int], parent: Mapping[int, int | None], k: int
) -> set[int] | None:
    """For nesting sets: a set minus the sets just inside it, when that leaves 1..k-1 people."""
    inside: dict[int, list[int]] = {}
    for cell, up in parent.items():
        if up is not None:
            inside.setdefault(up, []).append(cell)
    for cell in sorted(sizes, key=lambda c: (-sizes[c], c)):
        rest = sizes[cell] - sum(sizes[c] for c in inside.get(cell, ()))
        if 0 < rest < k:
            return {cell, *inside.get(cell, ())}
    return None


def _search(classes: Mapping[frozenset[int], int], shown: set[int], k: int) -> set[int] | None:
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

    cells = sorted(shown & {c for s in classes for c in s})
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
    return {cell for cell, w in zip(cells, weights, strict=True) if abs(w) > ZERO_WEIGHT}


def _essential(
    witness: set[int], values: ValueSystem[Any], k: int, cells: Cells[int], sizes: Mapping[int, int]
) -> set[int]:
    """The set of a value disclosure to hide: the first, in order of priority, of a smallest
    witness that still discloses.

    The search may put weight on sets that cancel out (a department that is exactly one team);
    hiding one of those would hide a figure for nothing. So the witness is first made minimal,
    letting go of the sets to keep most (a MES before a trait, the tree before a breakdown,
    large before small) while a disclosure remains; every set left is then needed by it.
    """

    def priority(cell: int) -> tuple[object, ...]:
        return cells.priority(cell, sizes[cell])

    first = min(witness, key=priority)
    # Removing sets can only lose combinations: when the disclosure needs the first set, no
    # smaller witness lets go of it, and it is the first of the smallest one. Usually so.
    if len(witness) == 1 or values.disclosure(witness - {first}, k) is None:
        return {first}
    needed = set(witness)
    for cell in sorted(witness, key=priority, reverse=True):
        if len(needed) > 1 and values.disclosure(needed - {cell}, k) is not None:
            needed.discard(cell)
    return {min(needed, key=priority)}


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
