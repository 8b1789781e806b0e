"""The one way to choose who published a work, for references, exports and metadata alike."""

from __future__ import annotations

from .model import Entry

# In the order they are asked: a thesis's school, a report's institution, a book's publisher,
# a manual's organisation.
PUBLISHER_FIELDS = ("school", "institution", "publisher", "organization")


def publisher(entry: Entry) -> str:
    for name in PUBLISHER_FIELDS:
        if entry.get(name):
            return entry.get(name)
    return ""
