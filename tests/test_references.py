"""The real references.bib: it parses cleanly, keys follow the convention, every citation in
docs/ resolves, and every entry is cited somewhere."""

import re

import pytest

from citekit.bibliography import load_bibliography
from conftest import ROOT
from pandoc_reading import read_citations

pytestmark = pytest.mark.unit

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


# IMDi's newer pages (../shared/sources/imdi-2023.md), each its own @online entry.
NEWER_SOURCES = ["imdi2023-veilederen", "imdi2023-kommunen", "imdi2023-nav",
                 "imdi2024-personopplysninger", "imdi2021-roller"]
# Works the site knows only through IMDi's 2021 page.
KNOWN_THROUGH_IMDI = ["djuve2017", "proba2017", "riksrevisjonen2019", "rohnebaek2018", "tronstad2015"]


# IMDi's page about the April 2021 guide (imdi-2023.md section 2): the site read the page,
# not the guide, so the entry is the page.
GUIDE_PAGE = "imdi2021-veileder"


def test_the_newer_sources_are_all_the_online_pages_but_the_2021_one(library):
    online = {key for key, entry in library.entries.items() if entry.type == "online"}
    assert online - {"imdi2021", GUIDE_PAGE} == set(NEWER_SOURCES)


@pytest.mark.parametrize("key", NEWER_SOURCES)
def test_each_newer_source_is_cited_and_has_its_address_and_date(library, key):
    entry = library.entries[key]
    assert key in cited_keys()
    assert re.fullmatch(r"https://[^\s]+/", entry.get("url"))
    assert re.fullmatch(r"20\d\d-\d\d-\d\d", entry.get("date"))
    assert entry.get("note").startswith("Sist oppdatert")
    assert [p.family for p in entry.short_authors] == ["IMDi"]


@pytest.mark.parametrize("key", KNOWN_THROUGH_IMDI)
def test_works_known_through_imdi_say_so(library, key):
    entry = library.entries[key]
    assert entry.get("citedin") == "imdi2021"
    assert "IMDi viser til" in " ".join(entry.get("abstract").split())


def test_only_the_works_known_through_imdi_are_secondary(library):
    assert sorted(k for k, e in library.entries.items() if e.get("citedin")) == KNOWN_THROUGH_IMDI


def test_the_2021_page_has_its_address_and_points_to_the_newer_guide(library):
    entry = library.entries["imdi2021"]
    assert entry.get("url") == ("https://introduksjonsprogrammet.imdi.no/temaer/"
                                "samarbeid-om-innhold-i-introduksjonsprogrammet/")
    assert entry.get("newer") == "imdi2023-veilederen" and "imdi2023-veilederen" in library.entries


def fact_sheet_address(section_title: str) -> str | None:
    """The address ../shared/sources/imdi-2023.md gives under a section, if the file is there."""
    sheet = ROOT.parent / "shared" / "sources" / "imdi-2023.md"
    if not sheet.exists():
        return None
    text = sheet.read_text(encoding="utf-8")
    section = text[text.index(section_title):]
    return re.search(r"Address: (\S+)", section).group(1)


def test_the_2021_guide_is_cited_through_imdis_page_about_it(library):
    """Section 6 of the fidelity review: the site never read the guide itself, only IMDi's page
    about it; the entry is that page (@online, IMDi, April 2021, its address)."""
    entry = library.entries[GUIDE_PAGE]
    assert entry.type == "online"
    assert [p.family for p in entry.authors] == ["Integrerings- og mangfoldsdirektoratet"]
    assert entry.get("date") == "2021-04"
    assert entry.get("url").startswith("https://www.imdi.no/om-imdi/brosjyrer-handboker-og-veiledere/")
    address = fact_sheet_address("## 2.")
    assert address is None or entry.get("url") == address
    title = " ".join(entry.get("title").split())
    assert title.startswith("[") and title.endswith("]"), "an untitled page gets a description in brackets"
    assert "ikke selve veilederen" in " ".join(entry.get("abstract").split())


def test_the_ks_study_is_not_attributed_to_oef_report_04_2018(library):
    """F1: IMDi's employer text cites a study by Østlandsforskning for KS without naming it;
    ØF-rapport 04/2018 is another study, and its summary says the site does not tie them."""
    abstract = " ".join(library.entries["rohnebaek2018"].get("abstract").split())
    assert "annen studie" in abstract and "KS" in abstract
    assert "slutning" not in abstract  # the old inference is gone
    assert "arbeidsmarkedsteam" not in abstract


def test_our_keywords_spell_nav_nav(library):
    assert [k for k, e in library.entries.items() if "NAV" in e.keywords] == []


@pytest.mark.parametrize("key, short, number, date", [
    ("integreringsloven2020", "integreringsloven", "LOV-2020-11-06-127", "2020-11-06"),
    ("introduksjonsloven2003", "introduksjonsloven", "LOV-2003-07-04-80", "2003-07-04"),
])
def test_the_acts_as_lover_md_states_them(library, key, short, number, date):
    entry = library.entries[key]
    assert entry.type == "legislation" and key in cited_keys()
    assert (entry.get("shorttitle"), entry.get("number"), entry.get("date")) == (short, number, date)
    assert entry.get("publisher") == "Lovdata"
    assert entry.get("url") == "https://lovdata.no/dokument/NL/lov/" + number.removeprefix("LOV-")
