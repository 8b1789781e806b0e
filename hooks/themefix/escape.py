"""The front matter's text that the themes print raw, escaped once, for both engines.

Material's and Zensical's partials print a page's `title` and `subtitle` (the header, the
navigation) as they are, and neither engine autoescapes: a title with markup injected it into
every page's navigation (probe F-29). Each adapter escapes them once, before any template runs:
the MkDocs plugin in the pages' meta (`escape_printed`), the Zensical pass in the front matter
of the copies Zensical builds from (`escaped_page`, line for line, so every line number a
message gives stays the writer's). The description and the author, printed only in <head>, are
escaped by overrides/main.html, which both engines render.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import MutableMapping
from typing import Any

import yaml

__all__ = ["PRINTED_KEYS", "escape_printed", "escaped_page"]
PRINTED_KEYS = ("title", "subtitle")
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_KEY_LINE = re.compile(rf"^(?P<key>{'|'.join(PRINTED_KEYS)}):[ \t]*(?P<value>.*)$")


def escape_printed(meta: MutableMapping[str, Any]) -> None:
    """Escape, in place, the front-matter text the themes' partials print raw."""
    for key in PRINTED_KEYS:
        if isinstance(meta.get(key), str):
            meta[key] = html.escape(meta[key], quote=True)


def escaped_page(text: str) -> str | None:
    """`text` (a page) with the one-line title and subtitle of its front matter escaped, every
    other line as it was; None where nothing changes."""
    match = _FRONT_MATTER.match(text)
    if not match or not match["yaml"]:
        return None
    lines = match["yaml"].split("\n")
    changed = False
    for number, line in enumerate(lines):
        found = _KEY_LINE.match(line)
        if not found or not found["value"] or found["value"][0] in "|>":
            continue  # a block scalar spans lines: left to yaml, never half-rewritten
        if number + 1 < len(lines) and lines[number + 1][:1] in (" ", "\t"):
            continue  # a plain scalar that goes on to the next line
        try:
            value = yaml.safe_load(found["value"])
        except yaml.YAMLError:
            continue  # the front-matter check reports it
        if isinstance(value, str) and html.escape(value, quote=True) != value:
            escaped = json.dumps(html.escape(value, quote=True), ensure_ascii=False)
            lines[number] = f"{found['key']}: {escaped}"
            changed = True
    if not changed:
        return None
    start = match.start("yaml")
    return text[:start] + "\n".join(lines) + text[match.end("yaml"):]
