"""How ``pybabel extract`` finds mes's texts (see babel.cfg and docs/translating.md).

Babel's own Python extractor reads tokens, and on Python 3.11 an f-string is one token: a
``tr(lang, "...")`` inside an f-string, or a call with an f-string among its arguments, would be
skipped without a word. This extractor reads the syntax tree instead and finds every call of a
marking function (`mes.render.words.tr`, `tr_ctx`, `tr_n`, `mes.messages.message`,
`message_n`, `N_`) wherever it is; a text that is itself an f-string is refused, as it cannot be
looked up. mes never imports this module.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any


def extract(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, tuple[str | None, ...], list[str]]]:
    """Babel's extraction interface: (line, function, its literal arguments, comments)."""
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id not in keywords:
            continue
        args: list[str | None] = []
        for arg in node.args:
            if isinstance(arg, ast.JoinedStr):
                where = getattr(fileobj, "name", "?")
                raise ValueError(f"{where}:{node.lineno}: an f-string cannot be translated")
            text = arg.value if isinstance(arg, ast.Constant) else None
            args.append(text if isinstance(text, str) else None)
        if any(a is not None for a in args):
            yield node.lineno, node.func.id, tuple(args), []
