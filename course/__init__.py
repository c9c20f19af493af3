"""Helpers for the course "ML System Design: the gap topics".

Importable by notebooks (synthetic data in `course.data`) and by instructors (CLI in `course.cli`).
It holds no solutions: those live only in `source/`.
"""

__version__ = "0.1.0"
