"""Resolving citations: what a key links to and shows on a page, the work read for it, and
the works a page's "Kilder" lists."""

import pytest

from citekit.bibliography import parse_bibliography
from citekit.library import make_library
from citekit.resolve import Cited, listed_works, read_through, target, unknown_key_message
from conftest import FIXTURES

pytestmark = pytest.mark.unit

BIB = (FIXTURES / "minimal" / "references.bib").read_text(encoding="utf-8").replace(
    "  year        = {2018},", "  year        = {2018},\n  citedin     = {tronstad2015},")
LIBRARY = make_library(parse_bibliography(BIB, "references.bib"))


@pytest.mark.parametrize("key, page, expected", [
    ("djuve2017", "index.md", ("Fafo", "2017", "forskning/djuve2017.md", None)),
    ("djuve2017", "nav/tiltak.md", ("Fafo", "2017", "../forskning/djuve2017.md", None)),
    ("rohnebaek2018", "nav/tiltak.md", ("Røhnebæk & Eide", "2018", "../forskning/rohnebaek2018.md",
                                        "../forskning/tronstad2015.md")),
])
def test_target(key, page, expected):
    found = target(LIBRARY, key, page)
    assert (found.names, found.year, found.href, found.via.href if found.via else None) == expected


def test_unknown_key():
    assert target(LIBRARY, "djuve2071", "index.md") is None
    assert unknown_key_message(LIBRARY, "djuve2071") == "unknown citation key 'djuve2071' (did you mean 'djuve2017'?)"


def test_read_through():
    assert (read_through(LIBRARY, "rohnebaek2018"), read_through(LIBRARY, "djuve2017")) == ("tronstad2015", "")


def test_kilder_lists_each_work_read_once_in_apa_order():
    cited = [Cited(1, "tronstad2015"), Cited(2, "rohnebaek2018", "tronstad2015"), Cited(3, "djuve2017")]
    listed = listed_works(cited, LIBRARY, "nav/tiltak.md")
    assert [(w.key, list(w.cite_numbers)) for w in listed] == [("djuve2017", [3]), ("tronstad2015", [1, 2])]
    assert 'href="../forskning/djuve2017.md"' in listed[0].reference_html
    assert listed[0].coins.startswith("ctx_ver=Z39.88-2004")


@pytest.mark.parametrize("links", [{"djuve2017": "djuve2017"},
                                   {"djuve2017": "tronstad2015", "tronstad2015": "djuve2017"}],
                         ids=["itself", "a cycle"])
def test_a_citedin_that_names_itself_or_loops_is_reported_not_followed_forever(links):
    """Probe F-1: a RecursionError once; now the located problem, and a one-step reading."""
    bib = (FIXTURES / "minimal" / "references.bib").read_text(encoding="utf-8")
    for key, via in links.items():
        bib = bib.replace(f"{{{key},", f"{{{key},\n  citedin = {{{via}}},", 1)
    library = make_library(parse_bibliography(bib, "references.bib"))
    assert any("citedin" in problem.message for problem in library.problems)
    found = target(library, "djuve2017", "index.md")
    assert found is not None and (found.via is None or found.via.via is None)
