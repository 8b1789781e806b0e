"""Finding Pandoc-style citations in Markdown, and leaving everything else alone."""

import pytest

from citekit.model import CiteItem
from citekit.syntax import find_citations, normalise_locator, replace_citations, unescape_at


def found(text):
    return [(text[c.start:c.end], c.narrative, c.items) for c in find_citations(text)]


@pytest.mark.parametrize("text, source, narrative, items", [
    ("Se [@tronstad2015].", "[@tronstad2015]", False, (CiteItem("tronstad2015"),)),
    ("[@proba2017, s. 12]", "[@proba2017, s. 12]", False, (CiteItem("proba2017", locator="s. 12"),)),
    ("[@proba2017, 12-14]", "[@proba2017, 12-14]", False, (CiteItem("proba2017", locator="s. 12–14"),)),
    ("[@proba2017, p. 3]", "[@proba2017, p. 3]", False, (CiteItem("proba2017", locator="s. 3"),)),
    ("[@proba2017, kap. 3]", "[@proba2017, kap. 3]", False, (CiteItem("proba2017", locator="kap. 3"),)),
    ("[se @djuve2017]", "[se @djuve2017]", False, (CiteItem("djuve2017", prefix="se"),)),
    ("[@djuve2017; @tronstad2015]", "[@djuve2017; @tronstad2015]", False,
     (CiteItem("djuve2017"), CiteItem("tronstad2015"))),
    ("[se @djuve2017, s. 4; også @tronstad2015]", "[se @djuve2017, s. 4; også @tronstad2015]", False,
     (CiteItem("djuve2017", prefix="se", locator="s. 4"), CiteItem("tronstad2015", prefix="også"))),
    ("[-@tronstad2015]", "[-@tronstad2015]", False, (CiteItem("tronstad2015", suppress_author=True),)),
    ("@tronstad2015 fant", "@tronstad2015", True, (CiteItem("tronstad2015"),)),
    ("@tronstad2015 [s. 5] fant", "@tronstad2015 [s. 5]", True, (CiteItem("tronstad2015", locator="s. 5"),)),
    ("slutt: @espegren2019.", "@espegren2019", True, (CiteItem("espegren2019"),)),
    ("(@espegren2019)", "@espegren2019", True, (CiteItem("espegren2019"),)),
    ("@{weird:key/1} og", "@{weird:key/1}", True, (CiteItem("weird:key/1"),)),
    ("[@imdi2021-veileder]", "[@imdi2021-veileder]", False, (CiteItem("imdi2021-veileder"),)),
    ("[[@nested]]", "[@nested]", False, (CiteItem("nested"),)),
    ("[se [vedlegg] @key]", "[se [vedlegg] @key]", False, (CiteItem("key", prefix="se [vedlegg]"),)),
    ("- punkt [@key]\n", "[@key]", False, (CiteItem("key"),)),
    ("| celle [@key] |", "[@key]", False, (CiteItem("key"),)),
    ("**[@key]**", "[@key]", False, (CiteItem("key"),)),
    ("Tre ting [@key]:", "[@key]", False, (CiteItem("key"),)),
    # As in Pandoc: escaped brackets are text, the key inside is a narrative citation.
    (r"\[@key\]", "@key", True, (CiteItem("key"),)),
])
def test_finds_citation(text, source, narrative, items):
    assert found(text) == [(source, narrative, items)]


@pytest.mark.parametrize("text", [
    "```\n[@fenced] @fenced\n```\n",
    "~~~~ bibtex\n@techreport{x,\n~~~~\n",
    "- liste\n\n    ```\n    [@indented_fence]\n    ```\n",
    "Kode: `[@inline]` og ``@dobbel ` kode``.",
    "<!-- [@comment]\n@comment -->",
    "Skriv til post@imdi.no eller fornavn.etternavn@nav.no.",
    "<post@imdi.no> og <https://example.org/@key>",
    "Se https://example.org/@key og www.example.org/@key.",
    "[@link](https://example.org) og [tekst @key](side.md)",
    "![bilde @key](bilde.png)",
    "[@ref][1] og\n\n[1]: https://example.org/@key",
    r"Et escaped \@key og \@{key}",
    '<a href="mailto:x@y.no" data-x="@key">lenke</a>',
    "[kontakt oss @ kontoret]",
    "e-post: ola@example",
])
def test_leaves_non_citations_alone(text):
    assert found(text) == []


def test_reports_line_numbers():
    text = "Linje 1\n\nLinje 3 [@a] og\n@b på linje 4\n"
    assert [c.line for c in find_citations(text)] == [3, 4]


def test_replace_changes_only_the_citations():
    text = "A [@a] b @b c `[@code]`"
    out = replace_citations(text, find_citations(text), lambda c: "<X>")
    assert out == "A <X> b <X> c `[@code]`"


@pytest.mark.parametrize("text, expected", [
    (r"a \@b", "a @b"),
    (r"`\@kode`", r"`\@kode`"),
    ("```\n\\@fenced\n```", "```\n\\@fenced\n```"),
])
def test_unescape_at(text, expected):
    assert unescape_at(text) == expected


@pytest.mark.parametrize("raw, expected", [
    ("12", "s. 12"), ("s. 12", "s. 12"), ("side 12", "s. 12"), ("pp. 12--14", "s. 12–14"),
    ("kap. 3", "kap. 3"), ("", ""), ("  s.   7 ", "s. 7"),
])
def test_normalise_locator(raw, expected):
    assert normalise_locator(raw) == expected
