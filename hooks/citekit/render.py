"""HTML for citations in the text and for the "Kilder" list that ends a citing page."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from .model import Citation, CiteItem

CITE_ID = "sitering-{}"
# Hover text longer than this is cut: a tooltip is a preview, the entry page has it all.
MAX_HOVER_TEXT = 400


@dataclass(frozen=True)
class Target:
    """What a citation of one work links to and shows."""

    names: str
    year: str
    href: str
    hover: str


def cite_id(number: int) -> str:
    return CITE_ID.format(number)


def render_citation(citation: Citation, targets: Mapping[str, Target], first_number: int) -> str:
    """A citation as inline HTML; each item gets id `sitering-N`, counting from `first_number`.

    A key missing from `targets` is shown as a visible error mark (only reached when the build
    is allowed to go on, as in `mkdocs serve`).
    """
    if citation.narrative:
        item = citation.items[0]
        target = targets.get(item.key)
        if target is None:
            return _unknown(item.key)
        inner = f"{target.year}, {item.locator}" if item.locator else target.year
        return _link(target, f"{target.names} ({inner})", first_number)
    parts = []
    for offset, item in enumerate(citation.items):
        parts.append(_parenthetical_item(item, targets.get(item.key), first_number + offset))
    return "(" + "; ".join(parts) + ")"


def _parenthetical_item(item: CiteItem, target: Target | None, number: int) -> str:
    if target is None:
        return _unknown(item.key)
    text = target.year if item.suppress_author else f"{target.names}, {target.year}"
    out = _link(target, text, number)
    if item.prefix:
        out = f"{_escape(item.prefix)} {out}"
    if item.locator:
        out += f", {_escape(item.locator)}"
    return out


def _link(target: Target, text: str, number: int) -> str:
    hover = target.hover
    if len(hover) > MAX_HOVER_TEXT:
        hover = hover[: MAX_HOVER_TEXT - 1].rstrip() + "…"
    return (f'<a class="kb-cite" id="{cite_id(number)}" href="{html.escape(target.href)}" '
            f'title="{_escape(hover)}">{_link_text(text)}</a>')


_WORD_START = re.compile(r"(?<![\w&#;])(\w)")


def _link_text(text: str) -> str:
    """The visible label, with each word's first letter as a character reference: Markdown
    keeps a reference as one opaque unit, so the abbreviation tooltips (IMDi, NAV) are not
    laid over the citation's own tooltip. Browsers, search and PDF read the plain letters."""
    return _WORD_START.sub(lambda m: f"&#{ord(m.group(1))};", _escape(text))


def _unknown(key: str) -> str:
    return f'<span class="kb-cite-error" title="Ukjent kilde">@{_escape(key)}?</span>'


def _escape(text: str) -> str:
    """Escape for HTML, and also the characters Markdown would read inside inline HTML text."""
    escaped = html.escape(text)
    for char, entity in (("*", "&#42;"), ("_", "&#95;"), ("`", "&#96;"), ("|", "&#124;"),
                         ("[", "&#91;"), ("]", "&#93;"), ("\\", "&#92;"), ("~", "&#126;")):
        escaped = escaped.replace(char, entity)
    return escaped


@dataclass(frozen=True)
class ListedWork:
    """One line of a "Kilder" list: the reference HTML and where the page cites the work."""

    key: str
    reference_html: str
    cite_numbers: Sequence[int]


def render_reference_list(works: Sequence[ListedWork], heading: str = "Kilder") -> str:
    """The Markdown that ends a citing page: a heading and the full references.

    The list is an HTML block, which Markdown passes through untouched.
    """
    lines = [f"## {heading} {{ #kilder .kb-references-heading }}", "",
             '<ul class="kb-references">']
    for work in works:
        backlinks = " ".join(
            f'<a href="#{cite_id(n)}" aria-label="Tilbake til sitering {i}">↑{i}</a>'
            for i, n in enumerate(work.cite_numbers, 1)
        )
        lines.append(
            f'<li id="kilde-{html.escape(work.key)}">{work.reference_html}'
            f' <span class="kb-backlinks">Sitert her: {backlinks}</span></li>'
        )
    lines += ["</ul>", ""]
    return "\n".join(lines)

