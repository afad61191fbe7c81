"""The message catalogue at run time: a text in the user's language, looked up with the standard
library's gettext in ``mes/locale/<lang>/LC_MESSAGES/mes.mo`` (package data).

The English text is the key: ``tr(lang, "Organisation")`` is "Organisation" in English and the
Dutch of the catalogue in Dutch. Where one English text needs two translations, a context tells
them apart (`tr_ctx`); `tr_n` chooses a plural form; `tr_message` translates a `Message` made in
the core. ``{placeholders}`` are filled after translating. Light on purpose (no pydantic, no
Rich): ``mes --help`` is translated with it. How to add or change a text: docs/translating.md.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from mes.messages import Message
from mes.render import Lang

#: The compiled catalogues: mes/locale/<lang>/LC_MESSAGES/mes.mo (package data).
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "mes"
#: The languages mes speaks besides English, the language of the source.
LANGUAGES: tuple[Lang, ...] = ("en", "nl")


@cache
def catalogue(lang: Lang) -> gettext.NullTranslations:
    """The message catalogue of ``lang``; English is the source text itself."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


def tr(lang: Lang, text: str, /, **values: object) -> str:
    """``text`` in ``lang``, placeholders filled."""
    out = catalogue(lang).gettext(text)
    return out.format(**values) if values else out


def tr_ctx(lang: Lang, context: str, text: str, /, **values: object) -> str:
    """``text`` in ``lang`` where one English text needs two translations, told apart by
    ``context`` (e.g. "About" is "Over" on one sheet and "Toelichting" on another)."""
    out = catalogue(lang).pgettext(context, text)
    return out.format(**values) if values else out


def tr_n(lang: Lang, singular: str, plural: str, count: int, /, **values: object) -> str:
    """The singular or plural text for ``count`` in ``lang``, placeholders filled."""
    out = catalogue(lang).ngettext(singular, plural, count)
    return out.format(**values) if values else out


def tr_message(lang: Lang, text: Message) -> str:
    """A `Message` (e.g. an issue's) in ``lang``."""
    values = {k: tr_message(lang, v) if isinstance(v, Message) else v for k, v in text.values}
    if text.plural is not None and text.n is not None:
        return tr_n(lang, text.template, text.plural, text.n, **values)
    return tr(lang, text.template, **values)
