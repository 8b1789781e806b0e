"""The site's own search box, driven in headless Chromium: type a query as a reader would and
read the result list in the order the engine shows it. Material (MkDocs) and Zensical draw
different search UIs; each gets a driver here, and both answer with the pages in order.

Used by the search benchmark (benchmarks/search.py) and the browser tests."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ENGINES = ("mkdocs", "zensical")
SETTLE = 0.35  # s the result list must stay the same before it counts as the answer
TIMEOUT = 10.0

# Material: the dialog is in the page.
_MATERIAL_OPEN = "document.querySelector('label[for=__search]').click()"
_MATERIAL_STATE = """
const meta = document.querySelector('.md-search-result__meta');
const links = [...document.querySelectorAll('li.md-search-result__item > a.md-search-result__link')];
return [meta ? meta.textContent.trim() : '', links.map(a => a.href),
        links.map(a => [a.querySelector('h1, h2')?.textContent.trim() || '',
                        a.closest('li.md-search-result__item')?.parentElement
                         ?.closest('li')?.querySelector('h1')?.textContent.trim() || ''])];
"""
# Zensical: the dialog is drawn in a shadow root on an element of <body>.
_ZENSICAL_ROOT = ("const host = [...document.body.children].find(e => e.shadowRoot && "
                  "e.shadowRoot.querySelector('dialog')); const root = host && host.shadowRoot;")
_ZENSICAL_OPEN = "document.querySelector('.md-search__button').click()"
_ZENSICAL_INPUT = _ZENSICAL_ROOT + "if (!root) return null; const i = root.querySelector('input'); i.focus(); return i;"
_ZENSICAL_STATE = _ZENSICAL_ROOT + """
if (!root) return ['', [], []];
const status = root.querySelector('[role=status]');
const links = [...root.querySelectorAll('ol[role=listbox] a[role=option]')];
return [status ? status.textContent.trim() : '', links.map(a => a.href),
        links.map(a => [a.querySelector('h2')?.textContent.trim() || '',
                        [...a.querySelectorAll('menu li')].map(li => li.textContent.trim()).join(' › ')])];
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """The built site on 127.0.0.1, as a reader's browser sees it; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def page_of(href: str, base: str) -> str:
    """'http://127.0.0.1:8000/nav/?h=x#y' -> 'nav/'."""
    return urlsplit(href).path.removeprefix(urlsplit(base).path)


def search(driver, base: str, engine: str, query: str) -> list[tuple[str, str, str]]:
    """What the search shows for `query`, in order: (page, section title, page context) for
    each result, from a freshly loaded front page so no earlier query lingers."""
    driver.get(base)
    if engine == "mkdocs":
        driver.execute_script(_MATERIAL_OPEN)
        box = _wait(lambda: driver.execute_script(
            "const i = document.querySelector('input.md-search__input'); i.focus(); return i;"))
        state = _MATERIAL_STATE
    elif engine == "zensical":
        _wait(lambda: driver.execute_script("return !!document.querySelector('.md-search__button')"))
        driver.execute_script(_ZENSICAL_OPEN)
        box = _wait(lambda: driver.execute_script(_ZENSICAL_INPUT))
        state = _ZENSICAL_STATE
    else:
        raise ValueError(f"unknown engine {engine!r} (one of {', '.join(ENGINES)})")
    before = driver.execute_script(state)[0]  # the placeholder
    box.send_keys(query)
    last, since = None, time.monotonic()
    deadline = since + TIMEOUT
    while time.monotonic() < deadline:
        meta, hrefs, titles = driver.execute_script(state)
        current = (meta, tuple(hrefs))
        if current != last:
            last, since = current, time.monotonic()
        elif meta and (meta != before or hrefs) and time.monotonic() - since >= SETTLE:
            return [(page_of(h, base), *t) for h, t in zip(hrefs, titles, strict=True)]
        time.sleep(0.05)
    raise TimeoutError(f"the {engine} search for {query!r} did not settle in {TIMEOUT:.0f} s")


def pages(results: list[tuple[str, str, str]]) -> list[str]:
    """The pages of a result list, in order, each once."""
    seen: list[str] = []
    for page, _title, _context in results:
        if page not in seen:
            seen.append(page)
    return seen


def message(driver, engine: str) -> str:
    """The search dialog's status line ("Ingen treff", "3 treff", ...)."""
    return driver.execute_script(_MATERIAL_STATE if engine == "mkdocs" else _ZENSICAL_STATE)[0]


def _wait(find, timeout: float = TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = find()
        if found:
            return found
        time.sleep(0.05)
    raise TimeoutError("the search box did not open")
