"""What Pandoc itself reads as citations in a Markdown text (`pandoc -f markdown -t json`,
the program shipped by the pypandoc-binary package), and what our extension reads, in one
form: groups of (key, mode, prefix text, locator text)."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as etree  # noqa: N813 (the name Python-Markdown uses)
from dataclasses import dataclass

import markdown as python_markdown
import pypandoc
from markdown import Extension
from markdown.treeprocessors import Treeprocessor, UnescapeTreeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from citekit.cite_syntax import Citation, Mode, read_at
from citekit.library import load_library
from citekit.locators import norwegian_locator
from citekit.markdown_ext import CitationExtension, PageContext
from citekit.render import CITATION_CLASS

PANDOC = pypandoc.get_pandoc_path()
# Without `smart`, Pandoc leaves quotes and dashes as typed, as Python-Markdown does.
READER = "markdown-smart"

Item = tuple[str, str, str, str]


def pandoc_citations(markdown: str) -> list[tuple[Item, ...]]:
    result = subprocess.run([PANDOC, "-f", READER, "-t", "json"], input=markdown,
                            capture_output=True, text=True, check=True, timeout=60)
    groups: list[tuple[Item, ...]] = []
    _walk(json.loads(result.stdout)["blocks"], groups)
    return groups


def _walk(node, groups) -> None:
    if isinstance(node, dict):
        if node.get("t") == "Cite":
            groups.append(tuple(
                (c["citationId"], c["citationMode"]["t"], _plain(c["citationPrefix"]),
                 " ".join(norwegian_locator(_plain(c["citationSuffix"])).split()))
                for c in node["c"][0]))
        for value in node.values():
            _walk(value, groups)
    elif isinstance(node, list):
        for value in node:
            _walk(value, groups)


def _plain(inlines) -> str:
    """Pandoc's inlines as plain text; a nested citation as ⟨key,...⟩."""
    out = []
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind == "Cite":
            out.append("⟨" + ",".join(c["citationId"] for c in content[0]) + "⟩")
        elif kind in ("Emph", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps",
                      "Underline"):
            out.append(_plain(content))
        elif kind in ("Link", "Span", "Quoted"):
            out.append(_plain(content[1]))
        elif kind == "Code":
            out.append(content[1])
        elif kind == "RawInline":
            out.append("")
    return " ".join("".join(out).replace("\xa0", " ").split())


# --- what our extension reads, in the same form ---------------------------------------------

@dataclass(frozen=True)
class ReadItem:
    """A citation item as our extension read it, with its prefix and locator as rendered
    text; a citation nested in them written ⟨key,...⟩, as `_plain` writes Pandoc's."""

    key: str
    mode: Mode
    prefix: str
    suffix: str


def read_citations(markdown: str, library=None,
                   extensions=("attr_list", "footnotes", "toc")) -> list[tuple[ReadItem, ...]]:
    """The citations the extension reads in `markdown` (front matter dropped), in reading order,
    taken from the tree it builds: each `span.kb-citation`, with the items it was read from."""
    from conftest import ROOT

    if markdown.startswith("---\n"):
        markdown = markdown.split("\n---\n", 1)[1]
    extension = CitationExtension()
    extension.library = library or load_library(ROOT / "references.bib", "references.bib")
    extension.page_context = lambda md: PageContext("index.md", "docs/index.md", 0)
    extension.on_document = lambda record: None
    reading = _Reading()
    python_markdown.Markdown(extensions=[extension, reading, *extensions]).convert(markdown)
    return [_read_items(wrapper, reading.citations[wrapper]) for wrapper in reading.in_order]


class _Reading(Extension):
    """Notes what the citation pattern read for each element it returned, and the order of
    the citations in the finished tree."""

    def extendMarkdown(self, md) -> None:
        self.citations: dict[etree.Element, Citation] = {}
        self.in_order: list[etree.Element] = []
        pattern = md.inlinePatterns["kb_citations"]
        handle = pattern.handleMatch

        def noting(match, data):
            element, start, end = handle(match, data)
            if element is not None and element.get("class") == CITATION_CLASS:
                self.citations[element] = read_at(data[:end], start)
            return element, start, end

        pattern.handleMatch = noting
        md.treeprocessors.register(_InOrder(md, self), "test_citation_order", 8)


class _InOrder(Treeprocessor):
    def __init__(self, md, reading: _Reading) -> None:
        super().__init__(md)
        self.reading = reading

    def run(self, root) -> None:
        self.reading.in_order = [e for e in root.iter() if e in self.reading.citations]


def _read_items(wrapper, citation: Citation) -> tuple[ReadItem, ...]:
    prefixes = [_text(span) for span in wrapper if span.get("class") == "kb-cite-prefix"]
    locators = [_text(span) for span in wrapper if span.get("class") == "kb-cite-locator"]
    read = []
    for item in citation.items:
        prefix = prefixes.pop(0) if item.prefix else ""
        locator = locators.pop(0) if norwegian_locator(item.suffix) else ""
        read.append(ReadItem(item.key, item.mode, prefix, locator))
    return tuple(read)


def _text(element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.get("class") == CITATION_CLASS:
            parts.append("⟨" + ",".join(child.get("data-cites", "").split()) + "⟩")
        else:
            parts.append(_text(child))
        parts.append(child.tail or "")
    text = UnescapeTreeprocessor().unescape("".join(parts))
    return " ".join(HTML_PLACEHOLDER_RE.sub("", text).split())  # raw HTML goes
