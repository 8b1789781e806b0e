"""Turn BibTeX field values that use LaTeX ({\\o}, \\&, --, {Braces}) into plain Unicode."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .brackets import balanced

# Values without any of these characters are already plain text; skipping pylatexenc for them
# keeps loading a bibliography of thousands of entries fast.
_LATEX_MARKERS = re.compile(r"[\\{}~$%]|--|``|''")
_WHITESPACE = re.compile(r"\s+")
_GROUPS = re.compile(r"(?=[{}])(?:(?P<open>\{)|(?P<close>\}))")

# The LaTeX that Norwegian bibliographies are made of ({\o}, {\aa}, \'e, \&, --, {Braces}) is
# decoded by the few substitutions below; pylatexenc, which is slow for a bibliography of
# thousands of entries (benchmarks/README.md), is asked only about values holding anything
# else. The fast path gives exactly what pylatexenc gives: tests/test_latex.py compares the
# two on every value of the real and fixture bibliographies and on generated values.
_LETTERS = {"o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ",
            "OE": "Œ", "ss": "ß", "l": "ł", "L": "Ł"}
_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
            "=": "\u0304", ".": "\u0307"}
_SIMPLE_MACRO = re.compile(r"""
      \{\\(?P<letter>aa|AA|ae|AE|oe|OE|ss|o|O|l|L)\}
    | \{\\(?P<accent>['`^"~=.])(?:(?P<char>[A-Za-z])|\{(?P<braced>[A-Za-z])\})\}
    | \\(?P<bare_accent>['`^"~=.])(?:(?P<bare_char>[A-Za-z])|\{(?P<bare_braced>[A-Za-z])\})
    | \\(?P<escaped>[&%$\#_])
""", re.VERBOSE)
# Anything the fast path does not know: other macros, math, comments, line breaks, and the
# ligatures pylatexenc reads (!` ?` ---- ''' ```).
_NOT_SIMPLE = re.compile(r"\\\\|(?<!\\)[$%]|----|'''|```|[!?]`")


def _simple_macro(match: re.Match) -> str:
    if match["letter"]:
        return _LETTERS[match["letter"]]
    if match["escaped"]:
        return match["escaped"]
    accent = match["accent"] or match["bare_accent"]
    char = match["char"] or match["braced"] or match["bare_char"] or match["bare_braced"]
    return unicodedata.normalize("NFC", char + _ACCENTS[accent])


def _fast_latex_to_text(value: str) -> str | None:
    """pylatexenc's reading of `value`, or None when the value is not simple enough."""
    if _NOT_SIMPLE.search(value):
        return None
    text = _SIMPLE_MACRO.sub(_simple_macro, value)
    if "\\" in text or not balanced(text, _GROUPS):
        return None
    text = text.replace("---", "\u2014").replace("--", "\u2013")
    text = text.replace("``", "\u201c").replace("''", "\u201d").replace("~", "\u00a0")
    return text.replace("{", "").replace("}", "")


@lru_cache(maxsize=1)
def _converter():
    # Imported only when a value needs it: pylatexenc's tables take memory.
    from pylatexenc.latex2text import LatexNodes2Text

    # math_mode="verbatim" keeps $...$ as written instead of guessing at a rendering.
    return LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)


def latex_to_text(value: str) -> str:
    fast = _fast_latex_to_text(value)
    return fast if fast is not None else _converter().latex_to_text(value)


_BARE_PERCENT = re.compile(r"(?<!\\)%")


def decode(value: str) -> str:
    """Decode LaTeX markup to Unicode and collapse whitespace (BibTeX wraps long values).

    Two readings differ from LaTeX's on purpose: a bare '%' is a percent sign, not the start
    of a comment that swallows the rest of the value ("50 % av deltakerne"), and '\\@' is an
    at-sign, as it is in the site's Markdown."""
    if _LATEX_MARKERS.search(value):
        value = _BARE_PERCENT.sub(r"\\%", value.replace("\\@", "@"))
        value = latex_to_text(value)
    return _WHITESPACE.sub(" ", value).strip()
