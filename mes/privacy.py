"""The one place that decides which groups may be shown; every output obeys its decisions.

Rules (BRIEF, "Anonymity"), with ``k`` the minimum group size:

1. A group with fewer than ``k`` scored respondents is suppressed: its name may be shown, its
   figures and its exact count may not.
2. Suppression must not be undone by subtraction. For every shown parent and every breakdown of
   it (departments of the organisation, teams of a department, roles of the organisation, ...),
   the respondents hidden among its children, i.e. the suppressed children plus the members in
   no child, must be none or at least ``k``. Otherwise the smallest shown sibling is suppressed
   too, and the check repeats.
3. Every descendant of a suppressed group is suppressed as well: showing all the teams of a
   hidden department would rebuild the department, and from it the group it was hiding.

The decisions are made on counts alone, so they are the same for every output format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

#: Below this minimum group size suppression no longer protects anyone; it is refused.
LOWEST_MIN_GROUP_SIZE = 3


class Suppression(StrEnum):
    TOO_FEW = "too-few-respondents"
    PROTECTS_OTHER = "protects-another-group"
    PARENT_SUPPRESSED = "parent-suppressed"


@dataclass(frozen=True)
class Node:
    """A group as privacy sees it: its place in the tree and its number of scored respondents.

    ``extra`` holds further counts shown exactly beside ``n`` (e.g. how many people joined and
    left a team between two quarters); each obeys the same rules, except that 0 may be shown.
    """

    id: str
    parent: str | None
    breakdown: str  # children of one parent with the same breakdown partition it
    n: int
    name: str = ""  # only to make the choice between equally small siblings stable
    extra: tuple[int, ...] = ()

    def too_small(self, k: int) -> bool:
        return self.n < k or any(0 < c < k for c in self.extra)


def decide(nodes: Sequence[Node], k: int) -> dict[str, Suppression | None]:
    """For every node: None if it may be shown, else why it is suppressed."""
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
        for node in nodes:  # rule 3: hide below a hidden group
            parent = node.parent
            if parent is not None and decision[parent] and not decision[node.id]:
                decision[node.id] = Suppression.PARENT_SUPPRESSED
                changed = True
        for (parent_id, _), siblings in children.items():  # rule 2: no remainder below k
            if decision[parent_id]:
                continue
            owner = by_id[parent_id]
            while True:
                shown = [s for s in siblings if not decision[s.id]]
                hidden = _remainders(owner, shown)
                if all(h == 0 or h >= k for h in hidden) or not shown:
                    break
                smallest = min(shown, key=lambda s: (s.n, s.name, s.id))
                decision[smallest.id] = Suppression.PROTECTS_OTHER
                changed = True
    return decision


def _remainders(parent: Node, shown: list[Node]) -> list[int]:
    """Per count (n, then each extra): the parent's total minus what its shown children show."""
    totals = [parent.n, *parent.extra]
    for child in shown:
        for i, count in enumerate((child.n, *child.extra)):
            totals[i] -= count
    return totals


def hidden_remainders(nodes: Sequence[Node], decision: dict[str, Suppression | None]) -> list[int]:
    """For every shown parent and breakdown: how many of its members no shown child reveals.

    Used by tests to check rule 2 on the final decisions: every value must be 0 or >= k.
    """
    by_id = {node.id: node for node in nodes}
    groups: dict[tuple[str, str], int] = {}
    for node in nodes:
        if node.parent is None or decision[node.parent]:
            continue
        key = (node.parent, node.breakdown)
        groups.setdefault(key, by_id[node.parent].n)
        if not decision[node.id]:
            groups[key] -= node.n
    return list(groups.values())
