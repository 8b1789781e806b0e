"""Who published a work: one rule, in two steps.

`publisher` is what the bibliography says (the field its type uses); references, exports and
metadata write that, and APA leaves it out where it repeats the author. `publisher_name` is
the name the research index shows a reader as "Utgiver" and groups "Etter utgiver" by: the
publisher, else the organisation that wrote the work (APA 7: an author that published its own
work is its publisher). It is a full name ("Integrerings- og mangfoldsdirektoratet"), not
the short name citations use ("IMDi", from `shortauthor`); a work's page shows that one too,
as "Omtales som".
"""

from __future__ import annotations

from .labels import creators
from .model import Entry

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
