"""Task-list checkboxes get an accessible name: the words of their item.

pymdownx.tasklist writes `<li class="task-list-item"><label class="task-list-control"><input
type="checkbox"/><span class="task-list-indicator"></span></label> text</li>`, so a screen
reader announces only "checkbox". Each checkbox gets an `aria-label`: the item's bold lead-in
when the item starts with one, or else the start of its words (at most 120 characters: the
name is read every time the checkbox is reached). There is no template to override: the
extension writes this markup into the page's Markdown output.

Only the tags that matter are read (lists, items, labels, checkboxes, bold), found by a
regex as autorefs finds its own tags, their attributes read with the standard library's
HTMLParser, by name, never by their order in the markup; nesting is followed, so each item's
words end where the item or a list nested in it begins. (Reading every tag of the page with
HTMLParser took five times as long.) Whatever the fix cannot name is reported: a task-list
item without a checkbox, an item with no words, and a checkbox that is in no task-list item
and has no name of its own (which is what the checkboxes would become if the extension
renamed its classes), so a change in the extension's markup fails a strict build instead of
silently dropping the names.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .problem import Problem

FIX = "task-list checkbox names"
MAX_NAME = 120
_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
# The tags the fix reads; comments and raw-text elements are matched only to be skipped.
_TAG = re.compile(
    rf"<!--.*?-->|<(?P<raw>script|style|textarea)\b.*?</(?P=raw)\s*>"
    rf"|<(?P<end>/?)(?P<name>li|ul|ol|label|input|strong)(?=[\s/>]){_ATTRIBUTES}>",
    re.IGNORECASE | re.DOTALL)
_ANY_TAG = re.compile(rf"<!--.*?-->|<{_ATTRIBUTES}>", re.DOTALL)
_LISTS = frozenset({"ul", "ol"})
# Any of these names a checkbox (a `<label for>` naming its `id` is checked at the end).
_NAMING_ATTRIBUTES = ("aria-label", "aria-labelledby", "title")


def name_checkboxes(page: str) -> tuple[str, list[Problem]]:
    """`page` (HTML) with every task-list checkbox named, and what could not be named."""
    # Most pages have neither: two scans in C. (pymdownx writes lower case; a raw HTML
    # "CHECKBOX" is left to the axe tests.)
    if "checkbox" not in page and "task-list-item" not in page:
        return page, []
    reader = _Reader(page)
    reader.read()
    return _insert_names(page, reader.names), reader.problems


@dataclass
class _Checkbox:
    start: int  # where its tag is in the page
    end: int
    named: bool  # it has a name of its own already


@dataclass
class _Item:
    task: bool
    depth: int  # lists open around it; deeper lists are nested in it and their words not its own
    start: int  # where its words begin: after its <li>, then after its checkbox
    end: int | None = None  # where its words end: its end, or a list nested in it
    checkbox: _Checkbox | None = None
    lead: tuple[int, int] | None = None  # a bold lead-in, when its words start with one
    bold: int = 0  # <strong> elements open in the lead-in
    first_bold_seen: bool = False


@dataclass
class _Label:
    start: int  # where its words begin
    checkboxes: list[int] = field(default_factory=list)  # numbers of checkboxes it must name


class _Reader:
    def __init__(self, page: str) -> None:
        self.page = page
        self.attributes = _AttributeReader()
        self.depth = 0
        self.items: list[_Item] = []
        self.labels: list[_Label] = []
        self.checkboxes = 0
        self.label_targets: set[str] = set()
        self.by_id: list[tuple[str, int]] = []  # (id, number) of checkboxes a <label for> may name
        self.names: list[tuple[_Checkbox, str]] = []
        self.problems: list[Problem] = []

    def read(self) -> None:
        for tag in _TAG.finditer(self.page):
            if tag["name"]:
                name = tag["name"].lower()
                (self._end if tag["end"] else self._start)(name, tag)
        self._close_items(deeper_than=-1, at=len(self.page))
        self.problems += [self._unnamed(number) for id_, number in self.by_id
                          if id_ not in self.label_targets]

    def _start(self, name: str, tag: re.Match) -> None:
        text = tag[0]
        if name == "li":
            # An <li> closes an open sibling whose end tag HTML lets the writer leave out.
            self._close_items(deeper_than=self.depth - 1, at=tag.start())
            task = ("task-list-item" in text
                    and "task-list-item" in (self.attributes.read(text).get("class") or "").split())
            self.items.append(_Item(task, self.depth, tag.end()))
        elif name in _LISTS:
            if self.items and self.items[-1].end is None:
                self.items[-1].end = tag.start()
            self.depth += 1
        elif name == "label":
            self.labels.append(_Label(tag.end()))
            if "for" in text.lower() and (target := self.attributes.read(text).get("for")):
                self.label_targets.add(target)
        elif name == "input" and "checkbox" in text.lower():
            attributes = self.attributes.read(text)
            if (attributes.get("type") or "").lower() == "checkbox":
                self._checkbox(attributes, tag)
        elif name == "strong" and (item := self._reading()):
            if item.bold:
                item.bold += 1
            elif not item.first_bold_seen:
                item.first_bold_seen = True
                if not _words(self.page[item.start:tag.start()]):
                    item.lead, item.bold = (tag.end(), tag.end()), 1

    def _end(self, name: str, tag: re.Match) -> None:
        if name == "li":
            self._close_items(deeper_than=self.depth - 1, at=tag.start())
        elif name in _LISTS and self.depth:
            self.depth -= 1
            self._close_items(deeper_than=self.depth, at=tag.start())
        elif name == "label" and self.labels:
            label = self.labels.pop()
            if label.checkboxes and not _words(self.page[label.start:tag.start()]):
                self.problems += [self._unnamed(number) for number in label.checkboxes]
        elif name == "strong" and (item := self._reading()) and item.bold:
            item.bold -= 1
            if not item.bold:
                item.lead = (item.lead[0], tag.start())

    def _reading(self) -> _Item | None:
        """The item whose words are being read: the innermost, unless a list nested in it is open."""
        if self.items and self.items[-1].depth == self.depth and self.items[-1].end is None:
            return self.items[-1]
        return None

    def _checkbox(self, attributes: dict[str, str | None], tag: re.Match) -> None:
        self.checkboxes += 1
        named = any(attributes.get(name) for name in _NAMING_ATTRIBUTES)
        item = self._reading()
        if item and item.task and item.checkbox is None:
            item.checkbox = _Checkbox(tag.start(), tag.end(), named)
            item.start, item.lead, item.bold, item.first_bold_seen = tag.end(), None, 0, False
        elif named:
            pass
        elif attributes.get("id"):
            self.by_id.append((attributes["id"], self.checkboxes))
        elif self.labels:
            self.labels[-1].checkboxes.append(self.checkboxes)
        else:
            self.problems.append(self._unnamed(self.checkboxes))

    def _close_items(self, *, deeper_than: int, at: int) -> None:
        while self.items and self.items[-1].depth > deeper_than:
            item = self.items.pop()
            self._finish(item, item.end if item.end is not None else at)

    def _finish(self, item: _Item, end: int) -> None:
        if not item.task:
            return
        if item.checkbox is None:
            self.problems.append(Problem(FIX, f"a task-list item has no checkbox where "
                                         f"pymdownx.tasklist writes one (did its markup change?): "
                                         f"'{_shorten(_words(self.page[item.start:end]))}'"))
        elif not item.checkbox.named:
            # A lead-in still open at the item's end runs to it.
            lead = _words(self.page[item.lead[0]:item.lead[1] if not item.bold else end]) if item.lead else ""
            name = _shorten(lead or _words(self.page[item.start:end]))
            if name:
                self.names.append((item.checkbox, name))
            else:
                self.problems.append(Problem(FIX, "a task-list item has no words to name its "
                                                  "checkbox by: write some after its '[ ]'"))

    def _unnamed(self, number: int) -> Problem:
        return Problem(FIX, f"checkbox {number} of the page is in no task-list item and has no "
                            f"accessible name (did pymdownx.tasklist's markup change?)")


class _AttributeReader(HTMLParser):
    """One tag's attributes, by name (autorefs' `_HTMLAttrsParser`). A page repeats the same
    few tags (every item's `<li class="task-list-item">`), so each is read once."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str | None] = {}
        self.known: dict[str, dict[str, str | None]] = {}

    def read(self, tag: str) -> dict[str, str | None]:
        if tag not in self.known:
            self.reset()
            self.found = {}
            self.feed(tag)
            self.close()
            self.known[tag] = self.found
        return self.known[tag]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found = dict(attrs)


def _words(fragment: str) -> str:
    """The text of an HTML fragment, entities decoded, white space collapsed."""
    return " ".join(html.unescape(_ANY_TAG.sub("", fragment)).split())


def _shorten(words: str) -> str:
    return words[:MAX_NAME].rstrip(". ")


def _insert_names(page: str, names: list[tuple[_Checkbox, str]]) -> str:
    """The page with an aria-label added to each checkbox's tag, the tag otherwise as written."""
    if not names:
        return page
    out, last = [], 0
    for checkbox, name in sorted(names, key=lambda pair: pair[0].start):
        tag = page[checkbox.start:checkbox.end]
        close = "/>" if tag.endswith("/>") else ">"
        out += [page[last:checkbox.start], f'{tag[: -len(close)].rstrip()} aria-label="{html.escape(name)}"{close}']
        last = checkbox.end
    out.append(page[last:])
    return "".join(out)
