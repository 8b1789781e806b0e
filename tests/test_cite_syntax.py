"""Pandoc's citation grammar read at one position (citekit.cite_syntax): the pure reader the
Markdown extension calls on prose."""

import pytest
from markdown.util import INLINE_PLACEHOLDER

from citekit.cite_syntax import Citation, CiteItem, Malformed, Mode, cite_key, read_at

pytestmark = pytest.mark.unit

N, T, S = Mode.NORMAL, Mode.AUTHOR_IN_TEXT, Mode.SUPPRESS_AUTHOR


@pytest.mark.parametrize("text, expected", [
    ("[@a]", Citation(0, 4, (CiteItem("a", N),))),
    ("[@a, s. 12]", Citation(0, 11, (CiteItem("a", N, "", ", s. 12"),))),
    ("[se @a p. 3]", Citation(0, 12, (CiteItem("a", N, "se", " p. 3"),))),
    ("[-@a; se @b, kap. 2]", Citation(0, 20, (CiteItem("a", S), CiteItem("b", N, "se", ", kap. 2")))),
    ("[se\n@a]", Citation(0, 7, (CiteItem("a", N, "se"),))),
    ("@a fant", Citation(0, 2, (CiteItem("a", T),), textual=True)),
    ("@a [s. 4] fant", Citation(0, 9, (CiteItem("a", T, "", "s. 4"),), textual=True)),
    ("@a [p. 33; @b]", Citation(0, 14, (CiteItem("a", T, "", "p. 33"), CiteItem("b", N)), textual=True)),
    ("@a [@b]", Citation(0, 7, (CiteItem("a", T), CiteItem("b", N)), textual=True)),
    ("-@a sier", Citation(0, 3, (CiteItem("a", S),), textual=True)),
    ("@{weird:key/1} x", Citation(0, 14, (CiteItem("weird:key/1", T),), textual=True)),
    ("@k.e.y. x", Citation(0, 6, (CiteItem("k.e.y", T),), textual=True)),
    ("[@]", Malformed(0, 3, "citation without a key (write [@key])")),
    ("[@@a]", Malformed(0, 5, "citation with a stray '@' before the key")),
    ("[@a; b]", Malformed(0, 7, "citation part 2 'b' has no @key (parts are separated by ';', each needs its @key)")),
    ("[@a](x)", None), ("[@a][x]", None), ("[^1]", None), ("[lenke](x.md)", None),
    ("[kontakt oss @ kontoret]", None), ("[x; @a]", None),
])
def test_read_at_the_start(text, expected):
    assert read_at(text, 0) == expected


@pytest.mark.parametrize("text, position, expected", [
    ("post@imdi.no", 4, None),  # after a word: an e-mail address
    ("a.@k", 2, None),
    ("(@k)", 1, Citation(1, 3, (CiteItem("k", T),), textual=True)),
    ("x-@k", 1, Citation(2, 4, (CiteItem("k", T),), textual=True)),  # the '-' belongs to the word
])
def test_read_at_inside_text(text, position, expected):
    assert read_at(text, position) == expected


def test_a_link_label_is_not_a_locator():
    labels = {"overskrift"}
    reading = read_at("@a [Overskrift]", 0, lambda text: text.casefold() in labels)
    assert reading == Citation(0, 2, (CiteItem("a", T),), textual=True)


def test_placeholders_are_opaque():
    # Python-Markdown's stand-ins for code spans and escapes: never a ']' or a ';'.
    code = INLINE_PLACEHOLDER % 0  # what Python-Markdown leaves for a code span
    text = f"[@a, s. {code} x]"
    assert read_at(text, 0) == Citation(0, len(text), (CiteItem("a", N, "", f", s. {code} x"),))


@pytest.mark.parametrize("text, position, expected", [
    ("@a", 0, (False, "a", 2)), ("-@a", 0, (True, "a", 3)), ("@a:b/c", 0, (False, "a:b/c", 6)),
    ("@a.", 0, (False, "a", 2)), ("@{a b}", 0, None), ("@", 0, None),
    ("--@a", 1, None),  # "--" is a dash, not a '-' that leaves out the author
    ("--@a", 2, (False, "a", 4)),
])
def test_cite_key(text, position, expected):
    assert cite_key(text, position) == expected


def test_a_key_is_read_in_composed_unicode():
    """Probe F-10: the key as the bibliography holds it (composed). A plain key typed with a
    combining mark ends before the mark, as Pandoc's does (a mark is not alphanumeric); a
    braced key is read whole, then composed."""
    for text in ("[@br\u00e5then2020]", "[@{bra\u030athen2020}]", "@{bra\u030athen2020}"):
        assert read_at(text, 0).items[0].key == "br\u00e5then2020"
