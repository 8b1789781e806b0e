"""Bad input gets a clear, located error and loses nothing: a failed build keeps the previous
site, `mkdocs serve` survives a broken file, and every case of the bad-input matrix either
builds correctly or fails with its exact message."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import FIXTURES, build_site, make_site, page, run_mkdocs

pytestmark = pytest.mark.build

FIXTURE_BIB = (FIXTURES / "minimal" / "references.bib").read_text(encoding="utf-8")
BIB_LINES = FIXTURE_BIB.count("\n")
LOCATION_FIRST = re.compile(r"^(docs/[^:]+\.md|references\.bib)(:\d+)?: \S")


def assert_clean_failure(build, *messages):
    assert build.returncode == 1, build.output
    assert "Traceback" not in build.output
    problems = [line for line in build.errors if not line.startswith("build stopped")]
    assert problems, build.output
    assert all(LOCATION_FIRST.match(line) for line in problems), problems
    assert list(messages) == problems


# --- a failed build loses nothing --------------------------------------------------------------

def test_failed_build_keeps_the_previous_site(tmp_path):
    good = build_site(tmp_path)
    assert good.returncode == 0, good.output
    before = {p.relative_to(good.site): p.read_bytes() for p in good.site.rglob("*") if p.is_file()}
    (tmp_path / "docs/index.md").write_text(page("# Forside\n\n[@djuve2071]\n"), encoding="utf-8")
    bad = run_mkdocs(tmp_path)
    assert_clean_failure(bad, "docs/index.md:8: unknown citation key 'djuve2071' (did you mean 'djuve2017'?)")
    after = {p.relative_to(good.site): p.read_bytes() for p in good.site.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []


def test_successful_build_replaces_the_site(tmp_path):
    assert build_site(tmp_path).returncode == 0
    stale = tmp_path / "site" / "stale.html"
    stale.write_text("old")
    (tmp_path / "docs/index.md").write_text(page("# Forside\n\nNy tekst [@tronstad2015].\n"), encoding="utf-8")
    build = run_mkdocs(tmp_path)
    assert build.returncode == 0, build.output
    assert not stale.exists()
    assert "Ny tekst" in build.text("index.html")


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


def test_serve_survives_a_broken_bib_and_page_and_serves_the_fix(tmp_path):
    root = make_site(tmp_path)
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_PDF": "false"})
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url, lambda html: "Fafo, " in html.replace("&#70;", "F").replace("&#50;", "2"))
        # break the bibliography: the djuve2017 entry loses its closing brace
        bib = root / "references.bib"
        bib.write_text(FIXTURE_BIB.replace("  abstract    = {Et kort sammendrag.},\n}",
                                           "  abstract    = {Et kort sammendrag.},\n"), encoding="utf-8")
        wait_for(url, lambda html: "kb-cite-error" in html and "@djuve2017?" in html)
        # and a page: an unknown key
        (root / "docs/index.md").write_text(page("# Forside\n\n[@djuve2017] og [@nokey]\n"), encoding="utf-8")
        wait_for(url, lambda html: "@nokey?" in html)
        assert server.poll() is None, "the server stopped"
        # fix both: the repaired site is served
        bib.write_text(FIXTURE_BIB, encoding="utf-8")
        (root / "docs/index.md").write_text(page("# Forside\n\nRettet [@djuve2017].\n"), encoding="utf-8")
        html = wait_for(url, lambda html: "Rettet" in html and "kb-cite-error" not in html)
        assert 'href="forskning/djuve2017/"' in html
    finally:
        server.terminate()
        server.wait(timeout=10)
    log.seek(0)
    output = log.read()
    assert "references.bib:" in output and "malformed entry 'djuve2017'" in output
    assert "docs/index.md:8: unknown citation key 'nokey'" in output
    assert "Traceback" not in output


# --- the bad-input matrix ----------------------------------------------------------------------

ENTRY = "\n@techreport{{{key}, author = {{Navn, A.}}, title = {{{title}}}, institution = {{I}}, year = 2020{extra}}}\n"


def entry(key="x2020", title="Tittel", extra=""):
    return ENTRY.format(key=key, title=title, extra=extra)


FAILURES = [
    ("unknown key with a suggestion", {"docs/index.md": page("# F\n\n[@tronstad2016]\n")},
     ["docs/index.md:8: unknown citation key 'tronstad2016' (did you mean 'tronstad2015'?)"]),
    ("unknown key without a suggestion", {"docs/index.md": page("# F\n\nTekst @helt_annet.\n")},
     ["docs/index.md:8: unknown citation key 'helt_annet'"]),
    ("malformed entry in the middle",
     {"references.bib": "@techreport{a2020, title = {T}\n year = 2020, author = {A, B}}\n" + FIXTURE_BIB},
     ["references.bib:1: malformed entry 'a2020': field 'title' runs into field 'year' (missing comma?)"]),
    ("malformed entry last, unclosed brace",
     {"references.bib": FIXTURE_BIB + "\n@techreport{z2020, title = {T, author = {A, B}, year = 2020\n"},
     [f"references.bib:{BIB_LINES + 2}: malformed entry 'z2020': the file ends before the entry is closed (unclosed brace?)"]),
    ("missing comma after the key",
     {"references.bib": FIXTURE_BIB + "\n@techreport{z2020 title = {T}, author = {A, B}, year = 2020}\n"},
     None),  # the message is bibtexparser's; checked below for its location and key
    ("duplicate key", {"references.bib": FIXTURE_BIB + entry("tronstad2015")},
     [f"references.bib:{BIB_LINES + 2}: duplicate key 'tronstad2015' (first defined at line 1)"]),
    ("duplicate key differing in case", {"references.bib": FIXTURE_BIB + entry("Tronstad2015")},
     [f"references.bib:{BIB_LINES + 2}: duplicate key 'Tronstad2015' (differs only in case from 'tronstad2015' at line 1)"]),
    ("entry lacking required fields", {"references.bib": FIXTURE_BIB + "\n@book{nofields, note = {N}}\n"},
     [f"references.bib:{BIB_LINES + 2}: entry 'nofields' lacks title and author, editor or institution and year"]),
    ("javascript: url refused", {"references.bib": FIXTURE_BIB + entry(extra=", url = {javascript:alert(1)}")},
     [f"references.bib:{BIB_LINES + 2}: entry 'x2020' has a url that is not http(s): 'javascript:alert(1)'"]),
    ("data: url refused", {"references.bib": FIXTURE_BIB + entry(extra=", url = {data:text/html;base64,PHNjcmlwdD4=}")},
     [f"references.bib:{BIB_LINES + 2}: entry 'x2020' has a url that is not http(s): 'data:text/html;base64,PHNjcmlwdD4='"]),
    ("undefined @string macro", {"references.bib": FIXTURE_BIB + entry(extra=", publisher = ukjent")},
     [f"references.bib:{BIB_LINES + 2}: malformed entry 'x2020': field 'publisher' uses undefined @string macro 'ukjent'"]),
    ("typo after a link definition",
     {"docs/index.md": page("# F\n\n[v]: https://example.org\n\nSe [@djuvee2017] og [v].\n")},
     ["docs/index.md:10: unknown citation key 'djuvee2017' (did you mean 'djuve2017'?)"]),
    ("typo after a footnote-shaped line",
     {"docs/index.md": page("# F\n\n[^1]: Note.\n\nSe [@djuvee2017].\n")},
     ["docs/index.md:10: unknown citation key 'djuvee2017' (did you mean 'djuve2017'?)"]),
    ("citation shaped like a link definition",
     {"docs/index.md": page("# F\n\n[@djuvee2017, s. 9]: tekst\n")},
     ["docs/index.md:8: unknown citation key 'djuvee2017' (did you mean 'djuve2017'?)"]),
    ("unknown key in indented code is not an error, one in prose is",
     {"docs/index.md": page("# F\n\nTekst.\n\n    kode [@ikke_sjekket]\n\nSe [@nokkel].\n")},
     ["docs/index.md:12: unknown citation key 'nokkel'"]),
    ("citations that cannot be read",
     {"docs/index.md": page("# F\n\n[@] og [@@djuve2017] og\n[@djuve2017; tronstad2015]\n")},
     ["docs/index.md:8: citation without a key (write [@key]): '[@]'",
      "docs/index.md:8: citation with a stray '@' before the key: '[@@djuve2017]'",
      "docs/index.md:9: citation part 2 'tronstad2015' has no @key (parts are separated by ';', "
      "each needs its @key): '[@djuve2017; tronstad2015]'"]),
    ("citation left in raw HTML",
     {"docs/index.md": page("# F\n\n<p>Se [@djuve2017].</p>\n")},
     ["docs/index.md:8: citation not read: '[@djuve2017]' (inside raw HTML or {…}, or not "
      "written the way Pandoc reads citations)"]),
    ("impossible date", {"references.bib": FIXTURE_BIB + entry(extra=", date = {2021-13}")},
     [f"references.bib:{BIB_LINES + 2}: entry 'x2020' has a date that cannot be read: '2021-13' has no month 13"]),
    ("a key the research index reserves", {"references.bib": FIXTURE_BIB + entry("kilder")},
     [f"references.bib:{BIB_LINES + 2}: key 'kilder' is a name the research index uses for its own "
      "pages ('kilder'): choose another key"]),
    ("two keys, one page", {"references.bib": FIXTURE_BIB + entry("a2020-b") + entry("a2020_b")},
     [f"references.bib:{BIB_LINES + 4}: keys 'a2020-b' and 'a2020_b' would share one page "
      "('a2020-b'): change one of them"]),
    ("NAV and Nav, one topic page",
     {"references.bib": FIXTURE_BIB + entry("a2020", extra=", keywords = {NAV}")
      + entry("b2020", extra=", keywords = {Nav}")},
     [f"references.bib:{BIB_LINES + 4}: keywords 'NAV' (entry 'a2020') and 'Nav' (entry 'b2020') "
      "would share the page 'tema/nav': write them the same way"]),
    ("missing bib", {"references.bib": None}, ["references.bib: bibliography file not found"]),
    ("empty bib", {"references.bib": ""}, ["references.bib: bibliography has no entries"]),
    ("non-UTF-8 bib", {"references.bib": FIXTURE_BIB.encode("utf-8") + "\n@misc{ø}".encode("latin-1")},
     [f"references.bib:{BIB_LINES + 2}: not valid UTF-8 (byte 0xf8); save the file as UTF-8"]),
]


@pytest.mark.parametrize("name, files, messages", FAILURES, ids=[f[0] for f in FAILURES])
def test_bad_input_fails_with_its_message(tmp_path, name, files, messages):
    build = build_site(tmp_path, files=files)
    if messages is None:
        assert build.returncode == 1 and "Traceback" not in build.output
        problems = [line for line in build.errors if not line.startswith("build stopped")]
        assert problems == [f"references.bib:{BIB_LINES + 2}: malformed entry 'z2020': "
                            + problems[0].split("'z2020': ", 1)[1]]
        return
    assert_clean_failure(build, *messages)


def test_unreadable_bib(tmp_path):
    root = make_site(tmp_path, files={"references.bib": None})
    (root / "references.bib").symlink_to(root / "references.bib")
    assert_clean_failure(run_mkdocs(root),
                         "references.bib: cannot read bibliography (Too many levels of symbolic links)")


def test_every_problem_of_a_build_at_once(tmp_path):
    build = build_site(tmp_path, files={
        "references.bib": FIXTURE_BIB + entry("tronstad2015") + entry("y2020", extra=", url = {ftp://x}"),
        "docs/index.md": page("# F\n\n[@nope] og @tronstad2051\n"),
        "docs/b.md": page("# B\n\nOg [se @heller_ikke, s. 3].\n")})
    assert_clean_failure(
        build,
        f"references.bib:{BIB_LINES + 2}: duplicate key 'tronstad2015' (first defined at line 1)",
        f"references.bib:{BIB_LINES + 4}: entry 'y2020' has a url that is not http(s): 'ftp://x'",
        "docs/index.md:8: unknown citation key 'nope'",
        "docs/index.md:8: unknown citation key 'tronstad2051' (did you mean 'tronstad2015'?)",
        "docs/b.md:8: unknown citation key 'heller_ikke'")


BUILDS = [
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
    ("nested brackets", entry("n2020"), "[[@n2020]] og [se [vedlegg] @n2020]", '<span class="kb-cite-prefix">se [vedlegg]</span> <a'),
    ("citations in code, comments, links, URLs and e-mail left alone", entry("c2020"),
     "`[@c2020]` <!-- [@x] --> [@c2020](https://example.org) https://example.org/@x post@example.org [@c2020]",
     "<code>[@c2020]</code>"),
]


@pytest.mark.parametrize("name, bib, markdown, expected", BUILDS, ids=[b[0] for b in BUILDS])
def test_unusual_but_valid_input_builds(tmp_path, name, bib, markdown, expected):
    build = build_site(tmp_path, files={"references.bib": FIXTURE_BIB + bib,
                                        "docs/index.md": page(f"# F\n\n{markdown}\n")})
    assert build.returncode == 0, build.output
    html = build.text("index.html")
    assert expected in html
    assert "<img src=x" not in html and "<script" not in html.split("</head>")[1].split("<script")[0]


def test_bom_and_crlf_in_bib_and_page(tmp_path):
    bib = ("\ufeff" + FIXTURE_BIB).replace("\n", "\r\n").encode("utf-8")
    markdown = page("# F\r\n\r\nLinje.\r\n\r\n[@nope]\r\n").replace("\n", "\r\n").replace("\r\r", "\r")
    build = build_site(tmp_path, files={"references.bib": bib,
                                        "docs/index.md": ("\ufeff" + markdown).encode("utf-8")})
    assert_clean_failure(build, "docs/index.md:10: unknown citation key 'nope'")
    fixed = build_site(tmp_path, files={"docs/index.md": ("\ufeff" + markdown.replace("nope", "djuve2017")).encode()})
    assert fixed.returncode == 0, fixed.output


# --- pages the hooks need, and bugs in the hooks ---------------------------------------------

def test_missing_research_index_page_says_what_to_do(tmp_path):
    build = build_site(tmp_path, files={"docs/forskning/index.md": None})
    assert build.returncode == 1 and "Traceback" not in build.output
    assert ("docs/forskning/index.md is missing, and the research index is built into it: create "
            "docs/forskning/index.md with front matter (description, updated), a title and the line "
            "<!-- kb:research-index -->") in build.output


def test_renamed_research_index_page_says_where_it_went(tmp_path):
    index = (FIXTURES / "minimal" / "docs" / "forskning" / "index.md").read_text(encoding="utf-8")
    build = build_site(tmp_path, files={"docs/forskning/index.md": None, "docs/forskning/oversikt.md": index})
    assert build.returncode == 1 and "Traceback" not in build.output
    assert ("the marker is in docs/forskning/oversikt.md: move that page back to "
            "docs/forskning/index.md") in build.output


def test_serve_started_with_an_impossible_date_answers_and_says_why(tmp_path):
    root = make_site(tmp_path, files={"references.bib": FIXTURE_BIB.replace(
        "year        = {2017},", "date        = {2021-13},")})
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_PDF": "false"})
    try:
        html = wait_for(f"http://127.0.0.1:{port}/", lambda html: "kb-cite-error" in html)
        assert "@djuve2017?" in html
        assert server.poll() is None, "the server stopped"
    finally:
        server.terminate()
        server.wait(timeout=10)
    log.seek(0)
    output = log.read()
    assert "entry 'djuve2017' has a date that cannot be read: '2021-13' has no month 13" in output
    assert "Traceback" not in output
