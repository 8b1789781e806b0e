"""Turn BibTeX field values that use LaTeX ({\\o}, \\&, --, {Braces}) into plain Unicode."""

from __future__ import annotations

import re
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text

# Values without any of these characters are already plain text; skipping pylatexenc for them
# keeps loading a bibliography of thousands of entries fast.
_LATEX_MARKERS = re.compile(r"[\\{}~$%]|--|``|''")
_WHITESPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _converter() -> LatexNodes2Text:
    # math_mode="verbatim" keeps $...$ as written instead of guessing at a rendering.
    return LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)


def decode(value: str) -> str:
    """Decode LaTeX markup to Unicode and collapse whitespace (BibTeX wraps long values)."""
    if _LATEX_MARKERS.search(value):
        value = _converter().latex_to_text(value)
    return _WHITESPACE.sub(" ", value).strip()
