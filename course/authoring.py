"""Edit nbgrader notebooks as plain text, losslessly.

`source/<assignment>/<topic>.ipynb` stays the single truth. To edit one comfortably, unpack it to text,
edit, and pack it back (``python -m course unpack NB > nb.txt`` / ``python -m course pack nb.txt NB``).
``pack(unpack(nb)) == nb`` for every course notebook (the grader test-suite checks it).

The text is a sequence of cells, each introduced by a header line::

    #%% md                              markdown, no nbgrader role
    #%% code                            ordinary code cell (experiments, plots); students may edit it
    #%% setup id=setup                  read-only code cell (locked)
    #%% solution id=ucb1                autograded answer: code between ### BEGIN/END SOLUTION
    #%% tests id=ucb1_exact points=2    autograded test cell (locked); may hold ### BEGIN/END HIDDEN TESTS
    #%% answer id=q1_ab points=3        manually graded markdown answer (model answer in BEGIN/END SOLUTION)

Everything up to the next header line is the cell's source; blank lines at both ends are dropped.
"""

from __future__ import annotations

import re

import nbformat

HEADER = re.compile(r"^#%% (?P<kind>md|code|setup|solution|tests|answer)(?P<attrs>(?: \w+=\S+)*)\s*$")

# kind -> (cell_type, nbgrader flags); None means "no nbgrader metadata"
KINDS: dict[str, tuple[str, dict | None]] = {
    "md": ("markdown", None),
    "code": ("code", None),
    "setup": ("code", {"grade": False, "solution": False, "locked": True}),
    "solution": ("code", {"grade": False, "solution": True, "locked": False}),
    "tests": ("code", {"grade": True, "solution": False, "locked": True}),
    "answer": ("markdown", {"grade": True, "solution": True, "locked": False}),
}

NOTEBOOK_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python", "pygments_lexer": "ipython3"},
}


class AuthoringError(ValueError):
    """The notebook text (or notebook) does not follow the course's authoring format."""


def _kind_of(cell) -> str:
    meta = cell.get("metadata", {}).get("nbgrader")
    if meta is None:
        return "md" if cell.cell_type == "markdown" else "code"
    flags = {k: bool(meta.get(k, False)) for k in ("grade", "solution", "locked")}
    for kind, (cell_type, kind_flags) in KINDS.items():
        if kind_flags == flags and cell_type == cell.cell_type:
            return kind
    raise AuthoringError(f"cell {meta.get('grade_id')!r}: unsupported nbgrader flags {flags} on a {cell.cell_type} cell")


def pack(text: str) -> nbformat.NotebookNode:
    """Build a notebook (nbformat 4.5, outputs empty) from the authoring text."""
    cells: list[nbformat.NotebookNode] = []
    current: tuple[str, dict] | None = None
    body: list[str] = []
    seen_ids: set[str] = set()

    def flush():
        if current is None:
            if "".join(body).strip():
                raise AuthoringError("text before the first '#%% <kind>' header")
            return
        kind, attrs = current
        cells.append(_make_cell(kind, attrs, "\n".join(body).strip("\n"), len(cells), seen_ids))

    for lineno, line in enumerate(text.splitlines(), 1):
        if line.startswith("#%%"):
            match = HEADER.match(line)
            if not match:
                raise AuthoringError(f"line {lineno}: bad cell header {line!r} (see course/authoring.py)")
            flush()
            attrs = dict(a.split("=", 1) for a in match["attrs"].split())
            current, body = (match["kind"], attrs), []
        else:
            body.append(line)
    flush()
    nb = nbformat.v4.new_notebook(cells=cells, metadata=NOTEBOOK_METADATA)
    nb.nbformat_minor = 5
    return nb


def _make_cell(kind: str, attrs: dict, source: str, index: int, seen_ids: set[str]):
    cell_type, flags = KINDS[kind]
    unknown = set(attrs) - {"id", "points"}
    if unknown:
        raise AuthoringError(f"cell {index}: unknown attribute(s) {sorted(unknown)}")
    make = nbformat.v4.new_markdown_cell if cell_type == "markdown" else nbformat.v4.new_code_cell
    cell = make(source=source)
    if flags is None:
        if attrs:
            raise AuthoringError(f"cell {index}: '{kind}' cells take no attributes")
        cell.id = f"{kind}-{index:03d}"
        return cell
    grade_id = attrs.get("id")
    if not grade_id or not re.fullmatch(r"[a-zA-Z0-9_-]+", grade_id):
        raise AuthoringError(f"cell {index}: '{kind}' needs id=<letters, digits, _ or ->")
    if grade_id in seen_ids:
        raise AuthoringError(f"cell {index}: duplicate id {grade_id!r}")
    seen_ids.add(grade_id)
    meta = dict(flags, grade_id=grade_id, schema_version=3)
    if flags["grade"]:
        if "points" not in attrs:
            raise AuthoringError(f"cell {grade_id!r}: graded cells need points=<number>")
        points = float(attrs["points"])
        meta["points"] = int(points) if points.is_integer() else points
    elif "points" in attrs:
        raise AuthoringError(f"cell {grade_id!r}: only tests and answer cells carry points")
    cell.id = grade_id
    cell.metadata["nbgrader"] = meta
    return cell


def unpack(nb: nbformat.NotebookNode) -> str:
    """The authoring text of a notebook; inverse of `pack` for course notebooks."""
    chunks = []
    for cell in nb.cells:
        kind = _kind_of(cell)
        header = f"#%% {kind}"
        meta = cell.get("metadata", {}).get("nbgrader")
        if meta is not None:
            header += f" id={meta['grade_id']}"
            if meta.get("grade"):
                header += f" points={meta['points']}"
        chunks.append(f"{header}\n{cell.source}\n")
    return "\n".join(chunks)
