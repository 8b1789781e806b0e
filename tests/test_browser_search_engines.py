"""Search on both engines, in the site's own search box in headless Chromium: the reference
apparatus is not searched, Norwegian forms, compounds and the sector's words find their pages,
a search with no result points elsewhere, each result names its page and section, and the
ranking benchmark meets its target (the quick variant, on MkDocs; `make bench` runs it all)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import search
import search_ui
from conftest import ROOT, new_browser
from search_cases import QUERIES as INFLECTED

pytestmark = pytest.mark.browser
PROJECT = ("mkdocs.yml", "references.bib", "docs", "overrides", "includes")

# Pages that guide (not the research index, not the page about the site).
GUIDANCE = sorted(
    path.relative_to(ROOT / "docs").with_suffix("").as_posix().removesuffix("index").rstrip("/") + "/"
    for path in (ROOT / "docs").rglob("*.md")
    if not path.relative_to(ROOT / "docs").as_posix().startswith(("forskning/", "om/")))

# The sector's words (includes/terms.yml): what a reader types, a page that must be among the
# first five; none of these words is on that page.
SYNONYMS = [
    ("introduksjonsregisteret", "kommunen/"),               # NIR
    ("fylket", "fylkeskommunen/"),
    ("tilskot", "fylkeskommunen/"),                          # nynorsk
    ("arbeidsgjevarar", "arbeidsgivere/"),                   # nynorsk
    ("introstønad", "kommunen/"),                            # introduksjonsstønad
]
# Apparatus a reader does not search for: the BibTeX blocks, the backlinks' "Sitert her" and
# authors named only in the reference lists (the label says Fafo and NORCE).
APPARATUS = ["BibTeX", "Sitert her", "Kavli", "Guribye", "Eimhjellen"]


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The real site built by each engine (no PDF)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_PDF": "false"}
    out = tmp_path_factory.mktemp("search-mkdocs") / "site"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    root = tmp_path_factory.mktemp("search-zensical")
    for name in PROJECT:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, root / name)
    for command in ([sys.executable, "-m", "kb_zensical", "."],
                    [str(Path(sys.executable).parent / "zensical"), "build", "--clean", "-f", "build/zensical.yml"]):
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
    return {"mkdocs": out, "zensical": root / "build" / "zensical" / "site"}


@pytest.fixture(scope="module", params=search_ui.ENGINES)
def served(request, sites):
    with search_ui.serve(sites[request.param]) as base:
        yield request.param, base


@pytest.fixture(scope="module")
def chromium():
    driver = new_browser()
    yield driver
    driver.quit()


def first_pages(chromium, served, query: str, count: int = 5) -> list[str]:
    engine, base = served
    return search_ui.pages(search_ui.search(chromium, base, engine, query))[:count]


@pytest.mark.parametrize("query", APPARATUS)
def test_the_reference_apparatus_finds_no_guidance_page(chromium, served, query):
    found = first_pages(chromium, served, query, count=50)
    assert [page for page in found if page in GUIDANCE] == [], (served[0], query, found)


def test_an_author_named_only_in_reference_lists_finds_the_work(chromium, served):
    assert first_pages(chromium, served, "Kavli")[:1] == ["forskning/djuve2017/"]


@pytest.mark.parametrize("query, page", INFLECTED + SYNONYMS, ids=[q for q, _ in INFLECTED + SYNONYMS])
def test_norwegian_forms_and_the_sectors_words_find_the_page(chromium, served, query, page):
    assert page in first_pages(chromium, served, query), (served[0], query)


@pytest.mark.parametrize("query, words", [
    ("flyktningtjenesten", ("flyktningetjenesten", "flyktningenheten")),  # a common misspelling
])
def test_the_sectors_words_find_the_pages_that_use_their_group(chromium, served, query, words):
    found = first_pages(chromium, served, query)
    assert found, served[0]
    for page in found:
        source = ROOT / "docs" / (page.rstrip("/") + ".md" if page.rstrip("/") else "index.md")
        if not source.exists():
            source = ROOT / "docs" / page / "index.md"
        text = source.read_text(encoding="utf-8").lower()
        assert any(word in text for word in words), (served[0], page)


def test_a_search_without_result_points_to_the_glossary_and_the_research_index(chromium, served):
    engine, base = served
    assert search_ui.search(chromium, base, engine, "xqzzyvv") == []
    links = chromium.execute_script(
        "const h = document.querySelector('.kb-search-hint') || [...document.body.children]"
        ".map(e => e.shadowRoot && e.shadowRoot.querySelector('.kb-search-hint')).find(Boolean);"
        "return h ? [...h.querySelectorAll('a')].map(a => a.href) : null")
    assert links == [base + "verktoy/ordliste/", base + "forskning/"], engine


def test_each_result_names_its_page_and_section(chromium, served):
    """Material lists a page's title, then its sections; Zensical gives each section with its
    page's place in the navigation."""
    engine, base = served
    shown = [(section, context) for page, section, context in
             search_ui.search(chromium, base, engine, "tjenstlig behov") if page == "nav/"]
    assert any("Deling av opplysninger om deltakeren" in section for section, _ in shown), (engine, shown)
    assert any("Samarbeid med Nav" in f"{section} {context}" for section, context in shown), (engine, shown)


def test_the_ranking_target_is_met_on_mkdocs(sites):
    """The quick variant of `make bench`: one engine, the same queries and target."""
    outcomes = search.run_queries(sites["mkdocs"], "mkdocs", search.load_queries())
    score = search.score(outcomes)
    misses = [(o.query.query, o.rank, o.shown[:3]) for o in outcomes if not o.rank or o.rank > 3]
    assert score.count >= 40
    assert score.top3 >= search.TARGET_TOP3, misses
