"""The offline build (OFFLINE=true) opened from disk over file:// in headless Chromium: search
finds pages, the research index's filter works, and nothing is requested from any host."""

import os
import subprocess
import sys

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT, requested_urls

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("offline") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=ROOT,
        capture_output=True, text=True, timeout=900,
        env={**os.environ, "OFFLINE": "true", "KB_PDF": "false", "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def search(browser, query):
    browser.execute_script("document.querySelector('label[for=\"__search\"]').click()")
    field = WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "input.md-search__input"))
    field.clear()
    field.send_keys(query)
    WebDriverWait(browser, 15).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__item"))
    return [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".md-search-result__link")]


def test_search_works_from_disk(browser, offline_site):
    requested_urls(browser)  # start a fresh network log
    browser.get((offline_site / "index.html").as_uri())
    results = search(browser, "samarbeidsavtale")
    assert any(href.startswith("file://") and "nav/index.html" in href for href in results), results
    assert all(url.startswith(("file://", "data:", "blob:", "about:")) for url in requested_urls(browser))


def test_research_index_filter_works_from_disk(browser, offline_site):
    browser.get((offline_site / "forskning" / "index.html").as_uri())
    field = WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "kb-filter-input"))
    WebDriverWait(browser, 10).until(lambda d: field.is_displayed())
    field.send_keys("NIBR")
    WebDriverWait(browser, 5).until(lambda d: [li.get_attribute("data-kb-key") for li in
                                               d.find_elements(By.CSS_SELECTOR, "ol.kb-works > li")] == ["tronstad2015"])
    link = browser.find_element(By.CSS_SELECTOR, "ol.kb-works a.kb-work-title")
    assert link.get_attribute("href").endswith("/forskning/tronstad2015.html")


def test_no_request_leaves_the_disk(browser, offline_site):
    pages = ["index.html", "nav/index.html", "forskning/index.html", "forskning/djuve2017.html",
             "verktoy/hvem-gjor-hva.html"]
    requested_urls(browser)
    for path in pages:
        browser.get((offline_site / path).as_uri())
        WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    urls = requested_urls(browser)
    assert urls, "the network log recorded nothing"
    assert [u for u in urls if not u.startswith(("file://", "data:", "blob:", "about:"))] == []
