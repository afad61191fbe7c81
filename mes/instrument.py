"""The questionnaire definition: scale, traits, items, and the headers and labels they answer to.

An `Instrument` says what is asked and how answers become numbers: the answer scale (with its
text labels and the answers that mean "no answer"), the traits and their items (reverse-keyed or
not), how many items of a trait must be answered, and under which column headers the items and
the id/team/department/role columns may appear in an export. The built-in MES-5 lives in
``instruments/mes-5.toml``; other instruments are TOML files of the same shape.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import math
import re
import tomllib
import typing
import unicodedata
from collections.abc import Callable
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import ErrorDetails

from mes.errors import InputError, Issue, Location, error
from mes.messages import N_, Message, Value, message

#: A trait or item key as people write them: ``room``, ``A1``, ``q_12``. Kept as written; two
#: keys that differ only in case are the same key (headers are matched ignoring case).
Key = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", max_length=64)]

#: Headers of a column that identifies a person: preferred as the respondent id, because a second
#: answer by the same person is found by it.
PERSON_ID_HEADERS = (
    "personeelsnummer", "personeelsnr", "personeels nr", "personeelsnummer medewerker",
    "medewerkernummer", "medewerkernr", "medewerker nummer", "medewerker id", "employee id",
    "employee number", "employee no", "employee nr", "emplid", "empl id", "staff id",
    "staff number", "badge", "badgenummer", "badge number", "registratienummer",
    "respondent_id", "respondent id", "respondentnummer", "respondent", "medewerker",
)  # fmt: skip
#: Headers of a column that numbers responses (survey tools add one): an id when there is no
#: person id, never preferred over one or over an instrument's own id headers.
RESPONSE_ID_HEADERS = ("responseid", "response id", "response_id", "id")

#: The names every instrument finds these columns by; an instrument's ``[columns]`` add to them.
#: Other wordings are found by their meaning words (`mes.headers.dimension_by_meaning`).
BUILTIN_COLUMN_HEADERS: dict[str, tuple[str, ...]] = {
    "id": (*PERSON_ID_HEADERS, *RESPONSE_ID_HEADERS),
    "department": (
        "department", "afdeling", "dept", "divisie", "division", "unit",
        "Bij welke afdeling werk je?", "In welke afdeling werk je?", "Afdeling waar je werkt",
        "Which department do you work in?", "What department do you work in?",
    ),
    "team": (
        "team", "teamnaam", "team name", "In welk team werk je?", "Bij welk team werk je?",
        "Which team do you work in?", "What team do you work in?",
    ),
    "role": ("role", "rol", "functie", "function", "functiegroep", "Wat is je functie?",
             "What is your role?"),
}  # fmt: skip

#: Agreement labels understood on every 1-5 scale, in the spellings people really use.
AGREEMENT_LABELS_5: dict[str, int] = {
    "helemaal mee oneens": 1, "helemaal oneens": 1, "zeer mee oneens": 1, "volledig oneens": 1,
    "strongly disagree": 1, "totally disagree": 1, "completely disagree": 1,
    "mee oneens": 2, "oneens": 2, "niet mee eens": 2, "disagree": 2,
    "neutraal": 3, "noch eens, noch oneens": 3, "noch eens noch oneens": 3,
    "niet eens/niet oneens": 3, "niet eens, niet oneens": 3, "niet eens / niet oneens": 3,
    "neutral": 3, "neither agree nor disagree": 3, "neither agree or disagree": 3,
    "mee eens": 4, "eens": 4, "agree": 4,
    "helemaal mee eens": 5, "helemaal eens": 5, "zeer mee eens": 5, "volledig eens": 5,
    "strongly agree": 5, "totally agree": 5, "completely agree": 5,
}  # fmt: skip
#: More spellings of the same agreement labels, understood on every 1-5 scale as well. They are
#: not part of an instrument's fingerprint (`AGREEMENT_LABELS_5` is): they give no answer another
#: value, they only accept more ways of writing one, so results saved before they were added
#: still compare. An answer may also carry its number ("5 - Helemaal mee eens", "(5) Eens",
#: "Eens (4)"; see `mes.validation`): the number counts, and a known label must agree with it.
MORE_AGREEMENT_LABELS_5: dict[str, int] = {
    "helemaal niet mee eens": 1, "helemaal niet eens": 1, "zeer oneens": 1, "totaal oneens": 1,
    "totaal mee oneens": 1, "totaal niet mee eens": 1, "volledig mee oneens": 1,
    "helemaal niet akkoord": 1, "totaal niet akkoord": 1, "volledig niet akkoord": 1,
    "fully disagree": 1, "disagree strongly": 1, "disagree completely": 1,
    "niet eens": 2, "niet akkoord": 2, "enigszins oneens": 2, "enigszins mee oneens": 2,
    "somewhat disagree": 2,
    "eens noch oneens": 3, "eens/oneens": 3,
    "akkoord": 4, "enigszins eens": 4, "enigszins mee eens": 4, "somewhat agree": 4,
    "zeer eens": 5, "totaal eens": 5, "totaal mee eens": 5, "volledig mee eens": 5,
    "helemaal akkoord": 5, "volledig akkoord": 5, "totaal akkoord": 5, "fully agree": 5,
    "agree strongly": 5, "agree completely": 5,
}  # fmt: skip

#: Answers that mean "no answer" on every scale (after `normalize_text`).
BUILTIN_MISSING = frozenset(
    {
        "n.v.t.", "n.v.t", "nvt", "niet van toepassing", "weet ik niet", "n/a", "na",
        "not applicable", "don't know", "do not know", "-",
    }
)  # fmt: skip


def normalize_text(text: str) -> str:
    """Compare-form of a label or header: NFKC, case-folded, spaces collapsed and trimmed."""
    text = unicodedata.normalize("NFKC", text)
    return " ".join(text.casefold().split())


def normalize_header(text: str) -> str:
    """Compare-form of a column header: like `normalize_text`, minus trailing ``.:?*``."""
    return normalize_text(text).rstrip(" .:?*")


class Scale(BaseModel):
    """The answer scale, e.g. 1-5 agreement, 1-7, 0-10, or the Dutch 1-10 report grade."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    min: int = 1
    max: int = 5
    labels: dict[str, int] = Field(default_factory=dict)
    missing: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> Scale:
        if self.max <= self.min:
            raise ValueError(f"scale max ({self.max}) must be above min ({self.min})")
        for label, value in self.labels.items():
            if not self.min <= value <= self.max:
                raise ValueError(f"label {label!r} = {value} is outside {self.min}-{self.max}")
        return self

    def rescale(self, value: float) -> float:
        """A value on this scale (after reverse keying) on 0-100."""
        return 100.0 * (value - self.min) / (self.max - self.min)

    @cached_property
    def label_values(self) -> dict[str, int]:
        """Every accepted text answer (normalised) and its value."""
        labels = (
            {**MORE_AGREEMENT_LABELS_5, **self.fingerprint_labels}
            if (self.min, self.max) == (1, 5)
            else dict(self.fingerprint_labels)
        )
        labels.update({normalize_text(k): v for k, v in self.labels.items()})
        return labels

    @cached_property
    def fingerprint_labels(self) -> dict[str, int]:
        """The labels an instrument's fingerprint is made of (see `MORE_AGREEMENT_LABELS_5`)."""
        labels = dict(AGREEMENT_LABELS_5) if (self.min, self.max) == (1, 5) else {}
        labels.update({normalize_text(k): v for k, v in self.labels.items()})
        return labels

    @cached_property
    def missing_tokens(self) -> frozenset[str]:
        return BUILTIN_MISSING | {normalize_text(m) for m in self.missing}


class Item(BaseModel):
    """One statement of a trait."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    key: Key
    text_nl: str = ""
    text_en: str = ""
    reverse: bool = False
    headers: tuple[str, ...] = ()


class Trait(BaseModel):
    """One of the traits an instrument measures, with its items."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    key: Key
    name: str
    name_nl: str = ""
    description: str = ""
    min_items: int | None = Field(default=None, ge=1)
    items: tuple[Item, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> Trait:
        if self.min_items is not None and self.min_items > len(self.items):
            raise ValueError(
                f"trait {self.key!r} needs {self.min_items} answered items "
                f"but has only {len(self.items)}"
            )
        return self

    @property
    def required_items(self) -> int:
        """Answered items needed for the trait to count: the setting, else half rounded up."""
        return self.min_items or max(1, math.ceil(len(self.items) / 2))


OutcomeKind = Literal["energy", "enps", "scale"]

#: Defaults per outcome kind: answer range (low, high) and the thresholds (high_at, low_at).
#: energy: the Dutch 1-10 report grade, a lot of energy at 8 or more, little at 6 or less (a
#: fail or a bare pass); enps: the 0-10 recommend question, promoters 9-10, detractors 0-6.
OUTCOME_DEFAULTS: dict[str, dict[str, int]] = {
    "energy": {"low": 1, "high": 10, "high_at": 8, "low_at": 6},
    "enps": {"low": 0, "high": 10, "high_at": 9, "low_at": 6},
}
#: A ``scale`` outcome's favourable / unfavourable thresholds, on 0-100 (as the traits').
_SCALE_HIGH, _SCALE_LOW = 75.0, 25.0


class Outcome(BaseModel):
    """A question reported beside the MES but never part of it, on its own answer range.

    ``kind``: ``energy`` (energy at the end of the workday: mean grade, share with a lot of
    energy, share with little), ``enps`` (the recommend question: promoters minus detractors)
    or ``scale`` (any other single question: mean on its own range and on 0-100, favourable
    share). ``high_at``: answers at or above it are "high" (a lot of energy, promoters,
    favourable); ``low_at``: answers at or below it are "low" (little energy, detractors,
    unfavourable). ``optional``: the built-in MES-5 reports its outcomes only when a file has
    them; an outcome of an instrument file is required unless it says ``optional = true``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    key: Key
    kind: OutcomeKind
    name: str
    name_nl: str = ""
    description: str = ""
    text_nl: str = ""
    text_en: str = ""
    headers: tuple[str, ...] = ()
    low: int
    high: int
    high_at: int
    low_at: int
    labels: dict[str, int] = Field(default_factory=dict)
    optional: bool = False

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for name, value in OUTCOME_DEFAULTS.get(str(data.get("kind")), {}).items():
            data.setdefault(name, value)
        low, high = data.get("low"), data.get("high")
        if data.get("kind") == "scale" and isinstance(low, int) and isinstance(high, int):
            span = high - low
            data.setdefault("high_at", math.ceil(low + span * _SCALE_HIGH / 100 - 1e-9))
            data.setdefault("low_at", math.floor(low + span * _SCALE_LOW / 100 + 1e-9))
        return data

    @model_validator(mode="after")
    def _check(self) -> Outcome:
        if self.high <= self.low:
            raise ValueError(f"outcome {self.key!r}: high ({self.high}) must be above low")
        if not self.low <= self.low_at < self.high_at <= self.high:
            raise ValueError(
                f"outcome {self.key!r}: need low <= low_at < high_at <= high, got "
                f"{self.low} <= {self.low_at} < {self.high_at} <= {self.high}"
            )
        for label, value in self.labels.items():
            if not self.low <= value <= self.high:
                raise ValueError(f"label {label!r} = {value} is outside {self.low}-{self.high}")
        return self

    def label(self, lang: str = "en") -> str:
        """The display name in ``lang`` ("en" or "nl"; Dutch falls back to the English name)."""
        return (self.name_nl or self.name) if lang == "nl" else self.name

    def rescale(self, value: float) -> float:
        """An answer on this outcome's range on 0-100."""
        return 100.0 * (value - self.low) / (self.high - self.low)

    @cached_property
    def label_values(self) -> dict[str, int]:
        """Every accepted text answer (normalised) and its value."""
        return {normalize_text(k): v for k, v in self.labels.items()}

    @property
    def definition(self) -> dict[str, object]:
        """What decides this outcome's figures (compared between quarters)."""
        return {
            "key": self.key,
            "kind": self.kind,
            "low": self.low,
            "high": self.high,
            "high_at": self.high_at,
            "low_at": self.low_at,
            "labels": sorted(self.label_values.items()),
        }


class ColumnHeaders(BaseModel):
    """Extra headers for the id, team, department and role columns, besides the built-in names."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    id: tuple[str, ...] = ()
    team: tuple[str, ...] = ()
    department: tuple[str, ...] = ()
    role: tuple[str, ...] = ()


class Instrument(BaseModel):
    """A questionnaire: its scale, traits and items, and the headers its columns go by."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    id: str
    name: str
    version: str = "1"
    description: str = ""
    scale: Scale = Scale()
    columns: ColumnHeaders = ColumnHeaders()
    #: Trait scores a person needs for a MES; None: every trait (the MES keeps one meaning).
    min_traits: int | None = Field(default=None, ge=1)
    traits: tuple[Trait, ...] = Field(min_length=1)
    outcomes: tuple[Outcome, ...] = ()

    @model_validator(mode="after")
    def _unique_keys(self) -> Instrument:
        trait_keys = [t.key for t in self.traits]
        item_keys = [i.key for t in self.traits for i in t.items]
        outcome_keys = [o.key for o in self.outcomes]
        for kind, keys in (
            ("trait", trait_keys),
            ("item", item_keys),
            ("trait and outcome", trait_keys + outcome_keys),
        ):
            seen: dict[str, list[str]] = {}
            for key in keys:
                seen.setdefault(key.casefold(), []).append(key)
            dupes = [" and ".join(repr(k) for k in same) for same in seen.values() if len(same) > 1]
            if dupes:
                raise ValueError(
                    f"{kind} keys must be unique (ignoring case); repeated: {'; '.join(dupes)}"
                )
        if self.min_traits is not None and self.min_traits > len(self.traits):
            raise ValueError(
                f"min_traits is {self.min_traits} but the instrument has only "
                f"{len(self.traits)} traits"
            )
        return self

    @property
    def required_traits(self) -> int:
        """Trait scores a person needs for a MES: ``min_traits``, else every trait."""
        return self.min_traits or len(self.traits)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for trait in self.traits for item in trait.items)

    def trait_fingerprint(self, trait: Trait) -> str:
        """Hash of everything that decides a trait's scores: scale, labels, items, keying."""
        return _digest({"scale": self._scale_definition(), "trait": _trait_definition(trait)})

    @cached_property
    def fingerprint(self) -> str:
        """Hash of the scoring definition; two results compare only if these are equal.

        Outcomes are not part of it (they are not part of the MES; each has its own
        `outcome_fingerprint`); ``min_traits`` is, when it allows a MES with fewer traits.
        """
        definition: dict[str, object] = {
            "scale": self._scale_definition(),
            "traits": [_trait_definition(t) for t in self.traits],
        }
        if self.required_traits != len(self.traits):
            definition["min_traits"] = self.required_traits
        return _digest(definition)

    def outcome_fingerprint(self, outcome: Outcome) -> str:
        """Hash of everything that decides an outcome's figures."""
        return _digest(
            {"outcome": outcome.definition, "missing": sorted(self.scale.missing_tokens)}
        )

    def _scale_definition(self) -> dict[str, object]:
        return {
            "min": self.scale.min,
            "max": self.scale.max,
            "labels": sorted(self.scale.fingerprint_labels.items()),
            "missing": sorted(self.scale.missing_tokens),
        }

    @cached_property
    def header_sources(self) -> dict[str, dict[str, str]]:
        """For each key of `header_aliases`: each of its names and where the name comes from:
        ``key`` (the item key or column name itself), ``statement`` (an item's text),
        ``synonym`` (a built-in name, or a one-item trait's name) or ``instrument`` (a header
        the instrument file adds)."""
        sources: dict[str, dict[str, str]] = {}
        for trait in self.traits:
            for item in trait.items:
                named = sources.setdefault(item.key, {})
                named.setdefault(normalize_header(item.key), "key")
                for text in (item.text_nl, item.text_en):
                    if text.strip():
                        named.setdefault(normalize_header(text), "statement")
                for header in item.headers:
                    named.setdefault(normalize_header(header), "instrument")
                if len(trait.items) == 1:
                    for name in (trait.key, trait.name, trait.name_nl):
                        if name.strip():
                            named.setdefault(normalize_header(name), "synonym")
        for outcome in self.outcomes:
            named = sources.setdefault(outcome_alias(outcome.key), {})
            named.setdefault(normalize_header(outcome.key), "key")
            for text in (outcome.text_nl, outcome.text_en):
                if text.strip() and not _PLACEHOLDER.search(text):
                    named.setdefault(normalize_header(text), "statement")
            for header in outcome.headers:
                if header.strip() and not _PLACEHOLDER.search(header):
                    named.setdefault(normalize_header(header), "instrument")
        for dim, builtin in BUILTIN_COLUMN_HEADERS.items():
            named = sources.setdefault(f"@{dim}", {dim: "key"})
            for name in builtin:
                named.setdefault(normalize_header(name), "synonym")
            for name in getattr(self.columns, dim):
                if name.strip():
                    named.setdefault(normalize_header(name), "instrument")
        return sources

    @cached_property
    def header_aliases(self) -> dict[str, tuple[str, ...]]:
        """For each item key and column dimension: the normalised headers it may appear under."""
        aliases: dict[str, tuple[str, ...]] = {}
        for trait in self.traits:
            single = len(trait.items) == 1
            for item in trait.items:
                names = [item.key, item.text_nl, item.text_en, *item.headers]
                if single:  # a one-item trait may also be found by the trait's names
                    names += [trait.key, trait.name, trait.name_nl]
                aliases[item.key] = _normalized_unique(names)
        for outcome in self.outcomes:
            names = [outcome.key, outcome.text_nl, outcome.text_en, *outcome.headers]
            aliases[outcome_alias(outcome.key)] = _normalized_unique(
                [n for n in names if not _PLACEHOLDER.search(n)]
            )
        for dim, builtin in BUILTIN_COLUMN_HEADERS.items():
            extra = getattr(self.columns, dim)
            if dim == "id":  # in order of preference: see `mes.columns`
                names = [*PERSON_ID_HEADERS, *extra, *RESPONSE_ID_HEADERS]
            else:
                names = [*builtin, *extra]
            aliases[f"@{dim}"] = _normalized_unique(names)
        return aliases

    @cached_property
    def header_patterns(self) -> dict[str, re.Pattern[str]]:
        """For each alias key: one pattern for its statements with a placeholder in square
        brackets (``Hoe waarschijnlijk is het dat je [organisatie] als werkgever aanbeveelt?``),
        where the file has the organisation's own name."""
        patterns: dict[str, re.Pattern[str]] = {}
        for outcome in self.outcomes:
            names = [outcome.text_nl, outcome.text_en, *outcome.headers]
            forms = [_placeholder_pattern(n) for n in names if _PLACEHOLDER.search(n)]
            if forms:
                patterns[outcome_alias(outcome.key)] = re.compile("|".join(forms))
        return patterns


#: A placeholder in a statement: ``[organisatie]``, where a file has the organisation's name.
_PLACEHOLDER = re.compile(r"\[[^\[\]]*\]")


def _placeholder_pattern(text: str) -> str:
    """A statement with placeholders as a regular expression on normalised headers."""
    parts = normalize_header(_PLACEHOLDER.sub("\x00", text)).split("\x00")
    return "(?:" + ".+".join(re.escape(p) for p in parts) + ")"


def outcome_alias(key: str) -> str:
    """The `Instrument.header_aliases` key of outcome ``key`` (items use their own key)."""
    return f"={key}"


def _normalized_unique(names: list[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for name in names:
        if name and name.strip():
            seen.setdefault(normalize_header(name), None)
    return tuple(seen)


def _trait_definition(trait: Trait) -> dict[str, object]:
    return {
        "key": trait.key,
        "required_items": trait.required_items,
        "items": [{"key": i.key, "reverse": i.reverse} for i in trait.items],
    }


def _digest(obj: object) -> str:
    text = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()[:16]


BUILTIN_NAME = "mes-5"


def builtin_toml() -> str:
    """The text of the built-in MES-5 instrument file (what ``mes instrument`` prints)."""
    return resources.files("mes").joinpath("instruments", "mes-5.toml").read_text("utf-8")


_SCALE = re.compile(r"^\s*(-?\d+)\s*[-–]\s*(-?\d+)\s*$")


def parse_scale(text: str) -> tuple[int, int] | None:
    """``"1-10"`` as (1, 10); None unless it is two whole numbers, the first below the second."""
    match = _SCALE.match(text)
    if match is None:
        return None
    low, high = int(match.group(1)), int(match.group(2))
    return (low, high) if low < high else None


def builtin_toml_for_scale(low: int, high: int) -> str:
    """The built-in MES-5 file with its answer scale set to ``low``-``high``: a starting point
    for a questionnaire answered on, say, the 1-10 report grade. The 1-5 agreement labels go
    (they mean nothing on another scale); the outcomes keep their own ranges."""
    text = builtin_toml()
    if (low, high) == (1, 5):
        return text
    head, sep, rest = text.partition("[scale]\n")
    scale, sep2, tail = rest.partition("\n\n")
    replaced = {
        "min =": f"min = {low}",
        "max =": f"max = {high}",
        "labels =": "labels = {}",
        "# Text answers accepted": '# Text answers besides the numbers, e.g. { "Zeer goed" = 10 }.',
    }
    lines = []
    for line in scale.splitlines():
        if line.startswith("# labels ("):
            continue
        start = next((k for k in replaced if line.startswith(k)), None)
        lines.append(replaced[start] if start is not None else line)
    note = (
        f"# Answered on a {low}-{high} scale (written by mes instrument --scale {low}-{high}); "
        "scores are still shown on 0-100, and figures also on this scale.\n"
    )
    return head + sep + note + "\n".join(lines) + sep2 + tail


def builtin() -> Instrument:
    """The built-in MES-5 instrument."""
    return parse_instrument(builtin_toml(), source=f"<built-in {BUILTIN_NAME}>")


def load_instrument(path: Path) -> Instrument:
    """Read and check an instrument file; every problem becomes an `InputError`."""
    text = read_toml_file(path, message("instrument"), _instrument_issue)
    return parse_instrument(text, source=str(path))


def parse_instrument(text: str, source: str) -> Instrument:
    """Parse instrument TOML text; syntax and schema errors become one `InputError`."""
    fix = message("fix the instrument file")
    return parse_toml_model(Instrument, text, source, fix, _instrument_issue)


#: Makes the issue of a definition file: (file, message, field) -> `Issue` with the file's code.
IssueAt = Callable[[str, Message, "str | None"], Issue]
M = TypeVar("M", bound=BaseModel)


def read_toml_file(path: Path, noun: Message, issue_at: IssueAt) -> str:
    """The text of a definition file (instrument, mirror definition); unreadable: `InputError`."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        text = message("{noun} file not found; check the path", noun=noun)
        raise InputError(issue_at(str(path), text, None)) from None
    except (OSError, UnicodeDecodeError) as exc:
        text = message("cannot read the {noun} file: {reason}", noun=noun, reason=str(exc))
        raise InputError(issue_at(str(path), text, None)) from None


def parse_toml_model(model: type[M], text: str, source: str, fix: Message, issue_at: IssueAt) -> M:
    """TOML text checked by ``model``; syntax and schema errors become one `InputError`, each
    schema error an issue at its field, its message ending in ``fix``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(
            issue_at(source, message("not valid TOML: {reason}", reason=str(exc)), None)
        ) from None
    try:
        return model.model_validate(_tuples(data))
    except ValidationError as exc:
        issues = []
        errors = exc.errors(include_url=False)
        for err in errors:
            if err["type"] == "too_short" and any(
                other is not err and other["loc"][: len(err["loc"])] == err["loc"]
                for other in errors
            ):
                continue  # a list whose entries are wrong: said of the entries
            place, problem = _in_own_words(model, data, err)
            said = message("{place}: {problem}", place=place, problem=problem) if place else problem
            issues.append(
                issue_at(source, message("{problem}; {fix}", problem=said, fix=fix), None)
            )
        raise InputError(list(dict.fromkeys(issues))) from None


def _in_own_words(model: type[BaseModel], data: object, err: ErrorDetails) -> tuple[str, Message]:
    """A schema error said in the file's words: where (1-based numbers, keys) and what is wrong,
    never pydantic's phrasing: ``trait 2 'room', item 1`` and ``unknown field 'reversed'; did
    you mean 'reverse'?``."""
    loc = [p for p in err["loc"] if isinstance(p, int | str)]
    kind = err["type"]
    field = loc[-1] if loc and isinstance(loc[-1], str) else None
    within = loc[:-1] if field is not None else loc
    place = _place(within, data)
    name: Value = repr(field) if field is not None else message("this value")
    given = err.get("input")
    if kind == "extra_forbidden":
        known = _fields_at(model, within)
        close = difflib.get_close_matches(str(field), known, n=1, cutoff=0.6)
        if close:
            return place, message(
                "unknown field {name} (did you mean {close!r}?)", name=name, close=close[0]
            )
        return place, message(
            "unknown field {name} (known: {known})", name=name, known=", ".join(known)
        )
    if kind == "missing":
        return place, message("{name} is missing", name=name)
    if kind == "string_pattern_mismatch" and field == "key":
        return place, message(
            "key {given!r}: a key is a letter followed by letters, digits or _ (e.g. A1, room_2)",
            given=str(given),
        )
    expected = _EXPECTED.get(kind)
    if expected is not None:
        return place, message(
            "{name} should be {expected}, not {given}",
            name=name,
            expected=message(expected),
            given=_toml_value(given),
        )
    if kind == "too_short":
        return place, message("{name} needs at least one entry", name=name)
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return place, message(
            "{name} {limit}", name=name, limit=err["msg"].removeprefix("Input should be ")
        )
    if kind == "value_error":  # a check of a whole table: said at that table
        return _place(loc, data), message(
            "{problem}", problem=str(err["msg"]).removeprefix("Value error, ")
        )
    return place, message("{name}: {problem}", name=name, problem=str(err["msg"]))


_EXPECTED = {
    "string_type": N_("text in quotes"),
    "int_type": N_("a whole number"),
    "int_from_float": N_("a whole number"),
    "int_parsing": N_("a whole number"),
    "float_type": N_("a number"),
    "bool_type": N_("true or false"),
    "bool_parsing": N_("true or false"),
    "tuple_type": N_("a list in [brackets]"),
    "list_type": N_("a list in [brackets]"),
    "dict_type": N_("a table of names and values"),
    "model_type": N_("a table of names and values"),
    "model_attributes_type": N_("a table of names and values"),
}


def _toml_value(value: object) -> Value:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return message("a list")
    if isinstance(value, dict):
        return message("a table")
    return repr(value)


def _place(loc: list[int | str], data: object) -> str:
    """``trait 2 'room', item 1 'room'``: list entries numbered from 1, named by their key."""
    parts: list[str] = []
    node = data
    parent = ""
    for part in loc:
        if isinstance(part, int) and isinstance(node, list | tuple):
            node = node[part] if 0 <= part < len(node) else None
            noun = parent[:-1] if parent.endswith("s") else parent or "entry"
            named = node.get("key") if isinstance(node, dict) else None
            parts[-1:] = [f"{noun} {part + 1}" + (f" {named!r}" if isinstance(named, str) else "")]
        elif isinstance(part, str):
            node = node.get(part) if isinstance(node, dict) else None
            parent = part
            parts.append(f"[{part}]" if isinstance(node, dict) else repr(part))
    return ", ".join(parts)


def _fields_at(model: type[BaseModel], loc: list[int | str]) -> list[str]:
    """The field names of the model at ``loc`` (walking into nested models and their tuples)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return []
        if isinstance(part, str):
            info = current.model_fields.get(part)
            current = _model_in(info.annotation) if info is not None else None
    return list(current.model_fields) if current is not None else []


def _model_in(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _tuples(value: object) -> object:
    """TOML arrays arrive as lists; the strict, frozen models want tuples."""
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return value


def _instrument_issue(source: str, text: Message, field: str | None) -> Issue:
    return error("invalid-instrument", text, Location(file=source, field=field))


_BRACKETED = re.compile(r"\[([^\[\]]+)\]\s*$")


def header_candidates(header: str) -> tuple[str, ...]:
    """The forms under which a header may name a known column.

    Besides the header itself: the text inside trailing brackets (Google Forms grids write
    ``Question [Statement]``). Microsoft Forms Likert exports (``Question.Statement``) are
    matched by suffix in `mes.columns`.
    """
    forms = [normalize_header(header)]
    match = _BRACKETED.search(header)
    if match:
        forms.append(normalize_header(match.group(1)))
    return tuple(dict.fromkeys(f for f in forms if f))
