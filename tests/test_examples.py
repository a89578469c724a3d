"""Every notebook in ``examples/`` runs from top to bottom, without Sphinx or Jupyter.

The notebooks are MyST Markdown text notebooks, stored without outputs; the docs build
executes them with myst-nb. This test runs the same code headlessly, so a change of the
library that breaks a notebook fails the test suite even where the docs are not built:
the ``{code-cell}`` blocks of each notebook are extracted in order and executed in one
namespace, with matplotlib's non-interactive Agg backend (the notebooks choose none).
Without matplotlib (the wheel test installs only the ``testing`` extra) the notebooks
are skipped, and the checks of their format still run.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("[0-9][0-9]_*.md"))

_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def code_cells(text: str) -> list[str]:
    """The source of each ``{code-cell}`` of a MyST notebook, in order.

    Cell options (``:tags:`` lines, or a ``---`` block of YAML at the top of a cell)
    are dropped; IPython magics are not supported.
    """
    cells = []
    for match in _CELL.finditer(text):
        body = match.group(1)
        lines = body.splitlines()
        if lines and lines[0].strip() == "---":
            end = lines.index("---", 1)
            lines = lines[end + 1 :]
        else:
            while lines and lines[0].startswith(":"):
                lines = lines[1:]
        cells.append("\n".join(lines))
    return cells


def test_the_notebooks_are_found() -> None:
    assert [path.name for path in NOTEBOOKS] == [
        "01_registration_statistics.md",
        "02_results_and_seats.md",
        "03_anomalous_stations.md",
        "04_what_if_seats.md",
    ]


def test_code_cells_are_extracted_in_order() -> None:
    text = (
        "# T\n\n```{code-cell} ipython3\nx = 1\n```\n\ntext\n\n"
        "```{code-cell} ipython3\n:tags: [hide-input]\ny = x + 1\n```\n\n"
        "```python\nnot = a cell\n```\n"
    )
    assert code_cells(text) == ["x = 1", "y = x + 1"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_is_stored_as_a_myst_text_notebook(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    front = _FRONT_MATTER.match(text)
    assert front is not None, "no YAML front matter"
    assert "jupytext:" in front.group(1)
    assert "format_name: myst" in front.group(1)
    assert "name: python3" in front.group(1)
    assert code_cells(text), "no code cell"
    # stored without outputs: a text notebook has nowhere to put them, and no
    # .ipynb copy may sit next to it
    assert not path.with_suffix(".ipynb").exists()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_runs(path: Path) -> None:
    # matplotlib comes with the docs extra; the wheel test installs only "testing"
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    namespace: dict[str, Any] = {"__name__": f"examples.{path.stem}"}
    try:
        for number, source in enumerate(code_cells(path.read_text(encoding="utf-8")), 1):
            code = compile(source, f"{path.name}, cell {number}", "exec")
            exec(code, namespace)
        assert plt.get_fignums(), "the notebook drew no figure"
    finally:
        plt.close("all")
