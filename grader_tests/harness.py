"""Shared machinery of the grader test-suite: one throwaway course per assignment, graded once per session.

`released(id)` generates the student version in a private course directory; `graded(id)` then autogrades, in
that course, every submission the suite needs (the reference, the untouched release, each batch of mutants
touching distinct cells (batch 0 twice, for determinism), each batch of alternatives), one notebook run each.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from course import catalogue
from course.catalogue import Assignment
from course.grading import Course, Report
from course.paths import course_root
from course.submissions import (Alternative, Mutant, changed_submission, disjoint_batches, load_changes,
                                reference_submission)

ROOT = course_root()
ASSIGNMENTS = catalogue.assignments(ROOT)
_cleanup = contextlib.ExitStack()
atexit.register(_cleanup.close)


@dataclass
class Released:
    assignment: Assignment
    course: Course

    @property
    def release_dir(self) -> Path:
        return self.course.root / "release" / self.assignment.id

    @property
    def notebook(self) -> nbformat.NotebookNode:
        return nbformat.read(self.release_dir / f"{self.assignment.notebook_name}.ipynb", as_version=4)


@dataclass
class Graded:
    released: Released
    reports: dict[str, Report] = field(default_factory=dict)
    mutant_batches: list[list[Mutant]] = field(default_factory=list)
    alternative_batches: list[list[Alternative]] = field(default_factory=list)


@functools.cache
def released(assignment_id: str) -> Released:
    assignment = catalogue.get(assignment_id, ROOT)
    course = _cleanup.enter_context(Course.throwaway([assignment], ROOT))
    course.release(assignment.id)
    return Released(assignment, course)


@functools.cache
def graded(assignment_id: str) -> Graded:
    rel = released(assignment_id)
    a, course, release_nb = rel.assignment, rel.course, rel.notebook
    mutants, alternatives = load_changes(a, ROOT)
    result = Graded(rel, mutant_batches=disjoint_batches(mutants), alternative_batches=disjoint_batches(alternatives))
    submissions = {"reference": reference_submission(a, release_nb), "untouched": release_nb}
    for i, batch in enumerate(result.mutant_batches):
        submissions[f"mutants{i}"] = changed_submission(a, release_nb, batch)
    if result.mutant_batches:
        submissions["mutants0_again"] = submissions["mutants0"]
    for i, batch in enumerate(result.alternative_batches):
        submissions[f"alternatives{i}"] = changed_submission(a, release_nb, batch)
    for student, nb in submissions.items():
        course.submit(a.id, student, a.notebook_name, nb)
        result.reports[student] = course.autograde(a, student)
    return result


def params(assignments=None):
    """pytest parameters, one per assignment, grouped so xdist runs an assignment's tests on one worker."""
    import pytest

    return [pytest.param(a.id, id=a.id, marks=pytest.mark.xdist_group(a.id)) for a in (assignments or ASSIGNMENTS)]
