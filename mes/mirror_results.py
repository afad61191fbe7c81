"""The output models of ``mes mirror`` (and ``mes link``): what JSON, tables and workbooks show.

Versioned (``schema_version``) and separate from the input models. Figures are unrounded: scores
on 0-100, answers on the question's own scale as ``mean_on_scale``; rounding happens where they
are shown. A hidden figure is absent (None) with the reason beside it, never a number.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from mes.errors import Issue
from mes.privacy import Suppression

SCHEMA_VERSION = "1.0"

#: underestimate: customers rate the aspect higher than employees expect; overestimate: lower.
Verdict = Literal["underestimate", "overestimate", "in-line"]
#: Why a verdict is what it is: the same reasons as a change in ``mes diff``.
VerdictReason = Literal["significant-gap", "not-significant", "below-min-change", "no-test"]
#: Why a figure of one side is hidden.
HiddenReason = Literal[
    "employee-group-suppressed",  # mes score suppresses this employee group
    "too-few-answers",  # fewer than k answers to this question in this group
    "protects-another-group",  # shown, it would give a smaller group's figure away by subtraction
    "parent-suppressed",  # hidden with the group it belongs to
]


class _Out(BaseModel):
    # defer_build: a model's validator and serialiser are built when first used, so a command
    # builds those of its own output only (all of them cost a tenth of an everyday run).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Interval(_Out):
    low: float
    high: float


class SideFigures(_Out):
    """One side's answers to one aspect in one group: customers, or employees' expectation."""

    n: int | None = None  # answers the figure rests on
    mean: float | None = None  # 0-100
    mean_on_scale: float | None = None  # on the question's own scale, e.g. 1-5
    sd: float | None = None  # 0-100; None for a single answer
    hidden: HiddenReason | None = None


class GapTest(_Out):
    """Welch's t-test of customers' mean minus employees' expectation (0-100 points)."""

    t: float
    df: float
    p: float
    ci: Interval


class AspectGap(_Out):
    aspect: str
    customers: SideFigures
    employees: SideFigures
    gap: float | None = None  # customers - employees, 0-100 points; None when a side is hidden
    test: GapTest | None = None
    verdict: Verdict | None = None
    reason: VerdictReason | None = None


class MirrorGroup(_Out):
    """The organisation, a department or a team present in both files."""

    id: str  # as in mes score: "organisation", "department/X", "team/X/Y" or "team/Y"
    dimension: str  # organisation, department or team
    name: str
    path: list[str]
    parent: str | None
    suppressed: bool  # the employee group is suppressed by mes score: name only
    suppression: Suppression | None = None
    employees: int | None = None  # scored respondents, exactly as mes score shows them
    customers: int | None = None  # customer responses assigned to the group, when at least k
    aspects: list[AspectGap] = []


class AspectInfo(_Out):
    key: str
    name: str
    name_nl: str
    customer_headers: list[str]
    employee_headers: list[str]


class DefinitionInfo(_Out):
    id: str
    name: str
    version: str
    fingerprint: str
    scale_min: int
    scale_max: int
    employee_scale_min: int
    employee_scale_max: int
    aspects: list[AspectInfo]


class FileInfo(_Out):
    file: str
    format: str
    sheet: str | None
    header_row: int | None
    responses: int | None  # employees: scored respondents; customers: responses. None if < k


class MirrorSettings(_Out):
    min_group_size: int
    confidence: float
    min_change: float  # points a gap needs, besides significance, for a verdict other than in-line
    instrument: str  # the MES instrument the employee file was scored with: name and version
    instrument_fingerprint: str


class BlindSpot(_Out):
    """The largest significant gap of one group."""

    group: str  # group id
    aspect: str
    gap: float
    verdict: Verdict


class TeamMatching(_Out):
    """How the customer file's groups were matched to the survey's."""

    customer_level: Literal["team", "department", "none"]
    customer_only: list[str]  # names in the customer file that match no survey group
    employee_only: list[str]  # survey groups at that level without any customer response


class MirrorReport(_Out):
    """Everything ``mes mirror`` computed, in one versioned document."""

    schema_version: str = SCHEMA_VERSION
    kind: Literal["mes.mirror"] = "mes.mirror"
    mes_version: str
    employees: FileInfo
    customers: FileInfo
    definition: DefinitionInfo
    settings: MirrorSettings
    groups: list[MirrorGroup]
    blind_spots: list[BlindSpot]  # per group, largest first; the organisation's if it has one
    matching: TeamMatching
    issues: list[Issue]

    @property
    def organisation(self) -> MirrorGroup:
        return self.groups[0]


# --- mes link: team energy beside the team's customer score -----------------------------------


class LinkTeam(_Out):
    """One team (or department, when the survey has no teams) with both sides' figures."""

    id: str
    dimension: str
    name: str
    path: list[str]
    suppressed: bool  # suppressed by mes score: name only
    suppression: Suppression | None = None
    employees: int | None = None
    mes: float | None = None
    energetic_share: float | None = None
    traits: dict[str, float] | None = None  # trait key -> mean 0-100
    customers: int | None = None  # customer responses, when at least k
    customer_score: float | None = None  # 0-100
    customer_mean_on_scale: float | None = None
    customer_hidden: Literal["too-few-answers", "no-customers"] | None = None


class Correlation(_Out):
    """How one team figure goes with the customer score across the teams shown on both sides."""

    measure: str  # "mes", "energetic_share" or a trait key
    teams: int
    pearson_r: float | None = None
    pearson_ci: Interval | None = None
    pearson_p: float | None = None
    spearman_rho: float | None = None
    spearman_ci: Interval | None = None  # Fisher z with Bonett-Wright's standard error
    spearman_p: float | None = None


class LinkSettings(_Out):
    min_group_size: int
    confidence: float
    score_column: str  # the customer file's column the score was read from
    #: responses: one row per customer response; teams: one row per team with its score and n
    customer_layout: Literal["responses", "teams"] = "responses"
    scale_min: int
    scale_max: int
    instrument: str
    instrument_fingerprint: str


class LinkReport(_Out):
    """Everything ``mes link`` computed, in one versioned document."""

    schema_version: str = SCHEMA_VERSION
    kind: Literal["mes.link"] = "mes.link"
    mes_version: str
    survey: FileInfo
    customers: FileInfo
    settings: LinkSettings
    level: Literal["team", "department"]
    trait_names: dict[str, str]  # trait key -> English name
    trait_names_nl: dict[str, str]
    teams: list[LinkTeam]
    correlations: list[Correlation]
    #: the smallest |r| that would be significant with this many teams (None below 3 teams)
    detectable_r: float | None
    matching: TeamMatching
    issues: list[Issue]
    #: with an earlier quarter (--previous): each team's change on both sides, and their link
    change: LinkChange | None = None
    #: with a third, still earlier staff survey (--earlier): the change in MES from the first to
    #: the second quarter against the change in customer score from the second to this quarter
    lag: LinkLag | None = None


#: Why a team takes no part in the link between changes (it then has no figures here at all).
LeftOutReason = Literal[
    "only-previous",  # in the earlier quarter only (gone, or renamed)
    "only-current",  # in the later quarter only (new, or renamed)
    "suppressed-previous",  # suppressed by mes score in the earlier quarter
    "suppressed-current",
    "customers-hidden-previous",  # no customer score shown in the earlier quarter (below k)
    "customers-hidden-current",
]


class ChangeTeam(_Out):
    """One team's change between the two quarters, in MES and in customer score (0-100)."""

    id: str
    name: str
    path: list[str]
    left_out: LeftOutReason | None = None  # when set, no figure of the team is given
    mes_previous: float | None = None
    mes_current: float | None = None
    mes_change: float | None = None
    customer_previous: float | None = None
    customer_current: float | None = None
    customer_change: float | None = None


class LinkChange(_Out):
    """How each team's change in MES goes with its change in customer score across teams."""

    previous_survey: FileInfo
    previous_customers: FileInfo
    previous_score_column: str
    previous_customer_layout: Literal["responses", "teams"]
    #: same-period: both changes over the same two quarters (all two quarters allow); the
    #: literature's lag (this quarter's change in MES against next quarter's change in customer
    #: score) needs three quarters
    timing: Literal["same-period"] = "same-period"
    teams: list[ChangeTeam]
    correlation: Correlation  # measure "mes_change", over the teams not left out
    detectable_r: float | None


#: Why a team takes no part in the lagged link (it then has no figures there at all). The first
#: quarter is the one given with --earlier, the second the one given with --previous.
LagLeftOutReason = Literal[
    "absent-earlier",  # not in the first quarter's staff survey (new, or renamed)
    "absent-previous",  # not in the second quarter
    "absent-current",  # not in this quarter (gone, or renamed)
    "suppressed-earlier",  # suppressed by mes score in the first quarter
    "suppressed-previous",
    "suppressed-current",
    "customers-hidden-previous",  # no customer score shown in the second quarter (below k)
    "customers-hidden-current",
]


class LagTeam(_Out):
    """One team's change in MES (first to second quarter) and the change in its customer score
    that followed (second quarter to this one), customer score on 0-100."""

    id: str
    name: str
    path: list[str]
    left_out: LagLeftOutReason | None = None  # when set, no figure of the team is given
    mes_earlier: float | None = None
    mes_previous: float | None = None
    mes_change: float | None = None
    customer_previous: float | None = None
    customer_current: float | None = None
    customer_change: float | None = None


class LinkLag(_Out):
    """How each team's change in MES goes with the NEXT quarter's change in its customer score."""

    earlier_survey: FileInfo
    teams: list[LagTeam]
    correlation: Correlation  # measure "mes_change_lagged", over the teams not left out
    detectable_r: float | None
