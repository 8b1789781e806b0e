"""kb_zensical.errors: Zensical's RuntimeError around our extension's exception, printed as
located lines (before: Zensical's traceback around the extension's traceback)."""

from __future__ import annotations

import pytest

from kb_zensical.errors import zensical_failure

pytestmark = pytest.mark.unit
TRACE = "\nTraceback (most recent call last):\n  File \"x.py\", line 1, in run\n    raise\n"
CASES = [
    ("Python error: CitationError: 1 citation problem:\ndocs/b.md:3: unknown citation key 'x'" + TRACE,
     ["docs/b.md:3: unknown citation key 'x'", "build stopped: 1 citation problem (listed above)"]),
    ("Python error: kb_zensical.markdown_ext.PageError: 2 problems:\ndocs/a.md: one\ndocs/a.md: two" + TRACE,
     ["docs/a.md: one", "docs/a.md: two", "build stopped: 2 problems (listed above)"]),
    ("Python error: KeyError: 'forskning/x.md'" + TRACE,
     ["zensical stopped in the kunnskapsbase extension: KeyError: 'forskning/x.md' (a bug in "
      "kb_zensical: please report it)"]),
    ("Config file 'build/zensical.yml' does not exist", None),
]


@pytest.mark.parametrize("text, lines", CASES)
def test_zensical_failure(text, lines):
    assert zensical_failure(text) == lines
