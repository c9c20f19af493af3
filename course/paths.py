"""Where the course directory is: the repository root that holds `nbgrader_config.py` and `source/`."""

from __future__ import annotations

import os
from pathlib import Path


def course_root() -> Path:
    """The course directory: `$MLSD_COURSE_ROOT` if set, else the checkout this package lives in."""
    root = Path(os.environ.get("MLSD_COURSE_ROOT") or Path(__file__).resolve().parent.parent)
    if not (root / "nbgrader_config.py").is_file() or not (root / "source").is_dir():
        raise FileNotFoundError(
            f"{root} is not the course directory (no nbgrader_config.py and source/); "
            "run from a checkout of the course or set MLSD_COURSE_ROOT"
        )
    return root
