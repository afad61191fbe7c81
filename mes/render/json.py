"""JSON output: the result models serialised as they are, never through Rich.

The same input and options give byte-identical output: no timestamps, stable key order (the
models' field order) and stable group order (decided in the core).

Numbers are rounded here, and only here, to `DECIMALS` decimal places (1e-9): far below any
difference that means something on a 0-100 score or a 0-1 share, and enough to turn the noise of
floating-point arithmetic into the number it stands for (``5.55e-17`` is 0, ``0.30000000000000004``
is 0.3). p-values can be meaningfully tiny, so they keep `P_DIGITS` significant digits instead.
A saved result read back by ``mes diff`` differs from the unrounded figures by at most 5e-10.
"""

from __future__ import annotations

from typing import Any

import pydantic_core
from pydantic import BaseModel

#: Decimal places of every number in the JSON output (p-values excepted).
DECIMALS = 9
#: Significant digits of a p-value (keys ``p`` and ``*_p``).
P_DIGITS = 9


def to_json(result: BaseModel) -> str:
    """The versioned JSON document of a result, with a final newline."""
    data = rounded(result.model_dump(mode="json"))
    return pydantic_core.to_json(data, indent=2).decode("utf-8") + "\n"


def rounded(value: Any, key: str = "") -> Any:
    """``value`` with every float rounded as the module says; the rest unchanged."""
    if isinstance(value, float):
        if key == "p" or key.endswith("_p"):
            return float(f"{value:.{P_DIGITS}g}") + 0.0
        return round(value, DECIMALS) + 0.0  # + 0.0: never -0.0
    if isinstance(value, dict):
        return {k: rounded(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded(v, key) for v in value]
    return value
