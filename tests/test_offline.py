"""The offline build (OFFLINE=true; MkDocs and Zensical) opened from disk over file:// in headless Chromium: search
finds pages, the research index's filter works, and nothing is requested from any host."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import requested_urls, site_search

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline(offline_site):
    """The offline build's folder, from MkDocs, then from Zensical (conftest.offline_site)."""
    return offline_site.site


def test_search_works_from_disk(browser, offline):
    requested_urls(browser)  # start a fresh network log
    browser.get((offline / "index.html").as_uri())
    results = site_search(browser, "samarbeidsavtale")
    assert any(href.startswith("file://") and "nav/index.html" in href for href in results), results
    assert all(url.startswith(("file://", "data:", "blob:", "about:")) for url in requested_urls(browser))


def test_research_index_filter_works_from_disk(browser, offline):
    browser.get((offline / "forskning" / "index.html").as_uri())
    field = WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "kb-filter-input"))
    WebDriverWait(browser, 10).until(lambda d: field.is_displayed())
    field.send_keys("NIBR")
    WebDriverWait(browser, 5).until(lambda d: [li.get_attribute("data-kb-key") for li in
                                               d.find_elements(By.CSS_SELECTOR, "ol.kb-works > li")] == ["tronstad2015"])
    link = browser.find_element(By.CSS_SELECTOR, "ol.kb-works a.kb-work-title")
    assert link.get_attribute("href").endswith("/forskning/tronstad2015.html")


def test_no_request_leaves_the_disk(browser, offline):
    pages = ["index.html", "nav/index.html", "forskning/index.html", "forskning/djuve2017.html",
             "verktoy/hvem-gjor-hva.html"]
    requested_urls(browser)
    for path in pages:
        browser.get((offline / path).as_uri())
        WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    urls = requested_urls(browser)
    assert urls, "the network log recorded nothing"
    assert [u for u in urls if not u.startswith(("file://", "data:", "blob:", "about:"))] == []
