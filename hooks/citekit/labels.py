"""Author-year labels as the Norwegian APA manual writes them: "(Røhnebæk & Eide, 2018)" in
parentheses, "Røhnebæk og Eide (2018)" in running text, "Espegren et al. (2019)" for three or
more authors, "Fafo (2017)" where the sector cites an institute. Works that would look alike
are told apart as APA 7 and citeproc do: initials ("K. Hansen"), more names ("Hansen, Berg,
et al."), then 2017a/2017b by date and title."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .dates import NO_DATE
from .model import Entry, Person
from .people import initials, inverted, join_names, surname

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
    # where the work goes among others in one parenthesis (APA 7: as in the reference list)
    sort_key: tuple[str, str] = ("", "")

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


def label_names(entry: Entry, conjunction: str = AMPERSAND, shown: int = 1, initial: bool = False) -> str:
    """`shortauthor` when given (the sector cites institutes), else the surnames; an act by
    its short title (integreringsloven). Two names are joined by `conjunction`; three or more
    are the first `shown` and 'et al.' (all of them, once `shown` reaches the last); with
    `initial`, the first author's initials come first ('K. Hansen')."""
    people = entry.short_authors or creators(entry)
    if not people:
        return entry.get("shorttitle")
    names = [surname(person) for person in people]
    if initial and people[0].given and not people[0].is_organisation:
        names[0] = f"{initials(people[0].given)} {names[0]}"
    # 'and others' ended the list of the names shown (authors, or an edited book's editors)
    more = not entry.short_authors and (entry.more_authors if entry.authors else entry.more_editors)
    if len(names) < 3 and not more:
        return f" {conjunction} ".join(names)
    if shown >= len(names) and not more:
        return join_names(names, conjunction)
    if shown <= 1:
        return f"{names[0]} {ET_AL}"
    return ", ".join(names[:shown]) + f", {ET_AL}"


def norwegian_sort_key(text: str) -> str:
    """Sorts æ, ø, å after z, as Norwegian readers expect."""
    return text.casefold().translate(_SORT_TRANSLATION)


def assign_labels(entries: Iterable[Entry]) -> dict[str, Label]:
    """A label for every entry, told apart the way APA 7 (and citeproc) does: a first author
    who shares a surname with another work's first author gets initials ('K. Hansen'); works
    whose 'et al.' would look alike show more names ('Hansen, Berg, et al.'); works of the same
    names and year get a, b, c, by date, then title."""
    entries = list(entries)
    initial = _needs_initials(entries)
    shown = {entry.key: 1 for entry in entries}

    def names(entry: Entry, conjunction: str = AMPERSAND) -> str:
        return label_names(entry, conjunction, shown[entry.key], entry.key in initial)

    while True:  # add a name to each work that looks like another by other authors
        groups: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for entry in entries:
            groups[(names(entry), entry.year_label or NO_DATE)].append(entry)
        grown = False
        for group in groups.values():
            for entry in group:
                others = any(_authors(other) != _authors(entry) for other in group)
                if others and shown[entry.key] < len(_authors(entry)):
                    shown[entry.key] += 1
                    grown = True
        if not grown:
            break
    labels = {}
    for (label, year), group in groups.items():
        narrative = names(group[0], IN_TEXT)
        narrative = "" if narrative == label else narrative
        if len(group) == 1:
            labels[group[0].key] = Label(label, year, narrative, _sort_key(group[0]))
            continue
        group.sort(key=_within_year)
        joiner = "-" if year == NO_DATE else ""
        for index, entry in enumerate(group):
            suffixed = f"{year}{joiner}{_letter(index)}"
            labels[entry.key] = Label(label, suffixed, narrative, _sort_key(entry))
    return labels


def _sort_key(entry: Entry) -> tuple[str, str]:
    """As citeproc sorts the works of one citation: by the names as the reference list writes
    them (the first alone for three or more), then the date."""
    people = entry.short_authors or creators(entry)
    names = [inverted(p) for p in people]
    more = not entry.short_authors and (entry.more_authors if entry.authors else entry.more_editors)
    # 'et al.' is no part of a sort key (CSL): three or more authors sort by the first alone
    shown = names[0] if len(names) >= 3 or (more and names) else join_names(names, AMPERSAND)
    # undated works first (APA 7), then by date, as citeproc sorts (works of one date keep
    # the order they are cited in)
    issued = entry.issued
    when = "1" + issued.start.iso() + (f"/{issued.end.iso()}" if issued.end else "") if issued else "0"
    return (norwegian_sort_key(shown or entry.get("shorttitle")), when)


def _authors(entry: Entry) -> tuple[str, ...]:
    """Who the label names, as surnames (for telling works apart)."""
    return tuple(surname(p) for p in (entry.short_authors or creators(entry)))


def _needs_initials(entries: list[Entry]) -> set[str]:
    """The works whose first author shares a surname, but not initials, with the first author
    of another work (APA 7: initials in every citation, whatever the year)."""
    seen: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        people = creators(entry)
        if not entry.short_authors and people and people[0].given and not people[0].is_organisation:
            seen[surname(people[0])].add(initials(people[0].given))
    return {entry.key for entry in entries if not entry.short_authors and creators(entry)
            and len(seen.get(surname(creators(entry)[0]), ())) > 1}


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
