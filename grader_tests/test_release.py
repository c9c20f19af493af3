"""release/ is exactly what nbgrader generates from source/, and gives nothing away."""

from __future__ import annotations

import json

import pytest

from course.grading import solution_source
from grader_tests.harness import ROOT, params, released

SECRET_MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


def _files(folder):
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("assignment_id", params())
def test_release_is_in_sync_with_source(assignment_id):
    rel = released(assignment_id)
    committed, fresh = ROOT / "release" / assignment_id, rel.release_dir
    assert committed.is_dir(), f"release/{assignment_id}/ is missing: run `python -m course release {assignment_id}`"
    assert set(_files(committed)) == set(_files(fresh)), "release/ files differ from a fresh generate_assignment"
    for name, path in _files(fresh).items():
        if name.endswith(".ipynb"):
            same = json.loads(path.read_text()) == json.loads((committed / name).read_text())
        else:
            same = path.read_bytes() == (committed / name).read_bytes()
        assert same, f"release/{assignment_id}/{name} is stale: run `python -m course release {assignment_id}`"


def secret_lines(assignment, regions=("SOLUTION", "HIDDEN TESTS")) -> set[str]:
    """Substantial lines that occur only inside the given kinds of region (solutions, hidden tests) of the source.

    A line that also occurs outside those regions (in public text, or in a region of the other kind, such as a
    hidden-test line that a student's own solution legitimately contains) is not secret.
    """
    found = {"SOLUTION": set(), "HIDDEN TESTS": set(), None: set()}
    for cell in assignment.notebook.cells:
        inside = None
        for line in cell.source.splitlines():
            begin = [r for r in ("SOLUTION", "HIDDEN TESTS") if f"### BEGIN {r}" in line]
            if begin:
                inside = begin[0]
            elif inside and f"### END {inside}" in line:
                inside = None
            else:
                found[inside].add(line.strip())
    secret = set().union(*(found[r] for r in regions))
    elsewhere = set().union(*(lines for r, lines in found.items() if r not in regions))
    return {line for line in secret - elsewhere if len(line) >= 12 and not line.startswith("#")}


@pytest.mark.parametrize("assignment_id", params())
def test_release_leaks_no_solution_or_hidden_test(assignment_id):
    rel = released(assignment_id)
    text = "\n".join(p.read_text(errors="replace") for p in rel.release_dir.rglob("*") if p.is_file())
    for marker in SECRET_MARKERS:
        assert marker not in text, f"release contains {marker!r}"
    released_lines = {line.strip() for line in text.splitlines()}
    nb = rel.notebook
    for cell in nb.cells:
        for line in cell.source.splitlines():
            released_lines.add(line.strip())
    leaked = secret_lines(rel.assignment) & released_lines
    assert not leaked, f"release shows lines of solutions/hidden tests: {sorted(leaked)[:5]}"


@pytest.mark.parametrize("assignment_id", params())
def test_release_stubs_every_answer(assignment_id):
    rel = released(assignment_id)
    by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in rel.notebook.cells}
    for cell in rel.assignment.cells("solution"):
        stub = by_id[cell.metadata.nbgrader.grade_id].source
        assert "raise NotImplementedError()" in stub, f"{cell.metadata.nbgrader.grade_id}: no code stub in release"
        assert solution_source(cell.source) != stub
