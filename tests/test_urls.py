"""The one relative-link function (citekit.urls.relative_url): site URLs and docs paths alike,
the same answer as MkDocs' own get_relative_url, which the core cannot import."""

import pytest
from mkdocs.utils import get_relative_url

from citekit.urls import relative_url

pytestmark = pytest.mark.unit

CASES = [
    # (url, other, expected)
    ("forskning/djuve2017.md", "index.md", "forskning/djuve2017.md"),
    ("forskning/djuve2017.md", "nav/tiltak.md", "../forskning/djuve2017.md"),
    ("forskning/djuve2017.md", "forskning/index.md", "djuve2017.md"),
    ("forskning/ar/2017.md", "forskning/tema/nav.md", "../ar/2017.md"),
    ("forskning/katalog.js", "forskning/side-2.md", "katalog.js"),
    ("kommunen/", "forskning/djuve2017/", "../../kommunen/"),
    ("kommunen/", "forskning/djuve2017.md", "../kommunen/"),
    ("", "forskning/djuve2017/", "../.."),
    ("", "index.md", "."),
    ("forskning/", "forskning/", "./"),
    ("nav/tiltak.html", "kommunen/index.html", "../nav/tiltak.html"),
    ("nav/tiltak/", "nav/", "tiltak/"),
    ("/nav/tiltak/", "/nav/", "tiltak/"),
    ("a/../b/c.md", "a/x.md", "../b/c.md"),
    ("v1.2/side.md", "v1.2/index.md", "side.md"),
]


@pytest.mark.parametrize("url, other, expected", CASES)
def test_relative_url(url, other, expected):
    assert relative_url(url, other) == expected


@pytest.mark.parametrize("url, other, expected", CASES)
def test_as_mkdocs_does(url, other, expected):
    assert relative_url(url, other) == get_relative_url(url, other)
