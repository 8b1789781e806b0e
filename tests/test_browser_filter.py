"""The research index's filter box in headless Chromium, over file:// as a reader offline
would open it: it narrows the list as you type, announces the count, sorts, and works by
keyboard alone."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import build_site, page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    # Plain .html files, as in the offline build, so the pages open from disk.
    build = build_site(tmp_path_factory.mktemp("filter"), "minimal", {
        "docs/index.md": page("# Forside\n\n[@djuve2017] [@djuve2017] [@tronstad2015]\n")},
        "--no-directory-urls")
    assert build.returncode == 0, build.output
    return build


def open_index(browser, site):
    browser.get((site.site / "forskning/index.html").as_uri())
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "kb-filter-input").is_displayed())


def shown(browser):
    return [li.get_attribute("data-kb-key") for li in browser.find_elements(By.CSS_SELECTOR, "ol.kb-works > li")]


def wait_for_status(browser, expected):
    """Wait until the live region announces `expected`; a timeout fails the test, naming it."""
    WebDriverWait(browser, 5).until(lambda d: d.find_element(By.ID, "kb-filter-status").text == expected,
                                    message=f"the filter never announced {expected!r}")


def test_typing_narrows_the_list_and_announces_the_count(browser, site):
    open_index(browser, site)
    assert shown(browser) == ["djuve2017", "rohnebaek2018", "tronstad2015"]
    field = browser.find_element(By.ID, "kb-filter-input")
    field.send_keys("nibr")
    wait_for_status(browser, "1 av 3 kilder passer til «nibr».")
    assert shown(browser) == ["tronstad2015"]
    field.clear()
    field.send_keys("2017:31")
    wait_for_status(browser, "1 av 3 kilder passer til «2017:31».")
    assert shown(browser) == ["djuve2017"]
    field.clear()
    field.send_keys("finnes ikke")
    wait_for_status(browser, "Ingen kilder passer til «finnes ikke».")
    assert shown(browser) == []
    field.clear()
    field.send_keys(" ", Keys.BACKSPACE)
    wait_for_status(browser, "3 kilder.")
    assert shown(browser) == ["djuve2017", "rohnebaek2018", "tronstad2015"]


def test_sorting(browser, site):
    open_index(browser, site)
    menu = Select(browser.find_element(By.ID, "kb-sort"))
    menu.select_by_value("newest")
    WebDriverWait(browser, 5).until(lambda d: shown(d) == ["rohnebaek2018", "djuve2017", "tronstad2015"])
    menu.select_by_value("cited")
    WebDriverWait(browser, 5).until(lambda d: shown(d)[0] == "djuve2017")
    links = browser.find_elements(By.CSS_SELECTOR, "ol.kb-works a.kb-work-title")
    assert links[0].get_attribute("href").endswith("/forskning/djuve2017.html")


def test_usable_by_keyboard_alone(browser, site):
    open_index(browser, site)
    body = browser.find_element(By.TAG_NAME, "body")
    for _ in range(60):
        body.send_keys(Keys.TAB) if browser.switch_to.active_element.tag_name == "body" else \
            browser.switch_to.active_element.send_keys(Keys.TAB)
        if browser.switch_to.active_element.get_attribute("id") == "kb-filter-input":
            break
    else:
        pytest.fail("the filter box is never reached with Tab")
    browser.switch_to.active_element.send_keys("fafo")
    wait_for_status(browser, "1 av 3 kilder passer til «fafo».")
    browser.switch_to.active_element.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("id") == "kb-sort"
    # the focused field shows a visible outline
    outline = browser.execute_script(
        "return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
