"""The one-page PDF per group, read back with pypdf: files, pages, text, fonts, privacy, advice.

Reports come from `tests/report_fixtures.py` (hidden teams, hostile names, a 40,000-character
name) through the Python API, and from the sample data through the CLI. What a team leader
would read is checked as text extracted from the PDF: every page's group, Dutch characters as
they are, and no name or figure of a suppressed group anywhere.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner, Result

from mes.cli.app import app
from mes.render import Lang
from mes.render.advice import ADVICE, ADVICE_TRAITS, questions, suggestions
from mes.render.pdf import file_name, paged_groups, team_pdfs
from mes.results import GroupResult, ShownGroup
from tests.report_fixtures import CONTROL, DDE, HYPERLINK, LONG, Survey, group_figures, survey

TODAY = dt.date(2026, 9, 30)
SAMPLE = Path(__file__).parent.parent / "sample_data"
runner = CliRunner()


@pytest.fixture(scope="module")
def standard() -> Survey:
    return survey()


@pytest.fixture(scope="module")
def pdfs(standard: Survey) -> dict[Lang, dict[str, bytes]]:
    return {lang: dict(team_pdfs(standard.report, lang=lang, today=TODAY)) for lang in ("en", "nl")}


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def run(*args: str, code: int = 0) -> Result:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (
        f"exit {result.exit_code}, expected {code}\nstdout:\n{result.stdout}\n"
        f"stderr:\n{result.stderr}\nexception: {result.exception!r}"
    )
    return result


# -- files and pages ----------------------------------------------------------------------------


def test_one_file_per_shown_department_and_team_the_organisation_and_all_in_one(
    standard: Survey, pdfs: dict[Lang, dict[str, bytes]]
) -> None:
    report = standard.report
    shown = [
        g for g in report.groups
        if not g.suppressed and g.dimension in ("organisation", "department", "team")
    ]  # fmt: skip
    files = pdfs["en"]
    names = list(files)
    assert names[0] == "00 All groups.pdf"
    assert names[1] == "01 Organisation.pdf"
    assert len(names) == 1 + len(shown)
    assert names[2] == "02 Financiën.pdf"
    assert "05 Klantenservice - Chat & Social.pdf" in names
    assert _pages(files["00 All groups.pdf"]) == len(shown)
    for name in names[1:]:
        assert _pages(files[name]) == 1, name
    assert list(pdfs["nl"])[:2] == ["00 Alle groepen.pdf", "01 Organisatie.pdf"]


def test_each_page_is_its_groups_and_a4_portrait(
    standard: Survey, pdfs: dict[Lang, dict[str, bytes]]
) -> None:
    groups = paged_groups(standard.report)
    reader = PdfReader(io.BytesIO(pdfs["en"]["00 All groups.pdf"]))
    for group, page in zip(groups, reader.pages, strict=True):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 portrait, in points
        text = page.extract_text()
        if group.dimension == "organisation":
            assert "Organisation report" in text
        elif group.dimension == "department":
            assert f"Department report: {group.name}" in text
        else:
            assert "Team report: " in text
            assert f"Team of {group.path[0]}" in text


def test_file_names_are_safe_numbered_and_short() -> None:
    assert file_name(3, "Financiën - Premie & Incasso") == "03 Financiën - Premie & Incasso.pdf"
    assert file_name(4, 'a/b\\c:d*e?f"g<h>i|j\x07') == "04 a_b_c_d_e_f_g_h_i_j_.pdf"
    assert file_name(5, "..hidden") == "05 hidden.pdf"
    long = file_name(6, "x" * 500)
    assert len(long) == len("06 ") + 80 + len(".pdf")


def test_a_page_shows_the_group_beside_its_department_and_the_organisation(
    standard: Survey, pdfs: dict[Lang, dict[str, bytes]]
) -> None:
    report = standard.report
    team = next(
        g for g in report.groups
        if isinstance(g, ShownGroup) and g.dimension == "team" and g.name == "Klantcontact Zuid"
    )  # fmt: skip
    department = next(g for g in report.groups if g.id == team.parent)
    org = report.organisation
    assert isinstance(department, ShownGroup)
    assert isinstance(org, ShownGroup)
    name = next(n for n in pdfs["en"] if n.endswith("Klantenservice - Klantcontact Zuid.pdf"))
    text = " ".join(_text(pdfs["en"][name]).split())
    for g in (team, department, org):
        assert g.ci is not None
        assert f"{g.mes:.1f} ({g.ci.low:.1f}–{g.ci.high:.1f}), n = {g.n}" in text
    for t in team.traits:
        assert f"{t.mean:.1f} ({100 * t.favourable:.0f}%)" in text
    assert f"{100 * team.energetic_share:.0f}% of the respondents score 75 or more" in text
    assert f"(organisation: {100 * org.energetic_share:.0f}%)" in text
    focus = {"signals": "Customer signals", "room": "Room", "criticism": "Criticism",
             "feedback": "Feedback", "speed": "Speed"}[team.focus_trait]  # fmt: skip
    assert f"Focus: {focus}" in text
    assert suggestions(team.focus_trait, "en")[0][:60] in text
    assert questions(team.focus_trait, "en")[0][:40] in text


def test_dutch_pages_speak_dutch_with_dutch_characters_and_decimal_commas(
    pdfs: dict[Lang, dict[str, bytes]],
) -> None:
    text = " ".join(_text(pdfs["nl"]["02 Financiën.pdf"]).split())
    assert "Rapport afdeling: Financiën" in text  # "ë" as it is, from the embedded font
    assert "Wat het team kan doen" in text
    assert "Vragen voor het teamoverleg" in text
    assert re.search(r"\d+,\d \(\d+,\d–\d+,\d\), n = \d+", text)
    assert not re.search(r"\d+\.\d \(", text)


def test_fonts_are_embedded_and_no_standard_font_is_used(
    pdfs: dict[Lang, dict[str, bytes]],
) -> None:
    reader = PdfReader(io.BytesIO(pdfs["nl"]["00 Alle groepen.pdf"]))
    fonts = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]  # the TrueType file is inside
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts == {"DejaVuSans", "DejaVuSans-Bold"}


# -- privacy ------------------------------------------------------------------------------------


def _private_figures(data: Survey, group: GroupResult) -> list[float]:
    if group.dimension == "team":
        people = data.scored_people(lambda row: (row[1], row[2]) == tuple(group.path))
    else:
        people = data.scored_people(lambda row: row[3] == group.name)
    distinctive, coarse = group_figures(people)
    return distinctive + coarse


def _shown_numbers(data: Survey) -> set[str]:
    """Every figure a page may print, rounded as printed (one decimal, whole percentages)."""
    out: set[str] = set()
    for g in data.report.groups:
        if not isinstance(g, ShownGroup):
            continue
        values = [g.mes, *(t.mean for t in g.traits)]
        if g.ci is not None:
            values += [g.ci.low, g.ci.high]
        out |= {f"{v:.1f}" for v in values}
        out |= {f"{100 * s:.0f}%" for s in [g.energetic_share, *(t.favourable for t in g.traits)]}
        out.add(str(g.n))
    return out


def test_no_name_or_figure_of_a_suppressed_group_in_any_pdf(
    standard: Survey, pdfs: dict[Lang, dict[str, bytes]]
) -> None:
    report = standard.report
    hidden = [g for g in report.groups if g.suppressed]
    assert {g.name for g in hidden} >= {"Fraudeonderzoek", "Uitkeringen"}
    shown_names = [g.name for g in report.groups if not g.suppressed]
    shown = _shown_numbers(standard)
    for lang, files in pdfs.items():
        for name, data in files.items():
            text = _text(data)
            for group in hidden:
                if not any(group.name in s for s in shown_names):
                    assert group.name not in text, (lang, name, group.name)
                    assert group.name not in name
                for figure in _private_figures(standard, group):
                    printed = f"{figure:.1f}".replace(".", "," if lang == "nl" else ".")
                    if f"{figure:.1f}" not in shown:
                        # as a number of its own, not inside another ("8.0" in "58.0")
                        alone = rf"(?<![\d.,]){re.escape(printed)}(?!\d)"
                        assert not re.search(alone, text), (lang, name, group.name, printed)


def test_no_pages_when_nothing_can_be_shown() -> None:
    from tests.report_fixtures import tiny_survey

    assert team_pdfs(tiny_survey().report, today=TODAY) == []


def test_input_text_is_never_markup(pdfs: dict[Lang, dict[str, bytes]]) -> None:
    """Group names go into reportlab's paragraph markup escaped: shown as written."""
    text = " ".join(_text(pdfs["en"]["00 All groups.pdf"]).split())
    assert HYPERLINK in text
    assert DDE in text
    assert "Advies\x07Zakelijk" not in text or CONTROL in text
    assert LONG[:30] in text
    assert LONG[:200] not in text  # shortened to 80 characters with "…"


# -- the command line ---------------------------------------------------------------------------


def test_cli_writes_the_folder_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = run("score", str(SAMPLE / "2026-Q3.xlsx"), "--format", "pdf", "-o", str(out))
    files = sorted(p.name for p in out.iterdir())
    assert files[:2] == ["00 All groups.pdf", "01 Organisation.pdf"]
    assert len(files) == 16  # 15 shown groups of the tree and the combined file
    assert not any("Fraudeonderzoek" in f or "Letselschade" in f for f in files)
    assert f"wrote 16 PDF file(s) to {out}" in " ".join(result.stderr.split())
    assert result.stdout == ""
    text = _text((out / "00 All groups.pdf").read_bytes())
    assert "Fraudeonderzoek" not in text
    assert "Letselschade" not in text
    assert not list(out.glob(".*.tmp"))  # no temporary file left behind


def test_previous_quarter_adds_the_change(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    run("score", str(SAMPLE / "2026-Q3.xlsx"), "-f", "pdf", "-o", str(out), "--lang", "nl",
        "--previous", str(SAMPLE / "2026-Q2.xlsx"))  # fmt: skip
    diff = run("diff", str(SAMPLE / "2026-Q2.xlsx"), str(SAMPLE / "2026-Q3.xlsx"), "-f", "json")
    import json

    zuid = next(g for g in json.loads(diff.stdout)["groups"] if g["name"] == "Klantcontact Zuid")
    text = " ".join(_text((out / "08 Klantenservice - Klantcontact Zuid.pdf").read_bytes()).split())
    old, new = zuid["old"]["mes"], zuid["new"]["mes"]
    assert f"Sinds 2026-Q2 MES {old:.1f} → {new:.1f}".replace(".", ",") in text
    assert "stijgend" in text
    gone = " ".join(_text((out / "07 Klantenservice - Klantcontact Noord-Oost.pdf").read_bytes())
                    .split())  # fmt: skip
    assert "Deze groep zat niet in 2026-Q2" in gone  # renamed: new without --rename


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "--format pdf writes one file per group into a folder; give -o reports/"),
        (["-o", "-"], "--format pdf writes one file per group into a folder"),
        (["-o", "{file}"], "is a file, but --format pdf writes one file per group into a folder"),
        (["-o", "{missing}/reports"], "does not exist"),
    ],
)
def test_an_unusable_output_folder_is_refused_before_any_work(
    tmp_path: Path, args: list[str], message: str
) -> None:
    a_file = tmp_path / "report.pdf"
    a_file.write_bytes(b"")
    args = [a.format(file=a_file, missing=tmp_path / "nowhere") for a in args]
    result = run("score", str(SAMPLE / "2026-Q3.xlsx"), "-f", "pdf", *args, code=2)
    assert message in " ".join(result.stderr.split())
    assert a_file.read_bytes() == b""


def test_previous_goes_with_pdf_only_and_individuals_never() -> None:
    result = run("score", str(SAMPLE / "2026-Q3.xlsx"), "--previous", "x.xlsx", code=2)
    assert "--previous goes with --format pdf" in result.stderr
    result = run("score", str(SAMPLE / "2026-Q3.xlsx"), "-f", "pdf", "-o", "r", "--individuals",
                 code=2)  # fmt: skip
    assert "--individuals goes with --format json or xlsx" in " ".join(result.stderr.split())


# -- the advice texts (golden check) ------------------------------------------------------------


@pytest.mark.parametrize("trait", ADVICE_TRAITS)
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_trait_has_advice_and_questions_in_both_languages(trait: str, lang: Lang) -> None:
    todo, ask = suggestions(trait, lang), questions(trait, lang)
    assert len(todo) >= 3
    assert 2 <= len(ask) <= 3
    for text in todo:
        assert len(text) > 40
        assert text[0].isupper()
        assert text.endswith((".", "!"))
    for text in ask:
        assert text.endswith("?")


def test_advice_is_translated_not_copied() -> None:
    from mes.render.catalogue import tr

    for (trait, kind), texts in ADVICE.items():
        assert trait in ADVICE_TRAITS, trait
        assert kind in ("do", "ask"), kind
        assert texts, (trait, kind)
        for text in texts:
            assert text.strip()
            assert tr("nl", text) != text, f"{text!r} is not translated"
    # The Dutch texts are Dutch: a few of the commonest Dutch words occur in each trait's advice.
    for trait in ADVICE_TRAITS:
        dutch = " ".join(suggestions(trait, "nl") + questions(trait, "nl")).lower().split()
        assert {"de", "het", "een"} & set(dutch), trait
        assert not {"the", "and", "what"} & set(dutch), trait


# -- outcomes (energy, eNPS), when the results carry them ---------------------------------------


def test_outcomes_appear_when_the_results_carry_them(standard: Survey) -> None:
    """The outcome figures join the results in a parallel change (issue 16); the page reads them
    by name. Here they are attached by hand, as that change's models hold them."""
    from types import SimpleNamespace

    from mes.render.pdf.team import outcome_sentence

    report = standard.report.model_copy(deep=True)
    energy = SimpleNamespace(key="energy", name="Energy at the end of the day",
                             name_nl="Energie aan het eind van de dag", high_at=8)  # fmt: skip
    enps = SimpleNamespace(key="enps", name="Recommend as employer", name_nl="Aanbevelen")
    org_results = [
        SimpleNamespace(key="energy", kind="energy", n=90, mean=7.1, high_share=0.21,
                        low_share=0.3, enps=None, enps_ci=None),
        SimpleNamespace(key="enps", kind="enps", n=88, mean=7.4, high_share=0.3, low_share=0.2,
                        enps=10.0, enps_ci=SimpleNamespace(low=-4.0, high=24.0)),
    ]  # fmt: skip
    team = next(g for g in paged_groups(report) if g.name == "Klantcontact Zuid")
    team_results = [SimpleNamespace(key="energy", kind="energy", n=14, mean=7.6, high_share=0.43,
                                    low_share=0.1, enps=None, enps_ci=None)]  # fmt: skip
    object.__setattr__(report.instrument, "outcomes", [energy, enps])
    object.__setattr__(report.organisation, "outcomes", org_results)
    object.__setattr__(team, "outcomes", team_results)
    files = dict(team_pdfs(report, lang="en", today=TODAY))
    name = next(n for n in files if n.endswith("Klantcontact Zuid.pdf"))
    text = " ".join(_text(files[name]).split())
    assert "Energy and recommendation" in text
    assert (
        "Energy at the end of the day: 43% go home with a lot of energy (8 or more); mean 7.6, "
        "n = 14. Organisation: 21%." in text
    )
    org_text = " ".join(_text(files["01 Organisation.pdf"]).split())
    assert "Recommend as employer: eNPS +10 (from -4 to +24), n = 88." in org_text
    assert "Energy and recommendation" not in " ".join(_text(files["02 Financiën.pdf"]).split())
    nl = outcome_sentence(org_results[0], "Energie", energy, "nl")
    assert nl == "Energie: 21% gaat met veel energie naar huis (8 of meer); gemiddeld 7,1, n = 90."
