"""How a guidance page is cited (citekit.page_facts): the entry built directly and the BibTeX
shown to copy say the same thing; the bibliography checker reads the BibTeX back."""

import datetime

import pytest

from citekit.bibliography import parse_bibliography
from citekit.page_facts import SiteInfo, page_entry

pytestmark = pytest.mark.unit

SITE = SiteInfo("Kunnskapsbasen", "Integrerings- og mangfoldsdirektoratet")


@pytest.mark.parametrize("title, path, key", [
    ("Samarbeid med Nav", "nav/index.md", "kunnskapsbasen2026-nav"),
    ("Forside", "index.md", "kunnskapsbasen2026-forside"),
    ("Roller & ansvar: 50 % {x} _y_ #1 $ \\ slutt", "kommunen/roller.md", "kunnskapsbasen2026-kommunen-roller"),
])
def test_the_bibtex_shown_is_the_entry(title, path, key):
    entry, bibtex = page_entry(title, datetime.date(2026, 11, 29), "https://x.no/a/", SITE, path)
    read = parse_bibliography(bibtex, "page")
    assert read.problems == ()
    again = read.entries[key]
    assert entry.key == key
    assert (entry.type, dict(entry.fields), dict(entry.bibtex_fields), entry.authors, entry.issued) == (
        again.type, dict(again.fields), dict(again.bibtex_fields), again.authors, again.issued)
