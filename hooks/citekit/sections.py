"""Find, in a page's rendered HTML, the heading under which each citation stands."""

from __future__ import annotations

import html
import re

_HEADING_OR_CITE = re.compile(
    r'<h(?P<level>[1-6])\b[^>]*\bid="(?P<anchor>[^"]+)"[^>]*>(?P<title>.*?)</h(?P=level)>'
    r'|<a class="kb-cite" id="sitering-(?P<number>\d+)"',
    re.DOTALL,
)
_TAGS = re.compile(r"<[^>]+>")
_PERMALINK = re.compile(r'<a class="headerlink".*?</a>', re.DOTALL)


def citation_sections(page_html: str) -> dict[int, tuple[str, str]]:
    """{citation number: (heading anchor, heading text)}; ('', '') before the first heading."""
    current = ("", "")
    found: dict[int, tuple[str, str]] = {}
    for match in _HEADING_OR_CITE.finditer(page_html):
        if match["number"]:
            found[int(match["number"])] = current
        else:
            title = _TAGS.sub("", _PERMALINK.sub("", match["title"]))
            current = (match["anchor"], html.unescape(title).strip())
    return found
