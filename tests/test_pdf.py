"""The PDF of the real knowledge base, from every engine (MkDocs, ProperDocs, Zensical): every
page and every reference in it, an outline that mirrors the headings, metadata, working
internal links, tagging; the same text on the same pages from each engine; the pages' images
(test_pdf_images.py); first pages as PNGs."""

import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from citekit.bibliography import load_bibliography
from conftest import ROOT

pytestmark = pytest.mark.site
ARTIFACTS = ROOT / "artifacts" / "pdf"


@pytest.fixture(scope="module")
def real_site(built_site):
    """The real site built with each engine in turn (the tests below ran on MkDocs' alone)."""
    return built_site


@pytest.fixture(scope="module")
def pdf(real_site):
    return PdfReader(real_site.site / "pdf" / "kunnskapsbase.pdf")


@pytest.fixture(scope="module")
def text(pdf):
    # Join hyphenated line breaks back, so hyphenation does not hide words from the test.
    raw = "\n".join(page.extract_text() for page in pdf.pages)
    return re.sub(r"\s+", " ", re.sub(r"-\n(?=[a-zæøå])", "", raw))


def nav_titles(real_site):
    return [a.get_text(strip=True) for a in real_site.html("index.html").select(
        "nav.md-nav--primary a.md-nav__link") if a.get("href")]


def test_every_page_title_is_in_the_pdf(real_site, text):
    titles = [t for t in nav_titles(real_site) if t]
    assert len(titles) >= 15
    for title in titles:
        assert title in text, title


def test_every_reference_title_is_in_the_pdf(text):
    library = load_bibliography(ROOT / "references.bib", "references.bib")
    for entry in library.entries.values():
        assert " ".join(entry.get("title").split()) in text, entry.key


def outline_titles(outline, depth=0):
    for item in outline:
        if isinstance(item, list):
            yield from outline_titles(item, depth + 1)
        else:
            yield depth, item.title


def heading(element):
    return " ".join(element.get_text().split()).rstrip("¶").strip()


def test_outline_mirrors_the_headings(pdf, real_site):
    outline = list(outline_titles(pdf.outline))
    top = [title for depth, title in outline if depth == 0]
    assert top[0] == "Innhold" and top[-1] == "Forskning og kilder"
    # each chapter's h1, in navigation order, then its h2s beneath it
    nav_page = real_site.html("nav/index.html").select_one("article")
    h1 = heading(nav_page.h1)
    h2s = [heading(h) for h in nav_page.select("h2")]
    start = outline.index((0, h1))
    beneath = []
    for depth, title in outline[start + 1:]:
        if depth == 0:
            break
        if depth == 1:
            beneath.append(title)
    assert beneath == h2s


def test_metadata(pdf):
    info = pdf.metadata
    assert info["/Title"] == "Kunnskapsbase for samarbeid om introduksjonsprogrammet"
    assert info["/Subject"].startswith("Veiledning for kommuner")
    assert info["/publisher"]
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "nb"
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root


def test_every_internal_link_has_a_target(pdf):
    destinations = set(pdf.named_destinations)
    internal = external = 0
    for page in pdf.pages:
        for annotation in page.get("/Annots", []) or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            if "/Dest" in annotation:
                internal += 1
                assert str(annotation["/Dest"]) in destinations, annotation["/Dest"]
            elif "/A" in annotation and "/URI" in annotation["/A"]:
                external += 1
                assert str(annotation["/A"]["/URI"]).startswith(("http://", "https://", "mailto:"))
    assert internal > 100  # the contents, cross-links and every citation
    assert external > 0  # the works' web addresses: the scheme check above ran


def test_citations_link_to_their_reference(pdf):
    destinations = set(pdf.named_destinations)
    assert {"ref-djuve2017", "ref-espegren2019", "ref-imdi2021"} <= destinations


def test_pages_are_a4_and_numbered(pdf, text):
    total = len(pdf.pages)
    assert all(round(float(p.mediabox.width)) == 595 and round(float(p.mediabox.height)) == 842 for p in pdf.pages)
    assert f"Side 2 av {total}" in text and f"Side {total} av {total}" in text


def test_cover_and_contents(pdf):
    cover = " ".join(pdf.pages[0].extract_text().split())
    assert "Kunnskapsbase for samarbeid om" in cover and "Sist oppdatert:" in cover
    contents = pdf.pages[1].extract_text()
    assert "Innhold" in contents and re.search(r"Kommunens ansvar\s*\.+\s*\d+", contents)


def test_first_pages_render_to_png(real_site):
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (Debian poppler-utils) is needed: run `make test`")
    folder = ARTIFACTS / real_site.engine
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("side-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "6",
                    str(real_site.site / "pdf" / "kunnskapsbase.pdf"), str(folder / "side")], check=True)
    pages = sorted(folder.glob("side-*.png"))
    assert len(pages) == 6 and all(p.stat().st_size > 5_000 for p in pages)


def test_secondary_citations_and_the_age_of_sources_in_the_pdf(text, real_site):
    """The PDF says what the pages say: where a report was read, and how old the sources are."""
    article = real_site.html("nav/arbeidsrettede-tiltak/index.html").select_one("article")
    secondary = " ".join(article.select_one("span.kb-citation").get_text().split())
    assert ", sitert i IMDi, 2021" in secondary
    assert secondary in text
    dates = " ".join(article.select_one("p.kb-page-dates").get_text().split())
    assert re.fullmatch(r"Sist oppdatert \d+\. \w+ 20\d\d\. Kildene på denne siden er fra 20\d\d–20\d\d\.", dates)
    assert dates in text
    assert "Slik siterer du denne siden" not in text  # a block for the screen


# --- the same book from every engine --------------------------------------------------------------

def page_texts(site) -> list[str]:
    """Each page's text, white space collapsed (the engines' HTML differs in white space only)."""
    reader = PdfReader(site / "pdf" / "kunnskapsbase.pdf")
    return [" ".join(p.extract_text().split()) for p in reader.pages]


def book_structure(site):
    reader = PdfReader(site / "pdf" / "kunnskapsbase.pdf")
    language = reader.trailer["/Root"]["/Lang"]
    return (list(outline_titles(reader.outline)), sorted(reader.named_destinations), language,
            "/StructTreeRoot" in reader.trailer["/Root"])


def test_every_engine_makes_the_same_book_as_mkdocs(tmp_path_factory, real_site):
    """The same pages in the same order with the same text (hyphenation included), the same
    bookmarks, link targets (every citation's reference), language and tags."""
    from conftest import build_real_site

    mkdocs = build_real_site(tmp_path_factory, "mkdocs").site
    if real_site.engine == "mkdocs":
        pytest.skip("MkDocs' own book is the one compared against")
    mine, theirs = page_texts(real_site.site), page_texts(mkdocs)
    assert len(mine) == len(theirs) > 50
    differing = [number + 1 for number, (a, b) in enumerate(zip(mine, theirs, strict=True)) if a != b]
    assert differing == [], f"{real_site.engine}: pages {differing} differ from MkDocs'"
    assert book_structure(real_site.site) == book_structure(mkdocs)
