"""Reading JSON (an array of objects) and JSON Lines (one object per line) into a `RawTable`.

Each object is one response (LimeSurvey's incomplete ones, with an empty ``submitdate``, are
skipped as in the other formats); the headers are the union of the keys in order of first
appearance. Values become text the way validation expects: strings as they are, numbers as their
JSON text (``3``, ``4.5``), ``true``/``false`` for booleans (not 1 and 0: validation rejects them
as answers), null as an empty cell, and nested lists or objects as compact JSON. The row number of
a response is its index in the array, or its 0-based line in a JSON Lines file, as ``jq`` counts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import polars as pl

from mes.errors import InputError, Issue, error, unreadable
from mes.io.table import skip_incomplete
from mes.messages import Message, message
from mes.table import ROW, RawTable, SourceKind, data_column


def read_json(name: str, text: str, notes: list[Issue]) -> RawTable:
    """An array of objects: ``[{"team": "A", "signals": 4}, ...]``."""
    value = _loads(text, name)
    if isinstance(value, dict):
        raise _single_object(name, value)
    if not isinstance(value, list):
        raise unreadable(
            name,
            message(
                "this JSON holds {kind}, not an array of objects (one per response): "
                'give a file like [{{"team": "A", "signals": 4}}, ...]',
                kind=_kind(value),
            ),
            "not-json-array",
        )
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise InputError(
                _not_object(
                    name,
                    message("item {index} of the array is {kind}", index=index, kind=_kind(item)),
                    item=index,
                )
            )
    return _table(name, SourceKind.JSON, value, range(len(value)), notes)


def read_jsonl(name: str, text: str, notes: list[Issue]) -> RawTable:
    """JSON Lines: one object per line; blank lines are skipped but keep their number."""
    try:
        whole = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        whole = None  # several lines of objects: the normal case
    if isinstance(whole, dict):
        raise _single_object(name, whole)
    objects: list[dict[str, Any]] = []
    indexes: list[int] = []
    for index, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        item = _loads(line, name, line=index + 1)
        if not isinstance(item, dict):
            raise InputError(
                _not_object(
                    name,
                    message("line {line} is {kind}", line=index + 1, kind=_kind(item)),
                    item=index,
                )
            )
        objects.append(item)
        indexes.append(index)
    return _table(name, SourceKind.JSONL, objects, indexes, notes)


def _table(
    name: str,
    kind: SourceKind,
    objects: list[dict[str, Any]],
    indexes: Iterable[int],
    notes: list[Issue],
) -> RawTable:
    keys: dict[str, None] = {}
    for item in objects:
        for key in item:
            keys.setdefault(key, None)
    columns = {
        data_column(i): pl.Series([_text(item.get(key)) for item in objects], dtype=pl.String)
        for i, key in enumerate(keys)
    }
    columns[ROW] = pl.Series(list(indexes), dtype=pl.Int64)
    headers = tuple(keys)
    frame, skipped = skip_incomplete(headers, pl.DataFrame(columns), name, None)
    return RawTable(
        source=name, kind=kind, headers=headers, frame=frame, notes=tuple(notes + skipped)
    )


def _text(value: object) -> str | None:
    if type(value) is str or value is None:  # the common case first
        return value
    if isinstance(value, bool):  # before int: True is an int
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _loads(text: str, name: str, line: int | None = None) -> Any:
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        row = line if line is not None else exc.lineno
        where = f"line {row}, column {exc.colno}"
        raise unreadable(
            name,
            message(
                "this is not valid JSON ({msg} at {where}): fix the file or export it again",
                msg=exc.msg,
                where=where,
            ),
            "invalid-json",
        ) from None
    except (ValueError, RecursionError) as exc:  # NaN/Infinity, absurd numbers or nesting
        problem = (
            message(
                "this is not valid JSON on line {line} ({reason}): fix the file or export it again",
                line=line,
                reason=str(exc),
            )
            if line is not None
            else message(
                "this is not valid JSON ({reason}): fix the file or export it again",
                reason=str(exc),
            )
        )
        raise unreadable(name, problem, "invalid-json") from None


def _reject_constant(constant: str) -> Any:
    raise ValueError(f"{constant} is not a JSON value")


def _kind(value: object) -> Message:
    if isinstance(value, list):
        return message("an array")
    if isinstance(value, dict):
        return message("an object")
    if isinstance(value, str):
        return message("a string")
    if isinstance(value, bool):
        return message("a boolean")
    if value is None:
        return message("null")
    return message("a number")


def _not_object(name: str, what: Message, item: int) -> Issue:
    return error(
        "not-json-array",
        message(
            "{what}, not an object: every response must be an object such as "
            '{{"team": "A", "signals": 4}}',
            what=what,
        ),
        file=name,
        item=item,
    )


def _single_object(name: str, value: dict[str, Any]) -> InputError:
    lists = [key for key, inner in value.items() if isinstance(inner, list)]
    text = (
        message(
            "this JSON is a single object, not an array of objects (one per response) (the "
            "responses may be the list under {key!r}: save just that list, for example with "
            "jq '.{key}'); or write one object per line (JSON Lines)",
            key=lists[0],
        )
        if lists
        else message(
            "this JSON is a single object, not an array of objects (one per response); or "
            "write one object per line (JSON Lines)"
        )
    )
    return unreadable(name, text, "not-json-array")
