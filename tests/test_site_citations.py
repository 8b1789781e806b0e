"""Fixture sites built with `mkdocs build --strict`: what citations become in the HTML, and how
a build with a bad bibliography or citation fails."""

import pytest

from citekit.bibliography import parse_bibliography
from conftest import FIXTURES, build_site, page

pytestmark = pytest.mark.build

FAFO = ("Djuve, A. B., Kavli, H. C., Braanen Sterri, E. og Bråthen, B. (2017). Introduksjonsprogram "
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


@pytest.fixture(scope="module")
def cited(tmp_path_factory):
    build = build_site(tmp_path_factory.mktemp("cited"), files={"docs/sider/side.md": ALL_SYNTAX})
    assert build.returncode == 0, build.output
    return build


def test_each_syntax_renders_author_year(cited):
    text = " ".join(cited.html("sider/side/index.html").select_one("article").get_text().split())
    for expected in ["Parentetisk (Fafo, 2017).", "Med side (Fafo, 2017, s. 12).",
                     "Med prefiks (se Tronstad, 2015).", "Flere (Fafo, 2017; Tronstad, 2015).",
                     "Bare år (2015).", "Fortellende: Røhnebæk og Eide (2018) fant.",
                     "Med side: Tronstad (2015, s. 4) viser."]:
        assert expected in text


def test_citation_links_to_the_work_with_the_reference_as_hover_text(cited):
    links = cited.html("sider/side/index.html").select("a.kb-cite")
    first = links[0]
    assert first["href"] == "../../forskning/djuve2017/"
    assert first["title"] == FAFO
    assert [a["id"] for a in links] == [f"sitering-{n}" for n in range(1, 9)]
    assert (cited.site / "forskning/djuve2017/index.html").exists()


def test_page_ends_with_kilder_in_apa_order(cited):
    soup = cited.html("sider/side/index.html")
    heading = soup.select_one("h2#kilder")
    assert heading.get_text(strip=True).startswith("Kilder")
    items = soup.select("ul.kb-references > li")
    assert [li["id"] for li in items] == ["kilde-djuve2017", "kilde-rohnebaek2018", "kilde-tronstad2015"]
    assert items[0].get_text(" ", strip=True).startswith("Djuve, A. B., Kavli, H. C., Braanen Sterri, E. og Bråthen, B. (2017).")
    assert items[0].select_one("em a")["href"] == "../../forskning/djuve2017/"
    backlinks = [a["href"] for a in items[0].select(".kb-backlinks a")]
    assert backlinks == ["#sitering-1", "#sitering-2", "#sitering-4"]


def test_page_without_citations_has_no_kilder(tmp_path):
    build = build_site(tmp_path, files={"docs/index.md": page("# Forside\n\nIngen kilder her.\n")})
    assert build.returncode == 0, build.output
    assert build.html("index.html").select_one("#kilder") is None


def test_non_citations_are_left_alone(tmp_path):
    markdown = page("""# Ikke siteringer

Skriv til post\\@imdi.no eller ola.nordmann@nav.no. Se `[@kode]` og <https://example.org/@x>.

<!-- [@kommentar] -->

```
[@blokk] @blokk
```

Et escaped \\@djuve2017 og en lenke [@djuve2017](https://example.org).
""")
    build = build_site(tmp_path, files={"docs/index.md": markdown})
    assert build.returncode == 0, build.output
    article = build.html("index.html").select_one("article")
    assert article.select("a.kb-cite") == []
    text = article.get_text(" ", strip=True)
    assert "post@imdi.no" in text and "ola.nordmann@nav.no" in text
    assert "[@kode]" in text and "[@blokk] @blokk" in text and "Et escaped @djuve2017" in text
    assert "[@kommentar]" in build.text("index.html")


def test_markup_in_bib_fields_is_escaped(tmp_path):
    bib = ("@techreport{x2019, author = {<b>Slem</b>, A.}, title = {<script>alert(1)</script>},"
           " institution = {\"Q\" & Co}, year = 2019}")
    build = build_site(tmp_path, files={"references.bib": bib,
                                        "docs/index.md": page("# Forside\n\nSe [@x2019].\n")})
    assert build.returncode == 0, build.output
    html = build.text("index.html")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    entry = build.text("forskning/x2019/index.html")
    assert "<script>alert" not in entry and "<b>Slem" not in entry


# --- failures: exact messages, exit status 1, all listed at once, never a traceback -------------

def failed(build, *expected):
    assert build.returncode == 1, build.output
    assert "Traceback" not in build.output
    for message in expected:
        assert message in build.errors, build.output
    return build


def test_unknown_key_names_file_line_and_suggestion(tmp_path):
    markdown = page("# Forside\n\nFørste linje.\n\nHer [@djuve2071] og @tronstad2051.\n")
    build = build_site(tmp_path, files={"docs/index.md": markdown})
    failed(build,
           "docs/index.md:10: unknown citation key 'djuve2071' (did you mean 'djuve2017'?)",
           "docs/index.md:10: unknown citation key 'tronstad2051' (did you mean 'tronstad2015'?)",
           "build stopped: 2 bibliography and citation problems (listed above)")


def test_unknown_key_fails_without_strict_too(tmp_path):
    build = build_site(tmp_path, "minimal", {"docs/index.md": page("# F\n\n[@nokey]\n")}, "--no-strict")
    failed(build, "docs/index.md:8: unknown citation key 'nokey'")


def test_malformed_entry(tmp_path):
    broken = "\n@techreport{tronstad2016,\n  title = {Tittel}\n  year = {2016},\n  author = {T, K.},\n}\n"
    build = build_site(tmp_path, files={"references.bib": _fixture_bib() + broken})
    failed(build, f"references.bib:{_fixture_bib().count(chr(10)) + 3}: malformed entry 'tronstad2016': "
                  "field 'title' runs into field 'year' (missing comma?)")


def test_duplicate_key(tmp_path):
    duplicate = "\n@techreport{tronstad2015, author = {T, K.}, title = {T}, institution = {N}, year = 2015}\n"
    build = build_site(tmp_path, files={"references.bib": _fixture_bib() + duplicate})
    failed(build, f"references.bib:{_fixture_bib().count(chr(10)) + 2}: duplicate key 'tronstad2015' "
                  "(first defined at line 1)")


@pytest.mark.parametrize("content, message", [
    (None, "references.bib: bibliography file not found"),
    ("", "references.bib: bibliography has no entries"),
    ("@misc{x, title = {Bråthen}}".encode("latin-1"), "references.bib:1: not valid UTF-8 (byte 0xe5); save the file as UTF-8"),
])
def test_unusable_bibliography(tmp_path, content, message):
    build = build_site(tmp_path, files={"references.bib": content})
    failed(build, message)
    # the citations of an unreadable bibliography are not reported once more each
    assert not any("unknown citation key" in line for line in build.errors)


def test_every_problem_listed_at_once_location_first(tmp_path):
    bib = _fixture_bib() + "\n@book{nodate, author = {A, B}, title = {T}}\n"
    build = build_site(tmp_path, files={
        "references.bib": bib,
        "docs/index.md": page("# F\n\n[@nope1]\n"),
        "docs/andre.md": page("# A\n\nTekst.\n\n[@nope2]\n")})
    failed(build)
    problems = [line for line in build.errors if not line.startswith("build stopped")]
    assert problems == [
        f"references.bib:{_fixture_bib().count(chr(10)) + 2}: entry 'nodate' lacks year",
        "docs/index.md:8: unknown citation key 'nope1'",
        "docs/andre.md:10: unknown citation key 'nope2'",
    ]


def _fixture_bib() -> str:
    from conftest import FIXTURES
    return (FIXTURES / "minimal" / "references.bib").read_text(encoding="utf-8")


# --- every reading of issue 12, in a real MkDocs build --------------------------------------

def _readings():
    from test_markdown_ext import READINGS
    return READINGS


@pytest.fixture(scope="module")
def readings(tmp_path_factory):
    pages = {f"docs/lesning/{n}.md": page(markdown) for n, (_, markdown, _) in enumerate(_readings())}
    build = build_site(tmp_path_factory.mktemp("readings"), files=pages)
    assert build.returncode == 0, build.output
    return build


@pytest.mark.parametrize("number", range(len(_readings())), ids=[r[0] for r in _readings()])
def test_each_reading_in_a_real_build(readings, number):
    article = readings.html(f"lesning/{number}/index.html").select_one("article")
    for extra in article.select("#kilder, ul.kb-references, div.footnote, a.headerlink, .md-source-file, "
                                "p.kb-page-dates, details.kb-cite-page"):
        extra.decompose()
    title = article.select_one("h1")
    if title.get_text() == str(number):
        title.decompose()  # the title Material adds to a page without one
    assert " ".join(article.get_text().split()) == _readings()[number][2]


# --- secondary citations (issue 13): the site knows a work only through another -------------

SECONDARY_BIB = (FIXTURES / "minimal" / "references.bib").read_text(encoding="utf-8").replace(
    "  year        = {2018},", "  year        = {2018},\n  citedin     = {tronstad2015},")


@pytest.fixture(scope="module")
def secondary(tmp_path_factory):
    build = build_site(tmp_path_factory.mktemp("secondary"), files={
        "references.bib": SECONDARY_BIB,
        "docs/sider/side.md": page("# Side\n\nEn [@rohnebaek2018]. To @rohnebaek2018 fant.\n\n"
                                   "## Mer\n\nTre [se @rohnebaek2018, s. 4; @djuve2017]. Fire [-@rohnebaek2018].\n")})
    assert build.returncode == 0, build.output
    return build


def test_secondary_citation_names_both_works_and_links_both(secondary):
    article = secondary.html("sider/side/index.html").select_one("article")
    text = " ".join(article.get_text().split())
    for expected in ["En (Røhnebæk og Eide, 2018, sitert i Tronstad, 2015).",
                     "To Røhnebæk og Eide (2018, sitert i Tronstad, 2015) fant.",
                     "Tre (se Røhnebæk og Eide, 2018, sitert i Tronstad, 2015, s. 4; Fafo, 2017).",
                     "Fire (2018, sitert i Tronstad, 2015)."]:
        assert expected in text
    first = article.select_one("span.kb-citation")
    cited, read = first.select("a")
    assert (cited["href"], read["href"]) == ("../../forskning/rohnebaek2018/", "../../forskning/tronstad2015/")
    assert cited["id"] == "sitering-1" and not read.get("id")
    assert cited["title"] == ("Røhnebæk, M. og Eide, T. H. (2018). Samarbeid i og etter introduksjonsprogrammet "
                              "(ØF-rapport 04/2018). Østlandsforskning. Sitert i: Tronstad, K. R. (2015). "
                              "Introduksjonsprogram for flyktninger i norske kommuner (NIBR-rapport 2015:2). NIBR.")


def test_kilder_names_the_work_read(secondary):
    items = secondary.html("sider/side/index.html").select("ul.kb-references > li")
    assert [li["id"] for li in items] == ["kilde-djuve2017", "kilde-tronstad2015"]
    assert [a["href"] for a in items[1].select(".kb-backlinks a")] == [
        "#sitering-1", "#sitering-2", "#sitering-3", "#sitering-5"]


def test_work_pages_say_how_the_site_knows_the_work_and_count_every_citation(secondary):
    original = secondary.html("forskning/rohnebaek2018/index.html")
    note = " ".join(original.select_one(".kb-entry-note").get_text().split())
    assert note.startswith("Kunnskapsbasen kjenner dette verket bare gjennom Tronstad (2015), som viser til det.")
    assert original.select_one(".kb-entry-note a")["href"] == "../tronstad2015/"
    assert original.select_one(".kb-cited-by-count").get_text() == "Sitert 4 ganger på 1 side."
    read = secondary.html("forskning/tronstad2015/index.html")
    assert read.select_one(".kb-cited-by-count").get_text() == "Sitert 4 ganger på 1 side."


# --- what a page says about itself (issue 13): the age of its sources, how to cite it -------

def test_page_shows_its_date_and_the_age_of_its_sources(cited):
    article = cited.html("sider/side/index.html").select_one("article")
    line = article.select_one("h1 + p.kb-page-dates")
    assert " ".join(line.get_text().split()) == ("Sist oppdatert 23. november 2026. "
                                                  "Kildene på denne siden er fra 2015–2018.")
    assert line.select_one("time")["datetime"] == "2026-11-23"


def test_page_without_sources_shows_its_date_only(tmp_path):
    build = build_site(tmp_path, files={"docs/index.md": page("# Forside\n\nIngen kilder her.\n")})
    line = build.html("index.html").select_one("p.kb-page-dates")
    assert " ".join(line.get_text().split()) == "Sist oppdatert 23. november 2026."


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


def test_each_work_in_kilder_has_a_coins_span(cited):
    items = cited.html("sider/side/index.html").select("ul.kb-references > li")
    spans = [li.select_one("span.Z3988") for li in items]
    assert all(spans)
    assert "rft.btitle=Introduksjonsprogram%20og%20norskoppl%C3%A6ring" in spans[0]["title"]
    assert spans[0]["title"].startswith("ctx_ver=Z39.88-2004&rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Abook")


def test_research_index_list_has_a_coins_span_per_work(cited):
    works = cited.html("forskning/index.html").select("li.kb-work")
    assert works and all(work.select_one("span.Z3988")["title"].startswith("ctx_ver=Z39.88-2004")
                         for work in works)
