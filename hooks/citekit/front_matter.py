"""A page's YAML front matter, split off the way MkDocs and Zensical split it: the metadata,
the Markdown they convert, and how many lines came before it (so a problem found in the
Markdown is reported at its line in the file)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

_FRONT_MATTER = re.compile(r"^---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict, str, int]:
    """(front matter, Markdown, lines before the Markdown); the blank lines after the front
    matter are dropped, as MkDocs drops them."""
    text = text.replace("\r\n", "\n")
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0
    try:
        meta = yaml.safe_load(match["yaml"] or "") or {}
    except yaml.YAMLError:
        meta = {}
    body = text[match.end():].lstrip("\n")
    return (meta if isinstance(meta, dict) else {}), body, text[: len(text) - len(body)].count("\n")


def front_matter_lines(path: Path) -> int:
    """How many lines come before the Markdown in the page at `path` (0 if unreadable)."""
    try:
        return split_front_matter(path.read_text(encoding="utf-8-sig"))[2]
    except OSError:
        return 0


def front_matter_end(text: str) -> int:
    """Where the front matter of `text` ends (0 without one)."""
    match = _FRONT_MATTER.match(text)
    return match.end() if match else 0
