"""Readers: turn a survey export (xlsx, CSV, JSON, JSON Lines) into a format-neutral `RawTable`.

`read_table` is the only entry point. It recognises the format by content, not by extension,
reads it, and finds the header row with the instrument's `HeaderScorer`. Anything a user can
hand it that cannot be read becomes an `InputError` with one stable code per kind of problem;
problems in cells that were read (formulas without a saved result) become a `DataError`.

Modules: `source` (bytes and OS errors), `detect` (format by content, refusals), `text`
(encodings), `csv`, `json`, `xlsx` (readers), `safety` and `package` (workbook checks before
parsing), `scan` (what a worksheet's XML holds beyond calamine's values), `head` and `typed`
(a sheet's first rows read from its XML, and the typed load under them), `table` (header row,
empty rows and columns, survey-tool quirks), `prefetch` (a workbook checked and its load started
at command entry). Importing the package and its workbook checks loads neither polars nor
pydantic (`prefetch` runs them before those are imported); the readers import them when called.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from mes.io import detect
from mes.io.detect import Container, TextFormat
from mes.io.source import Source, open_source
from mes.messages import message, message_n

if TYPE_CHECKING:
    from mes.errors import Issue
    from mes.io.text import Text
    from mes.table import HeaderScorer, RawTable

__all__ = ["read_table"]


def read_table(
    source: str,
    *,
    data: bytes | None = None,
    sheet: str | None = None,
    header_scorer: HeaderScorer,
    parsing: Callable[[], None] | None = None,
) -> RawTable:
    """Read one survey file into a `RawTable`.

    ``source`` is the name as the user typed it and appears in every `Location`; with ``data``
    (standard input, ``source="<stdin>"``) those bytes are read instead of the file. ``sheet``
    picks a worksheet by name; without it the first visible sheet with recognised headers is used.
    ``parsing`` is called once when parsing starts: for a text file before it is decoded; for a
    workbook only after its package has passed the safety checks, when calamine starts loading,
    which releases the GIL for most of its time (the CLI imports what it needs later on another
    thread then, rather than slow the safety pass, and never for a refused workbook).
    Raises `InputError` for a file that cannot be read and `DataError` for formula cells without
    a saved result.
    """
    src = open_source(source, data)
    container = detect.sniff_container(src.head)
    if container is Container.ZIP:
        from mes.io.xlsx import read_xlsx  # calamine and the workbook checks: not for text

        return read_xlsx(src, sheet, header_scorer, parsing)
    if container is Container.OLE:
        raise detect.legacy_or_encrypted(source)
    if parsing is not None:
        parsing()
    from mes.io.csv import read_csv
    from mes.io.json import read_json, read_jsonl

    fast = _read_utf8_csv(src, sheet, header_scorer)
    if fast is not None:
        return fast
    raw = src.read_all()
    if _FILLED_BYTE.search(raw) is None:
        raise detect.empty_file(source)
    text = _decode(raw, source, src.suffix)
    if detect.is_blank(text.text):
        raise detect.empty_file(source)
    fmt = detect.sniff_text(text.text)
    if fmt is TextFormat.HTML:
        raise detect.html_page(source, src.suffix)
    if fmt is TextFormat.XML:
        raise detect.xml_file(source)
    if detect.claims_workbook(src.suffix):
        raise detect.misnamed_text(source, src.suffix, fmt)
    notes = _text_notes(source, text.nul_count, sheet)
    if fmt is TextFormat.JSON:
        return read_json(source, text.text, notes)
    if fmt is TextFormat.JSONL:
        return read_jsonl(source, text.text, notes)
    if src.suffix in _JSON_SUFFIXES:
        # Content decides, but a .json file holding a bare string or number is still meant as
        # JSON: refuse it as JSON ("not an array of objects") rather than read it as a CSV.
        return read_json(source, text.text, notes)
    return read_csv(source, text, header_scorer, notes)


_JSON_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson"})
#: A byte that is not blank: a file without one is empty (searched for, not stripped: no copy).
_FILLED_BYTE = re.compile(rb"[^ \t\r\n\f\v\x00]")


def _read_utf8_csv(src: Source, sheet: str | None, header_scorer: HeaderScorer) -> RawTable | None:
    """The usual large input, a UTF-8 CSV, read without decoding it; else ``None``.

    Decoding a million-row file to a str and encoding it back for polars cost a third of reading
    it and two copies of the file in memory. Here only the head is decoded, polars parses the
    file itself (from its path: not even one copy of it in Python), and only a file whose head
    settles every check the text path makes is read this way; for anything else this returns
    ``None`` and the text path reads the file, giving the same table or the same refusal.
    """
    from mes.io.csv import read_utf8_csv
    from mes.io.text import HEAD_BYTES, utf8_head

    if detect.claims_workbook(src.suffix) or src.suffix in _JSON_SUFFIXES:
        return None
    head = utf8_head(src.start(HEAD_BYTES + 1))
    if head is None:
        return None
    text, whole = head
    # A blank head, a head that is not a CSV, NULs to remove: the text path says what to do.
    if detect.is_blank(text) or detect.sniff_text(text) is not TextFormat.CSV:
        return None
    if not whole and src.contains(b"\x00"):
        return None
    # polars expands a leading "~" of a name: give it the whole path of a relative one.
    data = src.path.absolute() if src.path is not None else src.data
    assert data is not None
    notes = _text_notes(src.name, 0, sheet)
    return read_utf8_csv(src.name, data, text, whole, header_scorer, notes)


def _decode(raw: bytes, source: str, suffix: str) -> Text:
    from mes.errors import InputError
    from mes.io.text import decode

    try:
        return decode(raw, source)
    except InputError:
        if detect.claims_workbook(suffix):  # binary junk under a workbook name
            raise detect.not_a_workbook(
                source,
                message("data of an unknown kind"),
                message("export the survey results again as .xlsx or .csv"),
            ) from None
        raise


def _text_notes(source: str, nul_count: int, sheet: str | None) -> list[Issue]:
    from mes.errors import warning

    notes: list[Issue] = []
    if nul_count:
        notes.append(
            warning(
                "nul-bytes-removed",
                message_n(
                    "{n} NUL byte removed: they are not text, and the file may have been "
                    "damaged in transfer",
                    "{n} NUL bytes removed: they are not text, and the file may have been "
                    "damaged in transfer",
                    nul_count,
                    n=nul_count,
                ),
                file=source,
            )
        )
    if sheet is not None:
        notes.append(
            warning(
                "sheet-ignored",
                message(
                    "--sheet {sheet!r} was ignored: this is a text file, which has no sheets",
                    sheet=sheet,
                ),
                file=source,
            )
        )
    return notes
