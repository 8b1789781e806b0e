"""The real site built with Zensical (make build-zensical: the whole-site pass, then Zensical
with the knowledge base's extension, then the PDF, swapped in whole) and with ProperDocs: the
same citations, hover text, "Kilder", research index and cited-by lists as under MkDocs. (The
same located messages for bad pages through both engines: test_bad_pages.py.) What Zensical
0.1 would change, and why the project stays on 0.0.73, is pinned at the end."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, fixture_site, page, zensical_build, zensical_pass


def citations(path: Path):
    """What a reader sees of the citations on a page: each citation's text and keys, each
    link's target, hover text and number, the "Kilder" list, the page's own facts."""
    article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")
    if article is None:
        return None

    def text(element):
        return " ".join(element.get_text().split()) if element else None

    return {
        "citations": [(text(c), c["data-cites"]) for c in article.select("span.kb-citation")],
        "links": [(a["href"], a["title"], a.get("id")) for a in article.select("a.kb-cite, a.kb-cite-via")],
        "kilder": [text(li) for li in article.select("ul.kb-references > li")],
        "cited by": text(article.select_one(".kb-cited-by")),
        "counts": [text(c) for c in article.select(".kb-count")],
        "dates": text(article.select_one(".kb-page-dates")),
        "cite this page": text(article.select_one("details.kb-cite-page")),
    }


@pytest.mark.site
def test_no_page_shows_other_citations_than_under_mkdocs(real_site, built_site):
    """The comparison: every page of the MkDocs build, the same under each engine."""
    differing = []
    pages = sorted(real_site.site.rglob("index.html"))
    assert len(pages) > 60
    for mkdocs_page in pages:
        relative = mkdocs_page.relative_to(real_site.site)
        other = built_site.site / relative
        if not other.exists() or citations(mkdocs_page) != citations(other):
            differing.append(str(relative))
    assert differing == []


GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


@pytest.mark.site
def test_properdocs_writes_the_same_site_as_mkdocs(tmp_path_factory, real_site):
    """ProperDocs, run unchanged on the project, writes every file MkDocs writes, the same
    bytes but for the generator tag (and the PDF's build time)."""
    from conftest import build_real_site

    properdocs = build_real_site(tmp_path_factory, "properdocs").site
    files = sorted(p.relative_to(real_site.site) for p in real_site.site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(properdocs) for p in properdocs.rglob("*") if p.is_file())
    differing = []
    for relative in files:
        if relative.suffix in (".pdf", ".gz"):
            continue
        mine, theirs = (real_site.site / relative).read_bytes(), (properdocs / relative).read_bytes()
        if relative.suffix == ".html":
            mine, theirs = (GENERATOR.sub("", b.decode()).encode() for b in (mine, theirs))
        if mine != theirs:
            differing.append(str(relative))
    assert differing == []


@pytest.mark.site
def test_citations_link_to_their_work_pages(zensical_site):
    article = BeautifulSoup((zensical_site / "nav/arbeidsrettede-tiltak/index.html").read_text(),
                            "html.parser").select_one("article")
    first = article.select_one("a.kb-cite")
    assert first["href"].startswith("../../forskning/") and first["title"]
    assert (zensical_site / "nav/arbeidsrettede-tiltak" / first["href"] / "index.html").resolve().exists()
    assert " sitert i " in article.get_text()
    assert article.select("ul.kb-references > li span.Z3988")


@pytest.mark.site
def test_research_index_with_cited_by(zensical_site):
    work = BeautifulSoup((zensical_site / "forskning/espegren2019/index.html").read_text(), "html.parser")
    assert work.select_one(".kb-cited-by-count").get_text().startswith("Sitert ")
    for link in work.select(".kb-cited-by a"):
        target = (zensical_site / "forskning/espegren2019" / link["href"].split("#")[0]).resolve()
        assert (target / "index.html").exists(), link["href"]
    index = BeautifulSoup((zensical_site / "forskning/index.html").read_text(), "html.parser")
    assert len(index.select("li.kb-work")) >= 15
    assert (zensical_site / "forskning/kilder.bib").exists() and (zensical_site / "forskning/katalog.js").exists()


# --- the same located messages ------------------------------------------------------------------

@pytest.mark.build
def test_zensical_alone_stops_at_an_unknown_key_with_its_location(tmp_path):
    """Where Zensical is run without the pass, its extension stops the build itself."""
    root = fixture_site(tmp_path, {})
    assert zensical_pass(root).returncode == 0  # the pass once on good pages, for the config
    typo = page("# F\n\nSe [@djuve2071].\n")
    (root / "build/zensical/docs/index.md").write_text(typo)
    (root / "docs/index.md").write_text(typo)
    done = zensical_build(root, skip_pass=True)
    assert done.returncode == 1
    assert "docs/index.md:8: unknown citation key 'djuve2071' (did you mean 'djuve2017'?)" in done.stdout + done.stderr


@pytest.mark.site
def test_task_list_checkboxes_are_named_as_under_mkdocs(real_site, zensical_site):
    def names(site):
        page = BeautifulSoup((site / "verktoy/sjekklister/index.html").read_text(), "html.parser")
        return [box.get("aria-label") for box in page.select("li.task-list-item input")]
    assert names(zensical_site) == names(real_site.site) and all(names(zensical_site))


@pytest.mark.site
def test_the_footer_credit_is_in_norwegian_in_both_engines(real_site, zensical_site):
    def credit(site):
        page = BeautifulSoup((site / "index.html").read_text(), "html.parser")
        return " ".join(page.select_one(".md-copyright").get_text(" ").split())
    assert "Laget med Material for MkDocs" in credit(real_site.site)
    assert "Laget med Zensical" in credit(zensical_site)
    assert "Made with" not in credit(real_site.site) + credit(zensical_site)


# --- atomic builds -------------------------------------------------------------------------------

def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("breakage", ["a bad page", "a template Zensical cannot read"])
@pytest.mark.build
def test_a_failed_zensical_build_leaves_the_last_good_site(tmp_path, breakage):
    """Probe F-25: the pass used to remove build/zensical, the site with it, before it knew
    the pages were good. Now a build that fails for any reason keeps the last good site and
    leaves no staging folder behind."""
    root = fixture_site(tmp_path, {})
    assert zensical_build(root).returncode == 0
    site = root / "build" / "zensical" / "site"
    before = site_files(site)
    assert "index.html" in before
    if breakage == "a bad page":
        (root / "docs/index.md").write_text(page("# F\n\nSe [@djuve2071].\n"))
    else:
        (root / "overrides/main.html").write_text("{% extends 'base.html' %}{% block content %}{% if %}")
    done = zensical_build(root)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "site/ is left as it was" in done.stderr
    assert site_files(site) == before
    assert [p.name for p in site.parent.iterdir() if p.name.startswith(".site-")] == []


# --- Zensical 0.1 ----------------------------------------------------------------------------------

@pytest.mark.unit
def test_zensical_stays_on_0_0_until_the_index_serves_zensical_ui():
    """Every Zensical 0.1.x requires zensical-ui (its templates moved there), which the
    package index does not serve, so the project pins 0.0.73, the newest installable. When
    zensical-ui can be installed: pin zensical (0.1.x) and zensical-ui in requirements/test.txt,
    run `make build-zensical` (kb_zensical.templates already looks for the templates in
    zensical-ui), update this test and the README's engine table. 0.1 replaces inherited
    lists instead of appending to them (its config._merge_inherited), so write_config must
    then restate mkdocs.yml's markdown_extensions, extra_css and extra_javascript whole."""
    pins = dict(line.split("#")[0].strip().split("==") for line in
                (ROOT / "requirements" / "test.txt").read_text(encoding="utf-8").splitlines()
                if "==" in line and not line.startswith("#"))
    assert pins["zensical"] == version("zensical") == "0.0.73"
    assert "zensical-ui" not in pins


@pytest.mark.build
def test_sigterm_during_the_zensical_build_leaves_the_last_good_site(tmp_path):
    """Stopped while it makes the PDF (Zensical has written the staging folder), the build
    exits 143, keeps the last good site and removes its staging folder."""
    import signal
    import time

    root = fixture_site(tmp_path, {})
    assert zensical_build(root).returncode == 0
    site = root / "build" / "zensical" / "site"
    before = site_files(site)
    build = subprocess.Popen([sys.executable, "-m", "kb_zensical.build", "."], cwd=root,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "KB_PDF": "true"})
    deadline = time.monotonic() + 120
    while not any((p / "index.html").exists() for p in site.parent.glob(".site-building-*")):
        assert build.poll() is None and time.monotonic() < deadline, "the build ended before it was stopped"
        time.sleep(0.05)
    build.send_signal(signal.SIGTERM)
    build.communicate(timeout=120)
    assert build.returncode == 143
    assert site_files(site) == before
    assert [p.name for p in site.parent.iterdir() if p.name.startswith(".site-")] == []


# --- one rendering ----------------------------------------------------------------------------

def without_count_attribute(html: str) -> str:
    """The route fills the counts after Zensical has removed the search attributes from its
    pages (kb_zensical.fill), so its count spans keep theirs: the one difference allowed."""
    return html.replace('class="kb-count" data-search-exclude>', 'class="kb-count">')


@pytest.mark.build
def test_one_rendering_makes_the_site_two_renderings_made(tmp_path):
    """`make build-zensical` renders each page once (Zensical's rendering records what the
    research index needs, kb_zensical.fill completes it); the pass alone renders every page
    itself and Zensical renders them again. Every file of the two sites is the same: cited-by
    lists (citations inside an admonition and a snippet included), counts, the catalogue,
    the search index."""
    config = (ROOT / "tests/fixtures/minimal/mkdocs.yml").read_text(encoding="utf-8")
    files = {
        "mkdocs.yml": config.replace("${ROOT}/overrides", "overrides") + (
            "  - admonition\n  - pymdownx.snippets:\n      base_path: [includes]\n"),
        "docs/a.md": page("# A\n\n!!! note \"Merk\"\n\n    Inni en boks [@djuve2017].\n\n"
                          "## Del\n\nSe @tronstad2015 [s. 4] og [@djuve2017; @rohnebaek2018].\n"),
        "docs/b.md": page("# B\n\n--8<-- \"b-snippet.md\"\n"),
        "includes/b-snippet.md": "Fra en snutt [@rohnebaek2018].\n",
    }
    root = fixture_site(tmp_path, files)
    once = zensical_build(root)
    assert once.returncode == 0, once.stderr
    site = root / "build" / "zensical" / "site"
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert zensical_pass(root).returncode == 0
    twice = subprocess.run([sys.executable, "-m", "zensical", "build", "--clean", "-f",
                            "build/zensical.yml"], cwd=root, capture_output=True, text=True, timeout=600)
    assert twice.returncode == 0, twice.stderr
    second = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    differing = [str(name) for name in first if name.suffix != ".pdf" and
                 without_count_attribute(first[name].decode("utf-8", "replace"))
                 != without_count_attribute(second[name].decode("utf-8", "replace"))]
    assert differing == []
    def cited_by(key):
        work = BeautifulSoup((site / f"forskning/{key}/index.html").read_text(), "html.parser")
        return " ".join(work.select_one(".kb-cited-by").get_text().split())
    assert "Merk" in (site / "a/index.html").read_text()  # the admonition was one
    # page A: once under its title (inside the admonition), once under "Del"
    assert cited_by("djuve2017").startswith("A A (1 sitering: 1) Del (1 sitering: 1)")
    assert cited_by("rohnebaek2018") == "A Del (1 sitering: 1) B B (1 sitering: 1)"  # B: the snippet
