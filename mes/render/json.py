"""JSON output: the result models serialised as they are, never through Rich.

The same input and options give byte-identical output: no timestamps, stable key order (the
models' field order) and stable group order (decided in the core).
"""

from __future__ import annotations

from functools import partial

from pydantic import BaseModel

from mes.render import Lang


def to_json(result: BaseModel, lang: Lang = "en") -> str:
    """The versioned JSON document of a result, with a final newline; the messages of its issues
    in ``lang`` (keys, codes and figures are the same in every language)."""
    from mes.render.words import issue_text

    context = {"issue_text": partial(issue_text, lang=lang)}
    return result.model_dump_json(indent=2, context=context) + "\n"
