"""`make demo`: the whole instructor workflow on a sample class, in the real course directory.

Releases every assignment, submits for three sample students (the reference solutions, the untouched
release, and a submission with some wrong implementations taken from the grader test-suite's mutants),
autogrades them with nbgrader, writes HTML feedback and grades.csv, and prints a score table.
`run_bench` times the autograding of each reference notebook.
"""

from __future__ import annotations

import time

import nbformat

from course import catalogue
from course.grading import Course, GradingError
from course.paths import course_root
from course.submissions import changed_submission, disjoint_batches, load_changes, reference_submission

DEFAULT_ASSIGNMENTS = ["mlsd_013_bandits"]

STUDENTS = {  # id -> (first name, last name)
    "ada_reference": ("Ada", "Reference"),
    "bo_untouched": ("Bo", "Untouched"),
    "cy_partial": ("Cy", "Partial"),
}


def partial_submission(course: Course, assignment, release_nb):
    """The reference with mutants in every other exercise: some right, some plausibly wrong."""
    mutants, _ = load_changes(assignment, course.root)
    first_batch = disjoint_batches(mutants)[0] if mutants else []
    exercises = [c.metadata.nbgrader.grade_id for c in assignment.cells("solution")]
    wrong = [m for m in first_batch if m.cell in exercises[::2]]
    return changed_submission(assignment, release_nb, wrong)


def run_demo(ids: list[str] | None) -> int:
    course = Course(course_root())
    every = catalogue.assignments(course.root)
    chosen = catalogue.select(ids or DEFAULT_ASSIGNMENTS, course.root)
    print(f"Course directory: {course.root}\nGradebook: {course.db_url}\n")
    for a in every:
        course.release(a.id)
        print(f"released  {a.id}")

    from nbgrader.api import Gradebook

    with Gradebook(course.db_url) as gb:
        for sid, (first, last) in STUDENTS.items():
            gb.update_or_create_student(sid, first_name=first, last_name=last)

    jobs = []
    for a in chosen:
        release_nb = nbformat.read(course.root / "release" / a.id / f"{a.notebook_name}.ipynb", as_version=4)
        submissions = {
            "ada_reference": reference_submission(a, release_nb),
            "bo_untouched": release_nb,
            "cy_partial": partial_submission(course, a, release_nb),
        }
        for sid, nb in submissions.items():
            course.submit(a.id, sid, a.notebook_name, nb)
            jobs.append((a, sid))

    results: dict[tuple[str, str], str] = {}
    failures = 0
    print()
    for i, (a, sid) in enumerate(jobs, 1):
        print(f"[{i}/{len(jobs)}] autograding {sid:<14} {a.id} ...", end=" ", flush=True)
        start = time.perf_counter()
        try:
            report = course.autograde(a, sid)
            course.feedback(a, sid)
        except GradingError as exc:  # one broken submission never stops the class
            failures += 1
            results[(sid, a.id)] = "ERROR"
            print(f"FAILED ({str(exc).splitlines()[0]})")
            continue
        results[(sid, a.id)] = f"{report.score:g}/{report.max_score:g}"
        print(f"{time.perf_counter() - start:5.1f} s  {results[(sid, a.id)]}")

    grades = course.export_grades(course.root / "grades.csv")
    print(f"\nFeedback: {course.root / 'feedback'}/<student>/<assignment>/\nGrades:   {grades}\n")
    header = ["student"] + [a.id for a in chosen]
    rows = [header] + [[sid] + [results.get((sid, a.id), "-") for a in chosen] for sid in STUDENTS]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for j, r in enumerate(rows):
        print("  ".join(v.ljust(w) for v, w in zip(r, widths)))
        if j == 0:
            print("  ".join("-" * w for w in widths))
    print("\n(autograded points; interview answers are graded by hand in formgrader)")
    return 1 if failures else 0


def run_bench(ids: list[str] | None) -> int:
    root = course_root()
    chosen = catalogue.select(ids, root)
    rows = []
    with Course.throwaway(chosen, root) as course:
        for a in chosen:
            course.release(a.id)
            release_nb = nbformat.read(course.root / "release" / a.id / f"{a.notebook_name}.ipynb", as_version=4)
            course.submit(a.id, "bench", a.notebook_name, reference_submission(a, release_nb))
            start = time.perf_counter()
            report = course.autograde(a, "bench")
            seconds = time.perf_counter() - start
            rows.append((a.id, seconds, report))
            print(f"{a.id:<34} {seconds:6.1f} s  {report.score:g}/{report.max_score:g}", flush=True)
    total = sum(r[1] for r in rows)
    print("-" * 60)
    print(f"{'whole course':<34} {total:6.1f} s   (budget: < 90 s per notebook)")
    return 0 if all(r[1] < 90 and r[2].score == r[2].max_score for r in rows) else 1
