"""`python -m course` / `mlsd`: list, release, check, demo, bench, and the notebook text tools."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import nbformat

from course import catalogue
from course.grading import Course, GradingError
from course.paths import course_root


class UsageError(Exception):
    """Bad input from the user: printed as one clear line, exit code 2."""


def cmd_list(args) -> int:
    rows = [("id", "title", "exercises", "autograded", "manual")]
    for a in catalogue.assignments():
        rows.append((a.id, a.title, str(len(a.cells("solution"))), f"{a.autograded_points:g}", f"{a.manual_points:g}"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip())
    return 0


def cmd_release(args) -> int:
    course = Course(course_root())
    for a in catalogue.select(args.ids):
        print(f"generate_assignment {a.id} -> {course.release(a.id).relative_to(course.root)}/")
    return 0


def identify(path: Path) -> tuple[catalogue.Assignment, nbformat.NotebookNode]:
    """The assignment a student's notebook belongs to, by its graded cells; UsageError when it is no course notebook."""
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    if path.suffix != ".ipynb":
        raise UsageError(f"{path}: not a Jupyter notebook (expected a .ipynb file)")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: not valid JSON ({exc}); is the file damaged? Re-download it or restore a checkpoint") from None
    try:
        nb = nbformat.from_dict(raw)
        nbformat.validate(nb)
    except Exception as exc:  # nbformat raises several types for malformed notebooks
        raise UsageError(f"{path}: valid JSON but not a valid notebook ({str(exc).splitlines()[0]})") from None
    ids = {c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in nb.cells} - {None}
    best, overlap = None, 0
    for a in catalogue.assignments():
        common = len(ids & {c.metadata.nbgrader.grade_id for c in a.cells("tests")})
        if common > overlap:
            best, overlap = a, common
    if best is None:
        raise UsageError(f"{path}: belongs to no assignment of this course (none of its graded cells is known)")
    return best, nb


def cmd_check(args) -> int:
    path = Path(args.notebook).resolve()
    assignment, _ = identify(path)
    print(f"{path.name}: assignment {assignment.id} ({assignment.title}); grading against the hidden tests ...",
          flush=True)
    with Course.throwaway([assignment], course_root()) as course:
        course.release(assignment.id)
        course.submit(assignment.id, "self", assignment.notebook_name, path)
        report = course.autograde(assignment, "self")
        html = course.feedback(assignment, "self")
        target = path.with_name(f"{path.stem}_feedback.html")
        shutil.copy(html, target)
    print(report.table())
    print(f"\nFeedback: {target}")
    print(f"Reference solution: {assignment.notebook_path}")
    return 0


def cmd_pack(args) -> int:
    from course.authoring import pack

    nb = pack(Path(args.text).read_text(encoding="utf-8"))
    nbformat.write(nb, args.notebook)
    print(f"wrote {args.notebook} ({len(nb.cells)} cells)")
    return 0


def cmd_unpack(args) -> int:
    from course.authoring import unpack

    sys.stdout.write(unpack(nbformat.read(args.notebook, as_version=4)))
    return 0


def cmd_demo(args) -> int:
    from course.demo import run_demo

    return run_demo(args.assignments)


def cmd_bench(args) -> int:
    from course.demo import run_bench

    return run_bench(args.ids)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mlsd", description="ML System Design: the gap topics — course tools")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="assignments with title, exercises and points").set_defaults(func=cmd_list)
    p = sub.add_parser("release", help="generate the student versions (release/) of the given or all assignments")
    p.add_argument("ids", nargs="*", help="assignment ids (default: all)")
    p.set_defaults(func=cmd_release)
    p = sub.add_parser("check", help="self-grade one completed notebook against the hidden tests")
    p.add_argument("notebook")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("demo", help="release, grade a sample class, feedback, grades.csv, score table")
    p.add_argument("assignments", nargs="*", help="assignment ids or 'all' (default: mlsd_013_bandits)")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("bench", help="autograde each reference notebook and print wall times")
    p.add_argument("ids", nargs="*", help="assignment ids (default: all)")
    p.set_defaults(func=cmd_bench)
    p = sub.add_parser("pack", help="notebook text (see course/authoring.py) -> .ipynb")
    p.add_argument("text")
    p.add_argument("notebook")
    p.set_defaults(func=cmd_pack)
    p = sub.add_parser("unpack", help=".ipynb -> notebook text on stdout")
    p.add_argument("notebook")
    p.set_defaults(func=cmd_unpack)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (UsageError, KeyError, FileNotFoundError) as exc:
        print(f"mlsd {args.command}: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 2
    except GradingError as exc:
        print(f"mlsd {args.command}: {exc}", file=sys.stderr)
        return 1
