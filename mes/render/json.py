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

import re
from functools import partial
from typing import Any

from pydantic import BaseModel

from mes.render import Lang

#: Decimal places of every number in the JSON output (p-values excepted).
DECIMALS = 9
#: Significant digits of a p-value (keys ``p`` and ``*_p``).
P_DIGITS = 9

#: Where a number that rounding may change can be: more than `DECIMALS` decimals, an exponent,
#: or -0.0. Each pattern starts with a literal character, so that scanning a document of tens of
#: megabytes (a million per-person rows) stays fast.
_HINTS = (re.compile(r"\.[0-9]{10}"), re.compile(r"e[-+]?[0-9]"), re.compile(r"-0\.0(?![0-9])"))
_NUMBER_CHARS = frozenset("0123456789.-+e")
#: The key a value on its line belongs to.
_KEY = re.compile(r'"([A-Za-z0-9_]*)": $')


def to_json(result: BaseModel, lang: Lang = "en") -> str:
    """The versioned JSON document of a result, with a final newline; the messages of its issues
    in ``lang`` (keys, codes and figures are the same in every language).

    pydantic writes the document (fast, in Rust); the few numbers rounding can change are then
    rewritten in place. A number is rewritten only where it ends its line: with ``indent=2``
    every value does, and a JSON string never holds a raw line break, so text inside a string
    (a team called "Tele 1.23456789012") is never touched. `rounded` is the same rule on
    parsed JSON.
    """
    from mes.render.words import issue_text

    context = {"issue_text": partial(issue_text, lang=lang)}
    text = result.model_dump_json(indent=2, context=context) + "\n"
    tokens: dict[int, int] = {}  # start -> end of each number to rewrite
    for hint in _HINTS:
        for match in hint.finditer(text):
            start = end = match.start()
            while start > 0 and text[start - 1] in _NUMBER_CHARS:
                start -= 1
            while text[end] in _NUMBER_CHARS:
                end += 1
            after = text[end : end + 2]
            if text[start - 1] == " " and (after[:1] == "\n" or after == ",\n"):
                tokens[start] = end
    if not tokens:
        return text
    parts, done = [], 0
    for start in sorted(tokens):
        end = tokens[start]
        try:
            value = float(text[start:end])
        except ValueError:
            continue
        key = _KEY.search(text, max(0, start - 80), start)
        parts += [text[done:start], repr(_round(value, key.group(1) if key else ""))]
        done = end
    return "".join([*parts, text[done:]])


def rounded(value: Any, key: str = "") -> Any:
    """``value`` (parsed JSON) with every float rounded as the module says; the rest unchanged."""
    if isinstance(value, float):
        return _round(value, key)
    if isinstance(value, dict):
        return {k: rounded(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded(v, key) for v in value]
    return value


def _round(value: float, key: str) -> float:
    if key == "p" or key.endswith("_p"):
        return float(f"{value:.{P_DIGITS}g}") + 0.0
    return round(value, DECIMALS) + 0.0  # + 0.0: never -0.0
