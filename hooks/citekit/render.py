"""Citations and the "Kilder" list as ElementTree elements, for the Markdown extension.

Labels and hover text are final text (AtomicString: no Markdown, no abbreviation tooltips
laid over the citation's own); prefixes and locators are Markdown source that Python-Markdown
goes on to render (emphasis, links), as Pandoc renders them.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree  # noqa: N813 (the name Python-Markdown uses)
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown.util import AtomicString

from .cite_syntax import Mode
from .resolve import ListedWork, Target

CITE_CLASS = "kb-cite"
VIA_CLASS = "kb-cite-via"  # the work read, in a secondary citation
SECONDARY_CLASS = "kb-cite-secondary"  # ", sitert i" and that work
CITATION_CLASS = "kb-citation"
ERROR_CLASS = "kb-cite-error"
CITE_ID = "sitering-{}"
# Hover text longer than this is cut: a tooltip is a preview, the entry page has it all.
MAX_HOVER_TEXT = 400


SECONDARY = "sitert i"  # APA 7's secondary citation, in Norwegian
# Left out of the site search by both engines (Material and Zensical honour the attribute): a
# reader searches the prose, not the reference lists, backlinks and citation blocks.
NOT_SEARCHED = {"data-search-exclude": ""}


@dataclass(frozen=True)
class RenderedItem:
    """One item of a citation to render: its target (None for an unknown key)."""

    key: str
    mode: Mode
    target: Target | None
    prefix: str = ""  # Markdown source
    locator: str = ""  # Markdown source, label already in Norwegian


def cite_id(number: int) -> str:
    return CITE_ID.format(number)


def citation_element(items: Sequence[RenderedItem], textual: bool) -> tuple[etree.Element, list[etree.Element]]:
    """The citation as one `<span class="kb-citation">`, and the element that stands for each
    item (its link, or an error mark), in order: the caller numbers them.

    Bracketed: "(se Fafo, 2017, s. 12; Tronstad, 2015)". Textual: "Fafo (2017, s. 12)",
    "Fafo (2017; Tronstad, 2015)"; "-@key" alone: "(2017)".
    """
    wrapper = etree.Element("span", {"class": CITATION_CLASS,
                                     "data-cites": " ".join(item.key for item in items)})
    writer = _Writer(wrapper)
    # Python-Markdown renders the texts of a returned element only if the element's own text
    # is not final; every such text costs a pass of all inline patterns. So: final text
    # everywhere, except where a prefix or locator waits to be rendered.
    markdown_inside = any(item.prefix or item.locator for item in items)
    marks = []
    first, rest = items[0], items[1:]
    if textual and first.mode is Mode.AUTHOR_IN_TEXT:
        if first.target is None:
            marks.append(writer.element(_unknown(first.key)))
        else:
            closes_here = not first.locator and not rest and not first.target.via
            names = first.target.narrative_names or first.target.names  # 'og' in running text
            label = f"{names} ({first.target.year}" + (")" if closes_here else "")
            marks.append(writer.element(_link(first.target, label)))
            if closes_here:
                return _finish(wrapper, markdown_inside), marks
            _write_via(writer, first.target)
        if first.locator:
            writer.text((_separator(first.locator)) if first.target else " (")
            writer.element(_span("kb-cite-locator", first.locator))
        for item in rest:
            writer.text("; ")
            marks.append(_write_item(writer, item))
        writer.text(")" if first.target else "")
        return _finish(wrapper, markdown_inside), marks
    writer.text("(")
    written = {}
    previous = None
    for place, index in enumerate(_apa_order(items)):
        item = items[index]
        if previous is not None and _same_names(previous, item):
            # APA 7 (and the style's collapse="year"): one author's works share the names,
            # '(IMDi, 2021b, 2021c)'
            writer.text(", ")
            written[index] = writer.element(_link(item.target, item.target.year))  # type: ignore[arg-type, union-attr]
        else:
            if place:
                writer.text("; ")
            written[index] = _write_item(writer, item)
        previous = item
    writer.text(")")
    return _finish(wrapper, markdown_inside, apparatus=True), [written[index] for index in range(len(items))]


def _same_names(before: RenderedItem, item: RenderedItem) -> bool:
    """Two plain works of the same names in a row: no prefix, locator or second-hand reading."""
    plain = all(i.target is not None and not i.prefix and not i.locator and i.target.via is None
                and i.mode is not Mode.SUPPRESS_AUTHOR for i in (before, item))
    return plain and before.target.names == item.target.names  # type: ignore[union-attr]


def _apa_order(items: Sequence[RenderedItem]) -> list[int]:
    """The order to write a parenthesis's works in: as the reference list orders them (APA 7,
    and citeproc), unless a prefix ('se', 'jf.') makes the written order part of the sense,
    as citeproc also leaves it."""
    order = list(range(len(items)))
    if any(item.prefix or item.target is None for item in items):
        return order
    return sorted(order, key=lambda index: items[index].target.sort_key)  # type: ignore[union-attr]


def _finish(wrapper: etree.Element, markdown_inside: bool, apparatus: bool = False) -> etree.Element:
    if apparatus:
        # "(Fafo, 2017)" is apparatus, out of the search; "Fafo (2017) fant" is the sentence's
        # subject. Each part is marked, not the wrapper: Material's search parser ends an
        # exclusion at the first nested element of the same tag (a locator's <span>).
        for child in wrapper:
            child.attrib.update(NOT_SEARCHED)
    if not markdown_inside:
        wrapper.text = AtomicString(wrapper.text or "")
    for child in wrapper:
        if child.tail:
            child.tail = AtomicString(child.tail)
    return wrapper


def _write_item(writer: _Writer, item: RenderedItem) -> etree.Element:
    if item.prefix:
        writer.element(_span("kb-cite-prefix", item.prefix))
        writer.text(" ")
    if item.target is None:
        mark = writer.element(_unknown(item.key))
    elif item.mode is Mode.SUPPRESS_AUTHOR:
        mark = writer.element(_link(item.target, item.target.year))
    else:
        mark = writer.element(_link(item.target, f"{item.target.names}, {item.target.year}"))
    if item.target is not None:
        _write_via(writer, item.target)
    if item.locator:
        writer.text(_separator(item.locator))
        writer.element(_span("kb-cite-locator", item.locator))
    return mark


def _separator(locator: str) -> str:
    """', ' before a locator or a remark; nothing before punctuation typed right after the
    key, as Pandoc's citeproc writes `[@key.]`: "(NORCE, 2019.)", not "(NORCE, 2019, .)"."""
    return "" if locator[:1] in _ATTACHED else ", "


# What a suffix may begin with to stand right after the year (a ',' the locator has lost).
_ATTACHED = frozenset(".!?:)")


class _Writer:
    """Appends text and elements to a parent the way ElementTree wants: text after a child
    goes into that child's tail."""

    def __init__(self, parent: etree.Element) -> None:
        self.parent = parent

    def text(self, text: str) -> None:
        if len(self.parent):
            last = self.parent[-1]
            last.tail = (last.tail or "") + text
        else:
            self.parent.text = (self.parent.text or "") + text

    def element(self, element: etree.Element) -> etree.Element:
        self.parent.append(element)
        return element


def _write_via(writer: _Writer, target: Target) -> None:
    """", sitert i IMDi, 2021": the work the site read, linked too (but not numbered)."""
    if target.via is not None:
        # Out of the search: "sitert i IMDi" is apparatus even inside a textual citation.
        span = writer.element(etree.Element("span", {"class": SECONDARY_CLASS, **NOT_SEARCHED}))
        span.text = AtomicString(f", {SECONDARY} ")
        via = _link(target.via, f"{target.via.names}, {target.via.year}")
        via.set("class", VIA_CLASS)
        span.append(via)


def hover_text(target: Target) -> str:
    """The reference, and for a secondary citation the chain: what was read, and where."""
    own = _cut(target.hover)
    return f"{own} Sitert i: {_cut(target.via.hover)}" if target.via else own


def _link(target: Target, label: str) -> etree.Element:
    link = etree.Element("a", {"class": CITE_CLASS, "href": target.href, "title": hover_text(target)})
    link.text = AtomicString(label)
    return link


def _cut(hover: str) -> str:
    if len(hover) > MAX_HOVER_TEXT:
        return hover[: MAX_HOVER_TEXT - 1].rstrip() + "…"
    return hover


def _span(css_class: str, markdown: str) -> etree.Element:
    span = etree.Element("span", {"class": css_class})
    span.text = markdown  # rendered further by the Markdown patterns after ours
    return span


def _unknown(key: str) -> etree.Element:
    mark = etree.Element("span", {"class": ERROR_CLASS, "title": "Ukjent kilde"})
    mark.text = AtomicString(f"@{key}?")
    return mark


def error_mark(source: str, message: str) -> etree.Element:
    """What a citation that cannot be read shows: its source, marked. Always put in the page;
    a strict build stops on the problem afterwards, so only a served page shows it."""
    mark = etree.Element("span", {"class": ERROR_CLASS, "title": message})
    mark.text = AtomicString(source)
    return mark


def reference_list(works: Sequence[ListedWork], heading: str = "Kilder") -> list[etree.Element]:
    """The heading and list that end a citing page."""
    title = etree.Element("h2", {"id": "kilder", "class": "kb-references-heading", **NOT_SEARCHED})
    title.text = heading
    title.tail = "\n"
    listing = etree.Element("ul", {"class": "kb-references", **NOT_SEARCHED})
    listing.text = listing.tail = "\n"
    for work in works:
        item = from_html("li", {"id": f"kilde-{work.key}"}, work.reference_html + " ")
        backlinks = etree.SubElement(item, "span", {"class": "kb-backlinks"})
        backlinks.text = AtomicString("Sitert her: ")
        for index, number in enumerate(work.cite_numbers, 1):
            link = etree.SubElement(backlinks, "a", {
                "href": f"#{cite_id(number)}", "aria-label": f"Tilbake til sitering {index}"})
            link.text = AtomicString(f"↑{index}")
            if index < len(work.cite_numbers):
                link.tail = AtomicString(" ")
        if work.coins:
            span = etree.SubElement(item, "span", {"class": "Z3988", "title": work.coins})
            span.tail = "\n"
        item.tail = "\n"
        listing.append(item)
    return [title, listing]


_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})


def from_html(tag: str, attrib: dict[str, str], markup: str) -> etree.Element:
    """An element holding `markup` (HTML this package wrote, such as citekit.apa's references)
    as elements, every text final. Read as HTML, not XML: an entity such as &nbsp; or an
    unclosed void element would stop an XML parser."""
    builder = _Builder(etree.Element(tag, attrib))
    builder.feed(markup)
    builder.close()
    return builder.root


class _Builder(HTMLParser):
    def __init__(self, root: etree.Element) -> None:
        super().__init__(convert_charrefs=True)
        self.root = root
        self.open = [root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = etree.SubElement(self.open[-1], tag, {name: value or "" for name, value in attrs})
        if tag not in _VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        etree.SubElement(self.open[-1], tag, {name: value or "" for name, value in attrs})

    def handle_endtag(self, tag: str) -> None:
        if any(element.tag == tag for element in self.open[1:]):
            while self.open.pop().tag != tag:
                pass

    def handle_data(self, data: str) -> None:
        parent = self.open[-1]
        if len(parent):
            parent[-1].tail = AtomicString((parent[-1].tail or "") + data)
        else:
            parent.text = AtomicString((parent.text or "") + data)
