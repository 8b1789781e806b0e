"""Fields derived from an entry, each rule in one place, for every module that writes an
entry out (apa, exports, coins, metadata, the research index): who published it, its series
and number, its date in ISO form, its language tag and its page range.

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

from .entry_types import entry_type
from .labels import creators
from .model import Entry

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
