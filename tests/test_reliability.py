"""Bad input gets a clear, located error, and unusual but valid input builds. Each message is
asserted once, in process, where it is made (test_bibliography, test_markdown_ext, and here the
library's own); a build proves once per class of problem that the glue reports it: location
first, every problem at once, exit status 1, no traceback; and `mkdocs serve` survives it."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from citekit.bibliography import load_bibliography, parse_bibliography
from citekit.library import make_library
from citekit.markdown_ext import PageContext
from conftest import FIXTURES, SITE_EXTENSIONS, build_site, convert, make_site, page

FIXTURE_BIB = (FIXTURES / "minimal" / "references.bib").read_text(encoding="utf-8")
BIB_LINES = FIXTURE_BIB.count("\n")
LOCATION_FIRST = re.compile(r"^(docs/[^:]+\.md|references\.bib)(:\d+)?: \S")
ENTRY = "\n@techreport{{{key}, author = {{Navn, A.}}, title = {{{title}}}, institution = {{I}}, year = 2020{extra}}}\n"


def entry(key="x2020", title="Tittel", extra=""):
    return ENTRY.format(key=key, title=title, extra=extra)


def converted(bib: str, markdown: str):
    """A page of the fixture site (front matter as `page` writes it) converted in process with
    the fixture bibliography plus `bib`: (html, the library's problems, the page's problems)."""
    library = make_library(parse_bibliography(FIXTURE_BIB + bib, "references.bib"))
    html, record = convert(page(markdown), library, SITE_EXTENSIONS,
                           PageContext("index.md", "docs/index.md", 4))
    return html, [str(p) for p in library.problems], [str(p) for p in record.problems]


# --- in process: the messages no other module's tests make -------------------------------------

PROBLEMS = [
    ("a key the research index reserves", entry("kilder"), "[@kilder]",
     [f"references.bib:{BIB_LINES + 2}: key 'kilder' is a name the research index uses for its own "
      "pages ('kilder'): choose another key"]),
    ("two keys, one page", entry("a2020-b") + entry("a2020_b"), "[@a2020-b]",
     [f"references.bib:{BIB_LINES + 4}: keys 'a2020-b' and 'a2020_b' would share one page "
      "('a2020-b'): change one of them"]),
    ("NAV and Nav, one topic page",
     entry("a2020", extra=", keywords = {NAV}") + entry("b2020", extra=", keywords = {Nav}"), "[@a2020]",
     [f"references.bib:{BIB_LINES + 4}: keywords 'NAV' (entry 'a2020') and 'Nav' (entry 'b2020') "
      "would share the page 'tema/nav': write them the same way"]),
    ("citation shaped like a link definition, with a typo", "", "# F\n\n[@djuvee2017, s. 9]: tekst\n",
     ["docs/index.md:8: unknown citation key 'djuvee2017' (did you mean 'djuve2017'?)"]),
]


@pytest.mark.unit
@pytest.mark.parametrize("name, bib, markdown, messages", PROBLEMS, ids=[p[0] for p in PROBLEMS])
def test_bad_input_is_located(name, bib, markdown, messages):
    _, library_problems, page_problems = converted(bib, markdown)
    assert library_problems + page_problems == messages


@pytest.mark.unit
def test_a_missing_comma_after_the_key_names_the_line_the_key_and_the_comma():
    """The reason is bibtexparser's own sentence: only what we add to it is pinned."""
    _, problems, _ = converted("\n@techreport{z2020 title = {T}, author = {A, B}, year = 2020}\n", "[@z2020]")
    assert len(problems) == 1
    located, reason = problems[0].split(": malformed entry 'z2020': ")
    assert located == f"references.bib:{BIB_LINES + 2}" and "comma" in reason


@pytest.mark.unit
@pytest.mark.parametrize("content", [None, b"", "@misc{x, title = {Bråthen}}".encode("latin-1"),
                                     FIXTURE_BIB.replace("  abstract    = {Et kort sammendrag.},\n}",
                                                         "  abstract    = {Et kort sammendrag.},\n").encode()],
                         ids=["missing", "empty", "not UTF-8", "the cited entry malformed"])
def test_a_problem_of_the_bibliography_is_not_reported_again_at_each_citation(tmp_path, content):
    """Its own message says it (test_bibliography); the pages citing it add nothing."""
    path = tmp_path / "references.bib"
    if content is not None:
        path.write_bytes(content)
    library = make_library(load_bibliography(path, "references.bib"))
    _, record = convert(page("# F\n\n[@djuve2017] og [@tronstad2015]\n"), library, SITE_EXTENSIONS,
                        PageContext("index.md", "docs/index.md", 4))
    assert len(library.problems) == 1
    assert record.problems == []


VALID = [
    ("string macros and concatenation resolved",
     '@string{nibr = "Norsk institutt"}\n@techreport{m2020, author = {Navn, A.}, title = nibr # { for by},'
     " institution = {I}, year = 2020}\n",
     "[@m2020]", "Norsk institutt for by"),
    ("crossref resolved",
     "\n@book{bok2019, editor = {Red, A.}, title = {Boka}, publisher = {Forlaget}, year = 2019}\n"
     "@incollection{kap2019, author = {Navn, B.}, title = {Kapittelet}, crossref = {bok2019}}\n",
     "[@kap2019]", "I A. Red (Red.), Boka"),
    ("a very long field", entry("lang2020", title="Ord " * 3000), "[@lang2020]", "Ord Ord Ord"),
    ("a percent sign and a URL with an escaped space",
     entry("p2020", title="Tiltak for 50 % av deltakerne", extra=", url = {https://example.org/a%20b.pdf}"),
     "[@p2020]", 'Tiltak for 50 % av deltakerne. I. https://example.org/a%20b.pdf"'),
    ("a key with unusual characters", entry("NOU:2017/2-æ"), "[@{NOU:2017/2-æ}]", "Tittel"),
    ("markup and script in fields escaped", entry("s2020", title="<img src=x onerror=alert(1)> *fet*"),
     "[@s2020]", "&lt;img src=x onerror=alert(1)&gt; *fet*"),
    ("nested brackets", entry("n2020"), "[[@n2020]] og [se [vedlegg] @n2020]",
     '<span class="kb-cite-prefix" data-search-exclude="">se [vedlegg]</span> <a'),
    ("citations in code, comments, links, URLs and e-mail left alone", entry("c2020"),
     "`[@c2020]` <!-- [@x] --> [@c2020](https://example.org) https://example.org/@x post@example.org [@c2020]",
     "<code>[@c2020]</code>"),
]


@pytest.mark.unit
@pytest.mark.parametrize("name, bib, markdown, expected", VALID, ids=[v[0] for v in VALID])
def test_unusual_but_valid_input_is_read(name, bib, markdown, expected):
    html, library_problems, page_problems = converted(bib, f"# F\n\n{markdown}\n")
    assert (library_problems, page_problems) == ([], [])
    assert expected in html
    assert "<img src=x" not in html and "<script" not in html


@pytest.mark.unit
def test_a_bib_with_bom_and_crlf_reads_cleanly(tmp_path):
    path = tmp_path / "references.bib"
    path.write_bytes(("\ufeff" + FIXTURE_BIB).replace("\n", "\r\n").encode("utf-8"))
    bibliography = load_bibliography(path, "references.bib")
    assert bibliography.problems == ()
    assert list(bibliography.entries) == list(parse_bibliography(FIXTURE_BIB, "references.bib").entries)


# --- one build per class of problem ------------------------------------------------------------

def assert_clean_failure(build, *messages):
    """Exit status 1, no traceback, every problem location first, then the one summary line."""
    assert build.returncode == 1, build.output
    assert "Traceback" not in build.output
    problems = [line for line in build.errors if not line.startswith("build stopped")]
    assert all(LOCATION_FIRST.match(line) for line in problems), problems
    assert problems == list(messages)
    plural = "s" if len(messages) != 1 else ""
    assert build.errors[-1] == (f"build stopped: {len(messages)} bibliography and citation "
                                f"problem{plural} (listed above)")


@pytest.mark.build
def test_every_problem_of_a_build_at_once(tmp_path):
    """Bibliography and pages: all listed, the bibliography first, each page's in order."""
    build = build_site(tmp_path, files={
        "references.bib": FIXTURE_BIB + entry("tronstad2015") + entry("y2020", extra=", url = {ftp://x}"),
        "docs/index.md": page("# F\n\n[@nope] og @tronstad2051\n"),
        "docs/b.md": page("# B\n\nTekst.\n\nOg [se @heller_ikke, s. 3].\n")})
    assert_clean_failure(
        build,
        f"references.bib:{BIB_LINES + 2}: duplicate key 'tronstad2015' (first defined at line 1)",
        f"references.bib:{BIB_LINES + 4}: entry 'y2020' has a url that is not http(s): 'ftp://x'",
        "docs/index.md:8: unknown citation key 'nope'",
        "docs/index.md:8: unknown citation key 'tronstad2051' (did you mean 'tronstad2015'?)",
        "docs/b.md:10: unknown citation key 'heller_ikke'")


@pytest.mark.build
def test_an_unusable_bibliography_is_one_problem_not_one_per_citation(tmp_path):
    """The fixture's pages cite; an unreadable file is reported once, its citations not again."""
    build = build_site(tmp_path, files={"references.bib": None})
    assert_clean_failure(build, "references.bib: bibliography file not found")


@pytest.mark.build
def test_a_citation_problem_fails_without_strict_too(tmp_path):
    build = build_site(tmp_path, "minimal", {"docs/index.md": page("# F\n\n[@nokey]\n")}, "--no-strict")
    assert_clean_failure(build, "docs/index.md:8: unknown citation key 'nokey'")


@pytest.mark.build
def test_bom_and_crlf_in_bib_and_page_keep_the_lines(tmp_path):
    bib = ("\ufeff" + FIXTURE_BIB).replace("\n", "\r\n").encode("utf-8")
    markdown = page("# F\r\n\r\nLinje.\r\n\r\n[@nope]\r\n").replace("\n", "\r\n").replace("\r\r", "\r")
    build = build_site(tmp_path, files={"references.bib": bib,
                                        "docs/index.md": ("\ufeff" + markdown).encode("utf-8")})
    assert_clean_failure(build, "docs/index.md:10: unknown citation key 'nope'")


# --- pages the hooks need ------------------------------------------------------------------------

@pytest.mark.build
def test_missing_research_index_page_says_what_to_do(tmp_path):
    build = build_site(tmp_path, files={"docs/forskning/index.md": None})
    assert build.returncode == 1 and "Traceback" not in build.output
    assert ("docs/forskning/index.md is missing, and the research index is built into it: create "
            "docs/forskning/index.md with front matter (description, updated), a title and the line "
            "<!-- kb:research-index -->") in build.output


@pytest.mark.build
def test_renamed_research_index_page_says_where_it_went(tmp_path):
    index = (FIXTURES / "minimal" / "docs" / "forskning" / "index.md").read_text(encoding="utf-8")
    build = build_site(tmp_path, files={"docs/forskning/index.md": None, "docs/forskning/oversikt.md": index})
    assert build.returncode == 1 and "Traceback" not in build.output
    assert ("the marker is in docs/forskning/oversikt.md: move that page back to "
            "docs/forskning/index.md") in build.output


# --- mkdocs serve keeps going ------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, predicate, timeout: float = 30) -> str:
    deadline, last = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if predicate(last):
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never matched; last response:\n{last[:500]}")


@pytest.mark.build
def test_serve_starts_on_a_broken_bib_survives_broken_files_and_serves_the_fix(tmp_path):
    """Started with an impossible date, the server answers and marks the citation; a malformed
    entry and an unknown key later are marked, not fatal; fixing both serves the repaired site."""
    root = make_site(tmp_path, files={"references.bib": FIXTURE_BIB.replace(
        "year        = {2017},", "date        = {2021-13},")})
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with open(tmp_path / "serve.log", "w+", encoding="utf-8") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root, stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_PDF": "false"})
        try:
            assert "@djuve2017?" in wait_for(url, lambda html: "kb-cite-error" in html)
            assert server.poll() is None, "the server stopped"
            # the djuve2017 entry loses its closing brace; the page cites an unknown key
            bib = root / "references.bib"
            bib.write_text(FIXTURE_BIB.replace("  abstract    = {Et kort sammendrag.},\n}",
                                               "  abstract    = {Et kort sammendrag.},\n"), encoding="utf-8")
            (root / "docs/index.md").write_text(page("# Forside\n\n[@djuve2017] og [@nokey]\n"),
                                                encoding="utf-8")
            wait_for(url, lambda html: "@nokey?" in html and "@djuve2017?" in html)
            assert server.poll() is None, "the server stopped"
            bib.write_text(FIXTURE_BIB, encoding="utf-8")
            (root / "docs/index.md").write_text(page("# Forside\n\nRettet [@djuve2017].\n"), encoding="utf-8")
            html = wait_for(url, lambda html: "Rettet" in html and "kb-cite-error" not in html)
            assert 'href="forskning/djuve2017/"' in html
        finally:
            server.terminate()
            server.wait(timeout=10)
        log.seek(0)
        output = log.read()
    assert "entry 'djuve2017' has a date that cannot be read: '2021-13' has no month 13" in output
    assert "references.bib:" in output and "malformed entry 'djuve2017'" in output
    assert "docs/index.md:8: unknown citation key 'nokey'" in output
    assert "Traceback" not in output
