"""The one way delimiters are counted (citekit.brackets), with the token patterns its callers
use: BibTeX braces (escaped ones not counted), Pandoc's brackets (placeholders opaque) and
braced keys (no space inside)."""

import pytest

from citekit.bibliography import _BRACES, _BRACES_AND_QUOTES
from citekit.brackets import balanced, closing, walk
from citekit.cite_syntax import _BRACKETS, _KEY_BRACES
from citekit.latex import _GROUPS

pytestmark = pytest.mark.unit

CODE = "\x02klzzwxh:0\x03"  # a code span, as Python-Markdown leaves it in text


@pytest.mark.parametrize("text, pos, tokens, expected", [
    ("{a {b} c} d", 0, _BRACES, 8),
    ("{a \\} b}", 0, _BRACES, 7),  # an escaped brace is text
    ("{a {b}", 0, _BRACES, None),
    ("x [a [b] c] d", 2, _BRACKETS, 10),
    (f"[a {CODE}] b]", 0, _BRACKETS, len(CODE) + 3),
    ("[a \x02 b]", 0, _BRACKETS, 6),  # an unclosed placeholder is a character
    ("{k:x}", 0, _KEY_BRACES, 4),
    ("{k x}", 0, _KEY_BRACES, None),  # a space stops a braced key
])
def test_closing(text, pos, tokens, expected):
    assert closing(text, pos, tokens) == expected


def test_the_quote_that_ends_a_value_is_outside_braces():
    quotes = [position for kind, position, depth in walk('"a {"} b" c', 1, _BRACES_AND_QUOTES)
              if kind == "quote" and depth == 0]
    assert quotes == [8]


@pytest.mark.parametrize("text, expected", [
    ("", True), ("{a}{b}", True), ("{{a}}", True), ("{a", False), ("a}", False), ("}{", False),
])
def test_balanced(text, expected):
    assert balanced(text, _GROUPS) == expected
