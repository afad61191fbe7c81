"""Text from the input made safe to put in a spreadsheet cell (or a CSV field).

Three dangers, one function (`safe_text`):

- **Formula injection** (OWASP, "CSV Injection"): a field starting with ``= + - @``, a tab or a
  carriage return may be run as a formula by Excel or LibreOffice. Such text gets a leading single
  quote ``'`` and is otherwise kept verbatim. (The workbook writer also stores every string as a
  text cell, so even without the quote nothing is evaluated; the quote protects the text when a
  user copies it into another sheet or saves the workbook as CSV.)
- **Characters a workbook cannot hold**: XML 1.0 forbids most C0 control characters, lone
  surrogates and U+FFFE/U+FFFF; openpyxl raises ``IllegalCharacterError`` on them. They are
  replaced by U+FFFD, the usual "unreadable character" sign, so the rest of the text survives.
- **Excel's cell limit** of 32,767 characters: longer text is cut and ends in a visible
  "… [shortened]", never silently.

This module imports no spreadsheet library, so CSV writers can use it too.
"""

from __future__ import annotations

import re

from mes.render import Lang
from mes.render.catalogue import tr

#: Excel's maximum number of characters in one cell (counted in UTF-16 code units).
EXCEL_CELL_LIMIT = 32_767

#: First characters that make a spreadsheet treat text as a formula (OWASP CSV-injection list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

REPLACEMENT = "\ufffd"


# XML 1.0 allows tab, LF and CR among the C0 controls; everything else below 0x20 is illegal.
# Lone surrogates cannot be encoded as UTF-8 at all, and U+FFFE/U+FFFF are not XML characters.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def safe_text(value: str, *, limit: int = EXCEL_CELL_LIMIT, lang: Lang = "en") -> str:
    """``value`` made safe for a cell: no formula trigger, no illegal character, within limit.

    >>> safe_text('=HYPERLINK("http://x","click")')
    '\\'=HYPERLINK("http://x","click")'
    >>> safe_text("Team\\x07A") == "Team\\ufffdA"
    True
    """
    text = _ILLEGAL.sub(REPLACEMENT, value)
    if text.startswith(FORMULA_TRIGGERS):
        text = "'" + text
    return shorten(text, limit, lang)


def shorten(text: str, limit: int = EXCEL_CELL_LIMIT, lang: Lang = "en") -> str:
    """``text`` cut to ``limit`` UTF-16 code units, ending in a visible "… [shortened]"."""
    if len(text) <= limit // 2 or _utf16_length(text) <= limit:  # the first test is the fast path
        return text
    suffix = tr(lang, "… [shortened]")
    keep = limit - _utf16_length(suffix)
    # Cut in UTF-16, as Excel counts; "ignore" drops half of a surrogate pair cut in two.
    head = text.encode("utf-16-le")[: 2 * keep].decode("utf-16-le", errors="ignore")
    return head + suffix


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
