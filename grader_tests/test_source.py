"""Static checks of every source notebook and its mutants file: no notebook is executed here."""

from __future__ import annotations

import re

import nbformat
import pytest

from course.authoring import pack, unpack
from course.submissions import Change, load_changes, reference_sources
from grader_tests.harness import ASSIGNMENTS, ROOT, params

MARKERS = {"solution": ("### BEGIN SOLUTION", "### END SOLUTION"), "hidden": ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")}


def test_there_are_assignments():
    assert ASSIGNMENTS, "no source/mlsd_NNN_<topic>/ folder found"


def _role(cell) -> str:
    meta = cell.metadata.get("nbgrader")
    if not meta:
        return "plain"
    if meta.get("solution"):
        return "solution" if cell.cell_type == "code" else "answer"
    return "tests" if meta.get("grade") else "readonly"


@pytest.mark.parametrize("assignment_id", params())
def test_metadata_is_valid(assignment_id):
    from course.catalogue import get

    a = get(assignment_id, ROOT)
    nb = a.notebook
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    assert a.title != a.id, "the first markdown cell must start with '# <title>'"
    ids = [c.metadata.nbgrader.grade_id for c in nb.cells if "nbgrader" in c.metadata]
    assert len(ids) == len(set(ids)), f"duplicate grade ids: {sorted({i for i in ids if ids.count(i) > 1})}"
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        role = _role(cell)
        where = meta.get("grade_id", cell.get("id"))
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"{where}: source notebooks are committed without outputs"
        if meta:
            assert re.fullmatch(r"[a-zA-Z0-9_-]+", meta["grade_id"]), f"{where}: bad grade id"
            assert meta.get("schema_version") == 3
        if meta.get("grade"):
            assert meta.get("points", 0) > 0, f"{where}: graded cells need points"
        has_solution = MARKERS["solution"][0] in cell.source
        has_hidden = MARKERS["hidden"][0] in cell.source
        assert cell.source.count(MARKERS["solution"][0]) == cell.source.count(MARKERS["solution"][1])
        assert cell.source.count(MARKERS["hidden"][0]) == cell.source.count(MARKERS["hidden"][1])
        assert not has_solution or role in ("solution", "answer"), f"{where}: solution markers outside a solution cell"
        assert not has_hidden or role == "tests", f"{where}: hidden-test markers outside a test cell"
        if role in ("solution", "answer"):
            assert has_solution, f"{where}: an answer cell needs a reference between BEGIN/END SOLUTION"
    assert any(_role(c) == "readonly" and c.cell_type == "code" for c in nb.cells), "a locked setup cell is expected"
    assert len(a.cells("answer")) >= 3, "at least three interview questions (manually graded answer cells)"


@pytest.mark.parametrize("assignment_id", params())
def test_every_exercise_has_visible_and_hidden_tests(assignment_id):
    from course.catalogue import get

    a = get(assignment_id, ROOT)
    tests_of: dict[str, list] = {}
    for gid, exercise in a.exercise_of().items():
        tests_of.setdefault(exercise, []).append(gid)
    hidden = {c.metadata.nbgrader.grade_id for c in a.cells("tests") if MARKERS["hidden"][0] in c.source}
    visible = {c.metadata.nbgrader.grade_id for c in a.cells("tests") if MARKERS["hidden"][0] not in c.source}
    for cell in a.cells("solution"):
        ex = cell.metadata.nbgrader.grade_id
        assert set(tests_of.get(ex, [])) & hidden, f"exercise {ex}: no hidden test cell after it"
        assert set(tests_of.get(ex, [])) & visible, f"exercise {ex}: no visible test cell after it"


@pytest.mark.parametrize("assignment_id", params())
def test_text_form_round_trips(assignment_id):
    from course.catalogue import get

    nb = get(assignment_id, ROOT).notebook
    assert pack(unpack(nb)) == nb, "pack(unpack(nb)) must reproduce the notebook exactly (course/authoring.py)"


@pytest.mark.parametrize("assignment_id", params())
def test_mutants_cover_every_exercise(assignment_id):
    from course.catalogue import get

    a = get(assignment_id, ROOT)
    mutants, alternatives = load_changes(a, ROOT)
    answers = reference_sources(a)
    test_ids = {c.metadata.nbgrader.grade_id for c in a.cells("tests")}
    names = [m.name for m in mutants + alternatives]
    assert len(names) == len(set(names)), "mutant and alternative names must be unique"
    for change in mutants + alternatives:
        assert isinstance(change, Change)
        assert change.cell in answers, f"{change.name}: unknown cell {change.cell!r}"
        assert change.apply(answers[change.cell]) != answers[change.cell], f"{change.name}: changes nothing"
    for m in mutants:
        assert m.loses and set(m.loses) <= test_ids, f"{m.name}: `loses` must name test cells of this assignment"
        assert m.why, f"{m.name}: say which plausible mistake it models (why=...)"
    mutated = {m.cell for m in mutants}
    missing = [c.metadata.nbgrader.grade_id for c in a.cells("solution") if c.metadata.nbgrader.grade_id not in mutated]
    assert not missing, f"exercises without a mutant: {missing}"
    assert alternatives, "at least one alternative correct implementation"


def test_header_has_no_graded_cells():
    header = nbformat.read(ROOT / "source" / "header.ipynb", as_version=4)
    assert all("nbgrader" not in c.metadata for c in header.cells)
