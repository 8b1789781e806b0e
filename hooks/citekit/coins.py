"""COinS (ContextObjects in Spans): an OpenURL ContextObject for each work, in the `title` of a
`<span class="Z3988">`, so Zotero can save every source of a page at once (its embedded-
metadata translator reads only one item a page, from the meta tags of a work's own page).

Format: OpenURL 1.0 KEV (Z39.88-2004), the journal, book and dissertation formats where they
fit, Dublin Core for web pages, documents and acts.
"""

from __future__ import annotations

from urllib.parse import quote

from .entry_types import entry_type
from .fields import iso_date, issue, language_tag, numbered_report, page_range, publisher
from .labels import creators
from .model import Entry
from .people import inverted

COINS_CLASS = "Z3988"
_FORMATS = {"journal": "info:ofi/fmt:kev:mtx:journal", "book": "info:ofi/fmt:kev:mtx:book",
            "dissertation": "info:ofi/fmt:kev:mtx:dissertation", "dc": "info:ofi/fmt:kev:mtx:dc"}


def coins(entry: Entry) -> str:
    """The ContextObject of `entry`, encoded for a span's `title` attribute."""
    rules = entry_type(entry.type).rules
    pairs = [("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", _FORMATS[rules.coins])]
    authors = [inverted(p) for p in (entry.authors or creators(entry))]
    if rules.coins == "journal":
        pairs += [("rft.genre", rules.coins_genre),
                  ("rft.atitle", entry.get("title")), ("rft.jtitle", entry.get("journal")),
                  ("rft.volume", entry.get("volume")), ("rft.issue", issue(entry))]
        first, last = page_range(entry)
        pairs += [("rft.spage", first), ("rft.epage", last)]
    elif rules.coins == "book":
        pairs.append(("rft.genre", rules.coins_genre))
        if rules.coins_genre == "bookitem":
            pairs += [("rft.atitle", entry.get("title")), ("rft.btitle", entry.get("booktitle"))]
        else:
            pairs.append(("rft.btitle", entry.get("title")))
        pairs += [("rft.pub", publisher(entry)), ("rft.place", entry.get("address")),
                  ("rft.edition", entry.get("edition")), ("rft.isbn", entry.get("isbn")),
                  ("rft.series", numbered_report(entry) if rules.number == "report" else entry.get("series"))]
    elif rules.coins == "dissertation":
        pairs += [("rft.title", entry.get("title")),
                  ("rft.inst", publisher(entry)),
                  ("rft.degree", entry.get("type") or entry_type(entry.type).thesis_kind)]
    else:
        pairs += [("rft.title", entry.get("title")),
                  ("rft.publisher", publisher(entry)), ("rft.type", entry_type(entry.type).word),
                  ("rft.language", language_tag(entry))]
        pairs += [("rft.creator", name) for name in authors]
        authors = []
    pairs += [("rft.au", name) for name in authors]
    pairs.append(("rft.date", iso_date(entry)))
    if entry.doi:
        pairs.append(("rft_id", f"info:doi/{entry.doi}"))
    if entry.get("url"):
        pairs.append(("rft_id", entry.get("url")))
    return "&".join(f"{name}={quote(value, safe='')}" for name, value in pairs if value)
