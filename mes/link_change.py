"""The link between changes: each team's change in MES between two quarters beside its change in
customer score over the same quarters, and how the two go together across teams.

Pure core, built from two `LinkReport`s (the earlier and the later quarter), so each quarter
obeys exactly the privacy of ``mes link`` on its own, and the change adds nothing: a team takes
part only when it is shown, with a customer score, in both quarters; every other team is listed
by name with the reason it is left out and no figure at all. Teams are matched by their group id
(department and team name); a renamed team counts as gone and new unless its renaming is given.

The literature behind MES describes a lag: this quarter's rise in employee energy is followed by
next quarter's rise in customer ratings. That needs three quarters (the change in MES from the
first to the second against the change in customer score from the second to the third):
`link_lag`, from a staff survey of the first quarter (`mes.link.staff_quarter`) and the two
`LinkReport`s, with the same privacy and the same matching. Two quarters allow the changes over
the same period only, and the report says so (`timing`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from mes.instrument import normalize_text
from mes.link import StaffQuarter, correlate, detectable_r
from mes.mirror_results import (
    ChangeTeam,
    LagLeftOutReason,
    LagTeam,
    LeftOutReason,
    LinkChange,
    LinkLag,
    LinkReport,
    LinkTeam,
)


def _left_out(before: LinkTeam | None, after: LinkTeam | None) -> LeftOutReason | None:
    if after is None:
        return "only-previous"
    if before is None:
        return "only-current"
    if before.suppressed or before.mes is None:
        return "suppressed-previous"
    if after.suppressed or after.mes is None:
        return "suppressed-current"
    if before.customer_score is None:
        return "customers-hidden-previous"
    if after.customer_score is None:
        return "customers-hidden-current"
    return None


def _by_current_id(
    teams: Sequence[LinkTeam], current: Sequence[LinkTeam], renames: Mapping[str, str] | None
) -> dict[str, LinkTeam]:
    """An earlier quarter's teams by the id they have now: a team renamed since (``renames``
    maps an old name to the new one, case and spacing ignored) takes the id of its new name."""
    now_by_name = {normalize_text(t.name): t.id for t in current}
    renamed = {normalize_text(old): normalize_text(new) for old, new in (renames or {}).items()}
    by_id = {}
    for t in teams:
        new_name = renamed.get(normalize_text(t.name))
        by_id[now_by_name.get(new_name, t.id) if new_name else t.id] = t
    return by_id


def link_change(
    previous: LinkReport,
    current: LinkReport,
    confidence: float,
    renames: Mapping[str, str] | None = None,
) -> LinkChange:
    """Each team's change on both sides from ``previous`` to ``current``, and their correlation.

    Pearson and Spearman with intervals across the teams shown with a customer score in both
    quarters, as for one quarter (`mes.link.correlate`). ``renames`` maps an earlier team name to
    its name now (case and spacing ignored), so a renamed team is one team.
    """
    after = {t.id: t for t in current.teams}
    before = _by_current_id(previous.teams, current.teams, renames)
    order = [*after, *(i for i in before if i not in after)]
    teams: list[ChangeTeam] = []
    for team_id in order:
        b, a = before.get(team_id), after.get(team_id)
        named = a or b
        assert named is not None
        base = {"id": team_id, "name": named.name, "path": list(named.path)}
        reason = _left_out(b, a)
        if reason is not None or a is None or b is None:
            teams.append(ChangeTeam(**base, left_out=reason))
            continue
        assert a.mes is not None
        assert b.mes is not None
        assert a.customer_score is not None
        assert b.customer_score is not None
        teams.append(
            ChangeTeam(
                **base,
                mes_previous=b.mes,
                mes_current=a.mes,
                mes_change=a.mes - b.mes,
                customer_previous=b.customer_score,
                customer_current=a.customer_score,
                customer_change=a.customer_score - b.customer_score,
            )
        )
    taking_part = [t for t in teams if t.left_out is None]
    xs = [t.mes_change for t in taking_part if t.mes_change is not None]
    ys = [t.customer_change for t in taking_part if t.customer_change is not None]
    return LinkChange(
        previous_survey=previous.survey,
        previous_customers=previous.customers,
        previous_score_column=previous.settings.score_column,
        previous_customer_layout=previous.settings.customer_layout,
        teams=teams,
        correlation=correlate("mes_change", xs, ys, confidence),
        detectable_r=detectable_r(len(xs), confidence),
    )


def _lag_left_out(
    first: LinkTeam | None, second: LinkTeam | None, now: LinkTeam | None
) -> LagLeftOutReason | None:
    if first is None:
        return "absent-earlier"
    if second is None:
        return "absent-previous"
    if now is None:
        return "absent-current"
    if first.suppressed or first.mes is None:
        return "suppressed-earlier"
    if second.suppressed or second.mes is None:
        return "suppressed-previous"
    if now.suppressed:
        return "suppressed-current"
    if second.customer_score is None:
        return "customers-hidden-previous"
    if now.customer_score is None:
        return "customers-hidden-current"
    return None


def link_lag(
    earlier: StaffQuarter,
    previous: LinkReport,
    current: LinkReport,
    confidence: float,
    renames: Mapping[str, str] | None = None,
) -> LinkLag:
    """Each team's change in MES from ``earlier`` to ``previous`` against the change in its
    customer score from ``previous`` to ``current`` (the next quarter's), and their correlation.

    A team takes part only when it is shown in all three quarters: with a MES in the first two
    and a customer score in the last two; every other team is listed with the first reason it
    is left out and no figure. ``renames`` as for `link_change`, applied to both earlier
    quarters.
    """
    now = {t.id: t for t in current.teams}
    second = _by_current_id(previous.teams, current.teams, renames)
    first = _by_current_id(earlier.teams, current.teams, renames)
    order = [*now, *(i for i in second if i not in now)]
    order += [i for i in first if i not in now and i not in second]
    teams: list[LagTeam] = []
    for team_id in order:
        e, p, c = first.get(team_id), second.get(team_id), now.get(team_id)
        named = c or p or e
        assert named is not None
        base = {"id": team_id, "name": named.name, "path": list(named.path)}
        reason = _lag_left_out(e, p, c)
        if reason is not None or e is None or p is None or c is None:
            teams.append(LagTeam(**base, left_out=reason))
            continue
        assert e.mes is not None
        assert p.mes is not None
        assert p.customer_score is not None
        assert c.customer_score is not None
        teams.append(
            LagTeam(
                **base,
                mes_earlier=e.mes,
                mes_previous=p.mes,
                mes_change=p.mes - e.mes,
                customer_previous=p.customer_score,
                customer_current=c.customer_score,
                customer_change=c.customer_score - p.customer_score,
            )
        )
    taking_part = [t for t in teams if t.left_out is None]
    xs = [t.mes_change for t in taking_part if t.mes_change is not None]
    ys = [t.customer_change for t in taking_part if t.customer_change is not None]
    return LinkLag(
        earlier_survey=earlier.survey,
        teams=teams,
        correlation=correlate("mes_change_lagged", xs, ys, confidence),
        detectable_r=detectable_r(len(xs), confidence),
    )


__all__ = ["link_change", "link_lag"]
