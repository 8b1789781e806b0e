"""Author-year labels as the Norwegian APA manual writes them: "(Røhnebæk & Eide, 2018)" in
parentheses, "Røhnebæk og Eide (2018)" in running text, "Espegren et al. (2019)" for three or
more authors, "Fafo (2017)" where the sector cites an institute, with 2017a/2017b where two
works share names and year (ordered by date, then title, as citeproc does)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .dates import NO_DATE
from .model import Entry, Person
from .people import surname

_SORT_TRANSLATION = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"})
# APA joins the last two names with '&' in reference lists and inside parentheses; running
# text says 'og'. Three or more authors, or a list that ends in 'and others': 'et al.' (the
# Norsk APA style's own term, where the nb locale of CSL says 'mfl.').
AMPERSAND = "&"
IN_TEXT = "og"
ET_AL = "et al."


@dataclass(frozen=True)
class Label:
    names: str  # as inside parentheses: 'Røhnebæk & Eide'
    year: str
    narrative_names: str = ""  # as in running text: 'Røhnebæk og Eide' ('' when the same)

    @property
    def in_text(self) -> str:
        return self.narrative_names or self.names

    @property
    def parenthetical(self) -> str:
        return f"{self.names}, {self.year}"

    @property
    def narrative(self) -> str:
        return f"{self.in_text} ({self.year})"


def creators(entry: Entry) -> tuple[Person, ...]:
    """Who a work is by: its authors, else its editors, else its institution as an organisation."""
    if entry.authors:
        return entry.authors
    if entry.editors:
        return entry.editors
    organisation = entry.get("institution") or entry.get("organization")
    return (Person(family=organisation, is_organisation=True),) if organisation else ()


def label_names(entry: Entry, conjunction: str = AMPERSAND) -> str:
    """`shortauthor` when given (the sector cites institutes), else the surnames; an act by
    its short title (integreringsloven). Two names are joined by `conjunction`."""
    people = entry.short_authors or creators(entry)
    if not people:
        return entry.get("shorttitle")
    names = [surname(person) for person in people]
    # 'and others' ended the list of the names shown (authors, or an edited book's editors)
    more = not entry.short_authors and (entry.more_authors if entry.authors else entry.more_editors)
    if len(names) >= 3 or (more and names):
        return f"{names[0]} {ET_AL}"
    return f" {conjunction} ".join(names)


def norwegian_sort_key(text: str) -> str:
    """Sorts æ, ø, å after z, as Norwegian readers expect."""
    return text.casefold().translate(_SORT_TRANSLATION)


def assign_labels(entries: Iterable[Entry]) -> dict[str, Label]:
    """A label for every entry; works with the same names and year get a, b, c by title."""
    groups: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in entries:
        groups[(label_names(entry), entry.year_label or NO_DATE)].append(entry)
    labels = {}
    for (names, year), group in groups.items():
        narrative = label_names(group[0], IN_TEXT)
        narrative = "" if narrative == names else narrative
        if len(group) == 1:
            labels[group[0].key] = Label(names, year, narrative)
            continue
        group.sort(key=_within_year)
        joiner = "-" if year == NO_DATE else ""
        for index, entry in enumerate(group):
            labels[entry.key] = Label(names, f"{year}{joiner}{_letter(index)}", narrative)
    return labels


def _within_year(entry: Entry) -> tuple[list[int], str]:
    """Works of one author and year: by date (a year alone before its months and days, as
    citeproc's year-suffix does), then by title; a tie keeps the bibliography's order."""
    issued = entry.issued.start.parts if entry.issued else []
    return (issued, norwegian_sort_key(entry.get("title")))


def _letter(index: int) -> str:
    """a, b, ..., z, aa, ab, ... so even very prolific authors get distinct labels."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters
