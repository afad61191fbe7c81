"""Renderers: turn result models into terminal tables, JSON and workbooks.

Renderers format and nothing else: what may be shown has been decided by `mes.privacy` and is
already reflected in the result models; figures are rounded here, at the edge, and only here.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Literal

Lang = Literal["en", "nl"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    XLSX = "xlsx"


def inert_text(text: str, limit: int | None = None) -> str:
    """Data text made safe for a terminal: control characters (ANSI escapes included) shown as
    ``\\xNN`` instead of acted on, newlines and tabs as spaces, long text shortened with "…"."""
    text = text.replace("\n", " ").replace("\t", " ").replace("\r", " ")
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text
