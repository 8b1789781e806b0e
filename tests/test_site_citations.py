"""Fixture sites built with `mkdocs build --strict` and with Zensical (`make build-zensical`):
what citations become in the HTML of a real build (two builds per engine, shared by the tests). How a bad build fails is test_reliability's."""

import datetime

import pytest
from bs4 import BeautifulSoup

from citekit.bibliography import parse_bibliography
from citekit.markdown_ext import PageContext
from conftest import FIXTURES, build_site_with, convert, page

FIXTURE_BIB = (FIXTURES / "minimal" / "references.bib").read_text(encoding="utf-8")

FAFO = ("Djuve, A. B., Kavli, H. C., Braanen Sterri, E. & Bråthen, B. (2017). Introduksjonsprogram "
        "og norskopplæring. Hva virker – for hvem? (Fafo-rapport 2017:31). Fafo.")
TRONSTAD = ("Tronstad, K. R. (2015). Introduksjonsprogram for flyktninger i norske kommuner "
            "(NIBR-rapport 2015:2). NIBR.")

ALL_SYNTAX = page("""# Siteringer

## Første del

Parentetisk [@djuve2017]. Med side [@djuve2017, s. 12]. Med prefiks [se @tronstad2015].

## Andre del

Flere [@djuve2017; @tronstad2015]. Bare år [-@tronstad2015]. Fortellende: @rohnebaek2018 fant.
Med side: @tronstad2015 [s. 4] viser.
""")


NOT_CITATIONS = page("""# Ikke siteringer

Skriv til post\\@imdi.no eller ola.nordmann@nav.no. Se `[@kode]` og <https://example.org/@x>.

<!-- [@kommentar] -->

```
[@blokk] @blokk
```

Et escaped \\@djuve2017 og en lenke [@djuve2017](https://example.org).
""")

MARKUP_BIB = ("\n@techreport{x2019, author = {<b>Slem</b>, A.}, title = {<script>alert(1)</script>},"
              " institution = {\"Q\" & Co}, year = 2019}\n")


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def cited(request, tmp_path_factory):
    build = build_site_with(request.param, tmp_path_factory.mktemp("cited"), files={
        "references.bib": FIXTURE_BIB + MARKUP_BIB,
        "docs/sider/side.md": ALL_SYNTAX,
        "docs/sider/ikke.md": NOT_CITATIONS,
        "docs/sider/slem.md": page("# Slem\n\nSe [@x2019].\n")})
    assert build.returncode == 0, build.output
    return build


@pytest.mark.build
def test_each_syntax_renders_author_year(cited):
    text = " ".join(cited.html("sider/side/index.html").select_one("article").get_text().split())
    for expected in ["Parentetisk (Fafo, 2017).", "Med side (Fafo, 2017, s. 12).",
                     "Med prefiks (se Tronstad, 2015).", "Flere (Fafo, 2017; Tronstad, 2015).",
                     "Bare år (2015).", "Fortellende: Røhnebæk og Eide (2018) fant.",
                     "Med side: Tronstad (2015, s. 4) viser."]:
        assert expected in text


@pytest.mark.build
def test_citation_links_to_the_work_with_the_reference_as_hover_text(cited):
    links = cited.html("sider/side/index.html").select("a.kb-cite")
    first = links[0]
    assert first["href"] == "../../forskning/djuve2017/"
    assert first["title"] == FAFO
    assert [a["id"] for a in links] == [f"sitering-{n}" for n in range(1, 9)]
    assert (cited.site / "forskning/djuve2017/index.html").exists()


@pytest.mark.build
def test_page_ends_with_kilder_in_apa_order(cited):
    soup = cited.html("sider/side/index.html")
    heading = soup.select_one("h2#kilder")
    assert heading.get_text(strip=True).startswith("Kilder")
    items = soup.select("ul.kb-references > li")
    assert [li["id"] for li in items] == ["kilde-djuve2017", "kilde-rohnebaek2018", "kilde-tronstad2015"]
    assert items[0].get_text(" ", strip=True).startswith("Djuve, A. B., Kavli, H. C., Braanen Sterri, E. & Bråthen, B. (2017).")
    assert items[0].select_one("em a")["href"] == "../../forskning/djuve2017/"
    backlinks = [a["href"] for a in items[0].select(".kb-backlinks a")]
    assert backlinks == ["#sitering-1", "#sitering-2", "#sitering-4"]


@pytest.mark.build
def test_non_citations_are_left_alone(cited):
    article = cited.html("sider/ikke/index.html").select_one("article")
    assert article.select("a.kb-cite") == []
    text = article.get_text(" ", strip=True)
    assert "post@imdi.no" in text and "ola.nordmann@nav.no" in text
    assert "[@kode]" in text and "[@blokk] @blokk" in text and "Et escaped @djuve2017" in text
    assert "[@kommentar]" in cited.text("sider/ikke/index.html")


@pytest.mark.build
def test_markup_in_bib_fields_is_escaped(cited):
    html = cited.text("sider/slem/index.html")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    entry = cited.text("forskning/x2019/index.html")
    assert "<script>alert" not in entry and "<b>Slem" not in entry


# --- secondary citations (issue 13): the site knows a work only through another -------------

SECONDARY_BIB = FIXTURE_BIB.replace(
    "  year        = {2018},", "  year        = {2018},\n  citedin     = {tronstad2015},")


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def secondary(request, tmp_path_factory):
    build = build_site_with(request.param, tmp_path_factory.mktemp("secondary"), files={
        "references.bib": SECONDARY_BIB,
        "docs/sider/side.md": page("# Side\n\nEn [@rohnebaek2018]. To @rohnebaek2018 fant.\n\n"
                                   "## Mer\n\nTre [se @rohnebaek2018, s. 4; @djuve2017]. Fire [-@rohnebaek2018].\n")})
    assert build.returncode == 0, build.output
    return build


@pytest.mark.build
def test_secondary_citation_names_both_works_and_links_both(secondary):
    article = secondary.html("sider/side/index.html").select_one("article")
    text = " ".join(article.get_text().split())
    for expected in ["En (Røhnebæk & Eide, 2018, sitert i Tronstad, 2015).",
                     "To Røhnebæk og Eide (2018, sitert i Tronstad, 2015) fant.",
                     "Tre (se Røhnebæk & Eide, 2018, sitert i Tronstad, 2015, s. 4; Fafo, 2017).",
                     "Fire (2018, sitert i Tronstad, 2015)."]:
        assert expected in text
    first = article.select_one("span.kb-citation")
    cited, read = first.select("a")
    assert (cited["href"], read["href"]) == ("../../forskning/rohnebaek2018/", "../../forskning/tronstad2015/")
    assert cited["id"] == "sitering-1" and not read.get("id")
    assert cited["title"] == ("Røhnebæk, M. & Eide, T. H. (2018). Samarbeid i og etter introduksjonsprogrammet "
                              "(ØF-rapport 04/2018). Østlandsforskning. Sitert i: Tronstad, K. R. (2015). "
                              "Introduksjonsprogram for flyktninger i norske kommuner (NIBR-rapport 2015:2). NIBR.")


@pytest.mark.build
def test_kilder_names_the_work_read(secondary):
    items = secondary.html("sider/side/index.html").select("ul.kb-references > li")
    assert [li["id"] for li in items] == ["kilde-djuve2017", "kilde-tronstad2015"]
    assert [a["href"] for a in items[1].select(".kb-backlinks a")] == [
        "#sitering-1", "#sitering-2", "#sitering-3", "#sitering-5"]


@pytest.mark.build
def test_work_pages_say_how_the_site_knows_the_work_and_count_every_citation(secondary):
    original = secondary.html("forskning/rohnebaek2018/index.html")
    note = " ".join(original.select_one(".kb-entry-note").get_text().split())
    assert note.startswith("Kunnskapsbasen kjenner dette verket bare gjennom Tronstad (2015), som viser til det.")
    assert original.select_one(".kb-entry-note a")["href"] == "../tronstad2015/"
    assert original.select_one(".kb-cited-by-count").get_text() == "Sitert 4 ganger på 1 side."
    read = secondary.html("forskning/tronstad2015/index.html")
    assert read.select_one(".kb-cited-by-count").get_text() == "Sitert 4 ganger på 1 side."


# --- what a page says about itself (issue 13): the age of its sources, how to cite it -------

@pytest.mark.build
def test_page_shows_its_date_and_the_age_of_its_sources(cited):
    article = cited.html("sider/side/index.html").select_one("article")
    line = article.select_one("h1 + p.kb-page-dates")
    assert " ".join(line.get_text().split()) == ("Sist oppdatert 23. november 2026. "
                                                  "Kildene på denne siden er fra 2015–2018.")
    assert line.select_one("time")["datetime"] == "2026-11-23"


@pytest.mark.unit
def test_page_without_sources_shows_its_date_only():
    context = PageContext("index.md", "docs/index.md", 4, updated=datetime.date(2026, 11, 23))
    html, record = convert(page("# Forside\n\nIngen kilder her.\n"), page=context)
    line = BeautifulSoup(html, "html.parser").select_one("h1 + p.kb-page-dates")
    assert " ".join(line.get_text().split()) == "Sist oppdatert 23. november 2026."
    assert record.problems == []


@pytest.mark.build
def test_page_says_how_to_cite_it(cited):
    block = cited.html("sider/side/index.html").select_one("article details.kb-cite-page")
    assert block.select_one("summary").get_text() == "Slik siterer du denne siden"
    assert " ".join(block.select_one(".kb-cite-page-apa").get_text().split()) == (
        "Testside. (2026, 23. november). Siteringer. http://127.0.0.1:8000/sider/side/")
    bibtex = block.select_one("pre code").get_text()
    again = parse_bibliography(bibtex, "page.bib")
    assert again.problems == ()
    entry = again.entries["kunnskapsbasen2026-sider-side"]
    assert (entry.type, entry.get("title"), entry.get("url"), entry.issued.start.iso()) == (
        "online", "Siteringer", "http://127.0.0.1:8000/sider/side/", "2026-11-23")


@pytest.mark.build
def test_each_work_in_kilder_has_a_coins_span(cited):
    items = cited.html("sider/side/index.html").select("ul.kb-references > li")
    spans = [li.select_one("span.Z3988") for li in items]
    assert all(spans)
    assert "rft.btitle=Introduksjonsprogram%20og%20norskoppl%C3%A6ring" in spans[0]["title"]
    assert spans[0]["title"].startswith("ctx_ver=Z39.88-2004&rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Abook")


@pytest.mark.build
def test_research_index_list_has_a_coins_span_per_work(cited):
    works = cited.html("forskning/index.html").select("li.kb-work")
    assert works and all(work.select_one("span.Z3988")["title"].startswith("ctx_ver=Z39.88-2004")
                         for work in works)
