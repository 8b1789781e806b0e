"""Shared helpers: build a fixture site with the project's hooks in a subprocess, as a reader's
`mkdocs build` would, and read what it wrote."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Build:
    root: Path
    returncode: int
    output: str

    @property
    def site(self) -> Path:
        return self.root / "site"

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
    strict = [] if "--no-strict" in args else ["--strict"]
    command = [sys.executable, "-m", "mkdocs", "build", *strict, *args]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_PDF": "false", **(env or {})}
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=environment,
                            timeout=600)
    return Build(root, result.returncode, result.stdout + result.stderr)


def build_site(root: Path, fixture: str = "minimal", files=None, *args: str, env=None) -> Build:
    return run_mkdocs(make_site(root, fixture, files), *args, env=env)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Build:
    """The real knowledge base, built once per test session (PDF included)."""
    out = tmp_path_factory.mktemp("real") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    build = Build(out.parent, result.returncode, result.stdout + result.stderr)
    assert build.returncode == 0, build.output
    return build


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
    import json as _json
    urls = []
    for record in driver.get_log("performance"):
        message = _json.loads(record["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls
