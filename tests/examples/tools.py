"""Exports as the survey tools write them: Microsoft Forms, Google Forms, LimeSurvey, Qualtrics."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from .case import Case
from .instruments import ItemSpec, default_items, instrument_toml, write_instrument
from .layout import INCOMPLETE, csv_text, good, personal, rendered, times
from .org import (
    DEPARTMENT_QUESTION,
    LABELS_EN,
    LABELS_NL,
    PEOPLE,
    ROLE_QUESTION,
    STATEMENTS_EN,
    STATEMENTS_NL,
    TEAM_QUESTION,
    label,
    number,
)
from .registry import example
from .xlsx import save_openpyxl

FORMS_HEADERS = ("ID", "Start time", "Completion time", "Email", "Name", "Last modified time")


@example("forms-xlsx")
def forms_xlsx(folder: Path) -> Case:
    """Microsoft Forms "Open in Excel": ID, times, e-mail and name, one column per question."""
    header = [*FORMS_HEADERS, DEPARTMENT_QUESTION, TEAM_QUESTION, ROLE_QUESTION, *STATEMENTS_NL]
    rows: list[Sequence[object]] = [header]
    for index, p in enumerate(PEOPLE):
        start, end = times(index)
        answers = rendered(p, lambda a: label(a, LABELS_NL))
        rows.append(
            [index + 1, start, end, p.email, p.name, None, p.department, p.team, p.role, *answers]
        )
    path = save_openpyxl(folder / "forms.xlsx", {"Sheet1": rows})
    return good(
        "forms-xlsx",
        path,
        "Microsoft Forms export, Dutch labels, blanks for skipped questions",
        sheet="Sheet1",
        never_shown=personal(),
    )


@example("forms-likert-xlsx")
def forms_likert_xlsx(folder: Path) -> Case:
    """Microsoft Forms with one Likert question: headers ``Question.Statement``, "n.v.t."."""
    question = "Hoe herken je jezelf in deze uitspraken?"
    header = [
        *FORMS_HEADERS,
        TEAM_QUESTION,
        DEPARTMENT_QUESTION,
        *(f"{question}.{s}" for s in STATEMENTS_NL),
    ]
    rows: list[Sequence[object]] = [header]
    for index, p in enumerate(PEOPLE):
        start, end = times(index)
        answers = rendered(p, lambda a: label(a, LABELS_NL, missing="n.v.t."))
        rows.append(
            [index + 1, start, end, "anonymous", None, None, p.team, p.department, *answers]
        )
    path = save_openpyxl(folder / "forms-likert.xlsx", {"Form1": rows})
    return good(
        "forms-likert-xlsx",
        path,
        "Microsoft Forms Likert question (Question.Statement headers), n.v.t. as missing",
        sheet="Form1",
    )


@example("google-forms-csv")
def google_forms_csv(folder: Path) -> Case:
    """Google Forms CSV: Timestamp, Email Address, a grid question ``Q [statement]``, English."""
    grid = "How much do you agree with these statements?"
    header = [
        "Timestamp",
        "Email Address",
        "Which team do you work in?",
        *(f"{grid} [{s}]" for s in STATEMENTS_EN),
    ]
    rows: list[Sequence[object]] = [header]
    for index, p in enumerate(PEOPLE):
        start, _ = times(index)
        hour = start.hour % 12 or 12
        stamp = f"{start:%Y/%m/%d} {hour}:{start:%M:%S} {'AM' if start.hour < 12 else 'PM'} GMT+2"
        rows.append([stamp, p.email, p.team, *rendered(p, lambda a: label(a, LABELS_EN))])
    path = folder / "google-forms.csv"
    path.write_text(csv_text(rows, sep=",", newline="\r\n"), encoding="utf-8")
    return good(
        "google-forms-csv",
        path,
        "Google Forms CSV (comma, UTF-8), English grid question, team only, no id column",
        departments=False,
        never_shown=tuple(p.email for p in PEOPLE),
    )


@example("google-forms-nl-csv")
def google_forms_nl_csv(folder: Path) -> Case:
    """Google Forms in Dutch: ``Tijdstempel``, ``E-mailadres``, statements as headers."""
    labels = ("Helemaal oneens", "Oneens", "Niet eens/niet oneens", "Eens", "Helemaal eens")
    header = ["Tijdstempel", "E-mailadres", DEPARTMENT_QUESTION, TEAM_QUESTION, *STATEMENTS_NL]
    rows: list[Sequence[object]] = [header]
    for index, p in enumerate(PEOPLE):
        start, _ = times(index)
        stamp = start.strftime("%d-%m-%Y %H:%M:%S")
        answers = rendered(p, lambda a: label(a, labels))
        rows.append([stamp, p.email, p.department, p.team, *answers])
    path = folder / "google-forms-nl.csv"
    path.write_text(csv_text(rows, sep=","), encoding="utf-8")
    return good(
        "google-forms-nl-csv",
        path,
        "Google Forms in Dutch (Tijdstempel), short Dutch labels",
        never_shown=tuple(p.email for p in PEOPLE),
    )


LIME_CODES = ("EES[SIG]", "EES[RUI]", "EES[KRI]", "EES[FEE]", "EES[SNE]")


@example("limesurvey-csv")
def limesurvey_csv(folder: Path) -> Case:
    """LimeSurvey: question codes, answer codes A1-A5 (mapped in the instrument), incomplete
    responses with an empty ``submitdate`` that are not respondents."""
    args = write_instrument(
        folder / "limesurvey.toml",
        instrument_toml(
            name="MES-5 LimeSurvey",
            items=default_items([(code,) for code in LIME_CODES]),
            labels={f"A{v}": v for v in range(1, 6)},
            columns={"department": ["AFD"], "team": ["TEAM"]},
        ),
    )
    header = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp"]
    header += ["AFD", "TEAM", *LIME_CODES]
    rows: list[Sequence[object]] = [header]
    rng = random.Random(7)
    people = list(PEOPLE)
    for index, p in enumerate(people):
        start, end = times(index)
        stamp = end.strftime("%Y-%m-%d %H:%M:%S")
        answers = rendered(p, lambda a: "" if a is None else f"A{a}")
        seed, started = rng.randrange(10**9), start.isoformat(" ")
        rows.append(
            [index + 1, stamp, 3, "nl", seed, started, stamp, p.department, p.team, *answers]
        )
        if index % 9 == 4:  # someone opened the survey, answered a little and left
            partial = ["A4", "A2", "", "", ""] if index % 2 else ["", "", "", "", ""]
            rows.append(
                [index + 100, "", 1, "nl", seed + 1, started, "", p.department, p.team, *partial]
            )
    path = folder / "limesurvey.csv"
    path.write_text(csv_text(rows, sep=",", newline="\n", quote_all=True), encoding="utf-8")
    return good(
        "limesurvey-csv",
        path,
        "LimeSurvey CSV: EES[...] codes and A1-A5 answers mapped by an instrument file, "
        "incomplete responses without submitdate skipped",
        args=args,
        warnings=(INCOMPLETE, "incomplete-responses-skipped"),
    )


@example("qualtrics-csv")
def qualtrics_csv(folder: Path) -> Case:
    """Qualtrics numeric export: Q-codes, then question texts and ``{"ImportId": ...}`` rows."""
    codes = [f"Q3_{i}" for i in range(1, 6)]
    args = write_instrument(
        folder / "qualtrics.toml",
        instrument_toml(
            name="MES-5 Qualtrics",
            items=default_items([(code,) for code in codes]),
            columns={"department": ["Q1"], "team": ["Q2"]},
        ),
    )
    meta = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)"]
    meta += ["Finished", "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName"]
    meta += ["RecipientEmail", "ExternalReference", "DistributionChannel", "UserLanguage"]
    texts = ["Start Date", "End Date", "Response Type", "IP Address", "Progress"]
    texts += ["Duration (in seconds)", "Finished", "Recorded Date", "Response ID"]
    texts += ["Recipient Last Name", "Recipient First Name", "Recipient Email"]
    texts += ["External Data Reference", "Distribution Channel", "User Language"]
    texts += [DEPARTMENT_QUESTION, TEAM_QUESTION]
    texts += [f"Stellingen - {s}" for s in STATEMENTS_NL]
    import_ids = [f'{{"ImportId":"{m[0].lower() + m[1:]}"}}' for m in meta]
    import_ids += ['{"ImportId":"QID1"}', '{"ImportId":"QID2"}']
    import_ids += [f'{{"ImportId":"QID3_{i}"}}' for i in range(1, 6)]
    rows: list[Sequence[object]] = [[*meta, "Q1", "Q2", *codes], texts, import_ids]
    rng = random.Random(11)
    for index, p in enumerate(PEOPLE):
        start, end = times(index)
        first, last = p.name.split(" ", 1)
        response_id = "R_" + "".join(
            rng.choice("abcdefghijkmnpqrstuvwxyzABCDEFGH23456789") for _ in range(15)
        )
        seconds = int((end - start).total_seconds())
        when = [start.isoformat(" "), end.isoformat(" "), 0, f"192.0.2.{index + 1}", 100, seconds]
        recipient = [1, end.isoformat(" "), response_id, last, first, p.email, "", "email", "NL"]
        rows.append([*when, *recipient, p.department, p.team, *rendered(p, number)])
    path = folder / "qualtrics.csv"
    path.write_text("\ufeff" + csv_text(rows, sep=",", newline="\r\n"), encoding="utf-8")
    return good(
        "qualtrics-csv",
        path,
        "Qualtrics CSV with numeric answers: Q-codes mapped by an instrument file, the question "
        "text and ImportId rows under the header skipped, ResponseId as id",
        args=args,
        never_shown=personal(),
    )


CUSTOM_ITEMS = (
    ItemSpec(
        "Wat klanten mij vertellen, geef ik door aan wie er iets mee kan.",
        "I pass on what customers tell me to whoever can act on it.",
    ),
    # Asked the other way round: "disagree" is the good answer, so it is reverse-keyed.
    ItemSpec(
        "Ik mis de vrijheid om klantproblemen op mijn eigen manier op te lossen.",
        "I lack the freedom to solve customer problems my own way.",
        reverse=True,
    ),
    ItemSpec("Klachten van klanten motiveren mij.", "Complaints from customers motivate me."),
    ItemSpec(
        "Ik hoor terug hoe klanten onze dienstverlening beoordelen.",
        "I hear back how customers rate our service.",
    ),
    ItemSpec(
        "Als een klant een verbetering nodig heeft, regel ik die snel.",
        "When a customer needs an improvement, I arrange it quickly.",
    ),
)
CUSTOM_LABELS = ("Klopt helemaal niet", "Klopt niet", "Klopt deels", "Klopt", "Klopt helemaal")
CUSTOM_TEAM = "In welk team werk je op dit moment?"
CUSTOM_DEPARTMENT = "Onder welke afdeling valt je team?"


@example("own-instrument-xlsx")
def own_instrument_xlsx(folder: Path) -> Case:
    """A questionnaire with its own statements (one reverse-keyed), labels and team question."""
    args = write_instrument(
        folder / "eigen-vragenlijst.toml",
        instrument_toml(
            name="Klantenergie eigen vragenlijst",
            items=CUSTOM_ITEMS,
            labels={text: value for value, text in enumerate(CUSTOM_LABELS, start=1)},
            missing=["Geen mening"],
            columns={"team": [CUSTOM_TEAM], "department": [CUSTOM_DEPARTMENT]},
        ),
    )
    rows: list[Sequence[object]] = [
        ["Medewerker", CUSTOM_DEPARTMENT, CUSTOM_TEAM, *(i.text_nl for i in CUSTOM_ITEMS)]
    ]
    for p in PEOPLE:
        answers = [
            "Geen mening" if a is None else CUSTOM_LABELS[(6 - a if item.reverse else a) - 1]
            for a, item in zip(p.answers, CUSTOM_ITEMS, strict=True)
        ]
        rows.append([p.id, p.department, p.team, *answers])
    path = save_openpyxl(folder / "eigen-vragenlijst.xlsx", {"Resultaten": rows})
    return good(
        "own-instrument-xlsx",
        path,
        "Own statements (one reverse-keyed), own labels and missing answer, own team and "
        "department questions, all mapped by an instrument file",
        args=args,
        sheet="Resultaten",
    )
