"""The citation extension on Markdown's own parse: what each form becomes, what is never read
as a citation, and the located problems. Every case the first reader, a regex over the raw
Markdown, got wrong is here (a citation after a link definition, inside code, and so on)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree  # noqa: N813 (the name Python-Markdown uses)

import markdown as python_markdown
import pytest
from bs4 import BeautifulSoup
from markdown.blockprocessors import ReferenceProcessor
from markdown.util import AtomicString

from citekit.library import load_library
from citekit.markdown_ext import CitationExtension, PageContext
from citekit.render import from_html
from conftest import FIXTURES, SITE_EXTENSIONS, convert

pytestmark = pytest.mark.unit

LIBRARY = load_library(FIXTURES / "minimal" / "references.bib", "references.bib")
PAGE = PageContext("nav/side.md", "docs/nav/side.md", 4)
EXTENSIONS = (*SITE_EXTENSIONS, "pymdownx.tasklist")


def render(markdown: str):
    html, record = convert(markdown, LIBRARY, EXTENSIONS, PAGE)
    soup = BeautifulSoup(html, "html.parser")
    for kilder in soup.select("#kilder, ul.kb-references, div.footnote"):
        kilder.decompose()
    return soup, " ".join(soup.get_text().split()), [str(p) for p in record.problems]


READINGS = [
    ("link definition before a citation",
     "[v]: https://example.org\n\nSe [@djuve2017] og [v].", "Se (Fafo, 2017) og v."),
    ("footnote definition before a citation",
     "Tekst[^1].\n\n[^1]: En note.\n\nSe [@djuve2017].", "Tekst1. Se (Fafo, 2017)."),
    ("author in text, locator and a second citation",
     "@djuve2017 [p. 33; @tronstad2015]", "Fafo (2017, s. 33; Tronstad, 2015)"),
    ("author in text, locator and a prefixed second citation",
     "@djuve2017 [s. 12; se også @tronstad2015]", "Fafo (2017, s. 12; se også Tronstad, 2015)"),
    ("author in text and a bracketed citation", "@djuve2017 [@tronstad2015, kap. 2]",
     "Fafo (2017; Tronstad, 2015, kap. 2)"),
    ("bare -@key: the year only", "Som -@tronstad2015 viser.", "Som (2015) viser."),
    ("-@key with a locator", "Som -@tronstad2015 [s. 3] viser.", "Som (2015, s. 3) viser."),
    ("footnote after the key", "@djuve2017[^1] sier.\n\n[^1]: Note.", "Fafo (2017)1 sier."),
    ("a defined link after the key", "@djuve2017 [Overskrift]\n\n[Overskrift]: https://example.org",
     "Fafo (2017) Overskrift"),
    ("a heading's name after the key", "# Overskrift\n\n@djuve2017 [Overskrift]",
     "Overskrift Fafo (2017) [Overskrift]"),
    ("after an exclamation mark", "Wow![@djuve2017]", "Wow!(Fafo, 2017)"),
    ("shaped like a link definition", "[@djuve2017, V.9]: tekst", "(Fafo, 2017, v. 9): tekst"),
    ("a suffix that starts with a comma", "@tronstad2015 [, blant andre]",
     "Tronstad (2015, blant andre)"),
    ("escaped brackets in a locator", "[@djuve2017 \\[89\\]]", "(Fafo, 2017, [89])"),
    ("locator labels in Norwegian", "[@djuve2017, chap. 3] [@djuve2017, ¶ 4] [@djuve2017, 12--14]",
     "(Fafo, 2017, kap. 3) (Fafo, 2017, avsn. 4) (Fafo, 2017, s. 12–14)"),
    ("a citation nested in a locator", "[@djuve2017, se også @tronstad2015]",
     "(Fafo, 2017, se også Tronstad (2015))"),
    ("a citation inside a link's text", "[se @djuve2017](https://example.org)",
     "se Fafo (2017)"),
    ("escaped at-sign and e-mail address", "Skriv \\@djuve2017 eller post@imdi.no.",
     "Skriv @djuve2017 eller post@imdi.no."),
    ("an unclosed comment does not switch citations off",
     "Tekst <!-- ikke lukket\n\nSe [@djuve2017].", "Tekst <!-- ikke lukket Se (Fafo, 2017)."),
    ("braced key", "[@{djuve2017}]", "(Fafo, 2017)"),
    ("F-19: punctuation right after the key is Pandoc's suffix, no comma added",
     "Se [@djuve2017.] og [@djuve2017!] og @djuve2017 [.]", "Se (Fafo, 2017.) og (Fafo, 2017!) og Fafo (2017.)"),
]


@pytest.mark.parametrize("name, markdown, text", READINGS, ids=[r[0] for r in READINGS])
def test_reading(name, markdown, text):
    soup, visible, problems = render(markdown)
    assert visible == text
    assert problems == []


def test_markdown_in_prefix_and_locator_is_rendered():
    soup, visible, _ = render("[*se* [kapittelet](x.md) @djuve2017, s. **32**]")
    assert visible == "(se kapittelet Fafo, 2017, s. 32)"
    citation = soup.select_one("span.kb-citation")
    assert citation.select_one(".kb-cite-prefix em").get_text() == "se"
    assert citation.select_one(".kb-cite-prefix a")["href"] == "x.md"
    assert citation.select_one(".kb-cite-locator strong").get_text() == "32"


def test_citation_links_to_the_work_page_source_with_the_reference_as_hover_text():
    soup, _, _ = render("Se [@djuve2017] og @tronstad2015.")
    first, second = soup.select("a.kb-cite")
    assert first["href"] == "../forskning/djuve2017.md"  # MkDocs and Zensical make it a URL
    assert first["title"].startswith("Djuve, A. B., Kavli, H. C., Braanen Sterri, E. & Bråthen, B. (2017).")
    assert [first["id"], second["id"]] == ["sitering-1", "sitering-2"]
    assert soup.select_one("span.kb-citation")["data-cites"] == "djuve2017"


def test_link_text_is_final_text():
    """No abbreviation tooltip inside the citation's link: it has its own hover text."""
    html, _ = convert("*[Fafo]: Forskningsstiftelsen Fafo\n\n@djuve2017 og Fafo.", LIBRARY,
                      EXTENSIONS, PAGE)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("a.kb-cite abbr") is None
    assert soup.select_one("a.kb-cite").get_text() == "Fafo (2017)"
    assert soup.select("p abbr")


NOT_PROSE = [
    ("indented code", "Tekst.\n\n    kode [@ukjent] @ukjent\n"),
    ("fenced code", "```\n[@ukjent]\n```"),
    ("~~~ fence in a block quote", "> ~~~\n> [@ukjent]\n> ~~~"),
    ("~~~ fence in a list", "- punkt\n\n    ~~~\n    [@ukjent]\n    ~~~"),
    ("inline code", "Kode: `[@ukjent]` og ``@ukjent ` kode``."),
    ("HTML comment", "<!-- [@ukjent] @ukjent -->"),
    ("inline comment", "Tekst <!-- [@ukjent] --> her."),
    ("tag attributes", '<a href="mailto:x@y.no" data-x="@ukjent">lenke</a>'),
    ("autolinks", "<post@imdi.no> og <https://example.org/@ukjent>"),
    ("bare URL", "Se https://example.org/@ukjent her."),
    ("link definition", "[v]: https://example.org/@ukjent\n\nTekst [v]."),
    ("attribute list", "Avsnitt.\n{: title=\"@djuve2017\" }"),
    ("a word, not a key", "[kontakt oss @ kontoret] og e-post: ola@example"),
]


@pytest.mark.parametrize("name, markdown", NOT_PROSE, ids=[n[0] for n in NOT_PROSE])
def test_never_read_as_a_citation(name, markdown):
    soup, _, problems = render(markdown)
    assert soup.select(".kb-citation, .kb-cite-error") == []
    assert problems == []


def test_an_abbreviation_definition_is_never_read_but_a_citation_in_it_is_said():
    """Probe F-20: not read (Python-Markdown takes definitions out first), and no longer silent."""
    soup, _, problems = render("*[Nav]: Arbeids- og velferdsforvaltningen [@ukjent]\n\nNav.")
    assert soup.select(".kb-citation, .kb-cite-error") == []
    assert problems == ["docs/nav/side.md:5: citation in an abbreviation's definition: '[@ukjent]' "
                        "(shown on hover as plain text, it is never read): cite in the text instead"]


def test_attribute_list_stays_an_attribute():
    html, _ = convert('Avsnitt.\n{: title="@djuve2017" }', LIBRARY, EXTENSIONS, PAGE)
    assert html == '<p title="@djuve2017">Avsnitt.</p>'


UNPLACED = ("(shown there as plain text, it cannot link to its work or be listed in 'Kilder'): "
            "cite in the text beside it")
PROBLEMS = [
    ("a typo after a link definition", "[v]: https://example.org\n\nSe [@djuvee2017].",
     ["docs/nav/side.md:7: unknown citation key 'djuvee2017' (did you mean 'djuve2017'?)"]),
    ("a typo after a footnote definition", "Tekst[^1].\n\n[^1]: Note.\n\nSe\n[@djuvee2017].",
     ["docs/nav/side.md:10: unknown citation key 'djuvee2017' (did you mean 'djuve2017'?)"]),
    ("a typo in a footnote", "Tekst[^1].\n\n[^1]: Note [@nokkel].",
     ["docs/nav/side.md:7: unknown citation key 'nokkel'"]),
    ("a typo after an unclosed comment", "Tekst <!-- ikke lukket\n\nSe [@djuvee2017].",
     ["docs/nav/side.md:7: unknown citation key 'djuvee2017' (did you mean 'djuve2017'?)"]),
    ("empty", "Se [@].", ["docs/nav/side.md:5: citation without a key (write [@key]): '[@]'"]),
    ("a stray @", "Se\n[@@djuve2017].",
     ["docs/nav/side.md:6: citation with a stray '@' before the key: '[@@djuve2017]'"]),
    ("a part without a key", "Se [@djuve2017; tronstad2015].",
     ["docs/nav/side.md:5: citation part 2 'tronstad2015' has no @key (parts are separated by "
      "';', each needs its @key): '[@djuve2017; tronstad2015]'"]),
    ("the same typo twice, each at its line", "[@nokkel]\n\n[@nokkel]",
     ["docs/nav/side.md:5: unknown citation key 'nokkel'",
      "docs/nav/side.md:7: unknown citation key 'nokkel'"]),
    ("a citation in raw HTML", "Tekst.\n\n<p>Se [@djuve2017].</p>",
     ["docs/nav/side.md:7: citation not read: '[@djuve2017]' (inside raw HTML or {…}, or not "
      "written the way Pandoc reads citations)"]),
    ("a known key in raw HTML", "<div>\nSom @tronstad2015 viser.\n</div>",
     ["docs/nav/side.md:6: citation not read: '@tronstad2015' (inside raw HTML or {…}, or not "
      "written the way Pandoc reads citations)"]),
    ("a citation in braces", "Tekst {@djuve2017} her.",
     ["docs/nav/side.md:5: citation not read: '@djuve2017' (inside raw HTML or {…}, or not "
      "written the way Pandoc reads citations)"]),
    ("F-17: a citation in an image's alt text", "Tekst.\n\n![Figur fra @djuve2017](x.png)",
     [f"docs/nav/side.md:7: citation in an image's alt text or a link's title: '@djuve2017' {UNPLACED}"]),
    ("F-17: a citation in a link's title", 'Se [lenke](https://example.org "[@djuvee2017]").',
     [f"docs/nav/side.md:5: citation in an image's alt text or a link's title: '[@djuvee2017]' {UNPLACED}"]),
    ("F-20: a citation in an abbreviation's definition", "XYZQ skrev.\n\n*[XYZQ]: se [@nokkel]",
     ["docs/nav/side.md:7: citation in an abbreviation's definition: '[@nokkel]' (shown on hover "
      "as plain text, it is never read): cite in the text instead"]),
]


@pytest.mark.parametrize("name, markdown, expected", PROBLEMS, ids=[p[0] for p in PROBLEMS])
def test_problem_is_located(name, markdown, expected):
    assert render(markdown)[2] == expected


def test_unknown_key_and_malformed_citation_are_marked_in_the_page():
    soup, visible, _ = render("Se [@nokkel] og [@].")
    assert visible == "Se (@nokkel?) og [@]."
    assert [m["title"] for m in soup.select(".kb-cite-error")] == [
        "Ukjent kilde", "citation without a key (write [@key])"]


def test_kilder_lists_each_work_once_in_apa_order_with_backlinks():
    html, record = convert("[@tronstad2015] og [@djuve2017; @tronstad2015, s. 3].\n\n## Del\n\n@djuve2017",
                           LIBRARY, EXTENSIONS, PAGE)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("h2#kilder").get_text().startswith("Kilder")
    items = soup.select("ul.kb-references > li")
    assert [li["id"] for li in items] == ["kilde-djuve2017", "kilde-tronstad2015"]
    assert [a["href"] for a in items[1].select(".kb-backlinks a")] == ["#sitering-1", "#sitering-3"]
    assert items[0].select_one("em a")["href"] == "../forskning/djuve2017.md"
    assert [(c.number, c.key, c.section_anchor) for c in record.cited] == [
        (1, "tronstad2015", ""), (2, "djuve2017", ""), (3, "tronstad2015", ""), (4, "djuve2017", "del")]


def test_a_page_without_citations_is_left_alone():
    html, record = convert("# Tittel\n\nIngen kilder.", LIBRARY, EXTENSIONS, PAGE)
    assert "id=\"kilder\"" not in html and record.cited == [] and record.problems == []


def test_without_an_adapter_problems_stop_the_conversion(tmp_path, monkeypatch):
    """Engines without hooks (Zensical) name the extension and its bibliography in their
    configuration; a problem then stops the build with the located message."""
    import markdown as python_markdown

    from citekit.markdown_ext import CitationError

    (tmp_path / "references.bib").write_text((FIXTURES / "minimal" / "references.bib").read_text())
    monkeypatch.chdir(tmp_path)
    md = python_markdown.Markdown(extensions=["citekit.markdown_ext"])
    assert "Fafo, 2017" in md.convert("Se [@djuve2017].")
    with pytest.raises(CitationError, match=r"<markdown>:1: unknown citation key 'nokkel'"):
        python_markdown.Markdown(extensions=["citekit.markdown_ext"]).convert("Se [@nokkel].")


@pytest.mark.parametrize("markup, expected", [
    ("Navn, A. (2020). <em><a href=\"x?a=1&amp;b=2\">Tittel</a></em>. Forlag.",
     '<li id="kilde-k">Navn, A. (2020). <em><a href="x?a=1&amp;b=2">Tittel</a></em>. Forlag.</li>'),
    # HTML, not XML: an entity XML does not know, a void element left open
    ("A&nbsp;B<br>C", '<li id="kilde-k">A\xa0B<br />C</li>'),
    ("<em>open", '<li id="kilde-k"><em>open</em></li>'),
])
def test_reference_html_is_read_as_html(markup, expected):
    element = from_html("li", {"id": "kilde-k"}, markup)
    assert all(isinstance(text, AtomicString) for node in element.iter()
               for text in (node.text, node.tail) if text)
    assert etree.tostring(element, encoding="unicode") == expected


# --- citation-shaped "definitions": ours claims them, the stock processor keeps the rest -----

@pytest.mark.parametrize("markdown, paragraphs, defined", [
    ("[@djuve2017, s. 9]: tekst", ["(Fafo, 2017, s. 9): tekst"], []),
    ("Tekst\n[@djuve2017, s. 9]: tekst\nmer", ["Tekst (Fafo, 2017, s. 9): tekst mer"], []),
    ("[x]: https://example.org/x\n[@djuve2017, s. 9]: tekst\n\n[x]",
     ["(Fafo, 2017, s. 9): tekst", "x"], ["x"]),
    ("[@djuve2017, s. 9]: tekst\n[x]: https://example.org/x\n\n[x]",
     ["(Fafo, 2017, s. 9): tekst", "x"], ["x"]),
    ("Tekst\n[x]: https://example.org/x\nmer\n[@djuve2017]: tekst\n[y]: https://example.org/y",
     ["Tekst", "mer (Fafo, 2017): tekst"], ["x", "y"]),
    ("- punkt\n  [@djuve2017]: tekst", ["punkt (Fafo, 2017): tekst"], []),
])
def test_citation_shaped_definitions(markdown, paragraphs, defined):
    extension = CitationExtension()
    extension.library = LIBRARY
    extension.page_context = lambda md: PAGE
    extension.on_document = lambda record: None
    md = python_markdown.Markdown(extensions=[extension, *EXTENSIONS])
    soup = BeautifulSoup(md.convert(markdown), "html.parser")
    for kilder in soup.select("#kilder, ul.kb-references"):
        kilder.decompose()
    texts = [" ".join(p.get_text().split()) for p in soup.select("p, li")]
    assert texts == paragraphs
    assert sorted(md.references) == defined


def test_upstream_reference_processor():
    """What `_CitationNotDefinition` relies on in Python-Markdown's own ReferenceProcessor and
    block parser. Run against Markdown 3.11.3, the newest release of the pinned 3.x range on
    PyPI when written (`pip index versions Markdown`, 2026-12-04). If an upgrade fails here,
    read upstream's ReferenceProcessor again before changing the assertions."""
    md = python_markdown.Markdown()
    processors = md.parser.blockprocessors
    # The label is group 1 of a multi-line pattern matched line by line.
    assert ReferenceProcessor.RE.flags & re.MULTILINE
    assert ReferenceProcessor.RE.search("text\n[a b]: https://x 'T'").group(1) == "a b"
    # Nothing between the stock "reference" (15) and "paragraph" (10) processors: ours, at
    # 15.5, hands text to the paragraph processor without skipping another's turn.
    names = [item.name for item in processors._priority]
    assert names[names.index("reference") + 1] == "paragraph"
    assert (processors._priority[names.index("reference")].priority,
            processors._priority[names.index("paragraph")].priority) == (15, 10)
    # Consecutive definitions are recorded in one pass; text before and after stays.
    html = md.convert("Før\n[a]: https://a\n[b]: https://b\nEtter\n\n[a] [b]")
    assert sorted(md.references) == ["a", "b"]
    assert html.startswith("<p>Før</p>\n<p>Etter</p>")
    # Left to itself, the stock processor drops a citation-shaped line: why ours exists.
    md = python_markdown.Markdown()
    assert md.convert("[@djuve2017, s. 9]: tekst") == ""
    assert list(md.references) == ["@djuve2017, s. 9"]


def test_a_citation_in_alt_text_is_neither_counted_nor_listed():
    """Probe F-17: it was rendered into the alt text, missing from "Kilder" and cited-by, and an
    unknown key there passed. Refused: nothing of it is recorded as cited."""
    _, record = convert("![Figur fra @djuve2017](x.png) og [@tronstad2015].", LIBRARY, EXTENSIONS, PAGE)
    assert [item.key for item in record.cited] == ["tronstad2015"]
    assert len(record.problems) == 1


def test_the_sites_markdown_extensions_include_footnotes():
    """Probe F-21: the README promises footnotes as Pandoc reads them; mkdocs.yml did not enable
    them, so '[^1]' was published raw. A citation in a footnote is read and listed."""
    from conftest import ROOT
    from kb_zensical.project import markdown_extensions, read_config

    names, _ = markdown_extensions(read_config(ROOT / "mkdocs.yml"))
    assert "footnotes" in names
    html, record = convert("Tekst[^1].\n\n[^1]: Se [@djuve2017].", LIBRARY, ("footnotes",), PAGE)
    assert 'class="footnote"' in html and [item.key for item in record.cited] == ["djuve2017"]


def test_a_problem_in_a_snippet_is_reported_at_the_snippets_own_line(tmp_path, monkeypatch):
    """Probe F-7: a bad citation in an included snippet was reported at the including page,
    with no line; the page's own lines after the snippet keep theirs."""
    import markdown as python_markdown

    from citekit.markdown_ext import CitationExtension

    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "boks.md").write_text("Linje 1\n\nFra snutt: [@nokkel].\n", encoding="utf-8")
    (tmp_path / "includes" / "forkortelser.md").write_text("*[NAV]: se [@nokkel2]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    extension = CitationExtension()
    extension.library = LIBRARY
    extension.page_context = lambda md: PAGE
    records = []
    extension.on_document = records.append
    python_markdown.Markdown(
        extensions=[extension, "abbr", "pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": {"base_path": ["includes"], "check_paths": True,
                                                 "auto_append": ["forkortelser.md"]}},
    ).convert('# P\n\nSe [@djuve2017].\n\n--8<-- "boks.md"\n\nEtter [@feil].\n\nNAV.\n')
    assert [str(p) for p in records[0].problems] == [
        "includes/boks.md:3: unknown citation key 'nokkel'",
        "docs/nav/side.md:11: unknown citation key 'feil'",
        "includes/forkortelser.md:1: citation in an abbreviation's definition: '[@nokkel2]' (shown "
        "on hover as plain text, it is never read): cite in the text instead"]
