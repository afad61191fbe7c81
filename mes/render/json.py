"""JSON output: the result models serialised as they are, never through Rich.

The same input and options give byte-identical output: no timestamps, stable key order (the
models' field order) and stable group order (decided in the core).
"""

from __future__ import annotations

from pydantic import BaseModel


def to_json(result: BaseModel) -> str:
    """The versioned JSON document of a result, with a final newline."""
    return result.model_dump_json(indent=2) + "\n"
