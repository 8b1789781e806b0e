"""The research index's names: who published a work (one rule for "Utgiver" and "Etter
utgiver"), the one slug-collision check, and the problems of names that cannot make a page
of their own. Messages are asserted here, where they are made."""

import pytest

from citekit.bibliography import parse_bibliography
from citekit.facets import FACETS, build_groups, groups
from citekit.fields import cited_as, publisher, publisher_name
from citekit.index_pages import COUNT_PLACEHOLDER, fill_counts
from citekit.library import make_library
from citekit.slugs import Collision, collisions, slugify

pytestmark = pytest.mark.unit


def library(bib: str):
    return make_library(parse_bibliography(bib, "references.bib"))


def entry(bib: str):
    return next(iter(parse_bibliography(bib, "references.bib").entries.values()))


@pytest.mark.parametrize("bib, field_value, shown, short", [
    # the report's institution is its publisher; the citations say "Fafo"
    ("@techreport{a, author = {Djuve, A.}, shortauthor = {Fafo}, title = {T}, year = 2017,"
     " institution = {Fafo}}", "Fafo", "Fafo", ""),
    # full name shown, the short name said apart
    ("@techreport{a, author = {{Proba samfunnsanalyse}}, shortauthor = {Proba}, title = {T},"
     " year = 2017, institution = {Proba samfunnsanalyse}}", "Proba samfunnsanalyse",
     "Proba samfunnsanalyse", "Proba"),
    # no publisher named: the organisation that wrote it published it
    ("@online{a, author = {{Integrerings- og mangfoldsdirektoratet}}, shortauthor = {IMDi},"
     " title = {T}, date = {2021}, url = {https://imdi.no}}", "",
     "Integrerings- og mangfoldsdirektoratet", "IMDi"),
    # people and no publisher: nobody to name
    ("@book{a, author = {Navn, A.}, title = {T}, year = 2017}", "", "", ""),
])
def test_one_publisher_rule(bib, field_value, shown, short):
    work = entry(bib)
    assert (publisher(work), publisher_name(work), cited_as(work)) == (field_value, shown, short)


def test_the_publisher_facet_uses_the_shown_name():
    lib = library("@techreport{p, author = {{Proba samfunnsanalyse}}, shortauthor = {Proba},"
                  " title = {T}, year = 2017, institution = {Proba samfunnsanalyse}}")
    facet = groups(lib)["institutt"]
    assert [(g.name, g.path) for g in facet] == [("Proba samfunnsanalyse", "institutt/proba-samfunnsanalyse.md")]
    assert groups(lib) is groups(lib)  # once per library


def test_every_facet_has_its_groups():
    lib = library("@online{a, author = {Navn, A.}, title = {T}, keywords = {NAV, Kommune}}")
    found = build_groups(lib.works.values())
    assert list(found) == [facet.folder for facet in FACETS]
    assert [(g.name, g.slug) for g in found["ar"]] == [("u.å.", "ua")]
    assert [g.name for g in found["tema"]] == ["Kommune", "NAV"]


@pytest.mark.parametrize("names, expected", [
    ([], []),
    (["NAV", "NAV", "Kommune"], []),
    (["NAV", "Nav"], [Collision("nav", "NAV", "Nav")]),
    (["Aktør", "aktor", "AKTØR"], [Collision("aktor", "Aktør", "aktor"), Collision("aktor", "Aktør", "AKTØR")]),
    (["ж", "я"], []),  # no slug at all: the caller says so
])
def test_collisions(names, expected):
    assert collisions(names, slugify, str) == expected


BOOK = "@book{{{key}, author = {{Navn, A.}}, title = {{T}}, year = 2020{extra}}}\n"


@pytest.mark.parametrize("bib, messages", [
    (BOOK.format(key="kilder", extra=""),
     ["references.bib:1: key 'kilder' is a name the research index uses for its own pages "
      "('kilder'): choose another key"]),
    (BOOK.format(key="side-3", extra=""),
     ["references.bib:1: key 'side-3' is a name the research index uses for its own pages "
      "('side-3'): choose another key"]),
    (BOOK.format(key="a2020-b", extra="") + BOOK.format(key="a2020_b", extra=""),
     ["references.bib:2: keys 'a2020-b' and 'a2020_b' would share one page ('a2020-b'): change one of them"]),
    (BOOK.format(key="a2020", extra=", keywords = {NAV}") + BOOK.format(key="b2020", extra=", keywords = {Nav}"),
     ["references.bib:2: keywords 'NAV' (entry 'a2020') and 'Nav' (entry 'b2020') would share the "
      "page 'tema/nav': write them the same way"]),
    (BOOK.format(key="a2020", extra=", keywords = {ж}"),
     ["references.bib:1: entry 'a2020': keyword 'ж' makes no page name"]),
    (BOOK.format(key="a2020", extra=", publisher = {Forlag}") + BOOK.format(key="b2020", extra=", publisher = {FORLAG}"),
     ["references.bib:2: publishers 'Forlag' (entry 'a2020') and 'FORLAG' (entry 'b2020') would share "
      "the page 'institutt/forlag': write them the same way"]),
])
def test_name_problems(bib, messages):
    assert [str(p) for p in library(bib).problems] == messages


@pytest.mark.parametrize("slot", [
    '<span class="kb-count" data-kb-count="a&amp;b"></span>',
    "<span data-kb-count='a&amp;b' class='kb-count'></span>",
    '<span class="kb-count" data-kb-count="a&#38;b">\n</span>',
])
def test_count_slots_are_found_by_their_attribute(slot):
    page = f"<li>{slot} og {COUNT_PLACEHOLDER.format(key='c')}</li>"
    assert fill_counts(page, {"a&b": (3, 2)}) == (
        '<li><span class="kb-count" data-search-exclude>sitert 3 ganger på 2 sider</span> og '
        '<span class="kb-count" data-search-exclude>ikke sitert</span></li>')
