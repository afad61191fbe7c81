"""The output models: what JSON, terminal tables and workbooks are all made from.

These are the stable, versioned shape of a result (``schema_version``). Figures are kept at full
precision; rounding happens only where numbers are shown (the table and workbook renderers).
Suppressed groups carry their name and the reason, never their figures or exact count.
Shares are fractions 0-1; scores are 0-100.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from mes.errors import Issue
from mes.messages import Message
from mes.privacy import Suppression
from mes.settings import Settings

if TYPE_CHECKING:
    from mes.individuals import People

SCHEMA_VERSION = "2.0"


class _Out(BaseModel):
    # defer_build: a model's validator and serialiser are built when first used, so a command
    # builds those of its own output only (all of them cost a tenth of an everyday run).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


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


class OutcomeInfo(_Out):
    """An outcome question the file has: reported beside the MES, never part of it."""

    key: str
    kind: Literal["energy", "enps", "scale"]
    name: str
    name_nl: str
    text_nl: str
    text_en: str
    low: int  # the answer range
    high: int
    high_at: int  # at or above: a lot of energy / promoter / favourable
    low_at: int  # at or below: little energy / detractor / unfavourable
    fingerprint: str


class InstrumentInfo(_Out):
    id: str
    name: str
    version: str
    fingerprint: str  # hash of the scoring definition: results compare only if equal
    scale_min: int
    scale_max: int
    min_traits: int  # trait scores a person needs for a MES
    traits: list[TraitInfo]
    outcomes: list[OutcomeInfo] = []  # the instrument's outcomes this file has answers for


class SourceInfo(_Out):
    file: str
    format: str
    sheet: str | None
    header_row: int | None
    # The counts are None when the organisation itself is suppressed: they would be its size.
    rows_read: int | None  # data rows (entirely empty rows not counted)
    respondents: int | None  # rows with at least one answer, after --skip-invalid
    scored: int | None  # respondents with a MES (at least min_traits trait scores)
    not_scored: int | None  # respondents without a MES (they still count in other figures)
    skipped: int | None  # rows left out with --skip-invalid


class TraitResult(_Out):
    key: str
    n: int = Field(ge=1)  # the people this figure rests on: those of the group with the trait
    mean: float
    mean_on_scale: float | None = None  # the mean on the answer scale, unless it is 1-5
    favourable: float
    neutral: float
    unfavourable: float


class Interval(_Out):
    low: float
    high: float


class OutcomeResult(_Out):
    """An outcome's figures in one group, over the people of the group who answered it.

    ``mean`` on the outcome's own range, ``mean_100`` on 0-100. ``high_share``: at or above
    ``high_at`` (energy: a lot of energy; enps: promoters; scale: favourable); ``low_share``: at
    or below ``low_at`` (little energy; detractors; unfavourable). ``enps`` (kind enps only):
    100 x (high_share - low_share), with its Wald interval ``enps_ci``.
    """

    key: str
    kind: Literal["energy", "enps", "scale"]
    n: int = Field(ge=1)
    mean: float
    mean_100: float
    sd: float | None  # None for n = 1
    ci: Interval | None  # t-interval of the mean (own range); None for n = 1
    high_share: float
    low_share: float
    enps: float | None = None
    enps_ci: Interval | None = None


class HiddenFigure(_Out):
    """A figure of a shown group that is not shown, and why (the group's figures otherwise are)."""

    figure: str  # "mes", "trait:<key>" or "outcome:<key>"
    suppression: Suppression


class _Group(_Out):
    id: str  # stable: "organisation", "department/Finance", "team/Finance/Team A", "by:role/X"
    dimension: str  # "organisation", "department", "team" or the --by column
    name: str
    path: list[str]  # names from the top, e.g. ["Finance", "Team A"]
    parent: str | None


class GroupResponse(_Out):
    """Who answered in one shown group, from a headcount (``--headcount``)."""

    invited: int = Field(ge=1)
    responded: int = Field(ge=1)  # the group's respondents
    rate: float  # responded / invited, 0-1
    margin: float | None  # half-width of the MES interval with finite-population correction
    low: bool  # rate below the --min-response threshold


class ResponseSummary(_Out):
    """The response of the organisation, from a headcount; figures None when it is suppressed."""

    headcount: str  # the headcount file as given
    min_response: float  # threshold 0-1: groups below it are flagged
    invited: int | None
    responded: int | None
    rate: float | None
    low: list[str]  # ids of shown groups whose response is below min_response
    no_responses: list[str]  # ids of headcount groups no one in the survey belongs to
    not_in_headcount: list[str]  # ids of survey groups the headcount does not list


class ShownGroup(_Group):
    """A group that is shown: its respondents, and every figure that rests on k people or more
    and gives no one away (sd and ci only from n = 2 on). A figure that is not shown is left
    out and named in ``hidden``; the MES figures (n, mes, sd, ci, energetic_share) are then null.
    """

    suppressed: Literal[False]
    suppression: None = None
    respondents: int = Field(ge=1)  # everyone of the group who answered at least one item
    n: int | None = Field(ge=1)  # the people the MES rests on (those with a MES)
    mes: float | None
    mes_on_scale: float | None = None  # the MES as an average answer on the scale, unless 1-5
    sd: float | None  # None for n = 1
    ci: Interval | None  # None for n = 1
    energetic_share: float | None
    traits: list[TraitResult]
    outcomes: list[OutcomeResult] = []
    focus_trait: str | None  # the lowest of the traits shown
    hidden: list[HiddenFigure] = []
    response: GroupResponse | None = None  # with --headcount

    @model_validator(mode="after")
    def _spread_from_two(self) -> ShownGroup:
        mes = (self.n, self.mes, self.energetic_share)
        if any(v is None for v in mes) and any(v is not None for v in mes):
            raise ValueError("n, mes and energetic_share are shown together or not at all")
        if self.n is not None and self.n > 1 and (self.sd is None or self.ci is None):
            raise ValueError(f"a shown MES of n = {self.n} needs its sd and ci")
        return self


class SuppressedGroup(_Group):
    """A group too small to show, or hidden to protect another: its name and why, no figures.

    The figure fields stay, always null, so that every group has the same keys in JSON.
    """

    suppressed: Literal[True]
    suppression: Suppression
    respondents: None = None
    n: None = None
    mes: None = None
    mes_on_scale: None = None
    sd: None = None
    ci: None = None
    energetic_share: None = None
    traits: None = None
    outcomes: None = None
    focus_trait: None = None
    hidden: None = None
    response: None = None


#: One group: the organisation, a department, a team, or a value of a ``--by`` column; shown
#: with all its figures or suppressed with none, told apart by ``suppressed``. A saved result
#: with a shown group lacking a figure is refused when it is read, not deep inside a comparison.
GroupResult = Annotated[ShownGroup | SuppressedGroup, Field(discriminator="suppressed")]


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
    outcomes: dict[str, float | None] = {}  # answers on each outcome's own range


# --- What drives an outcome: `mes drivers`, and a section of `mes score` ------------------------
# Built by `mes.driver_report` from the scored persons of the groups the report shows; see
# `mes.drivers` for the method.

#: Why a shown group's drivers are not computed: fewer people with every trait and the outcome
#: than `DriversSettings.min_people`, or the outcome or a trait has one value for everyone.
#: "outcome-hidden": the score report hides the outcome's figures in this group (privacy).
DriversNotComputed = Literal["too-few-people", "no-variation", "outcome-hidden"]


class TraitDriverResult(_Out):
    """How one trait relates to the outcome across the people of a group."""

    key: str
    # The trait's mean score in the group as the score report shows it (0-100); None where the
    # report hides that figure of the group.
    score: float | None
    low_rank: int | None  # 1 for the group's lowest trait score (None without a score)
    r: float  # Pearson's r
    r_ci: Interval
    importance: float  # the trait's part of R² (LMG); the parts add up to R²
    importance_ci: Interval
    share: float  # importance / R²: the trait's share of the explained variance, 0-1
    share_ci: Interval
    rank: int  # 1 for the largest share (the strongest driver)


class GroupDrivers(_Out):
    """One shown group's drivers of one outcome; figures only when computed."""

    id: str  # the group's id in `groups` of the score report
    dimension: str
    name: str
    path: list[str]
    computed: bool
    reason: DriversNotComputed | None = None  # when not computed
    constant: str | None = None  # with "no-variation": the trait key or "outcome"
    n: int | None = None  # people with every trait and the outcome: what the figures rest on
    r2: float | None = None
    r2_ci: Interval | None = None
    traits: list[TraitDriverResult] | None = None
    strongest: str | None = None  # the trait with the largest share
    priority: str | None = None  # the trait to act on first, if one is both low and strong
    interval_method: Literal["bootstrap", "normal"] | None = None
    resamples: int | None = None  # bootstrap resamples; 0 with the normal interval


class OutcomeDrivers(_Out):
    """The drivers of one outcome, per shown group (the organisation first)."""

    outcome: str  # the outcome's key
    kind: str  # energy, enps or scale
    name: str
    name_nl: str
    groups: list[GroupDrivers]


class DriversSettings(_Out):
    """The settings of the driver analysis, shown beside it."""

    min_people: int  # max(30, the minimum group size): the fewest people it rests on
    confidence: float
    resamples: int  # bootstrap resamples per group and outcome
    bootstrap_limit: int  # above this many people the normal (delta-method) interval is used
    priority_top: int  # the priority is among this many strongest drivers and lowest traits


class DriversResult(_Out):
    """What drives each outcome: per outcome, per shown group."""

    settings: DriversSettings
    outcomes: list[OutcomeDrivers]


class DriversReport(_Out):
    """Everything ``mes drivers`` computed, in one versioned document."""

    schema_version: str = SCHEMA_VERSION
    kind: Literal["mes.drivers"] = "mes.drivers"
    mes_version: str
    source: SourceInfo
    instrument: InstrumentInfo
    settings: Settings
    by: list[str]
    drivers: DriversResult
    issues: list[Issue]


class ScoreReport(_Out):
    """Everything ``mes score`` computed, in one versioned document."""

    schema_version: str = SCHEMA_VERSION
    kind: Literal["mes.score"] = "mes.score"
    mes_version: str
    source: SourceInfo
    response: ResponseSummary | None = None  # with --headcount
    instrument: InstrumentInfo
    settings: Settings
    by: list[str]
    groups: list[GroupResult]
    reliability: list[ReliabilityResult]
    individuals: list[Individual] | None = None
    drivers: DriversResult | None = None  # when the file has an outcome question
    issues: list[Issue]
    # With --individuals, `score` keeps the per-person rows as columns here and leaves
    # `individuals` empty: the renderers stream them (a model per person cost gigabytes at 1M).
    _people: People | None = PrivateAttr(default=None)

    @property
    def organisation(self) -> GroupResult:
        return self.groups[0]

    def people(self) -> People | None:
        """The per-person rows (with --individuals), however the report was made or read."""
        if self._people is not None or self.individuals is None:
            return self._people
        from mes.individuals import People

        return People.of_models(self.individuals, self.by)

    def with_people(self, people: People | None) -> ScoreReport:
        """This report carrying ``people`` as its per-person rows."""
        report = self.model_copy(update={"individuals": None})
        report._people = people
        return report

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


# --- Change between quarters: `mes diff` and `mes trend` ------------------------------------------
# Built by `mes.change` from two or more `ScoreReport`s, i.e. from the figures of groups each
# quarter shows; nothing here is computed from a group that a quarter suppressed.

ChangeLabel = Literal["rising", "falling", "stable"]
#: compared: shown in both quarters; new / gone: in one quarter only; suppressed: in both, but
#: hidden in at least one, so no change (a change against a hidden group would reveal it).
GroupStatus = Literal["compared", "new", "gone", "suppressed"]
SideName = Literal["old", "new"]


class QuarterInfo(_Out):
    """One quarter of a comparison: the survey its figures come from, and its instrument."""

    label: str  # short name for tables: the survey file's name without folder and extension
    file: str  # the survey file that was scored (for a saved result: the file it names)
    sheet: str | None
    respondents: int | None  # None when that quarter's organisation is suppressed
    scored: int | None
    instrument: str  # name and version
    instrument_fingerprint: str
    response: ResponseSummary | None = None  # when the quarter was scored with a headcount


class CompareSettings(_Out):
    confidence: float  # of the test and the interval of a change
    min_change: float  # points of MES a change needs, besides significance, to count
    min_group_size: int
    allow_instrument_change: bool


class DiffSettings(CompareSettings):
    paired: bool  # the paired view was asked for (it may still be unavailable; see `paired`)


class RenameResult(_Out):
    """A rename as given, and the groups of the earlier quarter it renamed (none: a warning)."""

    old: str
    new: str
    groups: list[str]  # ids of the renamed groups in the quarter where the old name occurs


class SideFigures(_Out):
    """A group's figures in one quarter, exactly as that quarter's score report shows them."""

    n: int
    mes: float
    sd: float | None
    energetic_share: float
    response_rate: float | None = None  # 0-1, when that quarter was scored with a headcount


class TraitChange(_Out):
    key: str
    old: float  # mean trait score 0-100
    new: float
    change: float


class OutcomeChange(_Out):
    """The change of one outcome in a group between two quarters, on the people who answered it.

    energy and scale: the mean on the outcome's own range (``old``, ``new``, ``change``); the
    test is Welch's on the means rescaled to 0-100 (``change_100``), labelled by the same rule
    as the MES. enps: ``old``/``new`` are the eNPS values (-100..100) and the test a z-test of
    their difference with variance var_old + var_new (independent samples, each the
    multinomial variance of the README).
    """

    key: str
    kind: Literal["energy", "enps", "scale"]
    n_old: int
    n_new: int
    old: float
    new: float
    change: float
    change_100: float  # energy and scale: the change on 0-100; enps: the change itself
    ci: Interval | None  # interval of ``change`` (own range; enps: eNPS points)
    p: float | None
    label: ChangeLabel
    reason: str


class WelchTest(_Out):
    """Welch's t-test of the change in MES, from each quarter's n, mean and sd."""

    t: float
    df: float  # Welch-Satterthwaite degrees of freedom
    p: float  # two-sided
    ci: Interval  # interval of the change at `settings.confidence`
    hedges_g: float | None  # effect size; None without spread


class Headcount(_Out):
    """A number of people: exact, or only below / at least k where the exact number could
    reveal someone (e.g. one person who joined, whose score the totals would then give away)."""

    exact: int | None = None
    below: int | None = None
    at_least: int | None = None


class PairedTest(_Out):
    """Paired t-test of the within-person change of the people in the group in both quarters."""

    t: float
    df: int
    p: float
    ci: Interval


class PairedChange(_Out):
    """Who stayed, joined and left a group, and the stayers' within-person change in MES."""

    shown: bool
    reason: str | None = None  # why the figures are withheld, when they are
    stayed: Headcount
    joined: Headcount
    left: Headcount
    mes_change: float | None = None  # mean of (new - old) over the stayers
    test: PairedTest | None = None
    note: str | None = None  # why there is a change but no test


class GroupChange(_Out):
    """One group across two quarters. Figures only where the group is shown in both."""

    id: str  # the group's id in the later quarter (in the earlier one for a gone group)
    dimension: str
    name: str
    path: list[str]
    status: GroupStatus
    old_id: str | None
    new_id: str | None
    old_path: list[str] | None = None  # the earlier names, when a rename matched the group
    suppressed_in: list[SideName] = []
    old: SideFigures | None = None
    new: SideFigures | None = None
    mes_change: float | None = None  # None when the instruments' traits differ
    energetic_change: float | None = None  # share 0-1
    traits: list[TraitChange] | None = None
    test: WelchTest | None = None
    label: ChangeLabel | None = None
    reason: str | None = None  # why this label (or why no test), a stable code
    paired: PairedChange | None = None
    outcomes: list[OutcomeChange] | None = None  # outcomes shown in both quarters, if any


class PairedInfo(_Out):
    available: bool
    reason: str | None = None  # a stable code, when not available
    message: str | None = None  # in English; `text` is what a renderer translates
    # The message as a template with values (absent in a result read back from a file).
    _text: Message | None = PrivateAttr(default=None)

    @property
    def text(self) -> Message | None:
        return self._text

    @classmethod
    def unavailable(cls, reason: str, text: Message) -> PairedInfo:
        """Why there is no paired view: a stable code and a message."""
        info = cls(available=False, reason=reason, message=text.english)
        info._text = text
        return info


class TraitName(_Out):
    key: str
    name: str
    name_nl: str


class DiffReport(_Out):
    """Everything ``mes diff`` computed, in one versioned document."""

    schema_version: str = SCHEMA_VERSION
    kind: Literal["mes.diff"] = "mes.diff"
    mes_version: str
    old: QuarterInfo
    new: QuarterInfo
    settings: DiffSettings
    instrument_changed: bool
    traits: list[TraitName]  # the traits compared (all of them unless the instrument changed)
    mes_compared: bool  # False when the instrument changed in a trait: MES is then not comparable
    renames: list[RenameResult]
    paired: PairedInfo
    groups: list[GroupChange]
    issues: list[Issue]


class TrendPoint(_Out):
    """A group in one quarter: absent, suppressed, or its n and MES."""

    present: bool
    suppressed: bool = False
    n: int | None = None
    mes: float | None = None


class TrendGroup(_Out):
    id: str  # the group's id in the latest quarter it occurs in
    dimension: str
    name: str
    path: list[str]
    points: list[TrendPoint]  # one per quarter, in the order of `TrendReport.quarters`
    last_change: float | None = None  # between the last two quarters, when shown in both
    last_test: WelchTest | None = None
    last_label: ChangeLabel | None = None
    last_reason: str | None = None
    last_outcomes: list[OutcomeChange] | None = None  # outcomes of the last two quarters


class TrendReport(_Out):
    """Everything ``mes trend`` computed: MES per group per quarter, and the last change."""

    schema_version: str = SCHEMA_VERSION
    kind: Literal["mes.trend"] = "mes.trend"
    mes_version: str
    quarters: list[QuarterInfo]
    settings: CompareSettings
    instrument_changed: bool
    mes_compared: bool  # whether the last two quarters' MES are comparable
    renames: list[RenameResult]
    groups: list[TrendGroup]
    issues: list[Issue]


# --- Which column is read as what: `mes columns` ----------------------------------------------

#: What a column is read as: an item of the instrument, the respondent id, a group column, an
#: outcome question, personal data (never read), a column read by nothing (ignored: a second id
#: candidate or a duplicate), or unknown.
ReadAs = Literal[
    "item", "id", "team", "department", "role", "outcome", "personal", "ignored", "unknown"
]


class NearMissInfo(_Out):
    """The expected column an unrecognised header most resembles."""

    read_as: ReadAs  # what it would be read as: "item", "team", ...
    key: str | None  # the item (or outcome) key, for items and outcomes
    name: str  # the expected name it resembles (normalised)
    score: float  # 0-1, difflib's ratio; 0 for a header that only has a telling word


class ColumnInfo(_Out):
    index: int  # 0-based position in the file
    ref: str | None  # Excel column letter (None for JSON input)
    header: str
    read_as: ReadAs
    key: str | None = None  # item or outcome key
    trait: str | None = None  # the item's trait key
    trait_number: int | None = None  # 1-based, as in the instrument file
    item_number: int | None = None  # 1-based within the trait
    #: Why: "key" (the item key or column name itself), "statement", "synonym" (a built-in
    #: name), "instrument" (a header the instrument file lists), "meaning" (question words),
    #: "header" / "content" (personal data), "duplicate", "lower-rank-id", or None (unknown).
    why: str | None = None
    detail: str = ""  # the words of the why, e.g. the name it matched
    near_miss: NearMissInfo | None = None


class ColumnsReport(_Out):
    """What ``mes columns`` found: every column of a file, what it is read as, and why."""

    schema_version: str = SCHEMA_VERSION
    kind: Literal["mes.columns"] = "mes.columns"
    mes_version: str
    file: str
    sheet: str | None
    header_row: int | None
    instrument: str  # name and version
    columns: list[ColumnInfo]
    issues: list[Issue]  # what the column mapping reports (missing columns, warnings)
