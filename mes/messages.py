"""Messages as data: an English template with named values, translated only where it is shown.

The core says what happened in English, but does not decide the words a user reads: a problem
carries a `Message` (its template, marked for the catalogue, and its values), the renderers look
the template up in the user's language (`mes.render.words.tr`) and fill the values in after
translating. ``message("... {file} ...", file=...)`` and ``message_n(singular, plural, n, ...)``
are the markers ``pybabel extract`` finds (see docs/translating.md); `N_` marks a text kept for
later translation. Only the standard library here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

__all__ = ["N_", "Message", "Value", "joined", "message", "message_n"]


class Message(NamedTuple):
    """An English template (and plural template) with its values; `english` fills it in.

    A value may itself be a `Message` (a reason inside a sentence): it is translated too."""

    template: str
    values: tuple[tuple[str, Value], ...] = ()
    plural: str | None = None
    n: int | None = None

    @property
    def english(self) -> str:
        """The message as written in the source (the text `Issue.message` carries)."""
        text = self.template if self.plural is None or self.n == 1 else self.plural
        if not self.values:
            return text
        return text.format(
            **{k: v.english if isinstance(v, Message) else v for k, v in self.values}
        )


#: What a message's placeholders may be filled with: data, or a message of its own.
Value = str | int | float | Message | None


def message(template: str, /, **values: Value) -> Message:
    """A message whose ``{placeholders}`` are filled from ``values`` after translation."""
    return Message(template, tuple(values.items()))


def message_n(singular: str, plural: str, count: int, /, **values: Value) -> Message:
    """A message with a singular and a plural form, chosen by ``count`` in the reader's language."""
    return Message(singular, tuple(values.items()), plural, count)


def joined(parts: Sequence[Value], separator: str = ", ") -> Message:
    """Several values as one (a list inside a sentence), messages among them translated each."""
    names = [f"part{i}" for i in range(len(parts))]
    template = separator.join("{" + name + "}" for name in names)
    return Message(template, tuple(zip(names, parts, strict=True)))


def N_(text: str) -> str:
    """Mark ``text`` for the catalogue without translating it here."""
    return text
