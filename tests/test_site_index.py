"""The research index's markers and addresses (citekit.site_index): the marker filled only where
it stands as the index page's own line, and a hand-written page never silently in a work's place."""

import pytest

from citekit.bibliography import parse_bibliography
from citekit.index_pages import INDEX_MARKER
from citekit.library import make_library
from citekit.markdown_ext import PageContext
from citekit.site_index import index_files, page_body, page_place_problems
from conftest import FIXTURES, SITE_EXTENSIONS, convert

pytestmark = pytest.mark.unit
BIB = (FIXTURES / "minimal" / "references.bib").read_text(encoding="utf-8")
LIBRARY = make_library(parse_bibliography(BIB, "references.bib"))


def body(markdown: str) -> str:
    return page_body(LIBRARY, "", markdown, lambda path: path)


def test_the_marker_line_is_filled():
    assert 'class="kb-filter"' in body(f"# Forskning\n\n{INDEX_MARKER}\n")


@pytest.mark.parametrize("markdown", [
    f"# F\n\n```\n{INDEX_MARKER}\n```\n",
    f"# F\n\n~~~~markdown\n{INDEX_MARKER}\n~~~~\n",
    f"# F\n\nSkriv {INDEX_MARKER} på en egen linje.\n",
    f"```bibtex\n@techreport{{x,\n  abstract = {{{INDEX_MARKER}}},\n}}\n```\n",
], ids=["in fenced code", "in a tilde fence", "inside a line of text", "F-30 inside a work's BibTeX"])
def test_the_marker_is_left_alone_where_it_is_not_a_marker_line(markdown):
    """Probe F-30: the marker in a bib field filled the work page's BibTeX block with the index."""
    assert body(markdown) == markdown


def test_a_work_page_shows_a_marker_in_its_bibtex_as_written():
    """Probe F-30, end to end in the core: the work's page, as both adapters fill it."""
    bib = BIB + f"\n@techreport{{mk2020, author = {{{{Org}}}}, title = {{T}}, institution = {{I}}, year = 2020, abstract = {{{INDEX_MARKER}}}}}\n"
    library = make_library(parse_bibliography(bib, "references.bib"))
    page = next(f for f in index_files(library) if f.path == "mk2020.md")
    filled = page_body(library, "", page.markdown, lambda path: path)
    assert 'class="kb-filter"' not in filled and INDEX_MARKER in filled


def test_the_marker_on_an_ordinary_page_is_a_located_problem():
    """Probe F-8 (b): it crashed the build as 'a bug in the hooks'."""
    _, record = convert(f"# P\n\nTekst.\n\n{INDEX_MARKER}\n\n```\n{INDEX_MARKER}\n```\n", LIBRARY,
                        SITE_EXTENSIONS, PageContext("hva-er-nytt.md", "docs/hva-er-nytt.md", 4))
    assert [str(p) for p in record.problems] == [
        f"docs/hva-er-nytt.md:9: the research index's marker {INDEX_MARKER} belongs only in "
        "forskning/index.md, which it fills with the list of works: remove it here"]


def test_a_hand_written_page_at_a_works_address_is_a_problem():
    """Probe F-23: docs/forskning/<key>.md silently took the place of the work's page."""
    _, record = convert("# Mine notater\n\nTekst.\n", LIBRARY, SITE_EXTENSIONS,
                        PageContext("forskning/djuve2017.md", "docs/forskning/djuve2017.md", 4))
    line = LIBRARY.works["djuve2017"].entry.line
    assert [str(p) for p in record.problems] == [
        "docs/forskning/djuve2017.md: this page is at the address of the research index's page for "
        f"the work 'djuve2017' (references.bib:{line}), which it would hide: move or rename the "
        "page, or change the key"]


def test_the_research_index_and_its_generated_pages_are_in_their_place():
    assert page_place_problems(LIBRARY, "forskning/index.md", ["# F", INDEX_MARKER]) == []
    _, record = convert(f"# F\n\n{INDEX_MARKER}\n", LIBRARY, SITE_EXTENSIONS,
                        PageContext("forskning/side-2.md", "forskning/side-2.md (generated)"))
    assert record is None or record.problems == []
