"""Build submissions from the source notebook: the reference, the untouched release, mutants, alternatives.

A *mutant* is a plausible wrong implementation of one exercise (an off-by-one, a wrong sign, leakage ...).
An *alternative* is a different correct implementation. Both are written against the reference solution
cell they change, in `grader_tests/mutants/<assignment>.py`::

    MUTANTS = [
        Mutant("ucb_log_t_plus_1", cell="ucb1", replace={"np.log(t)": "np.log(t + 1)"},
               loses=["ucb1_exact_choices"], why="bonus uses ln(t+1)"),
    ]
    ALTERNATIVES = [Alternative("ucb_loop", cell="ucb1", source="...whole cell...")]

`replace` maps text of the reference cell (each must occur exactly once) to its replacement; `source`
replaces the whole cell. `loses` names the test cells that must lose points. The grader test-suite proves
each mutant is caught and each alternative gets full marks; the demo's "buggy" student submits mutants.
"""

from __future__ import annotations

import copy
import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from course.catalogue import Assignment
from course.grading import solution_source


@dataclass(frozen=True)
class Change:
    name: str
    cell: str
    replace: dict[str, str] = field(default_factory=dict)
    source: str | None = None
    why: str = ""

    def apply(self, reference: str) -> str:
        if (self.source is None) == (not self.replace):
            raise ValueError(f"{self.name}: give exactly one of replace= or source=")
        if self.source is not None:
            return self.source
        text = reference
        for old, new in self.replace.items():
            count = text.count(old)
            if count != 1:
                raise ValueError(f"{self.name}: {old!r} occurs {count} times in cell {self.cell!r}, expected once")
            text = text.replace(old, new)
        return text


@dataclass(frozen=True)
class Mutant(Change):
    loses: tuple[str, ...] | list[str] = ()


@dataclass(frozen=True)
class Alternative(Change):
    pass


def load_changes(assignment: Assignment, root: Path) -> tuple[list[Mutant], list[Alternative]]:
    """MUTANTS and ALTERNATIVES of `grader_tests/mutants/<assignment id>.py` (empty when absent)."""
    path = root / "grader_tests" / "mutants" / f"{assignment.id}.py"
    if not path.is_file():
        return [], []
    spec = importlib.util.spec_from_file_location(f"mutants_{assignment.id}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(getattr(module, "MUTANTS", [])), list(getattr(module, "ALTERNATIVES", []))


def disjoint_batches(changes: list[Change]) -> list[list[Change]]:
    """Group changes so that no two in a group touch the same cell (one notebook run per group)."""
    batches: list[list[Change]] = []
    for change in changes:
        for batch in batches:
            if all(other.cell != change.cell for other in batch):
                batch.append(change)
                break
        else:
            batches.append([change])
    return batches


def reference_sources(assignment: Assignment) -> dict[str, str]:
    """grade_id -> the reference answer (markers removed) of every solution and manual-answer cell."""
    return {c.metadata.nbgrader.grade_id: solution_source(c.source)
            for c in assignment.cells("solution") + assignment.cells("answer")}


def fill(release_notebook: nbformat.NotebookNode, answers: dict[str, str]) -> nbformat.NotebookNode:
    """A copy of a release notebook with the given answer cells (by grade_id) filled in, as a student would."""
    nb = copy.deepcopy(release_notebook)
    unknown = set(answers)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell.source = answers[gid]
            unknown.discard(gid)
    if unknown:
        raise KeyError(f"no answer cell(s) {sorted(unknown)} in the release notebook")
    return nb


def reference_submission(assignment: Assignment, release_notebook) -> nbformat.NotebookNode:
    return fill(release_notebook, reference_sources(assignment))


def changed_submission(assignment: Assignment, release_notebook, changes: list[Change]) -> nbformat.NotebookNode:
    """The reference submission with each change applied to its cell (cells must be distinct)."""
    answers = reference_sources(assignment)
    for change in changes:
        if change.cell not in answers:
            raise KeyError(f"{change.name}: no solution cell {change.cell!r} in {assignment.id}")
        answers[change.cell] = change.apply(answers[change.cell])
    return fill(release_notebook, answers)
