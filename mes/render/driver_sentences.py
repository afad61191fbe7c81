"""The words of the driver analysis in English and Dutch, shared by ``mes drivers``' table, the
Drivers sheet and the JSON-free renderers: how an outcome is named in a sentence, the reading
of one group's drivers, and the notes on method and on groups not computed.

The reading says "relates to", never "causes" (`DRIVERS` in `mes.render.words`).
"""

from __future__ import annotations

from mes.render import Lang, inert_text
from mes.render.words import DRIVERS, OUTCOME_PHRASE, decimal, display_name, percent, say
from mes.results import DriversResult, GroupDrivers, InstrumentInfo, OutcomeDrivers


def d(key: str, lang: Lang, **values: object) -> str:
    return say(DRIVERS, key, lang, **values)


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
    phrase = OUTCOME_PHRASE.get(outcome.kind)
    if phrase is not None:
        return phrase[lang]
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
        d(
            "explained",
            lang,
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
        sentence = d(
            "priority_sentence",
            lang,
            trait=trait_label(instrument, t.key, lang),
            strength=d("strength_1" if t.rank == 1 else "strength_2", lang),
            outcome=phrase,
            r=r_text(t.r, lang),
            low=d("low_1" if t.low_rank == 1 else "low_2", lang),
        )
        lines.append(sentence)
    elif group.strongest is not None:
        t = by_key[group.strongest]
        lines.append(
            d(
                "no_priority",
                lang,
                trait=trait_label(instrument, t.key, lang),
                outcome=phrase,
                r=r_text(t.r, lang),
                top=st.priority_top,
            )
        )
    lines.append(d("caveat", lang, outcome=phrase))
    return lines


def not_computed(group: GroupDrivers, result: DriversResult, lang: Lang) -> str:
    if group.reason == "outcome-hidden":
        return d("outcome_hidden", lang)
    if group.reason == "no-variation":
        what = d("the_outcome", lang) if group.constant == "outcome" else group.constant
        return d("constant", lang, what=what)
    return d("too_few", lang, min=result.settings.min_people)


def method_lines(result: DriversResult, lang: Lang) -> list[str]:
    """How the figures were computed, with this run's settings."""
    st = result.settings
    methods = {g.interval_method for o in result.outcomes for g in o.groups if g.interval_method}
    intervals = []
    if "bootstrap" in methods or not methods:
        intervals.append(d("interval_bootstrap", lang, resamples=st.resamples))
    if "normal" in methods:
        intervals.append(d("interval_normal", lang, limit=st.bootstrap_limit))
    return [
        d(
            "method",
            lang,
            conf=percent(st.confidence, lang, None),
            interval="; ".join(intervals),
        ),
        d("priority_rule", lang, top=st.priority_top),
        d("min_people", lang, min=st.min_people),
    ]
