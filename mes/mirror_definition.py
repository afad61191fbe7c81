"""The mirror survey definition: which aspects of the service are asked of customers and staff.

A mirror survey (spiegelonderzoek) asks customers to rate aspects of the service and asks
employees how they think customers rate those same aspects. A `MirrorDefinition` names each
aspect, the column headers of the customer question and of the employee expectation question,
and the answer scale. The built-in definition lives in ``instruments/mirror-default.toml``;
others are TOML files of the same shape (``mes mirror --template`` prints it).

The definition is turned into two small `Instrument`s, one per file, so that both files are read
and checked by exactly the machinery that reads survey exports (`mes.validation`): located
errors, answer labels, "n.v.t." as missing, team and department columns found by their headers.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from mes.errors import Issue, Location, error
from mes.instrument import (
    ColumnHeaders,
    Instrument,
    Item,
    Scale,
    Trait,
    normalize_header,
    parse_toml_model,
    read_toml_file,
)
from mes.messages import Message, message

AspectKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=48)]
Header = Annotated[str, Field(min_length=1)]

#: Prefix of an employee expectation item's key; ``expected_<key>`` is also accepted as header.
EXPECTED = "expected_"


class Aspect(BaseModel):
    """One aspect of the service, asked of customers and (as an expectation) of employees."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    key: AspectKey
    name: str = Field(min_length=1)
    name_nl: str = ""
    description: str = ""
    customer: tuple[Header, ...] = Field(min_length=1)
    employee: tuple[Header, ...] = Field(min_length=1)

    def display_name(self, lang: str = "en") -> str:
        return self.name_nl if lang == "nl" and self.name_nl else self.name


class GroupColumns(BaseModel):
    """Extra headers of the customer file's team and department columns."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    team: tuple[Header, ...] = ()
    department: tuple[Header, ...] = ()


class MirrorDefinition(BaseModel):
    """A mirror survey: its aspects, their questions on both sides, and the answer scale."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    version: str = "1"
    description: str = ""
    scale: Scale = Scale()
    employee_scale: Scale | None = None  # when employees answered on another scale
    customer_columns: GroupColumns = GroupColumns()
    aspects: tuple[Aspect, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> MirrorDefinition:
        keys = [a.key for a in self.aspects]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise ValueError(f"aspect keys must be unique; repeated: {', '.join(dupes)}")
        for side in ("customer", "employee"):
            seen: dict[str, str] = {}
            for aspect in self.aspects:
                for header in getattr(aspect, side):
                    norm = normalize_header(header)
                    other = seen.setdefault(norm, aspect.key)
                    if other != aspect.key:
                        raise ValueError(
                            f"{side} header {header!r} is given for both {other!r} and "
                            f"{aspect.key!r}; each column can hold one aspect"
                        )
        return self

    @property
    def employee_answer_scale(self) -> Scale:
        return self.employee_scale or self.scale

    @property
    def fingerprint(self) -> str:
        """Hash of what decides the figures: scales and the aspects' keys."""
        data = {
            "scale": [
                self.scale.min,
                self.scale.max,
                sorted(self.scale.fingerprint_labels.items()),
            ],
            "employee_scale": [
                self.employee_answer_scale.min,
                self.employee_answer_scale.max,
                sorted(self.employee_answer_scale.fingerprint_labels.items()),
            ],
            "aspects": [a.key for a in self.aspects],
        }
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return "sha256:" + hashlib.sha256(text.encode()).hexdigest()[:16]

    def customer_instrument(self) -> Instrument:
        """The customer questions as an instrument: one single-item trait per aspect.

        A customer column may be headed by any of the aspect's customer headers, its key or
        its names.
        """
        return Instrument(
            id=f"{self.id}-customers",
            name=f"{self.name} (customers)",
            version=self.version,
            scale=self.scale,
            columns=ColumnHeaders(
                team=self.customer_columns.team, department=self.customer_columns.department
            ),
            traits=tuple(
                Trait(
                    key=a.key,
                    name=a.name,
                    name_nl=a.name_nl,
                    items=(Item(key=a.key, text_nl=a.customer[0], headers=a.customer),),
                )
                for a in self.aspects
            ),
        )

    def employee_instrument(self, survey: Instrument) -> Instrument:
        """The expectation questions as an instrument, finding team and department columns
        under the same headers as the survey's own instrument.

        Items are keyed ``expected_<key>`` and have no names, so a column headed only by an
        aspect's name (such as a customer-style ``Speed``) is never taken for an expectation.
        """
        return Instrument(
            id=f"{self.id}-employees",
            name=f"{self.name} (employees)",
            version=self.version,
            scale=self.employee_answer_scale,
            columns=survey.columns,
            traits=tuple(
                Trait(
                    key=EXPECTED + a.key,
                    name="",
                    items=(Item(key=EXPECTED + a.key, text_nl=a.employee[0], headers=a.employee),),
                )
                for a in self.aspects
            ),
        )


BUILTIN_FILE = "mirror-default.toml"


def builtin_toml() -> str:
    """The text of the built-in mirror definition (what ``mes mirror --template`` prints)."""
    return resources.files("mes").joinpath("instruments", BUILTIN_FILE).read_text("utf-8")


def builtin_definition() -> MirrorDefinition:
    return parse_definition(builtin_toml(), source="<built-in mirror-default>")


def load_definition(path: Path) -> MirrorDefinition:
    """Read and check a mirror definition file; every problem becomes an `InputError`."""
    text = read_toml_file(path, message("definition"), _definition_issue)
    return parse_definition(text, source=str(path))


def parse_definition(text: str, source: str) -> MirrorDefinition:
    """Parse definition TOML; syntax and schema errors become one `InputError`."""
    fix = message("fix the mirror definition (see mes mirror --template)")
    return parse_toml_model(MirrorDefinition, text, source, fix, _definition_issue)


def _definition_issue(source: str, text: Message, field: str | None) -> Issue:
    return error("invalid-mirror-definition", text, Location(file=source, field=field))
