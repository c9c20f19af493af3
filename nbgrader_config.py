"""nbgrader configuration of the course "ML System Design: the gap topics" (course id mlsd-gaps).

The repository root is the course directory: source/ (instructor notebooks), release/ (student versions),
submitted/, autograded/ and feedback/ (per student), and the SQLite gradebook next to this file.
"""

import os

c = get_config()  # noqa: F821  (provided by traitlets when nbgrader loads this file)
HERE = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = "mlsd-gaps"
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(HERE, "gradebook.db")

# Every student notebook starts with the course header (how to work, validate, self-check).
c.IncludeHeaderFooter.header = "source/header.ipynb"

# What a student sees in place of a solution.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Per-cell execution limit while autograding. Reference solutions need < 30 s per cell on a 2-core
# machine; 180 s leaves room for slow laptops yet stops an infinite loop from stalling a whole class.
c.Execute.timeout = 180
c.Execute.interrupt_on_timeout = True
# Keep the kernel's own start-up chatter ("running over TCP without encryption") out of the grading log.
c.Execute.extra_arguments = ["--HistoryManager.hist_file=:memory:", "--IPKernelApp.log_level=ERROR"]

# Feedback shows failure messages but never the hidden tests' source (see course/feedback.py).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    "course.feedback.HideHiddenTests",
]
