"""What a column header means when no name the instrument knows matches it exactly.

Three questions, asked of headers only (never of personal columns' values):

- **By meaning words** (`dimension_by_meaning`): "In welk team ben je werkzaam?", "Which
  department are you part of?", "Naam van je afdeling" name the team or department column
  though none is a built-in name. A header is read so when it holds a group word (team,
  afdeling, department, unit, functie, role, ...) and *every* other word is one a question about
  where someone works is made of (welk, werk, werkzaam, which, work, in, your, name, ...). So a
  statement that mentions a team ("Ik krijg terug wat klanten van mijn werk, team en organisatie
  vinden") or asks about it ("Hoe tevreden ben je over je team?") is never read as the team
  column: it holds words such as klanten, vinden, hoe, tevreden.
- **Looks like** (`mentions_dimension`, `looks_like_person_id`): weaker evidence, used only to
  warn that a team, department or personnel-number column seems present but was not read.
- **Near misses** (`near_miss`): for a header that names nothing, the expected name it is
  closest to ("oplosingen" looks like the statement of item 'room'), by `difflib` on the whole
  header and on its words (standard library; fuzzy-matching libraries would add a dependency
  for a few hundred comparisons).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from mes.instrument import PERSON_ID_HEADERS, normalize_header

#: The words that name each kind of group column.
GROUP_WORDS: dict[str, frozenset[str]] = {
    "team": frozenset({"team", "teams", "teamnaam", "teamname"}),
    "department": frozenset(
        {
            "afdeling", "afdelingen", "afdelingsnaam", "department", "dept", "divisie",
            "division", "unit", "directie", "sector", "bedrijfsonderdeel", "onderdeel",
            "organisatieonderdeel",
        }
    ),
    "role": frozenset({"functie", "rol", "role", "functiegroep", "job", "position", "positie"}),
}  # fmt: skip

#: The other words of a question about where someone works (Dutch and English).
_QUESTION_WORDS = frozenset(
    {
        # Dutch
        "in", "bij", "op", "van", "voor", "onder", "welk", "welke", "wat", "is", "ben", "bent",
        "zit", "zijn", "je", "jij", "jouw", "uw", "u", "de", "het", "een", "werk", "werkt",
        "werken", "werkzaam", "hoor", "hoort", "behoor", "behoort", "val", "valt", "ingedeeld",
        "naam", "mijn", "waar", "waarin", "waarbij", "momenteel", "nu", "dit", "moment",
        "huidige", "huidig", "kies", "selecteer", "optioneel", "vul", "deel", "uit", "lijst",
        "graag", "noem", "of", "tot", "heb", "hebt", "heeft", "vervul", "vervult",
        # English
        "at", "for", "on", "which", "what", "are", "do", "does", "you", "your", "the", "a", "an",
        "work", "works", "working", "belong", "belongs", "to", "part", "name", "my", "currently",
        "current", "now", "select", "choose", "optional", "please", "enter", "from", "list",
        "assigned", "member", "business", "have", "hold",
    }
)  # fmt: skip
_ASKING = frozenset({"welk", "welke", "which", "what", "wat"})
#: Words of a statement or an opinion question: a header with one is never a group column.
_OPINION_WORDS = frozenset(
    {
        "ik", "i", "klant", "klanten", "customer", "customers", "tevreden", "satisfied", "vind",
        "vindt", "vinden", "think", "hoe", "how", "rate", "cijfer", "score", "eens", "agree",
        "energie", "energy", "sfeer", "spirit", "samenwerking", "leidinggevende", "manager",
    }
)  # fmt: skip
_MAX_WORDS = 14


def words(header: str) -> list[str]:
    """The words of a header, compared without case, accents' forms or punctuation."""
    return re.findall(r"[^\W_]+", normalize_header(header))


@dataclass(frozen=True)
class Meaning:
    """A group column found by the words of its header."""

    dimension: str  # "team", "department" or "role"
    word: str  # the group word that decided it


def dimension_by_meaning(header: str | None) -> Meaning | None:
    """The group column a question-like header names by its words, or None (see the module)."""
    if not header:
        return None
    tokens = words(header)
    if not tokens or len(tokens) > _MAX_WORDS or _OPINION_WORDS & set(tokens):
        return None
    hits = [(i, dim, t) for i, t in enumerate(tokens) for dim, ws in GROUP_WORDS.items() if t in ws]
    if not hits:
        return None
    group_tokens = {t for _, _, t in hits}
    if any(t not in _QUESTION_WORDS and t not in group_tokens for t in tokens):
        return None
    dimensions = {dim for _, dim, _ in hits}
    if len(dimensions) > 1:  # "Onder welke afdeling valt je team?": the one asked for
        asked = [(dim, t) for i, dim, t in hits if i > 0 and tokens[i - 1] in _ASKING]
        if len({dim for dim, _ in asked}) != 1:
            return None
        return Meaning(asked[0][0], asked[0][1])
    _, dim, word = hits[0]
    return Meaning(dim, word)


def mentions_dimension(header: str | None, dimension: str) -> bool:
    """Whether a header has a word of ``dimension`` in it, or one typed a letter wrong
    ("afdelng"): evidence for a warning, never for reading the column."""
    if not header:
        return False
    for token in words(header):
        if token in GROUP_WORDS[dimension]:
            return True
        if len(token) >= 5 and difflib.get_close_matches(token, GROUP_WORDS[dimension], 1, 0.85):
            return True
    return False


_PERSON_WORDS = frozenset(
    {
        "personeel", "personeels", "personeelsnummer", "personeelsnr", "persnr", "pers",
        "medewerker", "medewerkers", "medewerkernummer", "medewerkernr", "mdw", "werknemer",
        "werknemersnummer", "employee", "emp", "empl", "emplid", "staff", "personnel", "badge",
        "badgenummer", "registratienummer",
    }
)  # fmt: skip
_NUMBER_WORDS = frozenset({"nummer", "nr", "no", "number", "num", "id", "code", "nmr"})
_ID_NAMES = tuple(normalize_header(h) for h in PERSON_ID_HEADERS)


def looks_like_person_id(header: str | None) -> bool:
    """Whether a header looks like a personnel number's ("Pers. nr.", "Personeelnummer",
    "Employee code"): a person word with a number word, or close to a known id header."""
    if not header:
        return False
    tokens = words(header)
    joined = normalize_header(header)
    if set(tokens) & _PERSON_WORDS and (
        set(tokens) & _NUMBER_WORDS or any(t.endswith(("nummer", "nr")) for t in tokens)
    ):
        return True
    return bool(difflib.get_close_matches(joined, _ID_NAMES, 1, 0.85))


@dataclass(frozen=True)
class NearMiss:
    """The expected name a header is closest to."""

    key: str  # an item key or "@team", "@department", ...
    name: str  # the expected name it resembles (normalised)
    score: float


#: A header this close (0-1, `difflib` ratio) to an expected name is a near miss.
NEAR = 0.8
#: ... or when each of its distinctive words is this close to a word of one expected name.
NEAR_WORD = 0.85


#: Words too short or too common to tell one expected name from a header on their own.
_MIN_WORD = 5
_GENERIC = frozenset(
    {
        "naam", "name", "nummer", "number", "vraag", "question", "welke", "which", "voor", "van",
        "het", "een", "and", "the", "for", "met", "mijn", "with",
    }
)  # fmt: skip
#: Names this short are near a header one letter away from them.
_SHORT = 8


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one substitution, insertion, deletion or swap of letters."""
    if a == b or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 3:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        if len(diff) != 2:
            return False
        i, j = diff
        return j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def near_miss(header: str | None, aliases: Mapping[str, tuple[str, ...]]) -> NearMiss | None:
    """The expected name (of ``aliases``: key -> normalised names) a header most resembles, if
    it is close: as a whole (a typo in a short name: "afdelng", "signal"), or word for word for
    the words that tell the expected names apart ("oplosingen" in the statement of 'room').
    Ties between keys give no answer."""
    if not header:
        return None
    text = normalize_header(header)
    best: list[NearMiss] = []

    def consider(key: str, name: str, score: float) -> None:
        if best and score < best[0].score:
            return
        if best and score > best[0].score:
            best.clear()
        best.append(NearMiss(key, name, score))

    # Words that only one key's names have tell the keys apart; "klanten" does not.
    owners: dict[str, set[str]] = {}
    for key, names in aliases.items():
        for name in names:
            for token in words(name):
                owners.setdefault(token, set()).add(key)
    # Every word of the header that says something must be close to a telling word of the name.
    mine = [t for t in words(text) if len(t) >= 3 and t not in _GENERIC]
    for key, names in aliases.items():
        for name in names:
            ratio = difflib.SequenceMatcher(None, text, name).ratio()
            if ratio >= NEAR:
                consider(key, name, ratio)
            elif len(name) <= _SHORT and _one_edit(text, name):  # "teem" for "team"
                consider(key, name, NEAR)
            distinctive = [
                t
                for t in words(name)
                if len(t) >= _MIN_WORD and t not in _GENERIC and owners.get(t) == {key}
            ]
            if mine and distinctive and len(mine) <= 3 and any(len(t) >= _MIN_WORD for t in mine):
                scores = [
                    max(difflib.SequenceMatcher(None, t, d).ratio() for d in distinctive)
                    for t in mine
                ]
                if min(scores) >= NEAR_WORD:
                    consider(key, name, min(scores) * 0.99)  # a whole-header match wins a tie
    keys = {m.key for m in best}
    return best[0] if len(keys) == 1 else None
