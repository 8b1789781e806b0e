"""The stylesheets and scripts the citations and the research index need on every page, for
whichever engine builds the site; they ship inside the package (citekit/assets/)."""

from __future__ import annotations

from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "assets"
TARGET = "assets/kunnskapsbase"  # where they go in the site
CITATION_ASSETS = ("citations.css",)
SEARCH_EXTENSION = SOURCE / "lunr-no-prefix-stemming.js"  # Material's lunr pipeline (MkDocs)
INDEX_ASSETS = ("research-index.css", "research-index.js")
SEARCH_ASSETS = ("search-hint.js",)  # where to look when the search finds nothing
