"""The mirror survey: what customers say about the service beside what employees expect them to say.

Pure core (no terminal or spreadsheet code). `mirror` takes the employee survey and the customer
survey as read tables and returns a `MirrorReport`:

- **Employees.** The survey file is scored exactly as ``mes score`` scores it (`mes.report`),
  and its groups' suppression decisions are taken from that report, never made again here: a
  group suppressed there has no figures here. The expectation questions are read from the same
  table by `mes.validation` (`MirrorDefinition.employee_instrument`).
- **Customers.** One row per customer response; only the aspect questions and the team and
  department columns are read, so names, e-mail addresses, customer numbers and comments never
  reach a result. Each response is assigned to the survey group that served the customer,
  matched by name (case, spacing and Unicode form ignored).
- **Privacy.** Per aspect and side, `mes.privacy.decide` runs over the group tree with the number
  of answers, an employee group suppressed by ``mes score`` counting as empty: a figure resting on
  fewer than ``k`` answers is hidden, and so is any figure that would give one away by
  subtraction.
- **Gap.** Customers' mean minus employees' expectation, on 0-100, with Welch's test and the
  interval of the gap. The verdict follows ``mes diff``'s rule: *underestimate* (customers rate
  higher) or *overestimate* only when significant at the confidence level **and** at least
  ``min_change`` points; otherwise *in-line*.

scipy is imported inside the test (`mes.change.statistics`): it costs a good part of a second to
import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mes import __version__
from mes.change.statistics import Summary, welch_test
from mes.customer_groups import (
    CUSTOMER_DEPARTMENT,
    CUSTOMER_TEAM,
    answer_stats,
    assign_customers,
    file_info,
    member,
)
from mes.defaults import DEFAULT_CONFIDENCE, DEFAULT_MIN_CHANGE, DEFAULT_MIN_GROUP_SIZE
from mes.errors import DataError, Issue, error
from mes.groups import partition
from mes.instrument import Instrument, header_candidates
from mes.messages import message
from mes.mirror_definition import EXPECTED, MirrorDefinition
from mes.mirror_results import (
    AspectGap,
    AspectInfo,
    BlindSpot,
    DefinitionInfo,
    GapTest,
    HiddenReason,
    Interval,
    MirrorGroup,
    MirrorReport,
    MirrorSettings,
    SideFigures,
    Verdict,
    VerdictReason,
)
from mes.privacy import Node, Suppression, decide_counts
from mes.report import score
from mes.results import GroupResult
from mes.settings import Settings
from mes.table import RawTable
from mes.validation import Responses, item_column, validate

ORGANISATION = "organisation"
_TREE = ("organisation", "department", "team")
# Means of whole answers: a gap of exactly --min-change points may come out a hair below it in
# binary floating point and must still count.
_EPS = 1e-9
_MIN_SUFFIX = 20  # as in mes.columns: a header ending in a long question text names it


@dataclass(frozen=True)
class MirrorOptions:
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE
    confidence: float = DEFAULT_CONFIDENCE
    min_change: float = DEFAULT_MIN_CHANGE


def gap_test(customers: Summary, employees: Summary, confidence: float) -> GapTest | None:
    """Welch's t-test of ``customers.mean - employees.mean`` with the interval of the gap.

    None when there is nothing to test: a side with one answer, or no spread at all. The test is
    the one ``mes diff`` uses (`mes.change.statistics.welch_test`), employees as the baseline.
    """
    welch = welch_test(employees, customers, confidence)
    if welch is None:
        return None
    ci = Interval(low=welch.ci.low, high=welch.ci.high)  # the mirror result's own model
    return GapTest(t=welch.t, df=welch.df, p=welch.p, ci=ci)


def verdict(
    gap: float, test: GapTest | None, confidence: float, min_change: float
) -> tuple[Verdict, VerdictReason]:
    """The verdict on a gap and why: a blind spot only if significant *and* large enough."""
    if test is None:
        return "in-line", "no-test"
    # Rounded: 1 - 0.95 is 0.05000000000000004 in binary floating point, and p = 0.05 is not
    # below 0.05.
    if not test.p < round(1.0 - confidence, 12):
        return "in-line", "not-significant"
    if abs(gap) < min_change - _EPS:
        return "in-line", "below-min-change"
    return ("underestimate" if gap > 0 else "overestimate"), "significant-gap"


# --- Reading the two files --------------------------------------------------------------------


def missing_aspect_columns(
    table: RawTable, instrument: Instrument, definition: MirrorDefinition, side: str
) -> list[Issue]:
    """An error per aspect whose question has no column in ``table`` (side: customer/employee)."""
    forms = [header_candidates(h) if h else () for h in table.headers]
    issues = []
    for aspect in definition.aspects:
        key = aspect.key if side == "customer" else EXPECTED + aspect.key
        names = instrument.header_aliases[key]
        found = any(
            any(f in names for f in header)
            or any(len(n) >= _MIN_SUFFIX and header[0].endswith(n) for n in names)
            for header in forms
            if header
        )
        if not found:
            expected = aspect.customer[0] if side == "customer" else aspect.employee[0]
            what = (
                message("customer question")
                if side == "customer"
                else message("employee expectation question")
            )
            issues.append(
                error(
                    "missing-aspect-column",
                    message(
                        "no column for the {what} of aspect {key!r}: expected a header such as "
                        "{expected!r}. Add the question, or give its header in a mirror "
                        "definition (--definition; see mes mirror --template)",
                        what=what,
                        key=aspect.key,
                        expected=expected,
                    ),
                    file=table.source,
                    sheet=table.sheet,
                    row=table.header_row,
                )
            )
    return issues


def _expectations(table: RawTable, instrument: Instrument) -> tuple[Responses, list[Issue]]:
    """The expectation answers; rows that answered none of them are simply not counted.

    (A survey row that skipped the mirror questions is still a respondent of the survey, so
    the reader's "row has no answers" warning would be wrong here.)
    """
    responses = validate(table, instrument)
    kept = [i for i in responses.issues if i.code not in ("no-answers", "no-group-columns")]
    return responses, kept


# --- The report -------------------------------------------------------------------------------


def mirror(
    employees: RawTable,
    customers: RawTable,
    definition: MirrorDefinition,
    instrument: Instrument,
    options: MirrorOptions | None = None,
) -> MirrorReport:
    """Compare customers' ratings with employees' expectations, per aspect and group.

    Raises `DataError` listing every missing question column of both files, and whatever
    `mes.validation` raises for either file.
    """
    options = options or MirrorOptions()
    employee_ins = definition.employee_instrument(instrument)
    customer_ins = definition.customer_instrument()
    missing = missing_aspect_columns(employees, employee_ins, definition, "employee")
    missing += missing_aspect_columns(customers, customer_ins, definition, "customer")
    if missing:
        raise DataError(missing)
    settings = Settings(min_group_size=options.min_group_size, confidence=options.confidence)
    report = score(validate(employees, instrument), instrument, settings)
    expectations, employee_issues = _expectations(employees, employee_ins)
    customer_responses = validate(customers, customer_ins)
    assignment = assign_customers(customer_responses, report, customers.source)
    k = options.min_group_size

    tree = [g for g in report.groups if g.dimension in _TREE]
    emp_frame = expectations.frame
    cust_frame = assignment.frame
    emp_members = {g.id: member(g, emp_frame, "department", "team") for g in tree}
    cust_members = {g.id: member(g, cust_frame, CUSTOMER_DEPARTMENT, CUSTOMER_TEAM) for g in tree}
    cust_counts = {g.id: cust_frame.filter(cust_members[g.id]).height for g in tree}

    def nodes(counts: dict[str, int]) -> list[Node]:
        # An employee group mes score suppresses counts as empty on both sides.
        return [
            Node(
                g.id,
                g.parent,
                partition(g.dimension, g.parent),
                0 if g.suppressed else counts[g.id],
                g.name,
            )
            for g in tree
        ]

    shown_customers = decide_counts(nodes(cust_counts), k)
    emp_scale, cust_scale = definition.employee_answer_scale, definition.scale
    figures: dict[str, dict[str, tuple[SideFigures, SideFigures]]] = {g.id: {} for g in tree}
    for aspect in definition.aspects:
        emp_col, cust_col = item_column(EXPECTED + aspect.key), item_column(aspect.key)
        emp_stats = {g.id: answer_stats(emp_frame.filter(emp_members[g.id]), emp_col) for g in tree}
        cust_stats = {
            g.id: answer_stats(cust_frame.filter(cust_members[g.id]), cust_col) for g in tree
        }
        emp_decision = decide_counts(nodes({i: s[0] for i, s in emp_stats.items()}), k)
        cust_decision = decide_counts(nodes({i: s[0] for i, s in cust_stats.items()}), k)
        for g in tree:
            figures[g.id][aspect.key] = (
                _side(cust_stats[g.id], cust_decision[g.id], g, cust_scale.min, cust_scale.max),
                _side(emp_stats[g.id], emp_decision[g.id], g, emp_scale.min, emp_scale.max),
            )

    groups = []
    for g in tree:
        if g.dimension != ORGANISATION and cust_counts[g.id] == 0:
            continue  # present in the survey only: listed in matching.employee_only
        groups.append(
            _group(g, definition, figures[g.id], shown_customers[g.id], cust_counts, options)
        )
    org_customers = cust_counts[tree[0].id] if tree else 0
    return MirrorReport(
        mes_version=__version__,
        employees=file_info(employees, report.source.scored),
        customers=file_info(
            customers, org_customers if shown_customers.get(ORGANISATION) is None else None
        ),
        definition=definition_info(definition),
        settings=MirrorSettings(
            min_group_size=k,
            confidence=options.confidence,
            min_change=options.min_change,
            instrument=f"{instrument.name} v{instrument.version}",
            instrument_fingerprint=instrument.fingerprint,
        ),
        groups=groups,
        blind_spots=_blind_spots(groups),
        matching=assignment.matching,
        issues=[*report.issues, *employee_issues, *customer_responses.issues, *assignment.issues],
    )


def definition_info(definition: MirrorDefinition) -> DefinitionInfo:
    emp = definition.employee_answer_scale
    return DefinitionInfo(
        id=definition.id,
        name=definition.name,
        version=definition.version,
        fingerprint=definition.fingerprint,
        scale_min=definition.scale.min,
        scale_max=definition.scale.max,
        employee_scale_min=emp.min,
        employee_scale_max=emp.max,
        aspects=[
            AspectInfo(
                key=a.key,
                name=a.name,
                name_nl=a.name_nl,
                customer_headers=list(a.customer),
                employee_headers=list(a.employee),
            )
            for a in definition.aspects
        ],
    )


_HIDDEN: dict[Suppression, HiddenReason] = {
    Suppression.TOO_FEW: "too-few-answers",
    Suppression.PROTECTS_OTHER: "protects-another-group",
    Suppression.PARENT_SUPPRESSED: "parent-suppressed",
}


def _side(
    stats: tuple[int, float | None, float | None],
    decision: Suppression | None,
    group: GroupResult,
    low: int,
    high: int,
) -> SideFigures:
    n, mean, sd = stats
    if group.suppressed:
        return SideFigures(hidden="employee-group-suppressed")
    if decision is not None or mean is None:
        return SideFigures(hidden=_HIDDEN[decision or Suppression.TOO_FEW])
    span = high - low
    return SideFigures(
        n=n,
        mean=100.0 * (mean - low) / span,
        mean_on_scale=mean,
        sd=None if sd is None else 100.0 * sd / span,
    )


def _group(
    group: GroupResult,
    definition: MirrorDefinition,
    figures: dict[str, tuple[SideFigures, SideFigures]],
    customers_decision: Suppression | None,
    cust_counts: dict[str, int],
    options: MirrorOptions,
) -> MirrorGroup:
    base = {
        "id": group.id,
        "dimension": group.dimension,
        "name": group.name,
        "path": list(group.path),
        "parent": group.parent,
    }
    if group.suppressed:
        return MirrorGroup(**base, suppressed=True, suppression=group.suppression)
    aspects = []
    for aspect in definition.aspects:
        cust, emp = figures[aspect.key]
        gap = test = label = reason = None
        if cust.mean is not None and emp.mean is not None and cust.n and emp.n:
            gap = cust.mean - emp.mean
            test = gap_test(
                Summary(cust.n, cust.mean, cust.sd), Summary(emp.n, emp.mean, emp.sd),
                options.confidence,
            )  # fmt: skip
            label, reason = verdict(gap, test, options.confidence, options.min_change)
        aspects.append(
            AspectGap(
                aspect=aspect.key, customers=cust, employees=emp, gap=gap, test=test,
                verdict=label, reason=reason,
            )
        )  # fmt: skip
    return MirrorGroup(
        **base,
        suppressed=False,
        employees=group.n,
        customers=cust_counts[group.id] if customers_decision is None else None,
        aspects=aspects,
    )


def _blind_spots(groups: Sequence[MirrorGroup]) -> list[BlindSpot]:
    """Per shown group its largest significant gap; largest first, ties in group order."""
    spots = []
    for group in groups:
        flagged = [
            a for a in group.aspects if a.gap is not None and a.verdict not in (None, "in-line")
        ]
        if flagged:
            top = max(flagged, key=lambda a: abs(a.gap or 0.0))
            assert top.gap is not None
            assert top.verdict is not None
            spots.append(
                BlindSpot(group=group.id, aspect=top.aspect, gap=top.gap, verdict=top.verdict)
            )
    return sorted(spots, key=lambda s: -abs(s.gap))
