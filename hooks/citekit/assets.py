"""The stylesheets and scripts the citations and the research index need on every page, for
whichever engine builds the site (hooks/assets/)."""

from __future__ import annotations

from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "assets"
TARGET = "assets/kunnskapsbase"  # where they go in the site
CITATION_ASSETS = ("citations.css",)
INDEX_ASSETS = ("research-index.css", "research-index.js")
