"""buildkit.publishing: a build for publishing knows its address; a local one says it is local."""

from __future__ import annotations

import pytest

from buildkit.publishing import publishing_problem

pytestmark = pytest.mark.unit

# site_url, environment, whether the build stops
CASES = [
    ("https://example.org/kunnskapsbase/", {}, False),
    ("http://kunnskapsbase.example.no", {}, False),
    ("http://127.0.0.1:8000/", {}, True),  # mkdocs.yml's fallback (before: published as is)
    ("http://localhost:8000/", {}, True),
    ("http://127.1.2.3/", {}, True),
    ("http://[::1]:8000/", {}, True),
    ("http://0.0.0.0:8000/", {}, True),
    ("http://app.localhost/", {}, True),
    ("", {}, True),
    (None, {}, True),
    ("http://127.0.0.1:8000/", {"KB_LOCAL": "true"}, False),
    ("http://127.0.0.1:8000/", {"KB_LOCAL": "1"}, False),
    ("http://127.0.0.1:8000/", {"KB_LOCAL": ""}, True),
    ("http://127.0.0.1:8000/", {"KB_LOCAL": "false"}, True),
]


@pytest.mark.parametrize("site_url, environ, stops", CASES)
def test_publishing_problem(site_url, environ, stops):
    assert (publishing_problem(site_url, environ) is not None) == stops


def test_the_message_says_where_and_how():
    assert publishing_problem("http://127.0.0.1:8000/", {}) == (
        "mkdocs.yml: site_url is 'http://127.0.0.1:8000/', an address on this machine, so the "
        "canonical links, the sitemap, 'Slik siterer du denne siden' and the metadata for "
        "reference managers would not point at the published site: set SITE_URL to the address "
        "the site is published at (SITE_URL=https://example.org/kunnskapsbase/ make build), or "
        "KB_LOCAL=true for a build to look at on this machine only")
    assert publishing_problem(None, {}).startswith("mkdocs.yml: site_url is not set, so ")
