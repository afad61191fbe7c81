"""Comparing two JSON outputs that may differ by the rounding of saved results.

JSON numbers are rounded to 9 decimal places (`mes.render.json`); a result computed from a saved
(rounded) result can differ from the one computed from the survey in the last of those places.
Everything else must be equal: keys, texts, counts, order.
"""

from __future__ import annotations

import json
import math
from typing import Any

#: Two figures this close are the same figure (two roundings of 5e-10 each, and their sum).
TOLERANCE = 1e-8


def same_json(a: str, b: str) -> bool:
    """Whether two JSON documents are equal but for floats within `TOLERANCE`."""
    return _same(json.loads(a), json.loads(b))


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        if not isinstance(a, int | float) or not isinstance(b, int | float):
            return False
        return math.isclose(a, b, rel_tol=TOLERANCE, abs_tol=TOLERANCE)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b) and type(a) is type(b)
