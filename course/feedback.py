"""Feedback that teaches without giving the hidden tests away (nbgrader issue #917).

As shipped, `nbgrader generate_feedback` renders the autograded notebook, and that notebook holds the
hidden tests restored from the gradebook, plus tracebacks that quote their source lines. `HideHiddenTests`
runs inside generate_feedback (see nbgrader_config.py): in every autograded test cell it removes the
hidden-test region and reduces each error to its one-line message ("AssertionError: <what failed>").
"""

from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.preprocessors.clearhiddentests import ClearHiddenTests

PLACEHOLDER = "# (hidden tests run here; their messages appear below when they fail)"


class HideHiddenTests(NbGraderPreprocessor):
    """Strip hidden-test source and tracebacks from test cells; keep the failure messages."""

    def preprocess_cell(self, cell, resources, index):
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            return cell, resources
        clearer = ClearHiddenTests(enforce_metadata=False)
        if clearer._remove_hidden_test_region(cell):
            cell.source = cell.source.rstrip("\n") + "\n" + PLACEHOLDER
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                output.traceback = [f"{output.ename}: {output.evalue}"]
        return cell, resources
