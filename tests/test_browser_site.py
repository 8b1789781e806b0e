"""The real site served on 127.0.0.1, in headless Chromium: axe finds no WCAG 2.1 AA or
best-practice violation on any page (light and dark, desktop and phone width) and no request
leaves for another host, built with MkDocs and with Zensical (`served_site`); the keyboard
reaches everything, and screenshots for review (MkDocs)."""

import re
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import NO_TRANSITIONS, ROOT, new_browser, requested_urls, run_axe, site_pages

pytestmark = pytest.mark.browser
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


@pytest.mark.parametrize("width", [1280, 375])
def test_axe_every_page_light_and_dark(browser_site, served_site, width):
    driver = new_browser(width=width)
    found = []
    try:
        for path in site_pages(browser_site.site):
            driver.get(served_site + path)
            driver.execute_script(NO_TRANSITIONS)
            for scheme in ("default", "slate"):
                driver.execute_script(
                    "document.body.setAttribute('data-md-color-scheme', arguments[0])", scheme)
                found += [f"{path} [{scheme}, {width}px] {v}" for v in run_axe(driver)]
    finally:
        driver.quit()
    assert found == []


def test_no_request_leaves_the_site(browser_site, served_site, browser):
    foreign = []
    requested_urls(browser)
    for path in site_pages(browser_site.site):
        browser.get(served_site + path)
        WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        foreign += [f"{path}: {url}" for url in requested_urls(browser)
                    if not url.startswith((served_site, "data:", "blob:", "about:"))]
    assert foreign == []


def test_palette_toggle_offers_dark_mode(served, browser):
    browser.get(served)
    toggle = browser.find_element(By.CSS_SELECTOR, "form[data-md-component=palette] label[title]")
    assert toggle.get_attribute("title") == "Bytt til mørk modus"
    toggle.click()
    WebDriverWait(browser, 5).until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-md-color-scheme") == "slate")
    browser.execute_script("localStorage.clear()")


def tab_until(driver, predicate, limit=150):
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    for _ in range(limit):
        if predicate(driver.switch_to.active_element):
            return driver.switch_to.active_element
        driver.switch_to.active_element.send_keys(Keys.TAB)
    pytest.fail("not reached with the Tab key")


def test_skip_link_comes_first_and_is_visible(served, browser):
    browser.get(served + "nav/")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    first = browser.switch_to.active_element
    # it slides into view when focused
    WebDriverWait(browser, 2).until(lambda d: first.is_displayed())
    assert first.text == "Gå til innhold" and first.size["height"] > 0
    first.send_keys(Keys.ENTER)
    assert browser.current_url.endswith("#samarbeid-med-nav")


def test_focus_is_visible(served, browser):
    browser.get(served + "nav/")
    link = tab_until(browser, lambda e: e.tag_name == "a" and "md-content" in
                     browser.execute_script("return arguments[0].closest('.md-content') ? 'md-content' : ''", e))
    style = browser.execute_script("var s = getComputedStyle(arguments[0]); return [s.outlineStyle, s.outlineWidth]", link)
    assert style[0] != "none" and style[1] != "0px"


def test_citation_hover_text_shows_on_keyboard_focus(served, browser):
    browser.get(served + "nav/")
    cite = tab_until(browser, lambda e: "kb-cite" in (e.get_attribute("class") or ""))
    tooltip_id = cite.get_attribute("aria-describedby")
    WebDriverWait(browser, 5).until(lambda d: "md-tooltip2--active" in
                                    d.find_element(By.ID, tooltip_id).get_attribute("class"))
    tooltip = browser.find_element(By.ID, tooltip_id)
    assert tooltip.is_displayed()
    # the full reference of the work cited (an IMDi page, with its date)
    assert re.search(r"Integrerings- og mangfoldsdirektoratet\. \(20\d\d[ab]?, \d+\. \w+\)\. \S", tooltip.text)


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots_for_review(served, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver = new_browser(width=width, height=1000)
    try:
        for name, path in [("forside", ""), ("nav", "nav/"), ("forskning", "forskning/")]:
            driver.get(served + path)
            time.sleep(0.3)
            target = SCREENSHOTS / f"{name}-{width}.png"
            driver.save_screenshot(str(target))
            assert target.stat().st_size > 10_000
    finally:
        driver.quit()
