"""Fields derived from an entry, each rule in one place, for every module that writes an
entry out (apa, exports, coins, metadata, the research index): who published it, its series
and number, its date in ISO form, its language tag and its page range.

`derived(entry)` computes them all once per entry, as one record (`Derived`): the APA
formatter and every export (BibTeX aside, which writes the source back) read that record and
nothing else of the entry's fields, so a field is one rule here and one line per format there.

Who published a work is one rule in two steps. `publisher` is what the bibliography says
(the field its type uses); references, exports and metadata write that, and APA leaves it out
where it repeats the author. `publisher_name` is the name the research index shows a reader as
"Utgiver" and groups "Etter utgiver" by: the publisher, else the organisation that wrote the
work (APA 7: an author that published its own work is its publisher). It is a full name
("Integrerings- og mangfoldsdirektoratet"), not the short name citations use ("IMDi", from
`shortauthor`); a work's page shows that one too, as "Omtales som".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .entry_types import EntryType, entry_type
from .labels import creators
from .model import Entry, Person
from .people import same_party

LANGUAGES = {"norsk": "nb", "norwegian": "nb", "bokmål": "nb", "bokmal": "nb", "nb": "nb",
             "no": "nb", "nynorsk": "nn", "nn": "nn", "english": "en", "engelsk": "en", "en": "en"}
# A hyphen (or BibTeX's '--') between two numbers: a range, written with an en dash.
_RANGE_DASH = re.compile(r"(?<=\d)\s*-{1,2}\s*(?=\d)")
_PAGES = re.compile(r"^\s*(?P<first>[^-–\s]+)\s*(?:-{1,2}|–)\s*(?P<last>\S+)\s*$")


# In the order they are asked: a thesis's school, a report's institution, a book's publisher,
# a manual's organisation.
PUBLISHER_FIELDS = ("school", "institution", "publisher", "organization")


def publisher(entry: Entry) -> str:
    """The publisher as the bibliography gives it, '' when it gives none."""
    for name in PUBLISHER_FIELDS:
        if entry.get(name):
            return entry.get(name)
    return ""


def publisher_name(entry: Entry) -> str:
    """Who the reader is told published the work: the publisher, else the organisation that
    wrote it; '' for a work by people with no publisher named."""
    if publisher(entry):
        return publisher(entry)
    people = creators(entry)
    return people[0].family if people and people[0].is_organisation else ""


def cited_as(entry: Entry) -> str:
    """The short name citations use for the body behind the work ('IMDi', 'Proba'), when it
    differs from `publisher_name`; '' otherwise."""
    if not entry.short_authors:
        return ""
    short = entry.short_authors[0].family
    return short if short != publisher_name(entry) else ""


def series(entry: Entry) -> str:
    """The series a report is numbered in ('Fafo-rapport'): its `type`, else its `series`."""
    return entry.get("type") or entry.get("series")


def issue(entry: Entry) -> str:
    """The issue of a journal article (its `number`); '' for other works."""
    return entry.get("number") if entry_type(entry.type).rules.number == "issue" else ""


def numbered_report(entry: Entry) -> str:
    """A report's series and number ('Fafo-rapport 2017:31'); '' for other works."""
    return report_number(entry) if entry_type(entry.type).rules.number == "report" else ""


def report_number(entry: Entry) -> str:
    """'Fafo-rapport 2017:31': the series with the number, as printed on the cover; '' when
    the entry has no number."""
    number = entry.get("number")
    return f"{series(entry)} {number}".strip() if number else ""


def iso_date(entry: Entry, separator: str = "-") -> str:
    """'2021-09-21' (or '2021/09/21', '2017'): as much of the date as the entry gives; the
    start of a range."""
    return entry.issued.start.iso(separator) if entry.issued else ""


def language_tag(entry: Entry) -> str:
    """A BCP 47 tag from `langid`/`language`, '' when the bib does not say."""
    value = (entry.get("langid") or entry.get("language")).casefold()
    return LANGUAGES.get(value, "")


def en_dash_ranges(text: str) -> str:
    """'12-14' and '12--14' -> '12–14' (pages in a reference, a locator, a CSL item)."""
    return _RANGE_DASH.sub("–", text)


def page_range(entry: Entry) -> tuple[str, str]:
    """The first and last page ('12', '14'), for formats that want them apart; the whole
    value and '' when it is not a range."""
    match = _PAGES.match(entry.get("pages"))
    return (match["first"], match["last"]) if match else (entry.get("pages"), "")


# A number as CSL's is-numeric sees it: digits, or digits joined by '-', '–', ',' or '&'.
_NUMERIC = re.compile(r"^\d+(?:\s*[-–,&]\s*\d+)*$")


def is_numeric(text: str) -> bool:
    """'12', '2017-11': a number APA labels ('Nr. 12'); '2017:31', '04/2018' are written as printed."""
    return bool(_NUMERIC.match(text))


@dataclass(frozen=True)
class Derived:
    """What every output needs of an entry, each value computed by one rule above."""

    kind: EntryType  # the registry's row for the entry's type
    title: str
    short_title: str  # an act's short name ('integreringsloven')
    creators: tuple[Person, ...]  # authors, else editors, else the institution as organisation
    more_creators: bool  # 'and others' ended the list: more than those named
    editors: tuple[Person, ...]  # editors beside authors (of a book holding a chapter)
    more_editors: bool  # and others
    editors_are_creators: bool  # an edited book: the editors stand in the authors' place
    container: str  # the journal, or the book holding a chapter
    publisher: str  # as the bibliography names it (a document's `howpublished` too)
    shown_publisher: str  # APA's: '' when it only repeats the one author
    series: str  # 'Fafo-rapport'
    collection: str  # the series a book or other work belongs to, unnumbered by APA
    number: str  # the entry's number as written
    report_number: str  # a report's 'Fafo-rapport 2017:31', '' for other works
    issue: str  # a journal article's number
    volume: str
    edition: str
    isbn: str
    address: str
    thesis_kind: str  # 'Masteroppgave'
    genre: str  # the entry's own `type` ('Mal'), or its thesis kind
    date: str  # ISO 8601: '2021-09-21', '2017'
    date_end: str  # the end of a range, '' for a single date
    date_parts: tuple[tuple[int, ...], ...]  # the start and any end, as CSL's date-parts
    language: str  # BCP 47
    pages: str  # '101–120'
    first_page: str
    last_page: str
    doi: str  # '10.1000/x'
    url: str
    link: str  # what the reference ends with: the DOI as a URL, else the URL
    abstract: str
    note: str
    keywords: tuple[str, ...]


def derived(entry: Entry) -> Derived:
    """The entry's derived fields, computed once, on the entry (`Entry.derived`)."""
    return entry.derived


def derive(entry: Entry) -> Derived:
    """Compute the record; outputs call `derived`, which keeps it on the entry."""
    kind = entry_type(entry.type)
    people = creators(entry)
    by_authors = bool(entry.authors)
    given_publisher = publisher(entry) or (entry.get("howpublished") if kind.style == "document" else "")
    first, last = page_range(entry)
    issued = entry.issued
    parts = ((tuple(issued.start.parts),) + ((tuple(issued.end.parts),) if issued.end else ())
             if issued else ())
    return Derived(
        kind=kind, title=entry.get("title"), short_title=entry.get("shorttitle"),
        creators=people,
        more_creators=entry.more_authors if by_authors else bool(entry.editors and entry.more_editors),
        editors=entry.editors if by_authors else (),
        more_editors=by_authors and entry.more_editors,
        editors_are_creators=not by_authors and bool(entry.editors),
        container=entry.get("journal") or entry.get("booktitle"),
        publisher=given_publisher,
        shown_publisher="" if same_party(people, given_publisher) else given_publisher,
        series=series(entry),
        collection="" if kind.rules.number == "report" else entry.get("series"),
        number=entry.get("number"), report_number=numbered_report(entry),
        issue=issue(entry), volume=entry.get("volume"), edition=entry.get("edition"),
        isbn=entry.get("isbn"), address=entry.get("address"), thesis_kind=kind.thesis_kind,
        genre=entry.get("type") or kind.thesis_kind,
        date=iso_date(entry), date_end=issued.end.iso() if issued and issued.end else "",
        date_parts=parts, language=language_tag(entry),
        pages=en_dash_ranges(entry.get("pages")), first_page=first, last_page=last,
        doi=entry.doi, url=entry.get("url"),
        link=f"https://doi.org/{entry.doi}" if entry.doi else entry.get("url"),
        abstract=entry.get("abstract"), note=entry.get("note"), keywords=entry.keywords,
    )

