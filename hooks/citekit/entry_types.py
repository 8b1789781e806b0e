"""The one registry of entry types: what each BibTeX/biblatex type is called in Norwegian, in
RIS, in CSL and in schema.org, how APA formats it, and what it must hold; and the table of
styles, what each way of formatting means for the exports. Every module that depends on an
entry's type asks here, so adding a type that is formatted like an existing one is one line;
a new style is a line in STYLES and its formatter in apa.py."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Style:
    """A way of formatting a work (apa.py has a formatter for each), and what it means for the
    fields: what `number` numbers, and the OpenURL format (COinS) that fits it."""

    name: str
    # what the entry's `number` is: the issue of a journal ("issue"), the number of a report
    # in its series ("report", written with the series: 'Fafo-rapport 2017:31'), or just a
    # number ("")
    number: str = ""
    coins: str = "dc"  # OpenURL format: journal, book, dissertation, or dc (Dublin Core)
    coins_genre: str = ""  # rft.genre, in the journal and book formats


STYLES = {style.name: style for style in (
    Style("report", number="report", coins="book", coins_genre="report"),
    Style("book", coins="book", coins_genre="book"),
    Style("article", number="issue", coins="journal", coins_genre="article"),
    Style("chapter", coins="book", coins_genre="bookitem"),
    Style("thesis", coins="dissertation"),
    Style("document"),
    Style("legislation"),
)}


@dataclass(frozen=True)
class EntryType:
    word: str  # in Norwegian, as the research index names it
    ris: str
    csl: str
    schema: str
    style: str  # the APA formatter: report, book, article, chapter, thesis, document, legislation
    needs_year: bool = True  # APA cites the others as "u.å." when undated
    full_date: bool = False  # APA gives the day or month too: (2021, 21. september); the
    # Norsk APA style does so for web pages, and gives reports, guides and documents the year
    thesis_kind: str = ""  # the bracketed description of a thesis
    needs_creator: bool = True  # an act has no author: it is cited by its short title
    web_page: bool = False  # its date is the day it was last updated ("sist oppdatert")

    @property
    def rules(self) -> Style:
        """What its style means for the fields."""
        return STYLES[self.style]


_REPORT = EntryType("rapport", "RPRT", "report", "Report", "report")
_CHAPTER = EntryType("bokkapittel", "CHAP", "chapter", "Chapter", "chapter")
_WEB = EntryType("nettside", "ELEC", "webpage", "WebPage", "document", needs_year=False,
                 full_date=True, web_page=True)

TYPES: dict[str, EntryType] = {
    "article": EntryType("artikkel", "JOUR", "article-journal", "ScholarlyArticle", "article"),
    "book": EntryType("bok", "BOOK", "book", "Book", "book"),
    "incollection": _CHAPTER,
    "inbook": _CHAPTER,
    "inproceedings": EntryType("konferansebidrag", "CPAPER", "paper-conference",
                               "ScholarlyArticle", "chapter"),
    "report": _REPORT,
    "techreport": _REPORT,
    "thesis": EntryType("avhandling", "THES", "thesis", "Thesis", "thesis"),
    "phdthesis": EntryType("doktoravhandling", "THES", "thesis", "Thesis", "thesis",
                           thesis_kind="Doktoravhandling"),
    "mastersthesis": EntryType("masteroppgave", "THES", "thesis", "Thesis", "thesis",
                               thesis_kind="Masteroppgave"),
    "manual": EntryType("veileder", "GEN", "document", "CreativeWork", "document",
                        needs_year=False),
    "online": _WEB,
    "www": _WEB,
    "electronic": _WEB,
    "misc": EntryType("dokument", "GEN", "document", "CreativeWork", "document",
                      needs_year=False),
    "legislation": EntryType("lov", "STAT", "legislation", "Legislation", "legislation",
                             needs_creator=False),
}


def entry_type(name: str) -> EntryType:
    """The registry's entry for a type (lower-case BibTeX name); an unknown type is reported
    when the bibliography is loaded, and treated as a document meanwhile."""
    return TYPES.get(name, TYPES["misc"])


def is_act(name: str) -> bool:
    """An act (@legislation): it imposes duties, and it is no source of advice that ages."""
    return entry_type(name).style == "legislation"


def supported() -> str:
    return ", ".join(f"@{name}" for name in TYPES)
