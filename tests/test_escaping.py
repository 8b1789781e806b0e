"""Escape by construction: markup, quotes and script fed through every front-matter key the
theme prints and every field of a work, into both engines' built pages, parsed with an HTML
parser: no element or attribute is injected, and the attributes say what was written.

Before (probe F-29, C11): `description: Om "Hva virker" <b>x</b>` gave
`<meta name="description" content="Om "Hva virker" <b>` in both engines, and a front-matter
title with `</title><script>` was printed raw."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, fixture_site, run_mkdocs, zensical_build

# The pieces of the text fed in: each tries to open an element or attribute named 'kbx'.
FRAGMENTS = ["<kbx>", "</kbx>", '<b kbx="1">', '" kbx="1', "' kbx='1", "</title><kbx>",
             "<script>kbx()</script>", "<!--", "-->", "&", "&amp;", "&lt;", '"', "'", "<", ">",
             "/", "=", " ", "tekst", "ø"]
TEXT = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6).map("".join)
BIB = (FIXTURES / "minimal" / "references.bib").read_text(encoding="utf-8")


def words(text: str) -> str:
    return " ".join(text.split())


def injected(page: BeautifulSoup) -> list[str]:
    """Every element or attribute the text fed in could have made."""
    found = [tag.name for tag in page.find_all("kbx")]
    found += [f"{tag.name}[kbx]" for tag in page.find_all(attrs={"kbx": True})]
    found += [tag.name for tag in page.find_all("script") if "kbx()" in tag.get_text()]
    return found


def site_files(front: dict[str, str], field: str) -> dict[str, str]:
    matter = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in front.items())
    entry = (f"\n@techreport{{kbx2020,\n  author = {{{{Org {field}}}}},\n  title = {{T {field}}},\n"
             f"  institution = {{I {field}}},\n  year = {{2020}},\n  abstract = {{A {field}}},\n"
             f"  note = {{N {field}}},\n  keywords = {{tema {field}}}\n}}\n")
    return {"docs/b.md": f"---\n{matter}updated: 2026-11-23\n---\n\n# B\n\nTekst [@kbx2020].\n",
            "references.bib": BIB + entry}


# Each example builds a site twice (about 10 s): a few, and no shrinking (minutes of builds);
# the failing text is printed whole, which is short.
@pytest.mark.build
@settings(max_examples=3, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@example(title='</title><kbx>" kbx="1', description='Om "Hva virker" <b kbx="1"> & \'x\'',
         author="<script>kbx()</script>", subtitle="<!--<kbx>-->", field='<kbx>" kbx="1 &amp;')
@given(title=TEXT, description=TEXT, author=TEXT, subtitle=TEXT, field=TEXT)
def test_no_text_fed_in_makes_markup_in_either_engine(tmp_path_factory, title, description,
                                                      author, subtitle, field):
    front = {"title": f"T {title}", "description": f"D {description}", "author": f"A {author}",
             "subtitle": f"S {subtitle}"}
    root = fixture_site(tmp_path_factory.mktemp("escaping"), site_files(front, field))
    mkdocs = run_mkdocs(root)
    assert mkdocs.returncode == 0, mkdocs.output
    zensical = zensical_build(root)
    assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    for engine, site in (("mkdocs", root / "site"), ("zensical", root / "build/zensical/site")):
        for path in ("b/index.html", "forskning/kbx2020/index.html", "index.html"):
            page = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
            assert injected(page) == [], (engine, path)
            assert len(page.find_all("title")) == 1 and not page.title.find_all(True), (engine, path)
        page = BeautifulSoup((site / "b/index.html").read_text(encoding="utf-8"), "html.parser")
        for key in ("description", "author"):
            meta = page.find_all("meta", attrs={"name": key})
            assert [words(tag["content"]) for tag in meta] == [words(front[key])], (engine, key)
    work = BeautifulSoup((root / "site/forskning/kbx2020/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert words(f"T {field}") in words(work.find("h1").get_text())


@pytest.mark.unit
def test_the_real_overrides_escape_in_both_engines():
    """The escaping is the template's, shared: both engines render overrides/main.html."""
    main = (Path(__file__).resolve().parent.parent / "overrides" / "main.html").read_text(encoding="utf-8")
    assert "{% block site_meta %}" in main and "{% block htmltitle %}" in main


# page, the page as the Zensical pass gives it to Zensical (None: unchanged)
PAGES = [
    ('---\ntitle: A <b>x</b> & "y"\nupdated: 2026-11-23\n---\n\n# A\n',
     '---\ntitle: "A &lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;"\nupdated: 2026-11-23\n---\n\n# A\n'),
    ("---\nsubtitle: 'S <i>'\ndescription: D <b>\n---\nTekst\n",
     '---\nsubtitle: "S &lt;i&gt;"\ndescription: D <b>\n---\nTekst\n'),  # description: main.html's
    ("---\ntitle: Vanlig tittel\n---\n\n# A\n", None),
    ("---\ntitle: |\n  A <b>\n---\n", None),  # a block scalar: never half-rewritten
    ("---\ntitle: A <b>\n  fortsatt\n---\n", None),  # goes on to the next line
    ("# Ingen front matter <b>\n", None),
]


@pytest.mark.unit
@pytest.mark.parametrize("text, escaped", PAGES)
def test_escaped_page(text, escaped):
    from themefix.escape import escaped_page

    assert escaped_page(text) == escaped
    if escaped is not None:
        assert escaped.count("\n") == text.count("\n")
