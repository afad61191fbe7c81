"""Group names: the spellings of one name become one name.

Department, team and ``--by`` values are typed by hand or picked from lists that change between
quarters, so one team arrives as "Telefonie", "telefonie " and "Tele\u00a0fonie". They are the same
name when they are equal after Unicode NFKC, case folding and collapsing every kind of
whitespace (spaces, tabs, line breaks, no-break spaces); `mes diff` matches quarters by the same
rule (`mes.instrument.normalize_text`). A merged name is shown in its most frequent spelling
(surrounding and doubled whitespace removed; ties go to the first in code-point order, so the
result does not depend on the order of the rows). Spellings that differ in case or compatibility
form are listed in a warning; differences of whitespace or of Unicode composition alone are not
visible and are merged without one. Group names are not personal data; personal columns never
come here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import polars as pl

from mes.instrument import normalize_text


def clean(text: str | None) -> str | None:
    """A name as shown: NFC, whitespace of any kind collapsed to one space and trimmed; blank
    becomes None."""
    if text is None:
        return None
    cleaned = " ".join(unicodedata.normalize("NFC", text).split())
    return cleaned or None


def name_key(text: str) -> str:
    """What two spellings of a name are compared by (the same rule as `mes diff`)."""
    return normalize_text(text)


@dataclass(frozen=True)
class Merged:
    """Spellings (whitespace tidied) that were taken as one name, shown as ``shown``."""

    shown: str
    spellings: tuple[str, ...]


@dataclass(frozen=True)
class Names:
    """The name every distinct cell text of a column is shown as (None: blank), and the merges."""

    raw: tuple[str, ...]
    shown: tuple[str | None, ...]
    merged: tuple[Merged, ...]

    def expr(self, column: str) -> pl.Expr:
        """The column's cells replaced by their shown names (blank and null become null)."""
        if self.raw == self.shown:  # every name shown as written: the column itself, not a copy
            return pl.col(column)
        return pl.col(column).replace_strict(
            list(self.raw), list(self.shown), default=None, return_dtype=pl.String
        )


def one_name_each(column: pl.Series) -> Names:
    """The shown name of every distinct text of a column of group names.

    Works on the distinct texts with their counts, so a million rows of a few hundred team names
    cost one ``value_counts``.
    """
    counts = column.drop_nulls().value_counts(sort=False, name="_n")
    families: dict[str, dict[str, int]] = {}  # key -> cleaned spelling -> rows
    cleaned_of: dict[str, str | None] = {}
    for text, n in counts.iter_rows():
        cleaned = clean(text)
        cleaned_of[text] = cleaned
        if cleaned is None:
            continue
        key = name_key(cleaned)
        family = families.setdefault(key, {})
        family[cleaned] = family.get(cleaned, 0) + int(n)
    shown_of_key = {
        key: min(family, key=lambda s: (-family[s], s)) for key, family in families.items()
    }
    raw = tuple(cleaned_of)
    shown = tuple(
        shown_of_key[name_key(c)] if (c := cleaned_of[text]) is not None else None for text in raw
    )
    # Spellings that differ only in whitespace or in Unicode composition look the same; they
    # are merged without a word. Case and compatibility forms (NFKC) are said.
    merged = tuple(
        Merged(shown_of_key[key], tuple(sorted(family)))
        for key, family in sorted(families.items(), key=lambda kv: shown_of_key[kv[0]])
        if len(family) > 1
    )
    return Names(raw=raw, shown=shown, merged=merged)


def quoted(text: str) -> str:
    """A spelling in a message: in quotes, with invisible characters written out (``\\xa0``)."""
    return repr(text)
