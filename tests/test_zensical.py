"""The real site built with Zensical (make build-zensical: the whole-site pass, then Zensical
with the knowledge base's extension): the same citations, hover text, "Kilder", research index
and cited-by lists as under MkDocs. (The same located messages for bad pages through both
engines: test_bad_pages.py.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, make_site, page

ZENSICAL = Path(sys.executable).parent / "zensical"
PROJECT = ("mkdocs.yml", "references.bib", "docs", "overrides", "includes")


def zensical_build(root: Path, *, skip_pass: bool = False) -> subprocess.CompletedProcess:
    """`make build-zensical` in `root`: the pass, then Zensical (or Zensical alone)."""
    environment = dict(os.environ)
    if not skip_pass:
        done = subprocess.run([sys.executable, "-m", "kb_zensical", "."], cwd=root,
                              capture_output=True, text=True, env=environment, timeout=600)
        if done.returncode:
            return done
    return subprocess.run([str(ZENSICAL), "build", "--clean", "-f", "build/zensical.yml"], cwd=root,
                          capture_output=True, text=True, env=environment, timeout=600)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("zensical")
    for name in PROJECT:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, root / name)
    done = zensical_build(root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "build" / "zensical" / "site"


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
def test_no_page_shows_other_citations_than_under_mkdocs(real_site, zensical_site):
    """The comparison: every page of the MkDocs build, the same under Zensical."""
    differing = []
    pages = sorted(real_site.site.rglob("index.html"))
    assert len(pages) > 60
    for mkdocs_page in pages:
        relative = mkdocs_page.relative_to(real_site.site)
        zensical_page = zensical_site / relative
        if not zensical_page.exists() or citations(mkdocs_page) != citations(zensical_page):
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

def fixture_site(tmp_path: Path, files: dict) -> Path:
    root = make_site(tmp_path, files=files)
    shutil.copytree(ROOT / "overrides", root / "overrides")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace(f"custom_dir: {ROOT}/overrides", "custom_dir: overrides"))
    return root


@pytest.mark.build
def test_zensical_alone_stops_at_an_unknown_key_with_its_location(tmp_path):
    """Where Zensical is run without the pass, its extension stops the build itself."""
    root = fixture_site(tmp_path, {})
    assert zensical_build(root).returncode == 0  # the pass once on good pages, for the config
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


@pytest.mark.browser
def test_axe_finds_nothing_on_the_zensical_build(zensical_site):
    """WCAG 2.1 AA and axe's best practices on every page Zensical built, light and dark."""
    import functools
    import http.server
    import threading

    from conftest import new_browser
    from conftest import AXE, NO_TRANSITIONS, _QuietHandler, run_axe, site_pages

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(zensical_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    driver = new_browser(width=1280)
    found = []
    try:
        assert AXE.exists(), "axe-core is missing: run `make test` (it runs npm ci)"
        for path in site_pages(zensical_site):
            driver.get(f"http://127.0.0.1:{server.server_port}/{path}")
            driver.execute_script(NO_TRANSITIONS)
            for scheme in ("default", "slate"):
                driver.execute_script("document.body.setAttribute('data-md-color-scheme', arguments[0])", scheme)
                found += [f"{path} [{scheme}] {v}" for v in run_axe(driver)]
    finally:
        driver.quit()
        server.shutdown()
    assert found == []
