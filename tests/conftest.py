"""Shared helpers: the test tiers and their enforcement; build a fixture site with the
project's hooks in a subprocess, as a reader's `mkdocs build` would, and read what it wrote;
convert Markdown in process; a headless Chromium."""

from __future__ import annotations

import _posixsubprocess
import asyncio
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from search_ui import serve

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The tests' builds are looked at on this machine, not published (buildkit.publishing): every
# build and pass they start inherits this; a test of the rule itself sets KB_LOCAL="".
os.environ.setdefault("KB_LOCAL", "true")


# --- tiers by cost (pytest.ini) ----------------------------------------------------------------

TIERS = ("unit", "build", "site", "browser")
# fixtures that make a test cost more than its tier allows: fixture -> the tiers that may use it
FIXTURE_TIERS = {"real_site": ("site", "browser"), "zensical_site": ("site", "browser"),
                 "built_site": ("site", "browser"), "browser_site": ("browser",),
                 "offline_site": ("browser",), "served": ("browser",), "served_site": ("browser",),
                 "browser": ("browser",)}


def tier_problem(markers: Iterable[str], fixtures: Iterable[str]) -> str | None:
    """What is wrong with a test's tier, given its markers' and fixtures' names, or None."""
    tiers = sorted({name for name in markers if name in TIERS})
    if not tiers:
        return f"has no tier: mark it (or its module, with pytestmark) with one of {', '.join(TIERS)}"
    if len(tiers) > 1:
        return f"has two tiers ({' and '.join(tiers)}): a test has exactly one"
    for fixture in fixtures:
        if fixture in FIXTURE_TIERS and tiers[0] not in FIXTURE_TIERS[fixture]:
            return (f"is a {tiers[0]} test using the fixture '{fixture}', which only "
                    f"{' and '.join(FIXTURE_TIERS[fixture])} tests may use")
    return None


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects: every collected test is checked
def pytest_collection_modifyitems(config, items):
    problems = [f"{item.nodeid} {problem}" for item in items
                if (problem := tier_problem((m.name for m in item.iter_markers()), item.fixturenames))]
    if problems:
        raise pytest.UsageError("tests without exactly one tier (pytest.ini):\n" + "\n".join(problems))


class UnitTierError(pytest.fail.Exception):
    """A unit test did what only a costlier tier may. A BaseException, as pytest.fail's is:
    code under test that catches Exception (a missing program, say) cannot swallow it."""


@dataclass
class _Tier:
    """The tier of the test being run (set around its setup, call and teardown), and what it
    was refused: reported again when the phase ends, in case the code under test caught it."""

    current: str | None = None
    refused: list[str] = field(default_factory=list)

    def refuse(self, what: str) -> None:
        if self.current == "unit":
            message = (f"a unit test may not {what}: mark it `build` (or `site`), or test the "
                       "function in process (conftest.convert, markdown.Markdown)")
            self.refused.append(message)
            raise UnitTierError(message, pytrace=False)

    def check(self) -> None:
        refused, self.refused = self.refused, []
        if refused:
            raise UnitTierError(refused[0], pytrace=False)


TIER = _Tier()


def _refusing(what: str):
    def refuse(*args, **kwargs):
        TIER.refuse(what)
        raise AssertionError("unreachable")  # pragma: no cover
    return refuse


@contextmanager
def no_processes() -> Iterator[None]:
    """Every way Python starts a process refuses while this is active: subprocess (and so
    os.popen, asyncio and multiprocessing, which go through it or _posixsubprocess), os.system,
    os.fork, os.posix_spawn, os.spawn* and os.exec*."""
    refuse = _refusing("start a process")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(subprocess.Popen, "_execute_child", refuse)
        patch.setattr(_posixsubprocess, "fork_exec", refuse)
        patch.setattr(asyncio, "create_subprocess_exec", refuse)
        patch.setattr(asyncio, "create_subprocess_shell", refuse)
        for name in dir(os):
            if name in ("system", "fork", "forkpty", "posix_spawn", "posix_spawnp") or \
                    name.startswith(("spawn", "exec")):
                patch.setattr(os, name, refuse)
        yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """A unit test, its fixtures included, runs with processes and site builds refused."""
    tiers = [m.name for m in item.iter_markers() if m.name in TIERS]
    TIER.current = tiers[0] if tiers else None
    try:
        if TIER.current == "unit":
            with no_processes():
                return (yield)
        return (yield)
    finally:
        TIER.current = None
        TIER.refused.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    result = yield
    TIER.check()
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    TIER.check()
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    TIER.check()
    return result


@dataclass
class Build:
    root: Path
    returncode: int
    output: str
    site_dir: Path | None = None  # where the engine wrote the site, if not root/site
    engine: str = "mkdocs"

    @property
    def site(self) -> Path:
        return self.site_dir or self.root / "site"

    def html(self, path: str) -> BeautifulSoup:
        """The built page at `path` ('index.html', 'forskning/djuve2017/index.html')."""
        return BeautifulSoup((self.site / path).read_text(encoding="utf-8"), "html.parser")

    def text(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    @property
    def errors(self) -> list[str]:
        """The ERROR lines, without MkDocs' level prefix."""
        return [line.split("-", 1)[1].strip() for line in self.output.splitlines()
                if line.startswith("ERROR")]


def make_site(root: Path, fixture: str = "minimal", files: dict[str, str | bytes | None] | None = None) -> Path:
    """Copy a fixture into `root`, then add, replace (str/bytes) or delete (None) files."""
    TIER.refuse("make a fixture site")
    shutil.copytree(FIXTURES / fixture, root, dirs_exist_ok=True)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("${ROOT}", str(ROOT)), encoding="utf-8")
    for name, content in (files or {}).items():
        path = root / name
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def run_mkdocs(root: Path, *args: str, env: dict[str, str] | None = None) -> Build:
    """`mkdocs build --strict` in `root`; pass "--no-strict" in `args` to build without."""
    TIER.refuse("build a site")
    strict = [] if "--no-strict" in args else ["--strict"]
    command = [sys.executable, "-m", "mkdocs", "build", *strict, *args]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_PDF": "false", **(env or {})}
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=environment,
                            timeout=600)
    return Build(root, result.returncode, result.stdout + result.stderr)


# --- the Zensical route on a fixture site ------------------------------------------------

ZENSICAL = Path(sys.executable).parent / "zensical"


def zensical_build(root: Path, *, skip_pass: bool = False, env: dict | None = None
                   ) -> subprocess.CompletedProcess:
    """`make build-zensical` in `root` (without the PDF unless `env` asks for it), or Zensical
    alone on the project the pass wrote last."""
    environment = {**os.environ, "KB_PDF": "false", **(env or {})}
    if skip_pass:
        command = [str(ZENSICAL), "build", "--clean", "-f", "build/zensical.yml"]
    else:
        command = [sys.executable, "-m", "kb_zensical.build", "."]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, env=environment,
                          timeout=600)


def zensical_pass(root: Path) -> subprocess.CompletedProcess:
    """`python -m kb_zensical` in `root`: the pass alone, which writes build/zensical.yml for
    Zensical's own command line (kb_zensical.build writes a config only for its own build)."""
    return subprocess.run([sys.executable, "-m", "kb_zensical", "."], cwd=root, capture_output=True,
                          text=True, timeout=600)


def fixture_site(tmp_path: Path, files: dict) -> Path:
    root = make_site(tmp_path, files=files)
    shutil.copytree(ROOT / "overrides", root / "overrides")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace(f"custom_dir: {ROOT}/overrides", "custom_dir: overrides"))
    return root


def build_site(root: Path, fixture: str = "minimal", files=None, *args: str, env=None) -> Build:
    return run_mkdocs(make_site(root, fixture, files), *args, env=env)


def build_site_with(engine: str, root: Path, files=None, env=None) -> Build:
    """The fixture site built with `engine` ('mkdocs', or 'zensical' as `make build-zensical`
    builds it, PDF off unless `env` asks), for feature tests parametrised by engine."""
    if engine == "mkdocs":
        return build_site(root, "minimal", files, env=env)
    TIER.refuse("build a site")
    make_site(root, "minimal", files)
    shutil.copytree(ROOT / "overrides", root / "overrides")  # Zensical wants it inside the project
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        f"custom_dir: {ROOT}/overrides", "custom_dir: overrides"), encoding="utf-8")
    environment = {**os.environ, "KB_PDF": "false", **(env or {})}
    result = subprocess.run([sys.executable, "-m", "kb_zensical.build", "."], cwd=root,
                            capture_output=True, text=True, env=environment, timeout=600)
    return Build(root, result.returncode, result.stdout + result.stderr,
                 root / "build" / "zensical" / "site", engine)


# --- the real site, by engine ---------------------------------------------------------------

# Every engine the site is built with: MkDocs, ProperDocs (MkDocs' maintained fork, run
# unchanged) and Zensical (through kb_zensical.build). The browser tests run on MkDocs and
# Zensical: ProperDocs writes the same pages as MkDocs, which a site test checks page by page.
ENGINES = ("mkdocs", "properdocs", "zensical")
BROWSER_ENGINES = ("mkdocs", "zensical")
# What a Zensical build reads of the project (it builds a copy: build/ is the writer's own).
PROJECT = ("mkdocs.yml", "references.bib", "docs", "overrides", "includes")
_REAL_SITES: dict[tuple[str, bool], Build] = {}  # one build per engine and kind, per session


def build_real_site(tmp_path_factory, engine: str, offline: bool = False) -> Build:
    """The real knowledge base built with `engine`, once per session: with the PDF, or for
    reading from disk (`offline`, no PDF)."""
    TIER.refuse("read the real site")
    if (engine, offline) in _REAL_SITES:
        return _REAL_SITES[engine, offline]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OFFLINE": str(offline).lower()}
    if offline:
        env["KB_PDF"] = "false"
    folder = tmp_path_factory.mktemp(f"{engine}-{'offline' if offline else 'site'}")
    if engine == "zensical":
        for name in PROJECT:
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copyfile)(source, folder / name)
        if (ROOT / "node_modules").is_dir():
            (folder / "node_modules").symlink_to(ROOT / "node_modules")
        command, cwd = [sys.executable, "-m", "kb_zensical.build", "."], folder
        out = folder / "build" / "zensical" / "site"
    else:
        out = folder / "site"
        command = [sys.executable, "-m", engine, "build", "--strict", "-f", "mkdocs.yml",
                   "--site-dir", str(out)]
        cwd = ROOT
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=900, env=env)
    build = Build(folder, result.returncode, result.stdout + result.stderr, out, engine)
    assert build.returncode == 0, f"{engine}: {build.output}"
    _REAL_SITES[engine, offline] = build
    return build


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Build:
    """The real knowledge base built with MkDocs, once per test session (PDF included)."""
    return build_real_site(tmp_path_factory, "mkdocs")


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The real knowledge base built with Zensical (make build-zensical): its site folder."""
    return build_real_site(tmp_path_factory, "zensical").site


@pytest.fixture(scope="session", params=ENGINES)
def built_site(request, tmp_path_factory) -> Build:
    """The real knowledge base built with each engine in turn (PDF included)."""
    return build_real_site(tmp_path_factory, request.param)


@pytest.fixture(scope="session", params=BROWSER_ENGINES)
def browser_site(request, tmp_path_factory) -> Build:
    """The real knowledge base built with MkDocs, then with Zensical, for the browser tests."""
    return build_real_site(tmp_path_factory, request.param)


@pytest.fixture(scope="session", params=BROWSER_ENGINES)
def offline_site(request, tmp_path_factory) -> Build:
    """The offline build (OFFLINE=true) with MkDocs, then with Zensical."""
    return build_real_site(tmp_path_factory, request.param, offline=True)


# The site's Markdown extensions (mkdocs.yml), and footnotes, which Pandoc always reads.
SITE_EXTENSIONS = ("abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html",
                   "tables", "pymdownx.superfences", "toc")


def convert(markdown: str, library=None, extensions=("attr_list", "footnotes", "toc"), page=None):
    """`markdown` (front matter dropped) converted with the citation extension and the real
    bibliography unless `library` is given: (html, the extension's DocumentRecord)."""
    import markdown as python_markdown

    from citekit.library import load_library
    from citekit.markdown_ext import CitationExtension, PageContext

    if markdown.startswith("---\n"):
        markdown = markdown.split("\n---\n", 1)[1]
    extension = CitationExtension()
    extension.library = library or load_library(ROOT / "references.bib", "references.bib")
    extension.page_context = lambda md: page or PageContext("index.md", "docs/index.md", 0)
    records = []
    extension.on_document = records.append
    html = python_markdown.Markdown(extensions=[extension, *extensions]).convert(markdown)
    return html, records[0] if records else None


def page(markdown: str, description: str = "En testside.") -> str:
    """A page with the front matter every page needs."""
    return f"---\ndescription: {description}\nupdated: 2026-11-23\n---\n\n{markdown}"


# --- a real headless Chromium (Debian's chromium and chromedriver, never a download) --------

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def new_browser(width: int = 1280, height: int = 900):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    # Without the background-networking flags Chromium calls Google's hosts on its own,
    # which would pollute the network log the privacy tests read.
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--no-first-run", "--disable-quic",
                 "--disable-features=Translate,OptimizationHints,MediaRouter",
                 "--allow-file-access-from-files", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_window_size(width, height)
    return driver


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail("Debian's chromium and chromium-driver are needed: run `make test` (as root it installs them)")
    driver = new_browser()
    yield driver
    driver.quit()


def requested_urls(driver) -> list[str]:
    """Every URL the page asked the network for since the last call (Chromium's performance log)."""
    import json
    urls = []
    for record in driver.get_log("performance"):
        message = json.loads(record["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def site_search(driver, query: str, timeout: float = 15) -> list[str]:
    """Search the page `driver` shows, whichever engine built it, as a reader does: open the
    search, type `query`, wait for results; the results' links, best first. Material's search
    is in the page (`input.md-search__input`); Zensical's is a dialog in a shadow root, opened
    by its `.md-search__button`."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    zensical = driver.find_elements(By.CSS_SELECTOR, ".md-search__button")
    if zensical:
        zensical[0].click()
        host = WebDriverWait(driver, 10).until(lambda d: d.execute_script(
            "return [...document.querySelectorAll('body > *')].find(e => e.shadowRoot"
            " && e.shadowRoot.querySelector('dialog input'))"))
        root = host.shadow_root
        field = root.find_element(By.CSS_SELECTOR, "dialog input")
        field.send_keys(query)
        WebDriverWait(driver, timeout).until(lambda d: root.find_elements(By.CSS_SELECTOR, "a[role=option]"))
        return [a.get_attribute("href") for a in root.find_elements(By.CSS_SELECTOR, "a[role=option]")]
    driver.execute_script("document.querySelector('label[for=\"__search\"]').click()")
    field = WebDriverWait(driver, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "input.md-search__input"))
    field.clear()
    field.send_keys(query)
    WebDriverWait(driver, timeout).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__item"))
    return [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".md-search-result__link")]


# --- serving a built site, and axe-core's checks ------------------------------------------

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# Colour transitions would let axe sample a colour half-way between the two palettes.
NO_TRANSITIONS = ("var s=document.createElement('style');s.textContent='*,*::before,*::after"
                  "{transition:none!important;animation:none!important}';document.head.append(s)")


# A built folder served on 127.0.0.1 by a thread of this process (the search benchmark's own).
serve_folder = serve


@pytest.fixture(scope="module")
def served(real_site):
    """The real site built with MkDocs, served: its URL."""
    with serve_folder(real_site.site) as url:
        yield url


@pytest.fixture(scope="module")
def served_site(browser_site):
    """The real site built with each engine of BROWSER_ENGINES in turn, served: its URL.
    (Tests that take it run on both engines; `served` is MkDocs' alone.)"""
    with serve_folder(browser_site.site) as url:
        yield url


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the build, as a URL path."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith(("assets/", "search/")):
            continue
        pages.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return pages


def run_axe(driver) -> list[str]:
    """axe-core's violations on the page `driver` shows (WCAG 2.1 AA and best practice)."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test` (it runs npm ci)")
    if not driver.execute_script("return !!window.axe"):
        driver.execute_script(AXE.read_text(encoding="utf-8"))
    violations = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' +"
        " v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))", AXE_TAGS)
    return violations
