"""The assignments that exist: one folder `source/mlsd_NNN_<topic>/` holding one notebook each."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import nbformat

from course.paths import course_root

ASSIGNMENT_ID = re.compile(r"^mlsd_\d{3}_[a-z0-9_]+$")


@dataclass(frozen=True)
class Assignment:
    id: str
    source_dir: Path

    @property
    def notebook_path(self) -> Path:
        notebooks = sorted(self.source_dir.glob("*.ipynb"))
        if len(notebooks) != 1:
            raise ValueError(f"{self.source_dir} must hold exactly one notebook, found {len(notebooks)}")
        return notebooks[0]

    @property
    def notebook_name(self) -> str:
        return self.notebook_path.stem

    @cached_property
    def notebook(self) -> nbformat.NotebookNode:
        return nbformat.read(self.notebook_path, as_version=4)

    @property
    def title(self) -> str:
        for cell in self.notebook.cells:
            if cell.cell_type == "markdown":
                for line in cell.source.splitlines():
                    if line.startswith("# "):
                        return line[2:].strip()
        return self.id

    def cells(self, kind: str) -> list[nbformat.NotebookNode]:
        """Cells of one nbgrader role: 'solution' (autograded answers), 'tests', 'answer' (manual)."""
        wanted = {"solution": ("code", False, True), "tests": ("code", True, False), "answer": ("markdown", True, True)}
        cell_type, grade, solution = wanted[kind]
        return [
            c for c in self.notebook.cells
            if c.cell_type == cell_type
            and c.metadata.get("nbgrader", {}).get("grade", False) == grade
            and c.metadata.get("nbgrader", {}).get("solution", False) == solution
            and "nbgrader" in c.metadata
        ]

    @property
    def autograded_points(self) -> float:
        return sum(c.metadata.nbgrader.points for c in self.cells("tests"))

    @property
    def manual_points(self) -> float:
        return sum(c.metadata.nbgrader.points for c in self.cells("answer"))

    def exercise_of(self) -> dict[str, str]:
        """Map each test cell's grade id to the solution cell it grades (the nearest one above it)."""
        mapping, current = {}, "-"
        for cell in self.notebook.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution") and cell.cell_type == "code":
                current = meta["grade_id"]
            elif meta.get("grade") and not meta.get("solution"):
                mapping[meta["grade_id"]] = current
        return mapping


def assignments(root: Path | None = None) -> list[Assignment]:
    """Every assignment under `source/`, sorted by id (a folder without a notebook yet is not one)."""
    source = (root or course_root()) / "source"
    return [Assignment(p.name, p) for p in sorted(source.iterdir())
            if p.is_dir() and ASSIGNMENT_ID.match(p.name) and any(p.glob("*.ipynb"))]


def get(assignment_id: str, root: Path | None = None) -> Assignment:
    for a in assignments(root):
        if a.id == assignment_id:
            return a
    known = ", ".join(a.id for a in assignments(root)) or "none"
    raise KeyError(f"no assignment {assignment_id!r} (known: {known})")


def select(ids: list[str] | None, root: Path | None = None) -> list[Assignment]:
    """The named assignments (all of them for None, [] or ['all'])."""
    if not ids or ids == ["all"]:
        return assignments(root)
    return [get(i, root) for i in ids]
