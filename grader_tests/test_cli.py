"""The command line: list, self-check (with clear errors for bad input), and the demo's sample class."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import nbformat
import pytest

from course.submissions import reference_submission
from grader_tests.harness import ASSIGNMENTS, ROOT, released

pytestmark = pytest.mark.xdist_group("cli")
FIRST = next((a for a in ASSIGNMENTS if a.id == "mlsd_013_bandits"), ASSIGNMENTS[0] if ASSIGNMENTS else None)


def mlsd(*args, env=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "course", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=cwd, timeout=900)


def test_list_shows_every_assignment():
    out = mlsd("list")
    assert out.returncode == 0, out.stderr
    for a in ASSIGNMENTS:
        assert a.id in out.stdout


def test_check_grades_a_completed_notebook_and_writes_feedback(tmp_path):
    nb = reference_submission(FIRST, released(FIRST.id).notebook)
    path = tmp_path / "my work.ipynb"
    nbformat.write(nb, path)
    out = mlsd("check", str(path))
    assert out.returncode == 0, out.stderr
    total = [line for line in out.stdout.splitlines() if line.startswith("TOTAL (autograded)")]
    points = f"{FIRST.autograded_points:g}"
    assert total and f"{points} / {points}" in total[0], out.stdout
    feedback = tmp_path / "my work_feedback.html"
    assert feedback.is_file() and str(feedback) in out.stdout


def test_check_untouched_release_scores_zero_with_messages(tmp_path):
    path = tmp_path / "untouched.ipynb"
    nbformat.write(released(FIRST.id).notebook, path)
    out = mlsd("check", str(path))
    assert out.returncode == 0, out.stderr
    total = [line for line in out.stdout.splitlines() if line.startswith("TOTAL (autograded)")]
    assert total and f"0 / {FIRST.autograded_points:g}" in total[0], out.stdout
    assert "NotImplementedError" in out.stdout


@pytest.mark.parametrize("content, message", [
    ("{ this is not json", "not valid JSON"),
    (json.dumps({"cells": "nope"}), "not a valid notebook"),
    (json.dumps(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])), "belongs to no assignment"),
])
def test_check_rejects_bad_input_clearly(tmp_path, content, message):
    path = tmp_path / "bad.ipynb"
    path.write_text(content)
    out = mlsd("check", str(path))
    assert out.returncode == 2 and message in out.stderr, (out.returncode, out.stderr)
    assert "Traceback" not in out.stderr


def test_check_rejects_missing_and_non_notebook_files(tmp_path):
    out = mlsd("check", str(tmp_path / "nope.ipynb"))
    assert out.returncode == 2 and "no such file" in out.stderr
    (tmp_path / "notes.txt").write_text("hello")
    out = mlsd("check", str(tmp_path / "notes.txt"))
    assert out.returncode == 2 and "not a Jupyter notebook" in out.stderr


def test_demo_grades_the_sample_class(tmp_path):
    """`make demo` in a copy of the course: reference full marks, untouched zero, partial in between."""
    root = tmp_path / "course"
    root.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", root)
    shutil.copytree(ROOT / "source", root / "source")
    shutil.copytree(ROOT / "grader_tests" / "mutants", root / "grader_tests" / "mutants")
    out = mlsd("demo", FIRST.id, env={"MLSD_COURSE_ROOT": str(root)}, cwd=root)
    assert out.returncode == 0, out.stdout + out.stderr
    rows = {line.split()[0]: line.split()[1] for line in out.stdout.splitlines()
            if line.split() and line.split()[0] in ("ada_reference", "bo_untouched", "cy_partial")}
    total = f"{FIRST.autograded_points:g}"
    assert rows["ada_reference"] == f"{total}/{total}" and rows["bo_untouched"] == f"0/{total}", out.stdout
    earned = float(rows["cy_partial"].split("/")[0])
    assert 0 < earned < FIRST.autograded_points, out.stdout
    assert (root / "grades.csv").is_file() and (root / "feedback" / "cy_partial" / FIRST.id).is_dir()


def test_a_broken_submission_costs_only_its_own_student():
    """A corrupt notebook makes nbgrader fail for that student, with a clear error; the next student is graded."""
    from course.grading import GradingError

    rel = released(FIRST.id)
    course, a = rel.course, rel.assignment
    broken = course.submit(a.id, "broken_student", a.notebook_name, rel.notebook)
    broken.write_text('{"cells": [ this is not json')
    with pytest.raises(GradingError, match="autograde"):
        course.autograde(a, "broken_student")
    course.submit(a.id, "good_student", a.notebook_name, reference_submission(a, rel.notebook))
    report = course.autograde(a, "good_student")
    assert report.score == report.max_score
