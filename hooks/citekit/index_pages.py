"""The research index: the list of every work (paginated for large libraries), the ways to
browse it (year, type, publisher, topic), and the catalogue its filter box searches.

Renderers take `href`, which turns a path inside the index directory ("djuve2017.md") into a
URL relative to the page being rendered, so the same code serves directory URLs and the
offline build's plain .html files alike.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping, Sequence
from html.parser import HTMLParser

from .catalogue import Work, kind
from .cited_by import citation_count_text
from .coins import COINS_CLASS
from .entry_types import entry_type
from .facets import FACETS, Facet, Group
from .fields import publisher_name

PAGE_SIZE = 200
INDEX_MARKER = "<!-- kb:research-index -->"
# Counts are left out of the site search ("sitert 4 ganger" finds nothing a reader wants),
# which also keeps the engines alike: the Zensical route fills them in after Zensical has
# made its search index (kb_zensical.fill).
COUNT_PLACEHOLDER = '<span class="kb-count" data-kb-count="{key}" data-search-exclude></span>'
# The slot as it comes out of the Markdown engine: found by its attribute, whatever the
# attributes' order or quoting, and read by HTMLParser (as mkdocs-autorefs reads its own tags).
_COUNT_SLOT = re.compile(r"<span\b[^>]*\bdata-kb-count\b[^>]*>\s*</span>")

Href = Callable[[str], str]


def pages_of(works: Sequence[Work], page_size: int = PAGE_SIZE) -> list[Sequence[Work]]:
    return [works[i : i + page_size] for i in range(0, len(works), page_size)] or [[]]


def page_path(number: int) -> str:
    """The index's own page is number 1; the rest are generated beside it."""
    return "index.md" if number == 1 else f"side-{number}.md"


def work_item(work: Work, href: Href) -> str:
    """One work in a list: label, linked title, type, publisher, year and citation count."""
    entry = work.entry
    body = publisher_name(entry)
    meta = [html.escape(kind(entry))]
    if body:
        meta.append(html.escape(body))
    if entry_type(entry.type).web_page and entry.issued and entry.issued.start.day:
        meta.append(f"oppdatert {html.escape(entry.issued.norwegian())}")
    meta.append(COUNT_PLACEHOLDER.format(key=html.escape(work.key)))
    return (
        f'<li class="kb-work" data-kb-key="{html.escape(work.key)}">'
        f'<span class="kb-work-label">{html.escape(work.label.narrative)}</span> '
        f'<a class="kb-work-title" href="{html.escape(href(work.slug + ".md"))}">'
        f"{html.escape(entry.get('title'))}</a> "
        f'<span class="kb-work-meta">{" · ".join(meta)}</span>'
        f'<span class="{COINS_CLASS}" title="{html.escape(work.coins)}"></span></li>'
    )


def work_list(works: Sequence[Work], href: Href) -> str:
    items = "\n".join(work_item(work, href) for work in works)
    return f'<ol class="kb-works">\n{items}\n</ol>'


def pagination(current: int, total: int, href: Href) -> str:
    if total <= 1:
        return ""
    links = []
    for number in range(1, total + 1):
        if number == current:
            links.append(f'<li><span aria-current="page">{number}</span></li>')
        else:
            links.append(f'<li><a href="{html.escape(href(page_path(number)))}">{number}</a></li>')
    return ('<nav class="kb-pagination" aria-label="Sider i kildelista"><ol>'
            + "".join(links) + "</ol></nav>")


def filter_form(total: int) -> str:
    """The filter box and sort menu. Hidden by the stylesheet while the page is `no-js`
    (Material's head script swaps that class before the first paint), so a reader without
    JavaScript gets the plain list and no dead controls, and the others no layout shift."""
    return f"""<form class="kb-filter" data-kb-filter>
<div class="kb-filter-field"><label for="kb-filter-input">Filtrer kildene</label>
<input id="kb-filter-input" type="search" autocomplete="off" spellcheck="false"
 placeholder="Forfatter, tittel, utgiver, år, emne eller rapportnummer"
 aria-describedby="kb-filter-status"></div>
<div class="kb-filter-field"><label for="kb-sort">Sorter</label>
<select id="kb-sort">
<option value="author">Etter forfatter (A–Å)</option>
<option value="newest">Nyeste først</option>
<option value="oldest">Eldste først</option>
<option value="cited">Mest sitert først</option>
<option value="type">Etter type</option>
</select></div>
<p id="kb-filter-status" class="kb-filter-status" role="status" aria-live="polite">{total} {_kilder(total)}.</p>
</form>"""


def index_body(works: Sequence[Work], groups: Mapping[str, list[Group]], page_number: int,
               href: Href, downloads: Mapping[str, str]) -> str:
    """What replaces the index marker on page `page_number` of the list."""
    pages = pages_of(works)
    shown = pages[page_number - 1]
    parts = []
    if page_number == 1:
        parts += [filter_form(len(works)), ""]
    parts += [f'<div class="kb-index" data-kb-index data-kb-catalogue="{html.escape(href("katalog.js"))}">',
              work_list(shown, href), "</div>", "", pagination(page_number, len(pages), href), ""]
    if page_number == 1:
        parts += ["## Bla i kildene", ""]
        for facet in FACETS:
            links = ", ".join(
                f'<a href="{html.escape(href(g.path))}">{html.escape(g.name)}</a> ({len(g.works)})'
                for g in groups[facet.folder])
            parts.append(f'<p class="kb-browse"><a href="{html.escape(href(facet.folder + "/index.md"))}">'
                         f"{facet.title}</a>: {links}</p>")
        parts += ["", "## Last ned kildelista", "",
                  '<ul class="kb-downloads">']
        for label, path in downloads.items():
            parts.append(f'<li><a href="{html.escape(href(path))}" download>{html.escape(label)}</a></li>')
        parts += ["</ul>", ""]
    return "\n".join(parts)


def group_front(group: Group) -> dict:
    title = group.facet.group_title.format(group.name)
    count = len(group.works)
    # Listings only repeat the work pages, which the search finds by their topics; a topic
    # page titled "Emne: samarbeidsavtale" would outrank the guidance that answers the query.
    # Material writes title and description into the page unescaped.
    return {"title": html.escape(title),
            "description": html.escape(f"{title}: {count} {_kilder(count)} i kunnskapsbasen."),
            "search": {"exclude": True},
            "kb_page": f"group:{group.facet.folder}/{group.slug}"}


def group_body(group: Group, href: Href) -> str:
    title = group.facet.group_title.format(group.name)
    count = len(group.works)
    return "\n".join([
        f"# {html.escape(title)}", "", f"{count} {_kilder(count)}.", "",
        work_list(group.works, href), "",
        f'<p><a href="{html.escape(href(group.facet.folder + "/index.md"))}">{group.facet.title}</a> · '
        f'<a href="{html.escape(href("index.md"))}">Alle kilder</a></p>', ""])


def facet_front(facet: Facet) -> dict:
    return {"title": f"Forskning og kilder {facet.title.lower()}",
            "description": f"Kildene i kunnskapsbasen ordnet {facet.title.lower()}.",
            "search": {"exclude": True}, "kb_page": f"facet:{facet.folder}"}


def facet_body(facet: Facet, groups: Sequence[Group], href: Href) -> str:
    items = "\n".join(
        f'<li><a href="{html.escape(href(g.path))}">{html.escape(g.name)}</a> ({len(g.works)})</li>'
        for g in groups)
    return "\n".join([
        f"# Forskning og kilder {facet.title.lower()}", "", f'<ul class="kb-groups">\n{items}\n</ul>', "",
        f'<p><a href="{html.escape(href("index.md"))}">Alle kilder</a></p>', ""])


def list_front(page_number: int, total_pages: int) -> dict:
    title = f"Forskning og kilder, side {page_number} av {total_pages}"
    return {"title": title, "description": f"Kildene i kunnskapsbasen, side {page_number} av {total_pages}.",
            "search": {"exclude": True}, "kb_page": f"list:{page_number}"}


def list_body(page_number: int, total_pages: int) -> str:
    return f"# Forskning og kilder, side {page_number} av {total_pages}\n\n{INDEX_MARKER}\n"


def fill_counts(page_html: str, counts: Mapping[str, tuple[int, int]]) -> str:
    """Fill each count slot with 'sitert N ganger på M sider' (or 'ikke sitert')."""
    def replace(match: re.Match) -> str:
        times, pages = counts.get(_count_key(match.group()), (0, 0))
        return f'<span class="kb-count" data-search-exclude>{citation_count_text(times, pages)}</span>'
    return _COUNT_SLOT.sub(replace, page_html)


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes = dict(attrs)


def _count_key(tag: str) -> str:
    reader = _Attributes()
    reader.feed(tag)
    return reader.attributes.get("data-kb-count") or ""


def catalogue_script(works: Sequence[Work], counts: Mapping[str, tuple[int, int]], href: Href) -> str:
    """`katalog.js`: what the filter box searches. A script rather than JSON, because
    fetch() is blocked for pages opened from disk (file://) and a <script> is not.
    `href` gives URLs relative to the script itself."""
    records = []
    for order, work in enumerate(works):
        entry = work.entry
        times, pages = counts.get(work.key, (0, 0))
        haystack = " ".join([work.key, work.label.narrative, work.reference_text, kind(entry),
                             publisher_name(entry), " ".join(entry.keywords)])
        records.append({
            "key": work.key, "label": work.label.narrative, "title": entry.get("title"),
            "href": href(work.slug + ".md"), "kind": kind(entry), "publisher": publisher_name(entry),
            "year": entry.year, "order": order, "cited": times, "pages": pages,
            "count": citation_count_text(times, pages), "text": haystack.casefold(),
        })
    payload = json.dumps(records, ensure_ascii=False, separators=(",", ":"))
    return f"window.kbCatalogue={payload};\n"


def _kilder(count: int) -> str:
    return "kilde" if count == 1 else "kilder"

