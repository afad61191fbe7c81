"""The message catalogue: every text mes can show has a Dutch translation with the same
placeholders, and the committed .mo is the compiled .po.

The texts are found as ``pybabel extract`` finds them (docs/translating.md): Babel with mes's
extractor (mes/babel_extract.py) and the same keywords, so a text the workflow would miss fails
here too; and, independently, by walking the syntax tree of every module.
"""

from __future__ import annotations

import ast
import io
import string
import warnings
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "mes" / "locale"
PO = LOCALE / "nl" / "LC_MESSAGES" / "mes.po"
MO = LOCALE / "nl" / "LC_MESSAGES" / "mes.mo"

#: The marking functions and which argument is the text (as on the pybabel command line).
KEYWORDS = {
    "tr": (2,),
    "tr_ctx": ((2, "c"), 3),
    "tr_n": (2, 3),
    "message": (1,),
    "message_n": (1, 2),
    "N_": (1,),
}


def _extracted() -> dict[tuple[str | tuple[str, ...], str | None], str]:
    """(msgid, context) -> where it was found, for every marked text in the package."""
    found: dict[tuple[str | tuple[str, ...], str | None], str] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Babel warns when it has to skip a call: a lost text
        for filename, lineno, msgid, _comments, context in extract_from_dir(
            str(ROOT / "mes"),
            method_map=[("**.py", "mes.babel_extract:extract")],
            keywords=KEYWORDS,
        ):
            found.setdefault((msgid, context), f"mes/{filename}:{lineno}")
    return found


@pytest.fixture(scope="module")
def extracted() -> dict[tuple[str | tuple[str, ...], str | None], str]:
    return _extracted()


@pytest.fixture(scope="module")
def catalogue() -> Catalog:
    with PO.open("rb") as fh:
        return read_po(fh, locale="nl")


def _fields(text: str) -> set[str]:
    """The placeholders of a ``str.format`` template, with conversion and format spec."""
    return {
        f"{name}!{conv or ''}:{spec or ''}"
        for _, name, spec, conv in string.Formatter().parse(text)
        if name is not None
    }


def test_the_source_has_marked_texts(extracted: dict[object, str]) -> None:
    # A guard against the test passing because the extractor found nothing.
    assert ("Organisation", None) in extracted
    assert ("About", "diff workbook") in extracted
    assert ("fewer than {k} respondents", None) in extracted
    assert len(extracted) > 500


#: Where the text (and the context) is among the positional arguments, 0-based.
_TEXT_ARG = {"tr": 1, "tr_ctx": 2, "tr_n": 1, "message": 0, "message_n": 0, "N_": 0}


def _marked_in_source() -> list[tuple[str, str | None, str]]:
    """(text, context, where) of every marking call whose text is a literal, found by reading the
    syntax tree: Babel silently skips a call with an f-string among its arguments."""
    out = []
    for path in sorted((ROOT / "mes").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            index = _TEXT_ARG.get(node.func.id)
            if index is None or len(node.args) <= index:
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            text = node.args[index]
            assert not isinstance(text, ast.JoinedStr), f"{where}: an f-string cannot be translated"
            if isinstance(text, ast.Constant) and isinstance(text.value, str):
                context = None
                if node.func.id == "tr_ctx":
                    assert isinstance(node.args[1], ast.Constant), where
                    context = node.args[1].value
                out.append((text.value, context, where))
    return out


def test_babel_finds_every_marked_text(
    extracted: dict[tuple[str | tuple[str, ...], str | None], str],
) -> None:
    singular = {(m[0] if isinstance(m, tuple) else m, c) for m, c in extracted}
    lost = [
        where for text, context, where in _marked_in_source() if (text, context) not in singular
    ]
    assert not lost, f"pybabel extract skips these (an f-string among the arguments?): {lost}"


def test_every_text_has_a_dutch_translation_with_the_same_placeholders(
    extracted: dict[tuple[str | tuple[str, ...], str | None], str], catalogue: Catalog
) -> None:
    problems = []
    for (msgid, context), where in sorted(extracted.items(), key=lambda kv: kv[1]):
        entry: Message | None = catalogue.get(msgid, context=context)
        if entry is None:
            problems.append(f"{where}: not in mes.po: {msgid!r}")
            continue
        if entry.fuzzy:
            problems.append(f"{where}: fuzzy in mes.po: {msgid!r}")
        sources = msgid if isinstance(msgid, tuple) else (msgid,)
        targets = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if not all(targets):
            problems.append(f"{where}: no Dutch for {msgid!r}")
            continue
        want = set().union(*(_fields(s) for s in sources))
        for target in targets:
            got = _fields(target)
            # A Dutch singular may say "één" instead of {n}; it may never add a placeholder.
            missing = want - got if len(targets) == 1 or target is targets[-1] else set()
            if got - want or missing:
                problems.append(
                    f"{where}: placeholders differ for {msgid!r}: {sorted(want)} vs {sorted(got)}"
                )
    assert not problems, "\n".join(problems)


def test_the_catalogue_holds_no_text_the_source_no_longer_has(
    extracted: dict[tuple[str | tuple[str, ...], str | None], str], catalogue: Catalog
) -> None:
    stale = [
        m.id for m in catalogue if m.id and (m.id, m.context) not in extracted and not m.obsolete
    ]
    assert not stale, f"run pybabel update (docs/translating.md); stale: {stale}"


def test_the_committed_mo_is_the_compiled_po(catalogue: Catalog) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    assert MO.read_bytes() == compiled.getvalue(), "run pybabel compile (docs/translating.md)"


def test_the_template_is_up_to_date(
    extracted: dict[tuple[str | tuple[str, ...], str | None], str],
) -> None:
    with (LOCALE / "mes.pot").open("rb") as fh:
        template = read_po(fh)
    ids = {(m.id, m.context) for m in template if m.id}
    assert ids == set(extracted), "run pybabel extract (docs/translating.md)"
