"""Instrument files the examples pass with ``--instrument``, written as a user would write them.

Each is a complete TOML file in the shape of ``mes instrument``'s output, written from scratch
here (not copied from mes) so that the examples also check that such a file is understood.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .org import STATEMENTS_EN, STATEMENTS_NL, TRAITS

TRAIT_NAMES = (
    ("Customer signals", "Klantsignalen"),
    ("Room", "Ruimte"),
    ("Criticism", "Kritiek"),
    ("Feedback", "Feedback"),
    ("Speed", "Snelheid"),
)


@dataclass(frozen=True)
class ItemSpec:
    """One statement: its texts, extra headers it appears under, and whether it is reversed."""

    text_nl: str
    text_en: str
    headers: tuple[str, ...] = ()
    reverse: bool = False


def _s(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _array(texts: Sequence[str]) -> str:
    return "[" + ", ".join(_s(t) for t in texts) + "]"


def instrument_toml(
    *,
    name: str,
    items: Sequence[ItemSpec],
    labels: Mapping[str, int] | None = None,
    missing: Sequence[str] = (),
    columns: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """A one-item-per-trait instrument on 1-5 with the MES-5 trait keys."""
    lines = [
        f"# {name}: written by tests/examples/build.py for one of mes's example files.",
        f"id = {_s(name.lower().replace(' ', '-'))}",
        f"name = {_s(name)}",
        'version = "1"',
        "",
        "[scale]",
        "min = 1",
        "max = 5",
        "labels = { " + ", ".join(f"{_s(k)} = {v}" for k, v in (labels or {}).items()) + " }",
        f"missing = {_array(missing)}",
        "",
        "[columns]",
    ]
    for dimension in ("id", "team", "department", "role"):
        lines.append(f"{dimension} = {_array((columns or {}).get(dimension, ()))}")
    for key, (trait_name, trait_nl), item in zip(TRAITS, TRAIT_NAMES, items, strict=True):
        lines += [
            "",
            "[[traits]]",
            f"key = {_s(key)}",
            f"name = {_s(trait_name)}",
            f"name_nl = {_s(trait_nl)}",
            "",
            "[[traits.items]]",
            f"key = {_s(key)}",
            f"text_nl = {_s(item.text_nl)}",
            f"text_en = {_s(item.text_en)}",
            f"headers = {_array(item.headers)}",
            f"reverse = {'true' if item.reverse else 'false'}",
        ]
    return "\n".join(lines) + "\n"


def write_instrument(path: Path, text: str) -> tuple[str, str]:
    """Write the file; the CLI options that use it."""
    path.write_text(text, encoding="utf-8")
    return ("--instrument", str(path))


def default_items(headers: Sequence[Sequence[str]] | None = None) -> list[ItemSpec]:
    """The MES-5 statements, each with extra headers (e.g. survey-tool question codes)."""
    extra = headers or [()] * len(TRAITS)
    return [
        ItemSpec(nl, en, tuple(h))
        for nl, en, h in zip(STATEMENTS_NL, STATEMENTS_EN, extra, strict=True)
    ]
