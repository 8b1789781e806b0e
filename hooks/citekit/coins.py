"""COinS (ContextObjects in Spans): an OpenURL ContextObject for each work, in the `title` of a
`<span class="Z3988">`, so Zotero can save every source of a page at once (its embedded-
metadata translator reads only one item a page, from the meta tags of a work's own page).

Format: OpenURL 1.0 KEV (Z39.88-2004), the journal, book and dissertation formats where they
fit, Dublin Core for web pages, documents and acts.
"""

from __future__ import annotations

from urllib.parse import quote

from .fields import derived
from .model import Entry
from .people import inverted

COINS_CLASS = "Z3988"
_FORMATS = {"journal": "info:ofi/fmt:kev:mtx:journal", "book": "info:ofi/fmt:kev:mtx:book",
            "dissertation": "info:ofi/fmt:kev:mtx:dissertation", "dc": "info:ofi/fmt:kev:mtx:dc"}


def coins(entry: Entry) -> str:
    """The ContextObject of `entry`, encoded for a span's `title` attribute."""
    f = derived(entry)
    rules = f.kind.rules
    pairs = [("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", _FORMATS[rules.coins])]
    authors = [inverted(p) for p in f.creators]
    if rules.coins == "journal":
        pairs += [("rft.genre", rules.coins_genre),
                  ("rft.atitle", f.title), ("rft.jtitle", f.container),
                  ("rft.volume", f.volume), ("rft.issue", f.issue),
                  ("rft.spage", f.first_page), ("rft.epage", f.last_page)]
    elif rules.coins == "book":
        pairs.append(("rft.genre", rules.coins_genre))
        if rules.coins_genre == "bookitem":
            pairs += [("rft.atitle", f.title), ("rft.btitle", f.container),
                      ("rft.spage", f.first_page), ("rft.epage", f.last_page)]
        else:
            pairs.append(("rft.btitle", f.title))
        pairs += [("rft.pub", f.publisher), ("rft.place", f.address),
                  ("rft.edition", f.edition), ("rft.isbn", f.isbn),
                  ("rft.series", f.report_number or f.collection)]
    elif rules.coins == "dissertation":
        pairs += [("rft.title", f.title), ("rft.inst", f.publisher), ("rft.degree", f.genre)]
    else:
        pairs += [("rft.title", f.title), ("rft.publisher", f.publisher),
                  ("rft.type", f.kind.word), ("rft.language", f.language)]
        pairs += [("rft.creator", name) for name in authors]
        authors = []
    pairs += [("rft.au", name) for name in authors]
    pairs.append(("rft.date", f.date))
    if f.doi:
        pairs.append(("rft_id", f"info:doi/{f.doi}"))
    if f.url:
        pairs.append(("rft_id", f.url))
    return "&".join(f"{name}={quote(value, safe='')}" for name, value in pairs if value)
