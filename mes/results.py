"""The output models: what JSON, terminal tables and workbooks are all made from.

These are the stable, versioned shape of a result (``schema_version``). Figures are kept at full
precision; rounding happens only where numbers are shown (the table and workbook renderers).
Suppressed groups carry their name and the reason, never their figures or exact count.
Shares are fractions 0-1; scores are 0-100.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from mes.errors import Issue
from mes.privacy import Suppression
from mes.settings import Settings

SCHEMA_VERSION = "1.0"


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ItemInfo(_Out):
    key: str
    text_nl: str
    text_en: str
    reverse: bool


class TraitInfo(_Out):
    key: str
    name: str
    name_nl: str
    required_items: int
    fingerprint: str
    items: list[ItemInfo]


class InstrumentInfo(_Out):
    id: str
    name: str
    version: str
    fingerprint: str  # hash of the scoring definition: results compare only if equal
    scale_min: int
    scale_max: int
    traits: list[TraitInfo]


class SourceInfo(_Out):
    file: str
    format: str
    sheet: str | None
    header_row: int | None
    rows_read: int  # data rows (entirely empty rows not counted)
    respondents: int  # rows with at least one answer, after --skip-invalid
    scored: int  # respondents with a score on every trait (they make up the groups)
    not_scored: int  # respondents who answered too few items
    skipped: int  # rows left out with --skip-invalid


class TraitResult(_Out):
    key: str
    mean: float
    favourable: float
    neutral: float
    unfavourable: float


class Interval(_Out):
    low: float
    high: float


class GroupResult(_Out):
    """One group: the organisation, a department, a team, or a value of a ``--by`` column."""

    id: str  # stable: "organisation", "department/Finance", "team/Finance/Team A", "by:role/X"
    dimension: str  # "organisation", "department", "team" or the --by column
    name: str
    path: list[str]  # names from the top, e.g. ["Finance", "Team A"]
    parent: str | None
    suppressed: bool
    suppression: Suppression | None = None
    n: int | None = None
    mes: float | None = None
    sd: float | None = None
    ci: Interval | None = None
    energetic_share: float | None = None
    traits: list[TraitResult] | None = None
    focus_trait: str | None = None


class ReliabilityResult(_Out):
    trait: str
    items: int
    n: int
    alpha: float | None
    below_threshold: bool
    note: str | None = None


class Individual(_Out):
    """A person's scores (only with ``--individuals``); group labels of hidden groups masked."""

    respondent: str
    department: str | None = None
    team: str | None = None
    by: dict[str, str | None] = {}
    traits: dict[str, float | None]
    mes: float | None
    energetic: bool | None


class ScoreReport(_Out):
    """Everything ``mes score`` computed, in one versioned document."""

    schema_version: str = SCHEMA_VERSION
    kind: Literal["mes.score"] = "mes.score"
    mes_version: str
    source: SourceInfo
    instrument: InstrumentInfo
    settings: Settings
    by: list[str]
    groups: list[GroupResult]
    reliability: list[ReliabilityResult]
    individuals: list[Individual] | None = None
    issues: list[Issue]

    @property
    def organisation(self) -> GroupResult:
        return self.groups[0]

    def children(self, parent: str, dimension: str | None = None) -> list[GroupResult]:
        return [
            g
            for g in self.groups
            if g.parent == parent and (dimension is None or g.dimension == dimension)
        ]


class ValidationReport(_Out):
    """What ``mes validate`` found: every problem, and whether the file would score."""

    schema_version: str = SCHEMA_VERSION
    kind: Literal["mes.validate"] = "mes.validate"
    mes_version: str
    file: str
    valid: bool
    respondents: int | None  # rows with at least one answer, when the file could be read
    issues: list[Issue]
