"""Norwegian search in the real search box: definite and plural forms, the genitive -s,
hyphenated words and the parts of compounds find the page that uses the base form."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from search_cases import QUERIES

pytestmark = pytest.mark.browser



def open_search(browser, served):
    """A fresh page each time, so no earlier query's results can linger."""
    browser.get(served)
    browser.execute_script("document.querySelector('label[for=__search]').click()")
    return WebDriverWait(browser, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "input.md-search__input"))


def first_pages(browser, served, count=5):
    # Read the list in one script call: it is re-rendered as results arrive.
    hrefs = browser.execute_script(
        "return [...document.querySelectorAll('li.md-search-result__item > a.md-search-result__link')]"
        ".map(a => a.href)")
    pages = []
    for href in hrefs:
        page = href.split("?")[0].split("#")[0].removeprefix(served)
        if page not in pages:
            pages.append(page)
    return pages[:count]


@pytest.mark.parametrize("query, page", QUERIES, ids=[q for q, _ in QUERIES])
def test_inflected_query_finds_the_page(served, browser, query, page):
    open_search(browser, served).send_keys(query)
    WebDriverWait(browser, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "li.md-search-result__item")
        and d.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text != "Skriv søkeord")
    WebDriverWait(browser, 5).until(lambda d: page in first_pages(d, served),
                                    message=f"{query!r} did not find {page}")
