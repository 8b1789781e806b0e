"""The research index of a fixture site, built with MkDocs and with Zensical: a page per work, where it is cited, metadata,
downloads, browsing by year/type/publisher/topic, search, and pagination at scale."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from markdown import Markdown

from citekit.bibliography import parse_bibliography
from citekit.front_matter import split_front_matter
from citekit.index_pages import INDEX_MARKER
from citekit.library import make_library
from citekit.site_index import index_files, page_body
from conftest import FIXTURES, SITE_EXTENSIONS, build_site, build_site_with, page

FIXTURE_BIB = (FIXTURES / "minimal" / "references.bib").read_text(encoding="utf-8")

PAGES = {
    "docs/index.md": page("# Forside\n\nPolitisk forankring gir bredere samarbeid [@djuve2017].\n"),
    "docs/nav.md": page("""# Samarbeid med NAV

## Hvem har ansvaret?

Ingen sammenheng er påvist [@djuve2017; @tronstad2015].

## Hva sier forskningen?

@djuve2017 peker på forankring. Se også [@djuve2017, s. 3].
"""),
}


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def site(request, tmp_path_factory):
    build = build_site_with(request.param, tmp_path_factory.mktemp("index"), files=PAGES)
    assert build.returncode == 0, build.output
    return build


@pytest.mark.build
def test_every_entry_has_a_page(site):
    for key in ["djuve2017", "tronstad2015", "rohnebaek2018"]:
        assert (site.site / f"forskning/{key}/index.html").exists()


@pytest.mark.build
def test_entry_page_content(site):
    soup = site.html("forskning/djuve2017/index.html")
    article = soup.select_one("article")
    assert article.h1.get_text(strip=True).rstrip("¶") == "Introduksjonsprogram og norskopplæring. Hva virker – for hvem?"
    assert article.select_one(".kb-entry-reference").get_text(" ", strip=True).startswith(
        "Djuve, A. B., Kavli, H. C., Braanen Sterri, E. & Bråthen, B. (2017).")
    facts = {dt.get_text(strip=True): dd.get_text(" ", strip=True)
             for dt, dd in zip(article.select(".kb-entry-facts dt"), article.select(".kb-entry-facts dd"),
                                strict=True)}
    assert facts == {"Type": "rapport", "Forfattere": "Djuve, A. B., Kavli, H. C., Braanen Sterri, E. og Bråthen, B.",
                     "Utgiver": "Fafo", "Serie og nummer": "Fafo-rapport 2017:31", "År": "2017",
                     "Emner": "organisering , politisk forankring"}
    topics = [a["href"] for a in article.select(".kb-entry-facts dd a")]
    assert topics == ["../institutt/fafo/", "../ar/2017/", "../tema/organisering/", "../tema/politisk-forankring/"]
    assert "Et kort sammendrag." in article.get_text()
    assert article.select_one("a.kb-back")["href"] == "../"


@pytest.mark.build
def test_cited_by_links_to_each_exact_citation(site):
    article = site.html("forskning/djuve2017/index.html").select_one("article")
    assert article.select_one(".kb-cited-by-count").get_text() == "Sitert 4 ganger på 2 sider."
    pages = article.select("ul.kb-cited-by > li")
    assert [li.a.get_text() for li in pages] == ["Forside", "Samarbeid med NAV"]
    nav_sections = pages[1].select("ul > li")
    assert [li.a.get_text() for li in nav_sections] == ["Hvem har ansvaret?", "Hva sier forskningen?"]
    exact = [a["href"] for a in nav_sections[1].select(".kb-cited-by-links a")]
    assert exact == ["../../nav/#sitering-3", "../../nav/#sitering-4"]
    # and those ids are the citations of that work on that page
    nav = site.html("nav/index.html")
    for href in exact:
        anchor = nav.find(id=href.split("#")[1])
        assert anchor["href"] == "../forskning/djuve2017/"


@pytest.mark.build
def test_uncited_entry_says_so(site):
    article = site.html("forskning/rohnebaek2018/index.html").select_one("article")
    assert "Verket er ikke sitert i kunnskapsbasen ennå." in article.get_text()


@pytest.mark.build
def test_highwire_meta_tags_and_json_ld(site):
    soup = site.html("forskning/djuve2017/index.html")
    meta = [(m["name"], m["content"]) for m in soup.select('head meta[name^="citation_"]')]
    assert ("citation_title", "Introduksjonsprogram og norskopplæring. Hva virker – for hvem?") in meta
    assert [c for n, c in meta if n == "citation_author"] == [
        "Djuve, A. B.", "Kavli, H. C.", "Braanen Sterri, E.", "Bråthen, B."]
    for pair in [("citation_publication_date", "2017"), ("citation_technical_report_institution", "Fafo"),
                 ("citation_technical_report_number", "Fafo-rapport 2017:31"), ("citation_publisher", "Fafo"),
                 ("citation_language", "nb")]:
        assert pair in meta
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Report" and data["name"].startswith("Introduksjonsprogram")
    assert [a["familyName"] for a in data["author"]] == ["Djuve", "Kavli", "Braanen Sterri", "Bråthen"]


@pytest.mark.build
def test_downloads_parse_back(site):
    entry_page = site.html("forskning/djuve2017/index.html")
    links = {a.get_text(): a["href"] for a in entry_page.select("a[download]")}
    assert links == {"Last ned BibTeX (.bib)": "../djuve2017.bib", "Last ned RIS (.ris)": "../djuve2017.ris"}
    one = parse_bibliography(site.text("forskning/djuve2017.bib"), "x.bib")
    assert list(one.entries) == ["djuve2017"] and one.problems == ()
    assert "TY  - RPRT" in site.text("forskning/djuve2017.ris")
    everything = parse_bibliography(site.text("forskning/kilder.bib"), "x.bib")
    assert set(everything.entries) == {"djuve2017", "tronstad2015", "rohnebaek2018"}
    assert site.text("forskning/kilder.ris").count("ER  - ") == 3
    assert {i["id"] for i in json.loads(site.text("forskning/kilder.json"))} == set(everything.entries)
    index_links = [a["href"] for a in site.html("forskning/index.html").select(".kb-downloads a")]
    assert index_links == ["kilder.bib", "kilder.ris", "kilder.json"]


@pytest.mark.build
def test_index_lists_every_work_with_counts(site):
    soup = site.html("forskning/index.html")
    items = soup.select("ol.kb-works > li")
    assert [li["data-kb-key"] for li in items] == ["djuve2017", "rohnebaek2018", "tronstad2015"]
    assert items[0].select_one(".kb-work-label").get_text() == "Fafo (2017)"
    assert items[0].select_one("a")["href"] == "djuve2017/"
    assert items[0].select_one(".kb-count").get_text() == "sitert 4 ganger på 2 sider"
    assert items[1].select_one(".kb-count").get_text() == "ikke sitert"
    # without JavaScript the page keeps Material's no-js class, and the form is not shown
    assert "no-js" in soup.html["class"]
    assert ".no-js .md-typeset .kb-filter { display: none; }" in site.text("assets/kunnskapsbase/research-index.css")
    assert soup.select_one("label[for=kb-filter-input]") and soup.select_one("#kb-filter-status[aria-live=polite]")


@pytest.mark.build
@pytest.mark.parametrize("path, keys", [
    ("forskning/ar/2017/index.html", ["djuve2017"]),
    ("forskning/type/rapport/index.html", ["djuve2017", "rohnebaek2018", "tronstad2015"]),
    ("forskning/institutt/nibr/index.html", ["tronstad2015"]),
    ("forskning/institutt/ostlandsforskning/index.html", ["rohnebaek2018"]),
    ("forskning/tema/organisering/index.html", ["djuve2017", "tronstad2015"]),
])
def test_browse_pages(site, path, keys):
    assert [li["data-kb-key"] for li in site.html(path).select("ol.kb-works > li")] == keys


@pytest.mark.build
def test_year_facet_lists_newest_first(site):
    years = [a.get_text() for a in site.html("forskning/ar/index.html").select("ul.kb-groups a")]
    assert years == ["2018", "2017", "2015"]


@pytest.mark.build
def test_search_index_holds_every_entry(site):
    # Material's search index, or Zensical's (its own search: search.json, "items")
    if (site.site / "search" / "search_index.json").exists():
        docs = json.loads(site.text("search/search_index.json"))["docs"]
    else:
        docs = json.loads(site.text("search.json"))["items"]
    by_location = {}
    for doc in docs:
        by_location.setdefault(doc["location"].split("#")[0], []).append(doc["title"] + " " + doc["text"])
    for key, needles in [("djuve2017", ["Djuve", "Fafo", "2017:31", "organisering"]),
                         ("tronstad2015", ["Tronstad", "NIBR", "2015:2"]),
                         ("rohnebaek2018", ["Røhnebæk", "Østlandsforskning", "04/2018"])]:
        text = " ".join(by_location[f"forskning/{key}/"])
        for needle in needles:
            assert needle in text, (key, needle)
    assert "forskning/" in by_location


@pytest.mark.build
def test_entry_pages_are_not_in_the_navigation(site):
    nav = site.html("index.html").select_one("nav.md-nav--primary")
    assert "djuve2017" not in str(nav)


@pytest.mark.build
def test_large_library_is_paginated_and_the_catalogue_complete(tmp_path):
    entries = "\n".join(
        f"@techreport{{forfatter{i:04d}, author = {{Forfatter{i:04d}, A.}}, title = {{Rapport nummer {i}}},"
        f" institution = {{Institutt {i % 7}}}, year = {1990 + i % 30}, keywords = {{tema{i % 5}}}}}"
        for i in range(450))
    build = build_site(tmp_path, files={"references.bib": entries,
                                        "docs/index.md": page("# F\n\n[@forfatter0001]\n")})
    assert build.returncode == 0, build.output
    first = build.html("forskning/index.html")
    assert len(first.select("ol.kb-works > li")) == 200
    assert [a.get_text() for a in first.select(".kb-pagination a")] == ["2", "3"]
    assert len(build.html("forskning/side-3/index.html").select("ol.kb-works > li")) == 50
    size = (build.site / "forskning/index.html").stat().st_size
    assert size < 250_000, size
    catalogue = build.text("forskning/katalog.js")
    records = json.loads(re.match(r"window\.kbCatalogue=(.*);\n$", catalogue, re.S).group(1))
    assert len(records) == 450 and records[0]["href"] == "forfatter0000/"


# --- an entry page's Markdown and the index's list, rendered in process --------------------------

def library_with(bib: str):
    library = make_library(parse_bibliography(FIXTURE_BIB + bib, "references.bib"))
    assert library.problems == ()
    return library


def rendered(markdown: str) -> BeautifulSoup:
    """Markdown as the site's extensions render it (front matter dropped)."""
    body = split_front_matter(markdown)[1]
    return BeautifulSoup(Markdown(extensions=list(SITE_EXTENSIONS)).convert(body), "html.parser")


def entry_page_of(library, key: str) -> BeautifulSoup:
    return rendered(next(f.markdown for f in index_files(library) if f.path == f"{key}.md"))


@pytest.mark.unit
def test_a_full_date_is_a_date_not_a_numbered_list():
    library = library_with("\n@online{side2021, author = {{IMDi}}, title = {Siden}, date = {2021-09-21}}\n"
                           "@misc{spenn2019, author = {{IMDi}}, title = {Spennet}, date = {2019-05/2020-01}}\n")
    facts = entry_page_of(library, "side2021").select_one(".kb-entry-facts")
    assert facts.select("ol") == []
    assert "Sist oppdatert 21. september 2021" in " ".join(facts.get_text(" ").split())
    spenn = entry_page_of(library, "spenn2019")
    assert "Dato mai 2019–januar 2020" in " ".join(spenn.select_one(".kb-entry-facts").get_text(" ").split())
    assert "(2019–2020)" in spenn.select_one(".kb-entry-reference").get_text()


@pytest.mark.unit
def test_an_older_page_points_to_the_newer_one_and_the_list_shows_when_pages_were_updated():
    library = library_with("\n@online{gammel2021, author = {{IMDi}}, title = {Gammel side}, "
                           "date = {2021-09-21}, newer = {ny2023}}\n"
                           "@online{ny2023, author = {{IMDi}}, title = {Ny veileder}, date = {2023-12-11}}\n")
    note = entry_page_of(library, "gammel2021").select_one(".kb-entry-note")
    assert " ".join(note.get_text().split()) == "Det finnes nyere veiledning om det samme: Ny veileder (IMDi (2023))."
    assert note.select_one("a")["href"] == "ny2023.md"  # the engine makes it the page's URL
    listing = rendered(page_body(library, "", INDEX_MARKER, lambda path: path))
    listed = {li["data-kb-key"]: " ".join(li.select_one(".kb-work-meta").get_text().split())
              for li in listing.select("li.kb-work")}
    assert listed["ny2023"].startswith("nettside · IMDi · oppdatert 11. desember 2023")
    assert "oppdatert" not in listed["djuve2017"]
