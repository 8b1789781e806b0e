"""The real references.bib: it parses cleanly, keys follow the convention, every citation in
docs/ resolves, and every entry is cited somewhere."""

import re

import pytest

from citekit.bibliography import load_bibliography
from conftest import ROOT, read_citations

KEY_CONVENTION = re.compile(r"^[a-z]+(?:\d{4}|ua)(?:-[a-z]+)?$")
DOCS = sorted((ROOT / "docs").rglob("*.md"))


@pytest.fixture(scope="module")
def library():
    return load_bibliography(ROOT / "references.bib", "references.bib")


def cited_keys():
    return {item.key for path in DOCS for group in read_citations(path.read_text(encoding="utf-8"))
            for item in group}


def test_no_failed_blocks_duplicates_or_other_problems(library):
    assert [str(p) for p in library.problems] == []
    assert library.broken_keys == frozenset()


def test_key_convention(library):
    assert [k for k in library.entries if not KEY_CONVENTION.match(k)] == []


def test_every_cited_key_exists(library):
    assert sorted(cited_keys() - set(library.entries)) == []


def test_every_entry_is_cited(library):
    assert sorted(set(library.entries) - cited_keys()) == []


def test_every_entry_has_topics_and_a_summary(library):
    for entry in library.entries.values():
        assert entry.keywords, entry.key
        assert len(entry.get("abstract")) > 80, entry.key


def test_the_institutes_the_sector_cites_by(library):
    short = {key: [p.family for p in e.short_authors] for key, e in library.entries.items()}
    assert short["djuve2017"] == ["Fafo"]
    assert short["espegren2019"] == ["NORCE"]
    assert short["proba2017"] == ["Proba"]


@pytest.mark.parametrize("key, number", [
    ("djuve2017", "2017:31"), ("proba2017", "2017-11"), ("riksrevisjonen2019", "3:4 (2019–2020)"),
    ("rohnebaek2018", "04/2018"), ("tronstad2015", "2015:2"),
])
def test_series_numbers_from_the_sources(library, key, number):
    assert library.entries[key].get("number") == number
