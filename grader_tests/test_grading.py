"""Autograding proves the graders: reference full marks, untouched zero, mutants caught, alternatives
accepted, deterministic scores, and feedback that shows messages but no hidden test."""

from __future__ import annotations

import html
import re

import nbformat
import pytest

from grader_tests.harness import graded, params
from grader_tests.test_release import secret_lines


def _lost(report) -> dict[str, str]:
    return {t.grade_id: f"{t.score:g}/{t.max_score:g} {t.message}" for t in report.tests if not t.passed}


@pytest.mark.parametrize("assignment_id", params())
def test_reference_gets_every_autograded_point(assignment_id):
    report = graded(assignment_id).reports["reference"]
    assert report.score == report.max_score > 0, f"reference loses points: {_lost(report)}"


@pytest.mark.parametrize("assignment_id", params())
def test_reference_run_is_clean(assignment_id):
    """No cell of the reference run errors or writes to stderr (a warning there would zero a test cell)."""
    path = graded(assignment_id).reports["reference"].autograded_notebook
    nb = nbformat.read(path, as_version=4)
    problems = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.output_type == "error" or (out.output_type == "stream" and out.name == "stderr"):
                problems.append((cell.metadata.get("nbgrader", {}).get("grade_id", i), out.get("ename") or out.get("text", "")[:200]))
    assert not problems, f"reference run has errors or stderr output: {problems}"


@pytest.mark.parametrize("assignment_id", params())
def test_untouched_release_gets_zero(assignment_id):
    report = graded(assignment_id).reports["untouched"]
    assert report.tests and report.score == 0, f"stubs earn points: { {t.grade_id: t.score for t in report.tests if t.score} }"


@pytest.mark.parametrize("assignment_id", params())
def test_every_mutant_loses_its_exercise_points(assignment_id):
    g = graded(assignment_id)
    assert g.mutant_batches, "no mutants"
    problems = []
    for i, batch in enumerate(g.mutant_batches):
        report = g.reports[f"mutants{i}"]
        scores = {t.grade_id: t for t in report.tests}
        declared = set()
        for m in batch:
            declared |= set(m.loses)
            escaped = [gid for gid in m.loses if scores[gid].passed]
            if escaped:
                problems.append(f"mutant {m.name} ({m.why}) keeps full marks on {escaped}")
        collateral = {gid: t.message for gid, t in scores.items() if gid not in declared and not t.passed}
        if collateral:
            problems.append(f"batch {[m.name for m in batch]} also fails undeclared tests {collateral} "
                            "(hidden tests must be self-contained, or declare them in `loses`)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("assignment_id", params())
def test_alternative_implementations_get_full_marks(assignment_id):
    g = graded(assignment_id)
    for i, batch in enumerate(g.alternative_batches):
        report = g.reports[f"alternatives{i}"]
        assert report.score == report.max_score, f"alternatives {[a.name for a in batch]} lose points: {_lost(report)}"


@pytest.mark.parametrize("assignment_id", params())
def test_grading_is_deterministic(assignment_id):
    g = graded(assignment_id)
    first, again = g.reports["mutants0"], g.reports["mutants0_again"]
    assert [(t.grade_id, t.score, t.message) for t in first.tests] == [(t.grade_id, t.score, t.message) for t in again.tests]


def _visible_text(path) -> str:
    """What a reader of the HTML sees: tags removed (syntax highlighting splits code into spans), entities decoded."""
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


@pytest.mark.parametrize("assignment_id", params())
def test_feedback_shows_messages_but_not_hidden_tests(assignment_id):
    g = graded(assignment_id)
    a, course = g.released.assignment, g.released.course
    text = _visible_text(course.feedback(a, "mutants0"))
    hidden = [line for line in secret_lines(a, regions=("HIDDEN TESTS",)) if line in text]
    assert not hidden, f"feedback reveals hidden-test lines: {hidden[:5]}"
    report = g.reports["mutants0"]
    for t in report.tests:
        if not t.passed and t.message.startswith("AssertionError: "):
            assert t.message[len("AssertionError: "):][:60] in text, f"feedback lacks the failure message of {t.grade_id}"
