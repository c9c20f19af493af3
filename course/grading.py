"""Thin wrappers over nbgrader's own API: release, submit, autograde, feedback, export.

Every nbgrader call goes through `NbGraderAPI`, whose methods return ``{success, error, log}`` and never
raise; `Course._call` turns a failure into a `GradingError` that carries nbgrader's own message. The API
``os.chdir``s into the course root for the whole process, so each call restores the working directory.

`Course.throwaway(...)` builds a private copy of the course (config, header, chosen source folders) in a
temporary directory: the self-check command, the demo's sample class and the grader test-suite grade there,
so they never touch an instructor's gradebook.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
import warnings
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import nbformat

from course.catalogue import Assignment

# nbgrader 0.9.6 trips SQLAlchemy 2's autoflush warnings on every autograde; they say nothing to our users.
warnings.filterwarnings("ignore", message=".*not in session.*")


KERNEL_START_FAILURES = ("Address already in use", "Kernel died before replying to kernel_info")


class GradingError(RuntimeError):
    """nbgrader reported a failure; the message is nbgrader's error and the tail of its log (`log`: all of it)."""

    def __init__(self, message: str, log: str = ""):
        super().__init__(message)
        self.log = log


@dataclass
class TestResult:
    """The outcome of one autograded test cell."""

    grade_id: str
    exercise: str
    score: float
    max_score: float
    message: str = ""  # first line of the failure ("AssertionError: ..."), empty when full marks

    @property
    def passed(self) -> bool:
        return self.score >= self.max_score


@dataclass
class Report:
    """Autograde result of one student's notebook for one assignment."""

    assignment: str
    student: str
    tests: list[TestResult] = field(default_factory=list)
    manual_max: float = 0.0
    autograded_notebook: Path | None = None

    @property
    def score(self) -> float:
        return sum(t.score for t in self.tests)

    @property
    def max_score(self) -> float:
        return sum(t.max_score for t in self.tests)

    def scores(self) -> dict[str, float]:
        return {t.grade_id: t.score for t in self.tests}

    def table(self) -> str:
        """A plain-text table: exercise, test, points earned / possible, first line of the failure."""
        rows = [("exercise", "test", "points", "message")]
        rows += [(t.exercise, t.grade_id, f"{t.score:g} / {t.max_score:g}", t.message[:100]) for t in self.tests]
        rows.append(("TOTAL (autograded)", "", f"{self.score:g} / {self.max_score:g}", ""))
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        lines = ["  ".join(r[i].ljust(widths[i]) for i in range(3)) + "  " + r[3] for r in rows]
        lines.insert(1, "-" * max(len(line) for line in lines))
        if self.manual_max:
            lines.append(f"(+ {self.manual_max:g} points of interview answers, graded by hand)")
        return "\n".join(line.rstrip() for line in lines)


def failure_message(cell: nbformat.NotebookNode) -> str:
    """First line of what made a test cell lose points, as a student would want to read it."""
    for output in cell.get("outputs", []):
        if output.output_type == "error":
            if output.ename == "NotImplementedError" and not output.evalue.strip():
                return "NotImplementedError: not implemented yet"
            text = f"{output.ename}: {output.evalue}" if output.evalue.strip() else output.ename
            return text.strip().splitlines()[0]
        if output.output_type == "stream" and output.name == "stderr":
            first = (output.text.strip().splitlines() or [""])[0]
            return f"wrote to stderr (a test cell must not): {first}"
        if output.output_type == "execute_result":
            return "partial credit"
    return ""


def solution_source(cell_source: str) -> str:
    """A solution cell's source with nbgrader's BEGIN/END SOLUTION marker lines removed."""
    return "\n".join(line for line in cell_source.splitlines() if "### BEGIN SOLUTION" not in line
                     and "### END SOLUTION" not in line)


class Course:
    """An nbgrader course directory (`root` holds nbgrader_config.py, source/, release/ ...)."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()

    @classmethod
    @contextlib.contextmanager
    def throwaway(cls, assignments: list[Assignment], source_root: Path):
        """A temporary copy of the course holding only `assignments`; deleted on exit."""
        with tempfile.TemporaryDirectory(prefix="mlsd-course-") as tmp:
            root = Path(tmp)
            shutil.copy(source_root / "nbgrader_config.py", root)
            (root / "source").mkdir()
            shutil.copy(source_root / "source" / "header.ipynb", root / "source")
            for a in assignments:
                shutil.copytree(a.source_dir, root / "source" / a.id)
            yield cls(root)

    # -- nbgrader API --------------------------------------------------------------------------------

    @cached_property
    def api(self):
        # nbgrader runs `alembic` (gradebook migrations) as a subprocess: make this interpreter's scripts
        # findable even when the virtualenv is not activated (`.venv/bin/python -m course ...`).
        scripts = str(Path(sys.executable).parent)
        if scripts not in os.environ.get("PATH", "").split(os.pathsep):
            os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory
        from traitlets.config.loader import PyFileConfigLoader

        config = PyFileConfigLoader("nbgrader_config.py", path=str(self.root)).load_config()
        config.CourseDirectory.root = str(self.root)
        config.NbGraderAPI.log_level = "WARN"
        traitlets_log = logging.getLogger("traitlets")
        level = traitlets_log.level
        traitlets_log.setLevel(logging.CRITICAL + 1)  # the exchange's "unwritable directory": no exchange is used
        try:
            with self._in_root():
                coursedir = CourseDirectory(config=config)
                api = NbGraderAPI(coursedir=coursedir, config=config)
        finally:
            traitlets_log.setLevel(level)
        api.log.setLevel(logging.WARNING)
        return api

    @contextlib.contextmanager
    def _in_root(self):
        cwd = os.getcwd()
        try:
            os.chdir(self.root)
            yield
        finally:
            os.chdir(cwd)

    def _call(self, what: str, method: str, *args, **kwargs) -> dict:
        with self._in_root():
            result = getattr(self.api, method)(*args, **kwargs)
        if not result["success"]:
            log = (result.get("log") or "").strip()
            tail = "\n".join(log.splitlines()[-15:])
            raise GradingError(f"nbgrader {what} failed:\n{result.get('error', '')}\n{tail}", log=log)
        return result

    @property
    def db_url(self) -> str:
        return self.api.coursedir.db_url

    # -- the instructor workflow ----------------------------------------------------------------------

    def release(self, assignment_id: str) -> Path:
        """`nbgrader generate_assignment`: writes release/<id>/ and records the assignment in the gradebook."""
        self._call(f"generate_assignment {assignment_id}", "generate_assignment", assignment_id, force=True, create=True)
        return self.root / "release" / assignment_id

    def submit(self, assignment_id: str, student: str, notebook_name: str, notebook) -> Path:
        """Place a student's notebook (a NotebookNode or a path) where `nbgrader autograde` looks for it."""
        folder = self.root / "submitted" / student / assignment_id
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{notebook_name}.ipynb"
        if isinstance(notebook, (str, Path)):
            shutil.copy(notebook, target)
        else:
            nbformat.write(notebook, target)
        return target

    def autograde(self, assignment: Assignment, student: str, attempts: int = 3) -> Report:
        """`nbgrader autograde` one submission, then read its scores from the gradebook.

        A kernel that fails to *start* (a port taken between jupyter_client choosing it and the kernel binding
        it, which happens when many kernels start at once) is the machine's fault, not the student's: that
        failure is retried; any other failure is raised at once.
        """
        for attempt in range(1, attempts + 1):
            try:
                self._call(f"autograde {assignment.id} for {student}", "autograde", assignment.id, student,
                           force=True, create=True)
                break
            except GradingError as exc:
                if attempt == attempts or not any(sign in str(exc) + exc.log for sign in KERNEL_START_FAILURES):
                    raise
        return self.report(assignment, student)

    def report(self, assignment: Assignment, student: str) -> Report:
        from nbgrader.api import Gradebook

        path = self.root / "autograded" / student / assignment.id / f"{assignment.notebook_name}.ipynb"
        graded = nbformat.read(path, as_version=4)
        messages = {c.metadata.nbgrader["grade_id"]: failure_message(c)
                    for c in graded.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"}
        exercise = assignment.exercise_of()
        report = Report(assignment.id, student, autograded_notebook=path)
        with Gradebook(self.db_url) as gb:
            notebook = gb.find_submission_notebook(assignment.notebook_name, assignment.id, student)
            scores = {g.name: (float(g.score or 0.0), float(g.max_score)) for g in notebook.grades}
        for cell in assignment.cells("tests"):
            gid = cell.metadata.nbgrader.grade_id
            score, max_score = scores[gid]
            report.tests.append(TestResult(gid, exercise.get(gid, "-"), score, max_score,
                                           "" if score >= max_score else messages.get(gid, "")))
        report.manual_max = assignment.manual_points
        return report

    def feedback(self, assignment: Assignment, student: str) -> Path:
        """`nbgrader generate_feedback` (hidden tests stripped, see course.feedback); returns the HTML path."""
        self._call(f"generate_feedback {assignment.id} for {student}", "generate_feedback", assignment.id, student)
        return self.root / "feedback" / student / assignment.id / f"{assignment.notebook_name}.html"

    def export_grades(self, target: Path) -> Path:
        """nbgrader's CSV export of the whole gradebook (one row per student and assignment)."""
        from nbgrader.api import Gradebook
        from nbgrader.plugins import CsvExportPlugin

        with self._in_root(), Gradebook(self.db_url) as gb:
            CsvExportPlugin(to=str(target)).export(gb)
        return target
