"""Task-list checkboxes get an accessible name: the words of their item.

pymdownx.tasklist writes `<li class="task-list-item"><label class="task-list-control"><input
type="checkbox"/><span class="task-list-indicator"></span></label> text</li>`, so a screen
reader announces only "checkbox". Each checkbox gets an `aria-label`: the item's bold lead-in
when the item starts with one, or else the start of its words (at most 120 characters: the
name is read every time the checkbox is reached). There is no template to override: the
extension writes this markup into the page's Markdown output.

The fix works in Python-Markdown's tree, after pymdownx.tasklist (which marks each item with
the class `task-list-item` and stashes its checkbox's HTML, `md.htmlStash`) and after the
inline patterns (so bold, links and citations are elements): an item's words are its text
without the lists nested in it, and its checkbox is the stashed `<input>`, given its name
there. Whatever the fix cannot name is reported: a task-list item without a checkbox, an item
with no words, and, read with the standard library's HTMLParser once the page is HTML, any
other checkbox with no name of its own (which is what the task-list checkboxes would become
if the extension renamed its classes), so a change in the extension's markup fails the build
instead of silently dropping the names.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.util import HTML_PLACEHOLDER_RE

FIX = "task-list checkbox names"
MAX_NAME = 120
_LISTS = frozenset({"ul", "ol"})
_INPUT = '<input type="checkbox"'  # what pymdownx.tasklist stashes for every item's checkbox
# Any of these names a checkbox (a `<label for>` naming its `id` is checked at the end).
_NAMING_ATTRIBUTES = ("aria-label", "aria-labelledby", "title")


def name_task_items(root: Element, md: Markdown) -> tuple[set[int], list[str]]:
    """Give every task-list item's stashed checkbox its name. Returns the stash indices of
    those checkboxes, and what could not be named (messages)."""
    stash = md.htmlStash.rawHtmlBlocks
    boxes: set[int] = set()
    problems: list[str] = []
    for item in root.iter("li"):
        if "task-list-item" not in (item.get("class") or "").split():
            continue
        # The checkbox starts the item's text, or its first paragraph's (a loose list).
        holder = item
        match = HTML_PLACEHOLDER_RE.match(item.text or "")
        if match is None and len(item) and item[0].tag == "p":
            holder = item[0]
            match = HTML_PLACEHOLDER_RE.match(holder.text or "")
        index = int(match.group(1)) if match else -1
        stashed = stash[index] if 0 <= index < len(stash) else None
        if not isinstance(stashed, str) or _INPUT not in stashed:
            problems.append(f"a task-list item has no checkbox where pymdownx.tasklist writes one "
                            f"(did its markup change?): '{_shorten(_words(item, md))}'")
            continue
        boxes.add(index)
        if any(f"{name}=" in stashed for name in _NAMING_ATTRIBUTES):
            continue  # named already
        name = _shorten(_lead_in(holder, md) or _words(item, md))
        if not name:
            problems.append("a task-list item has no words to name its checkbox by: write some "
                            "after its '[ ]'")
            continue
        start = stashed.index(_INPUT)
        end = stashed.index(">", start)
        end -= stashed[end - 1] == "/"
        stash[index] = f'{stashed[:end].rstrip()} aria-label="{html.escape(name)}"{stashed[end:]}'
    return boxes, problems


def has_other_checkboxes(md: Markdown, task_boxes: set[int]) -> bool:
    """Whether raw HTML on the page may hold a checkbox of its own (then `unnamed_checkboxes`
    reads the page; most pages have none, and skip that)."""
    return any(isinstance(block, str) and "checkbox" in block.lower()
               for index, block in enumerate(md.htmlStash.rawHtmlBlocks) if index not in task_boxes)


def unnamed_checkboxes(page: str) -> list[str]:
    """What is wrong with the checkboxes of `page` (HTML): each one with no accessible name."""
    reader = _Checkboxes()
    reader.feed(page)
    reader.close()
    return [_unnamed(number) for number in reader.unnamed()]


def _lead_in(holder: Element, md: Markdown) -> str:
    """The words of a bold lead-in: bold first, nothing but the checkbox before it."""
    if len(holder) == 0 or holder[0].tag != "strong":
        return ""
    before = HTML_PLACEHOLDER_RE.sub("", holder.text or "", count=1)
    return "" if before.strip() else _words(holder[0], md)


def _words(element: Element, md: Markdown) -> str:
    """The element's words without the lists nested in it, stashed HTML read as HTML (an
    entity is its character, a tag no word), white space collapsed."""
    return " ".join(_resolve("".join(_text(element)), md).split())


def _text(element: Element, top: bool = True) -> Iterator[str]:
    if element.tag in _LISTS and not top:
        return
    yield element.text or ""
    for child in element:
        yield from _text(child, top=False)
        yield child.tail or ""


def _resolve(text: str, md: Markdown) -> str:
    stash = md.htmlStash.rawHtmlBlocks

    def replace(match) -> str:
        index = int(match.group(1))
        block = stash[index] if index < len(stash) else ""
        return "" if not isinstance(block, str) or block.lstrip().startswith("<") else html.unescape(block)
    return HTML_PLACEHOLDER_RE.sub(replace, text)


def _shorten(words: str) -> str:
    return words[:MAX_NAME].rstrip(". ")


def _unnamed(number: int) -> str:
    return (f"checkbox {number} of the page is in no task-list item and has no accessible name "
            f"(did pymdownx.tasklist's markup change?)")


class _Checkboxes(HTMLParser):
    """Every checkbox of a page, by number, and whether something names it: an attribute of
    its own, the words of a `<label>` around it, or a `<label for>` naming its id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.count = 0
        self.labels: list[tuple[list[str], list[int]]] = []  # (words, checkboxes) of open labels
        self.by_id: list[tuple[str, int]] = []
        self.targets: set[str] = set()
        self.problems: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "label":
            self.labels.append(([], []))
            if attributes.get("for"):
                self.targets.add(str(attributes["for"]))
        elif tag == "input" and (attributes.get("type") or "").lower() == "checkbox":
            self.count += 1
            if any(attributes.get(name) for name in _NAMING_ATTRIBUTES):
                return
            if attributes.get("id"):
                self.by_id.append((str(attributes["id"]), self.count))
            elif self.labels:
                self.labels[-1][1].append(self.count)
            else:
                self.problems.append(self.count)

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self.labels:
            words, boxes = self.labels.pop()
            if not "".join(words).strip():
                self.problems += boxes

    def handle_data(self, data: str) -> None:
        if self.labels:
            self.labels[-1][0].append(data)

    def unnamed(self) -> list[int]:
        for words, boxes in self.labels:  # labels never closed
            if not "".join(words).strip():
                self.problems += boxes
        return sorted(self.problems + [n for id_, n in self.by_id if id_ not in self.targets])
