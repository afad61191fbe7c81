"""One way for every terminal table to fit the console's width, and text that wraps cleanly.

**Columns with a priority.** A table is a name column (group, team, aspect, measure) and a list
of `Column` objects, each with its header, its cells, a ``rank`` and optional narrower forms
(`Fold`). `fit_table` lays them out within ``width`` console columns:

1. Everything at its full form, names whole. If it fits, done.
2. Otherwise it gives up the least important thing first: every fold or drop whose rank is the
   lowest still in play is applied (columns of equal rank go together, so all trait columns fold
   at once), then the next rank, and so on. `KEEP` (the default rank) is never dropped.
3. From rank ``name_rank`` on, it also tries cutting the names (keeping at least `NAME_MIN`
   cells after the indent) before giving up anything more. Names are cut so that no two
   different names read the same: a cut name keeps a distinguishing tail
   ("Klantcontact N…Twente", "Klantcontact…Drenthe"), and if no tail tells them apart the name
   column is widened instead. A name longer than `NAME_CAP` is always cut.
4. If even the most compact layout is too wide (a console far below 80 columns), names are cut
   further; the table may then be wider than the console rather than cut figures short.

A row may carry a note (``notes=``, e.g. "suppressed"): it replaces the row's cell in the last
column shown, so it stays in the row whichever columns are left out.

`Fitted.notes` says what was left out ("Left out to fit 80 columns: 95% CI, …", naming every
dropped column and every fold's loss, and how to see them) and lists the full names of the
names that were cut. Adding a column is one line: ``Column(header, cells, rank=...)``; see
`mes.render.terminal.score` for a table built this way. Ranks are plain integers; the constants
below name the usual levels (lower is given up first).

**Text.** `wrap` wraps notes and sentences at spaces only, keeping together what must not be
split: an operator and its operands (``≥ 75``, ``p < 0.05``, ``+0.17 … +0.96``), a number and the
word after it (``5 points``) and any explicit non-breaking space. `emit` prints renderables with
trailing spaces stripped from every line, so no line of mes's terminal output ends in a space.

**Colour.** `band_style` colours a 0-100 score by the bands the README's "how to read" gives:
green at or above the favourable threshold (75), yellow below the midpoint of the scale (50:
answers lean to disagree), red at or below the unfavourable threshold (25). Colour is Rich
styling only, so it follows NO_COLOR and whether stdout is a terminal (consoles are built per
call in `mes.cli.common`); JSON never passes through here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from mes.render import Lang
from mes.render.catalogue import tr

Cell = Text | str

#: Ranks, from given up first to never: the usual levels of the tables.
HEADERS = 5  # long headers folded onto two lines: first, as nothing is lost
DETAIL = 10  # a detail beside a figure (n and the mean on the answer scale, p, a sparkline)
INTERVAL = 20  # confidence intervals
SHARES = 30  # favourable shares inside trait cells
EXTRA = 50  # a column that repeats what others show (focus, sparkline)
FIGURE = 60  # a main figure that is not the key one (energetic share)
TRAITS = 70  # trait means
KEEP = 1_000  # never dropped: the key numbers and the verdict

GAP = 2  # right padding plus the column separator of the SIMPLE_HEAD box
NAME_MIN = 12  # names keep this many cells after their indent while anything can still give way

LISTED_CAP = 200  # a full name listed under a table longer than this is itself shortened
NAME_CAP = 44  # a longer name (indent included) is always cut; the legend gives it whole


@dataclass(frozen=True)
class Fold:
    """A narrower form of a column, used from ``rank`` on: another header and/or other cells.
    ``lost`` names what the narrower form no longer shows (None: nothing, e.g. a folded header).
    """

    rank: int
    header: str | None = None
    cells: Sequence[Cell] | None = None
    lost: str | None = None


@dataclass(frozen=True)
class Column:
    """A column: header, one cell per row (section rows excluded), and the rank from which it is
    left out (`KEEP`: never). ``lost`` names it in the footer (default: its header)."""

    header: str
    cells: Sequence[Cell]
    rank: int = KEEP
    justify: Literal["left", "right"] = "right"
    folds: tuple[Fold, ...] = ()
    lost: str | None = None

    def form(self, level: int) -> tuple[str, Sequence[Cell], list[str]] | None:
        """Header, cells and what is lost at ``level`` (everything at or below it given up);
        None when the column is left out."""
        if self.rank <= level:
            return None
        header, cells, lost = self.header, self.cells, []
        for fold in sorted(self.folds, key=lambda f: f.rank):
            if fold.rank <= level:
                header = fold.header if fold.header is not None else header
                cells = fold.cells if fold.cells is not None else cells
                if fold.lost:
                    lost.append(fold.lost)
        return header, cells, lost


@dataclass(frozen=True)
class Name:
    """A row's name: the full text (already made inert), its indent, style, and an optional
    second line in dim (a renamed group's old name)."""

    text: str
    indent: int = 0
    style: str = ""
    below: str | None = None


@dataclass(frozen=True)
class Section:
    """A section heading row ("By role") between groups of rows."""

    title: str


@dataclass
class Fitted:
    table: Table
    width: int
    table_width: int = 0
    notes: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    cut: dict[str, str] = field(default_factory=dict)


def header_width(header: str) -> int:
    return max(cell_len(line) for line in header.split("\n"))


def cell_width(cell: Cell) -> int:
    text = cell.plain if isinstance(cell, Text) else cell
    return max(cell_len(line) for line in text.split("\n"))


def fit_table(
    name_header: str,
    rows: Sequence[Name | Section],
    columns: Sequence[Column],
    width: int,
    lang: Lang = "en",
    *,
    name_rank: int = FIGURE,
    name_cap: int = NAME_CAP,
    notes: Sequence[Cell | None] | None = None,
    formats: Sequence[str] = ("--format json", "--format xlsx"),
    name_style: str = "",
) -> Fitted:
    """Lay out the table within ``width`` cells (see the module docstring). ``notes``, one per
    name row or None, replace that row's cell in the last column shown ("suppressed"), so that
    they stay in the row whichever columns are left out."""
    names = [r for r in rows if isinstance(r, Name)]
    row_notes = list(notes) if notes is not None else [None] * len(names)
    note_width = max([cell_width(n) for n in row_notes if n is not None] + [0])
    for column in columns:
        assert len(column.cells) == len(names), column.header
    levels = sorted({c.rank for c in columns if c.rank < KEEP} | _fold_ranks(columns))
    natural = max([cell_len(name_header)] + [_name_width(n) for n in names] + [0])
    sections = max([cell_len(r.title) for r in rows if isinstance(r, Section)] + [0])
    natural = max(natural, min(sections, NAME_MIN))
    target = min(natural, name_cap)
    indent = max([n.indent for n in names] + [0])
    chosen: tuple[int, int, dict[str, str]] | None = None
    for level in [-1, *levels]:
        others = _others_width(columns, level, note_width)
        if target + others <= width:
            chosen = (level, target, {} if target == natural else _cut_within(names, target))
            break
        if level >= name_rank or not levels or level == levels[-1]:
            room = width - others
            if room >= NAME_MIN + indent:
                cut = _distinct_cut(names, room)
                if cut is not None:
                    chosen = (level, room, cut)
                    break
    if chosen is None:  # too narrow for the most compact layout: cut names as far as needed
        level = levels[-1] if levels else -1
        room = max(width - _others_width(columns, level, note_width), 6)
        chosen = (level, room, _cut_within(names, room))
    level, name_width, cut = chosen
    name_width = max(min(name_width, natural), cell_len(name_header),
                     *(_name_width(n, cut) for n in names))  # fmt: skip
    return _build(name_header, rows, columns, level, name_width, cut, width, lang, formats,
                  name_style, row_notes)  # fmt: skip


def _fold_ranks(columns: Sequence[Column]) -> set[int]:
    return {f.rank for c in columns for f in c.folds if f.rank < KEEP}


def _name_width(name: Name, cut: dict[str, str] | None = None) -> int:
    lines = [name.text] + ([name.below] if name.below else [])
    return name.indent + max(cell_len((cut or {}).get(line, line)) for line in lines)


def _cut_within(names: Sequence[Name], room: int) -> dict[str, str]:
    """The distinct cut at ``room`` cells, or at the narrowest width above it that has one."""
    while True:
        cut = _distinct_cut(names, room)
        if cut is not None:
            return cut
        room += 1


def _others_width(columns: Sequence[Column], level: int, note_width: int = 0) -> int:
    widths = []
    for column in columns:
        form = column.form(level)
        if form is None:
            continue
        header, cells, _ = form
        widths.append(max([header_width(header)] + [cell_width(c) for c in cells]))
    if widths:
        widths[-1] = max(widths[-1], note_width)
    return sum(GAP + w for w in widths)


def _distinct_cut(names: Sequence[Name], room: int) -> dict[str, str] | None:
    """Full text -> shown text for every name longer than its room, such that no two different
    names read the same; None when that cannot be done within ``room``."""
    wants: dict[str, int] = {}
    for n in names:
        for text in [n.text] + ([n.below] if n.below else []):
            avail = room - n.indent
            if cell_len(text) > avail:
                wants[text] = min(wants.get(text, avail), avail)
    if not wants:
        return {}
    if min(wants.values()) < 3:
        return None
    out = {text: _head(text, avail) for text, avail in wants.items()}
    whole = {n.text for n in names} - set(out)
    for _ in range(len(out) + 1):
        seen: dict[str, list[str]] = {}
        for text in whole:
            seen.setdefault(text, []).append(text)
        for text, shown in out.items():
            seen.setdefault(shown, []).append(text)
        clashes = [group for group in seen.values() if len(group) > 1]
        if not clashes:
            return out
        taken = set(seen)
        for group in clashes:
            for text in group:
                if text not in out:
                    continue  # a whole name keeps its text; the cut ones move away from it
                better = _with_tail(text, wants[text], taken)
                if better is None:
                    return None
                out[text] = better
                taken.add(better)
    return None


def _head(text: str, avail: int) -> str:
    head = text
    while head and cell_len(head) + 1 > avail:
        head = head[:-1]
    return head.rstrip() + "…"


def _with_tail(text: str, avail: int, taken: set[str]) -> str | None:
    """``text`` cut to ``avail`` cells keeping a tail that no other shown name has: a word tail
    first ("…Zuid", "…-Oost"), else the shortest character tail that does it."""
    starts = {i for i in range(1, len(text)) if text[i - 1] == " " and text[i] != " "}
    starts |= {i for i in range(1, len(text)) if text[i] in "-/"}  # keep "-Oost" whole
    tails = [text[i:] for i in sorted(starts, reverse=True)]
    tails += [text[-k:] for k in range(1, len(text))]
    for tail in tails:
        room = avail - 1 - cell_len(tail)
        if room < 1:
            continue
        head = text
        while head and cell_len(head) > room:
            head = head[:-1]
        head = head.rstrip()
        if not head:
            continue
        candidate = f"{head}…{tail}"
        if candidate not in taken:
            return candidate
    return None


def _build(
    name_header: str,
    rows: Sequence[Name | Section],
    columns: Sequence[Column],
    level: int,
    name_width: int,
    cut: dict[str, str],
    width: int,
    lang: Lang,
    formats: Sequence[str],
    name_style: str,
    row_notes: Sequence[Cell | None],
) -> Fitted:
    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold",
        padding=(0, 1, 0, 0),
    )  # fmt: skip
    table.add_column(name_header, no_wrap=True, width=name_width, style=name_style)
    shown: list[Sequence[Cell]] = []
    left_out: list[str] = []
    total = name_width
    for column in columns:
        form = column.form(level)
        if form is None:
            left_out.append(column.lost or column.header.replace("\n", " "))
            continue
        header, cells, lost = form
        left_out += [item for item in lost if item not in left_out]
        table.add_column(header, justify=column.justify, no_wrap=True)
        total += GAP + max([header_width(header)] + [cell_width(c) for c in cells])
        shown.append(cells)
    if shown:
        last = list(shown[-1])
        for i, note in enumerate(row_notes):
            if note is not None:
                last[i] = note
        total += max([0] + [cell_width(c) for c in last]) - max(
            [0] + [cell_width(c) for c in shown[-1]]
        )
        shown[-1] = last
    index = 0
    for row in rows:
        if isinstance(row, Section):
            table.add_section()
            title = row.title if cell_len(row.title) <= name_width else _head(row.title, name_width)
            table.add_row(Text(title, style="italic"))
            continue
        text = Text(" " * row.indent + cut.get(row.text, row.text), style=row.style)
        if row.below:
            text.append("\n" + " " * row.indent + cut.get(row.below, row.below), style="dim")
        table.add_row(text, *[cells[index] for cells in shown])
        index += 1
    fitted = Fitted(table, width, total, left_out=left_out, cut=cut)
    if left_out:
        what = ", ".join(left_out)
        alternatives = f" {tr(lang, 'or')} ".join(f.replace(" ", NBSP) for f in formats)
        fitted.notes.append(
            tr(
                lang,
                (
                    "Left out to fit {width} columns: {what}; a wider terminal shows "
                    "everything, as does {formats}."
                ),
                width=width,
                what=what,
                formats=alternatives,
            )
        )
    if cut:
        # A shortened name stays on one line with its "=" (the full name may wrap).
        pairs = "; ".join(
            f"{short.replace(' ', NBSP)} = {_listed(full)}" for full, short in cut.items()
        )
        fitted.notes.append(f"{tr(lang, 'Names shortened')}: {pairs}.")
    return fitted


def _listed(full: str) -> str:
    """A name in the list under the table: whole, unless absurdly long (the JSON has it all)."""
    return full if len(full) <= LISTED_CAP else full[: LISTED_CAP - 1] + "…"


# --- Headers ----------------------------------------------------------------------------------

_VOWELS = set("aeiouyAEIOUYàáâäèéêëìíîïòóôöùúûü")


def fold_header(header: str) -> str:
    """A header on at most two lines, as narrow as it goes: split at a space, or a single long
    word hyphenated between syllables ("Klant-\\nsignalen", "Snel-\\nheid"). Nothing is lost."""
    words = header.split()
    if len(words) > 1:
        best = min(
            (" ".join(words[:i]) + "\n" + " ".join(words[i:]) for i in range(1, len(words))),
            key=header_width,
        )
        return best if header_width(best) < cell_len(header) else header
    word = header
    options = [f"{word[:i]}-\n{word[i:]}" for i in _syllable_breaks(word)]
    options = [o for o in options if header_width(o) < cell_len(word)]
    # The narrowest; between equals, the longer first line ("Criti-" before "Cri-").
    return min(options, key=lambda o: (header_width(o), -len(o.split("\n")[0])), default=word)


def _syllable_breaks(word: str) -> list[int]:
    """Break points of a word between two vowel groups: before the last consonant of the
    consonants between them ("Klant|signalen", "Feed|back"), at least 3 letters each side."""
    out = []
    i = 0
    n = len(word)
    while i < n:
        if word[i] in _VOWELS:
            j = i
            while j < n and word[j] in _VOWELS:
                j += 1
            k = j
            while k < n and word[k] not in _VOWELS:
                k += 1
            if k < n and k > j:  # consonants word[j:k] between two vowel groups
                cut = k - 1
                if cut >= 3 and n - cut >= 3:
                    out.append(cut)
            i = k
        else:
            i += 1
    return out


# --- Text -------------------------------------------------------------------------------------

NBSP = "\u00a0"
_OPERATORS = {"≥", "≤", "<", ">", "=", "±", "…", "→", "−", "×"}
_NUMBER = re.compile(r"^[(\[]?[+\-−]?\d[\d.,]*%?$")
_WORD = re.compile(r"^[A-Za-zÀ-ÿ]{2}")  # a unit or noun after a number, not a lone "p"


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` cells, broken at spaces only; an operator stays
    with both neighbours, a number with the word after it, a non-breaking space holds.
    Existing line breaks are kept. A chunk longer than ``width`` (a long file name) is split."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        out += _wrap_paragraph(paragraph, width)
    return out


def _wrap_paragraph(text: str, width: int) -> list[str]:
    if not text.strip():
        return [""]
    tokens = [t for t in text.split(" ") if t]
    chunks = [tokens[0]]
    for previous, token in pairwise(tokens):
        if _glued(previous, token):
            chunks[-1] += NBSP + token
        else:
            chunks.append(token)
    lines: list[str] = []
    line = ""
    for chunk in chunks:
        if not line:
            line = chunk
        elif cell_len(line) + 1 + cell_len(chunk) <= width:
            line += " " + chunk
        else:
            lines.append(line)
            line = chunk
        if cell_len(line) > width and NBSP in line:  # glued too long: break the glue after all
            parts = line.split(NBSP)
            line = parts[0]
            for part in parts[1:]:
                if cell_len(line) + 1 + cell_len(part) <= width:
                    line += " " + part
                else:
                    lines.append(line)
                    line = part
        while cell_len(line) > width:  # one word wider than the width: split it hard
            head = line
            while cell_len(head) > width:
                head = head[:-1]
            lines.append(head)
            line = line[len(head) :]
    lines.append(line)
    return [line.replace(NBSP, " ").rstrip() for line in lines]


def _glued(previous: str, token: str) -> bool:
    """Whether no line may break between two tokens."""
    before, after = previous.strip("([{)]};,.:"), token.strip("([{)]};,.:")
    if previous[-1] in ";,:)" and before not in _OPERATORS:
        return False  # a clause ended: "(≥ 75; unfavourable …" may break after "75;"
    if before in _OPERATORS or after in _OPERATORS:
        return True
    return bool(_NUMBER.match(previous)) and bool(_WORD.match(token))


def wrapped(text: str, width: int, style: str = "") -> Text:
    """``text`` wrapped by `wrap` as one Rich `Text` in ``style``."""
    return Text("\n".join(wrap(text, width)), style=style)


class Stripped:
    """A renderable printed line by line with the trailing spaces of every line removed."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in console.render_lines(self.renderable, options, pad=False, new_lines=False):
            yield from _rstrip(line)
            yield Segment.line()


def _rstrip(line: list[Segment]) -> list[Segment]:
    segments = list(line)
    while segments:
        last = segments[-1]
        if last.control:
            segments.pop()
            continue
        text = last.text.rstrip(" ")
        if text:
            segments[-1] = Segment(text, last.style, last.control)
            break
        segments.pop()
    return segments


def emit(console: Console, *renderables: RenderableType, width: int | None = None) -> None:
    """Print each renderable with no trailing spaces; ``width`` lets a table wider than the
    console (the last resort of `fit_table`) be printed whole instead of cut."""
    for renderable in renderables:
        console.print(Stripped(renderable), width=width, crop=False, soft_wrap=False)


def emit_fitted(console: Console, fitted: Fitted, lang: Lang = "en") -> None:
    """A fitted table and its notes (what was left out, the shortened names), in dim."""
    emit(console, fitted.table, width=max(console.width, fitted.table_width))
    if fitted.notes:
        emit(console, wrapped("\n".join(fitted.notes), console.width, "dim"))


def emit_text(console: Console, lines: Iterable[str], style: str = "") -> None:
    """Sentences or notes, wrapped at the console's width (see `wrap`)."""
    text = "\n".join(lines)
    if text:
        emit(console, wrapped(text, console.width, style))


# --- Colour -----------------------------------------------------------------------------------

#: The midpoint of the 0-100 scale: a mean below it means answers lean to disagree.
MIDPOINT = 50.0


def band_style(value: float | None, favourable: float = 75.0, unfavourable: float = 25.0) -> str:
    """The colour of a 0-100 score: green at or above ``favourable``, red at or below
    ``unfavourable``, yellow below the midpoint, none in between."""
    if value is None:
        return ""
    if value >= favourable:
        return "green"
    if value <= unfavourable:
        return "red"
    if value < MIDPOINT:
        return "yellow"
    return ""


def banded(text: str, value: float | None, favourable: float = 75.0,
           unfavourable: float = 25.0) -> Text:  # fmt: skip
    return Text(text, style=band_style(value, favourable, unfavourable))


__all__ = [
    "DETAIL",
    "EXTRA",
    "FIGURE",
    "HEADERS",
    "INTERVAL",
    "KEEP",
    "SHARES",
    "TRAITS",
    "Column",
    "Fitted",
    "Fold",
    "Name",
    "Section",
    "band_style",
    "banded",
    "emit",
    "emit_fitted",
    "emit_text",
    "fit_table",
    "fold_header",
    "wrap",
    "wrapped",
]
