"""Turning the bytes of a text export (CSV, JSON) into a str, whatever program wrote them.

Excel on Dutch Windows writes CSV as cp1252 ("CSV (gescheiden door lijstscheidingsteken)"), as
UTF-8 with a BOM ("CSV UTF-8") or as UTF-16 with tabs ("Unicode-tekst"); web tools write UTF-8
without a BOM. The order below never turns valid UTF-8 into mojibake ("FinanciÃ«n"): a BOM wins,
then UTF-16 recognised by its NUL pattern, then strict UTF-8, then cp1252. A file that mixes UTF-8
with another encoding is refused rather than half-garbled. NUL bytes are removed (and reported by
the caller); a file that is mostly control characters is binary, not text, and is refused.

`decode` turns a whole file into a str. `utf8_head` serves the common case of a large UTF-8 CSV
without decoding it: only the head is decoded (to sniff and locate), and polars parses (and
checks) the bytes; whatever the head cannot settle is left to `decode`.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from mes.errors import unreadable
from mes.messages import message

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# A well-formed UTF-8 multi-byte sequence: its presence next to invalid bytes means mixed encodings.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Control characters that a survey export holds only by accident (tab, line breaks, vertical tab
# and form feed are whitespace; an escape that starts a terminal colour code such as ESC[31m,
# pasted from another program with the text, is not counted either). A few are read and shown
# escaped (\x1b) in messages; a file full of them is binary.
_CONTROL = re.compile(r"\x1b(?![\[\]()])|[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f\x80-\x9f]")
#: More than this many such characters, and more than 1 in 100 of the first 64 KB: binary.
_MAX_STRAY = 16
_SNIFF = 64 * 1024


@dataclass(frozen=True)
class Text:
    """Decoded text and how it was decoded."""

    text: str
    encoding: str
    nul_count: int  # NUL characters removed


def decode(data: bytes, name: str) -> Text:
    """Decode ``data`` (the whole file) or refuse it as ``unreadable-text``."""
    encoding, body = _choose_encoding(data, name)
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise unreadable(
            name,
            message(
                "the file says it is {encoding} text but byte {byte} is not: open it in "
                "Excel and save it again as 'CSV UTF-8'",
                encoding=encoding.upper(),
                byte=exc.start + 1,
            ),
            "unreadable-text",
        ) from None
    nul_count = text.count("\x00")
    if nul_count:
        text = text.replace("\x00", "")
    if _is_binary(text):
        raise unreadable(
            name,
            message(
                "this is not a text file, a workbook or JSON (it holds binary data): "
                "export the survey results as .xlsx or .csv"
            ),
            "unreadable-text",
        )
    return Text(text=text, encoding=encoding, nul_count=nul_count)


#: Bytes of the head `utf8_head` decodes: at least ``2 * 64 K`` characters, whatever they are.
HEAD_BYTES = 4 * 2 * _SNIFF


def utf8_head(start: bytes) -> tuple[str, bool] | None:
    """The decoded head of a file whose first bytes are ``start``, and whether that is all of it.

    ``start`` is the first ``HEAD_BYTES + 1`` bytes of the file (all of them for a shorter
    file). ``None`` unless `decode` would read the head as UTF-8 with nothing removed: a UTF-8
    BOM or none (and not UTF-16), no NUL, not binary. The rest of the file is not looked at:
    the caller makes sure it holds no NUL either and has polars check, as it parses them, that
    its bytes are UTF-8.
    """
    bom = 0
    for mark, encoding in _BOMS:
        if start.startswith(mark):
            if encoding != "utf-8":
                return None
            bom = len(mark)
            break
    else:
        if _utf16_without_bom(start[:_SNIFF]):
            return None
    whole = len(start) <= HEAD_BYTES
    try:
        # A character cut at the end of the head is left out, not an error.
        text, _ = codecs.utf_8_decode(start[bom:HEAD_BYTES], "strict", whole)
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text or _is_binary(text) else (text, whole)


def _is_binary(text: str) -> bool:
    sample = text[:_SNIFF]
    return bool(sample) and len(_CONTROL.findall(sample)) > max(_MAX_STRAY, len(sample) // 100)


def _choose_encoding(data: bytes, name: str) -> tuple[str, bytes]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    utf16 = _utf16_without_bom(data[:_SNIFF])
    if utf16:
        return utf16, data
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        valid = len(_UTF8_MULTIBYTE.findall(data))
        if valid and valid >= _invalid_utf8_count(data):
            line = data.count(b"\n", 0, exc.start) + 1
            raise unreadable(
                name,
                message(
                    "the file mixes UTF-8 with another text encoding (first odd byte on "
                    "line {line}): open it in Excel and save it again as 'CSV UTF-8'",
                    line=line,
                ),
                "unreadable-text",
            ) from None
        return ("cp1252" if _is_cp1252(data) else "latin-1"), data
    return "utf-8", data


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text where every other byte is NUL."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.6 and even_nul < 0.1 and len(sample) % 2 == 0:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.1 and len(sample) % 2 == 0:
        return "utf-16-be"
    return None


def _invalid_utf8_count(data: bytes) -> int:
    return data.decode("utf-8", errors="replace").count("\ufffd")


def _is_cp1252(data: bytes) -> bool:
    # cp1252 leaves five bytes undefined; a file with them is Latin-1 (or not text at all).
    return not any(byte in data for byte in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"))
