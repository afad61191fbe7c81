"""Privacy beyond one report's groups: group ids, --individuals, --skip-invalid, saved results,
and the change between quarters. Each case comes from the privacy audit (issue 9)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mes.cli.app import app
from mes.errors import InputError
from mes.groups import GroupKey, by_value, department, team
from mes.individuals import HIDDEN_LABEL
from mes.instrument import builtin
from mes.report import score
from mes.settings import Settings
from mes.validation import validate
from tests.conftest import make_table

runner = CliRunner()
HEADERS = ("id", "afdeling", "team", "rol", "signals", "room", "criticism", "feedback", "speed")


def rows(spec: list[tuple[str | None, str | None, str | None, int]]) -> list[list[str | None]]:
    out: list[list[str | None]] = []
    for dept, tm, role, n in spec:
        for _ in range(n):
            i = len(out) + 1
            out.append([f"emp{i:03d}", dept, tm, role, *[str(1 + (i + j) % 5) for j in range(5)]])
    return out


def report_of(spec: list[tuple[str | None, str | None, str | None, int]], **kw: object):  # type: ignore[no-untyped-def]
    mes5 = builtin()
    by = kw.pop("by", [])
    responses = validate(make_table(rows(spec), HEADERS), mes5, by=by)  # type: ignore[arg-type]
    return score(responses, mes5, Settings(), **kw)  # type: ignore[arg-type]


# --- group keys ----------------------------------------------------------------------------

# Separators, escapes and look-alikes: "/" and its Unicode twins, "%2F" written out, an "Å" in
# both Unicode forms.
names = st.lists(
    st.sampled_from(["/", "\\", "%", "2F", '"', "'", "A", "B", " ", "∕", "⁄", "Å", "A\u030a"]),
    min_size=1,
    max_size=5,
).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["department", "team", "rol"]), st.lists(names, min_size=1, max_size=2)
        ),
        min_size=2,
        max_size=2,
    )
)
def test_different_groups_never_share_an_id(pair: list[tuple[str, list[str]]]) -> None:
    keys = []
    for dimension, path in pair:
        if dimension == "department":
            keys.append(department(path[0]))
        elif dimension == "team":
            keys.append(team(path[-1], path[0] if len(path) == 2 else None))
        else:
            keys.append(by_value(dimension, path[0]))
    a, b = keys
    assert (a == b) == (a.id == b.id)


def test_colliding_names_of_the_audit_get_two_ids_and_the_small_team_stays_hidden() -> None:
    report = report_of([("A", "B/C", None, 3), ("A/B", "C", None, 6), ("X", "Y", None, 10)])
    ids = [g.id for g in report.groups]
    assert len(ids) == len(set(ids))
    small = next(g for g in report.groups if g.path == ["A", "B/C"])
    assert small.suppressed
    assert small.id == "team/A/B%2FC"
    assert all(g.n != 3 for g in report.groups)


def test_key_parent_follows_the_tree() -> None:
    assert team("T", "D").parent == department("D")
    assert team("T").parent == GroupKey("organisation")
    assert by_value("rol", "x").parent == GroupKey("organisation")


# --- --individuals -------------------------------------------------------------------------

SPEC = [
    ("Sales", "North", "advisor", 6),
    ("Sales", "South", "advisor", 5),
    ("Sales", "Tiny", "advisor", 2),
    (None, None, "advisor", 1),  # neither department nor team
    ("Ops", "Desk", "manager", 7),
]


def test_individuals_mask_no_team_exactly_like_a_suppressed_team() -> None:
    report = report_of(SPEC, individuals=True)
    people = report.people()
    assert people is not None
    teams = Counter(p.team for p in people.models())
    # The 2 of Tiny and the 1 with no team read the same label: none of them stands out.
    assert None not in teams
    assert teams[HIDDEN_LABEL] >= 3
    assert "Tiny" not in teams


def test_individuals_show_no_combination_of_labels_shared_by_fewer_than_k() -> None:
    report = report_of(SPEC, individuals=True, by=["rol"])
    people = report.people()
    assert people is not None
    combos = Counter((p.department, p.team, p.by.get("rol")) for p in people.models())
    assert all(n >= 5 for n in combos.values()), combos


def test_individuals_are_pseudonymised_and_not_in_file_order() -> None:
    report = report_of(SPEC, individuals=True)
    people = report.people()
    assert people is not None
    persons = people.models()
    ids = [p.respondent for p in persons]
    assert ids == [f"P{i:02d}" for i in range(1, len(ids) + 1)]
    # Same input, same order: the output is reproducible.
    again = report_of(SPEC, individuals=True).people()
    assert again is not None
    assert again.models() == persons
    # The order is not the file's: the MES sequence differs from the file-ordered one.
    kept = report_of(SPEC, individuals=True, keep_ids=True).people()
    assert kept is not None
    file_order = [f"emp{i:03d}" for i in range(1, len(ids) + 1)]
    assert sorted(p.respondent for p in kept.models()) == file_order
    assert [p.respondent for p in kept.models()] != file_order


def test_keep_ids_needs_individuals(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(";".join(HEADERS) + "\n" + "\n".join(";".join(c or "" for c in r)
                    for r in rows(SPEC)) + "\n", encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["score", str(path), "--keep-ids"])
    assert result.exit_code == 2
    assert "--keep-ids goes with --individuals" in result.stderr


# --- --skip-invalid ------------------------------------------------------------------------


def test_skipped_rows_are_named_but_their_text_is_never_copied(tmp_path: Path) -> None:
    data = rows([("Sales", "North", None, 6), ("Sales", "South", None, 6)])
    data[3][5] = "SECRET-7"
    data[7][6] = "9"
    path = tmp_path / "s.csv"
    path.write_text(";".join(HEADERS) + "\n" + "\n".join(";".join(c or "" for c in r)
                    for r in data) + "\n", encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["score", str(path), "--skip-invalid", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    skipped = [i for i in document["issues"] if "row skipped" in i["message"]]
    assert {i["location"]["row"] for i in skipped} == {5, 9}
    assert "SECRET" not in result.stdout + result.stderr
    assert "'9'" not in result.stdout + result.stderr


# --- saved results and quarters ------------------------------------------------------------


def _saved(tmp_path: Path, edit: dict[str, object] | None = None, group: int | None = None) -> str:
    sample = Path(__file__).parent.parent / "sample_data" / "2026-Q3.xlsx"
    result = runner.invoke(app, ["score", str(sample), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    if edit:
        document["settings"].update(edit)
    if group is not None:
        hidden = next(g for g in document["groups"] if g["suppressed"])
        shown = next(g for g in document["groups"] if not g["suppressed"])
        hidden.update(
            {
                k: v
                for k, v in shown.items()
                if k not in ("id", "name", "path", "parent", "dimension")
            }
        )
        hidden["n"] = 3
    path = tmp_path / f"saved-{len(list(tmp_path.iterdir()))}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_a_saved_result_with_a_threshold_no_option_sets_is_refused(tmp_path: Path) -> None:
    edited = _saved(tmp_path, {"favourable_at": 60.0})
    result = runner.invoke(app, ["diff", _saved(tmp_path), edited])
    assert result.exit_code == 2, result.stdout
    assert "this saved result was not made by mes score as it is" in result.stderr
    assert "favourable_at" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_saved_result_showing_a_group_below_k_is_refused(tmp_path: Path) -> None:
    edited = _saved(tmp_path, group=0)
    result = runner.invoke(app, ["trend", _saved(tmp_path), _saved(tmp_path), edited])
    assert result.exit_code == 2, result.stdout
    assert "this saved result was not made by mes score as it is" in result.stderr


def test_a_change_of_a_few_people_is_said_in_every_output(tmp_path: Path) -> None:
    old = rows([("Sales", "North", None, 12), ("Sales", "South", None, 10)])
    new = [*old, *rows([("Sales", "North", None, 2)])]
    for i, r in enumerate(new[len(old) :]):
        r[0] = f"new{i}"
    paths = []
    for name, data in (("old", old), ("new", new)):
        path = tmp_path / f"{name}.csv"
        path.write_text(";".join(HEADERS) + "\n" + "\n".join(";".join(c or "" for c in r)
                        for r in data) + "\n", encoding="utf-8")  # fmt: skip
        paths.append(str(path))
    result = runner.invoke(app, ["diff", *paths, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    codes = [i["code"] for i in json.loads(result.stdout)["issues"]]
    assert "small-turnover" in codes
    table = runner.invoke(app, ["diff", *paths])
    assert "[small-turnover]" in table.stderr


@pytest.mark.slow  # 40 reports built through validate and score
@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", None]),
            st.sampled_from(["t1", "t2", None]),
            st.sampled_from(["x", "y", "z", None]),
            st.integers(1, 9),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_every_combination_of_labels_shown_is_shared_by_k_people(
    spec: list[tuple[str | None, str | None, str | None, int]],
) -> None:
    mes5 = builtin()
    try:
        responses = validate(make_table(rows(spec), HEADERS), mes5, by=["rol"])
    except InputError:  # a nearly unique role column in a tiny file is refused: nothing shown
        return
    report = score(responses, mes5, Settings(), individuals=True)
    people = report.people()
    assert people is not None
    combos = Counter((p.department, p.team, p.by.get("rol")) for p in people.models())
    everyone = len(people)
    assert all(n >= 5 for n in combos.values()) or everyone < 5, combos
