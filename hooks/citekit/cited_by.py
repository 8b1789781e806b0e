"""The "Sitert i kunnskapsbasen" list on a work's page: every page and section that cites it,
each linking to the exact citation."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from .render import cite_id


@dataclass(frozen=True)
class CitingPlace:
    page_title: str
    page_href: str  # relative to the work's page
    section_anchor: str
    section_title: str
    number: int


def citation_count_text(times: int, pages: int) -> str:
    """'sitert 3 ganger på 2 sider' (the research index's lists and a work's own page)."""
    if not times:
        return "ikke sitert"
    return (f"sitert {times} {'gang' if times == 1 else 'ganger'} på "
            f"{pages} {'side' if pages == 1 else 'sider'}")


def render_cited_by(places: Sequence[CitingPlace]) -> str:
    """HTML: pages in the order given, sections within each page, one link per citation."""
    if not places:
        return '<p class="kb-cited-by-none">Verket er ikke sitert i kunnskapsbasen ennå.</p>'
    count = citation_count_text(len(places), len({p.page_href for p in places}))
    out = [f'<p class="kb-cited-by-count">{count[0].upper()}{count[1:]}.</p>', '<ul class="kb-cited-by">']
    for page_href, page_group in groupby(places, key=lambda p: p.page_href):
        on_page = list(page_group)
        out.append(f'<li><a href="{html.escape(page_href)}">{html.escape(on_page[0].page_title)}</a><ul>')
        for _, section_group in groupby(on_page, key=lambda p: p.section_anchor):
            in_section = list(section_group)
            first = in_section[0]
            title = first.section_title or first.page_title
            links = ", ".join(
                f'<a href="{html.escape(page_href)}#{cite_id(p.number)}" '
                f'aria-label="Sitering {i} under {html.escape(title)}">{i}</a>'
                for i, p in enumerate(in_section, 1)
            )
            noun = "sitering" if len(in_section) == 1 else "siteringer"
            out.append(
                f'<li><a href="{html.escape(page_href)}#{cite_id(first.number)}">{html.escape(title)}</a>'
                f' <span class="kb-cited-by-links">({len(in_section)} {noun}: {links})</span></li>'
            )
        out.append("</ul></li>")
    out.append("</ul>")
    return "\n".join(out)
