"""The words of the driver analysis in English and Dutch, shared by ``mes drivers``' table, the
Drivers sheet and the JSON-free renderers: how an outcome is named in a sentence, the reading
of one group's drivers, and the notes on method and on groups not computed.

The reading says "relates to", never "causes" (`DRIVERS` in `mes.render.words`).
"""

from __future__ import annotations

from mes.messages import N_
from mes.render import Lang, inert_text
from mes.render.catalogue import tr
from mes.render.words import decimal, display_name, percent
from mes.results import DriversResult, GroupDrivers, InstrumentInfo, OutcomeDrivers

#: How a sentence names an outcome of a known kind.
_OUTCOME_PHRASE = {
    "energy": N_("energy at the end of the day"),
    "enps": N_("the eNPS question"),
}


def outcome_name(outcome: OutcomeDrivers, lang: Lang) -> str:
    """The outcome as a heading: its own name (Dutch when it has one)."""
    return inert_text(display_name(outcome.name, outcome.name_nl, lang))


def outcome_title(outcome: OutcomeDrivers, lang: Lang) -> str:
    """The outcome after "Drivers of": energy as in a sentence, any other by its name."""
    if outcome.kind == "energy":
        return outcome_phrase(outcome, lang)
    return outcome_name(outcome, lang)


def outcome_phrase(outcome: OutcomeDrivers, lang: Lang) -> str:
    """The outcome inside a sentence: "energy at the end of the day"."""
    phrase = _OUTCOME_PHRASE.get(outcome.kind)
    if phrase is not None:
        return tr(lang, phrase)
    return outcome_name(outcome, lang)


def trait_label(instrument: InstrumentInfo, key: str, lang: Lang) -> str:
    trait = next((t for t in instrument.traits if t.key == key), None)
    if trait is None:
        return key
    return inert_text(display_name(trait.name, trait.name_nl, lang))


def r_text(value: float, lang: Lang) -> str:
    return decimal(value, lang, 2)


def reading(
    group: GroupDrivers,
    outcome: OutcomeDrivers,
    instrument: InstrumentInfo,
    result: DriversResult,
    lang: Lang,
) -> list[str]:
    """A computed group's drivers in plain words: what R² says, the priority (or why there is
    none) and that these are relations, not causes. A group not computed: why, no figure."""
    phrase = outcome_phrase(outcome, lang)
    st = result.settings
    if not group.computed or group.traits is None or group.r2 is None or group.r2_ci is None:
        return [not_computed(group, result, lang)]
    by_key = {t.key: t for t in group.traits}
    lines = [
        tr(
            lang,
            (
                "Together the {p} traits explain {r2} of the differences in {outcome} "
                "between people (R² = {r2_value}, {conf} CI {low}–{high})."
            ),
            p=len(group.traits),
            r2=percent(group.r2, lang),
            outcome=phrase,
            r2_value=decimal(group.r2, lang, 2),
            conf=percent(st.confidence, lang, None),
            low=decimal(group.r2_ci.low, lang, 2),
            high=decimal(group.r2_ci.high, lang, 2),
        )
    ]
    if group.priority is not None:
        t = by_key[group.priority]
        sentence = tr(
            lang,
            (
                "{trait} relates {strength} to {outcome} (r = {r}) and is {low}: the "
                "first place to act."
            ),
            trait=trait_label(instrument, t.key, lang),
            strength=(
                tr(lang, "most strongly") if t.rank == 1 else tr(lang, "second most strongly")
            ),
            outcome=phrase,
            r=r_text(t.r, lang),
            low=(
                tr(lang, "the lowest trait")
                if t.low_rank == 1
                else tr(lang, "the second-lowest trait")
            ),
        )
        lines.append(sentence)
    elif group.strongest is not None:
        t = by_key[group.strongest]
        lines.append(
            tr(
                lang,
                (
                    "{trait} relates most strongly to {outcome} (r = {r}), but no trait is "
                    "both among the {top} lowest and the {top} strongest drivers: the "
                    "figures name no single first place to act."
                ),
                trait=trait_label(instrument, t.key, lang),
                outcome=phrase,
                r=r_text(t.r, lang),
                top=st.priority_top,
            )
        )
    lines.append(
        tr(
            lang,
            (
                "These are relations across people, not causes: a trait that relates "
                "to {outcome} is a place to look, not proof that changing it changes "
                "{outcome}."
            ),
            outcome=phrase,
        )
    )
    return lines


def not_computed(group: GroupDrivers, result: DriversResult, lang: Lang) -> str:
    if group.reason == "outcome-hidden":
        return tr(
            lang, ("the outcome's figures are not shown for this group (privacy): not computed")
        )
    if group.reason == "no-variation":
        what = tr(lang, "the outcome question") if group.constant == "outcome" else group.constant
        return tr(lang, "everyone gave the same answer to {what}: not computed", what=what)
    return tr(lang, "fewer than {min} people: not computed", min=result.settings.min_people)


def method_lines(result: DriversResult, lang: Lang) -> list[str]:
    """How the figures were computed, with this run's settings."""
    st = result.settings
    methods = {g.interval_method for o in result.outcomes for g in o.groups if g.interval_method}
    intervals = []
    if "bootstrap" in methods or not methods:
        intervals.append(
            tr(
                lang,
                "percentile bootstrap, {resamples} resamples of the people",
                resamples=st.resamples,
            )
        )
    if "normal" in methods:
        intervals.append(
            tr(
                lang,
                ("normal approximation (delta method; more than {limit} people)"),
                limit=st.bootstrap_limit,
            )
        )
    return [
        tr(
            lang,
            (
                "r: Pearson's correlation with the outcome, {conf} interval by "
                "Fisher's z. Share: the trait's part of R² averaged over every order "
                "of adding the traits (LMG, Shapley), as a share of R²; the parts add "
                "up to R². Intervals of shares and R²: {interval}."
            ),
            conf=percent(st.confidence, lang, None),
            interval="; ".join(intervals),
        ),
        tr(
            lang,
            (
                "Priority: a trait among the {top} with the largest share (r above 0 "
                "with its interval) that is also among the {top} lowest trait scores "
                "of the group; if both are, the stronger driver."
            ),
            top=st.priority_top,
        ),
        tr(
            lang,
            (
                "Computed for groups where at least {min} people answered every trait "
                "and the outcome; shown groups only."
            ),
            min=st.min_people,
        ),
    ]
