"""Author-year labels the Norwegian way: "Fafo (2017)", "Røhnebæk og Eide (2018)",
"Djuve mfl. (2017)", with 2017a/2017b where two works share names and year."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .dates import NO_DATE
from .model import Entry, Person
from .people import surname

_SORT_TRANSLATION = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"})


@dataclass(frozen=True)
class Label:
    names: str
    year: str

    @property
    def parenthetical(self) -> str:
        return f"{self.names}, {self.year}"

    @property
    def narrative(self) -> str:
        return f"{self.names} ({self.year})"


def creators(entry: Entry) -> tuple[Person, ...]:
    """Who a work is by: its authors, else its editors, else its institution as an organisation."""
    if entry.authors:
        return entry.authors
    if entry.editors:
        return entry.editors
    organisation = entry.get("institution") or entry.get("organization")
    return (Person(family=organisation, is_organisation=True),) if organisation else ()


def label_names(entry: Entry) -> str:
    """`shortauthor` when given (the sector cites institutes), else the surnames; an act by
    its short title (integreringsloven)."""
    people = entry.short_authors or creators(entry)
    if not people:
        return entry.get("shorttitle")
    names = [surname(person) for person in people]
    more = entry.more_authors if entry.authors and not entry.short_authors else False
    if len(names) >= 3 or (more and names):
        return f"{names[0]} mfl."
    return " og ".join(names)


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
        if len(group) == 1:
            labels[group[0].key] = Label(names, year)
            continue
        group.sort(key=lambda e: (norwegian_sort_key(e.get("title")), e.key))
        joiner = "-" if year == NO_DATE else ""
        for index, entry in enumerate(group):
            labels[entry.key] = Label(names, f"{year}{joiner}{_letter(index)}")
    return labels


def _letter(index: int) -> str:
    """a, b, ..., z, aa, ab, ... so even very prolific authors get distinct labels."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters
