"""Search in Norwegian for either site generator: the sector's words (includes/terms.yml) for
the glossary's hover texts and the search, and the scripts that make each engine's search
worker stem, split compounds and know those words. Knows no site generator except where a
module says so (`zensical`: the worker file it ships)."""

from __future__ import annotations

from pathlib import Path

from citekit.model import Problem

from .terms import load_terms, script_data

ASSETS = Path(__file__).resolve().parent / "assets"
NORWEGIAN_QUERY = ASSETS / "norwegian-query.js"
ZENSICAL_QUERY = ASSETS / "zensical-query.js"

__all__ = ["ASSETS", "NORWEGIAN_QUERY", "ZENSICAL_QUERY", "query_script"]


def query_script(root: Path) -> tuple[str, list[Problem]]:
    """The engine-neutral part of the search scripts, with the sector's words of the project
    at `root`; and the problems of its terms file, located."""
    terms, problems = load_terms(root)
    return script_data(terms) + NORWEGIAN_QUERY.read_text(encoding="utf-8") + "\n", problems
