"""Python-Markdown extension: Pandoc citations, read inside Markdown's own parse.

The one place where a citation is recognised, for every engine that renders Markdown with
Python-Markdown (MkDocs, Zensical, the tests). Python-Markdown's block parser has already
taken out code blocks, raw HTML, link, footnote and abbreviation definitions when our inline
pattern runs (after code spans, escapes and footnote references; before links), so none of
them is ever read as prose. Per document it:

- turns each citation into a link to the work's page, with the full reference as hover text;
- numbers the citations in reading order (`id="sitering-N"`) and ends the page with "Kilder";
- notes under which heading each citation stands (for the research index's "cited by");
- reports unknown keys, citations it cannot read, and, as a safety net, anything left in the
  rendered prose that still looks like a citation of a known key: nothing is skipped silently;
- fills in the collaboration's tasks where a marker line stands (`<!-- kb:ansvar tabell -->`,
  citekit.tasks), before anything else reads the page, so their citations are read like any;
- warns of advice in the present tense that rests only on replaced works (citekit.currency),
  and says under the page's dates how old such advice is.

Problems are located `docs/x.md:42: message`; Python-Markdown keeps no line numbers, so the
line is found by looking for each citation's source text in the page, in reading order.
"""

from __future__ import annotations

import datetime
import difflib
import re
import xml.etree.ElementTree as etree  # noqa: N813 (the name Python-Markdown uses)
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor, ReferenceProcessor
from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE, HTML_RE, InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor, UnescapeTreeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, INLINE_PLACEHOLDER_RE

from .cite_syntax import BARE_URL, Citation, Malformed, read_at, unread_citations
from .currency import Cite, stale_advice
from .fences import lines_outside_code
from .library import Library, load_library
from .location import is_generated
from .locators import norwegian_locator
from .model import Problem
from .page_facts import SiteInfo, cite_block, currency_note, dates_line, source_years
from .render import (
    CITE_CLASS,
    ERROR_CLASS,
    VIA_CLASS,
    RenderedItem,
    citation_element,
    cite_id,
    error_mark,
    reference_list,
)
from .resolve import Cited, Target, listed_works, read_through, target, unknown_key_message
from .site_index import page_place_problems
from .tasks import TASK_FILE, Tasks, load_tasks, read_marker, render_marker
from .urls import relative_url


@dataclass(frozen=True)
class PageContext:
    """The page being converted: its path inside the docs folder ('nav/index.md'), how
    messages name it ('docs/nav/index.md'), and how many lines of front matter came before
    the Markdown the converter is given. A guidance page also has its date (`updated`) and,
    when the site's address is known, its own address (`url`) and publisher (`site`): then
    the page says how old its sources are and how to cite it."""

    path: str = ""
    location: str = "<markdown>"
    line_offset: int = 0
    updated: datetime.date | None = None
    url: str = ""
    site: SiteInfo | None = None


@dataclass(frozen=True)
class CitedItem(Cited):
    """A citation of a known work (numbered, and the work read for it: citekit.resolve), and
    the heading it stands under, which the table of contents gives it last."""

    section_anchor: str = ""
    section_title: str = ""


@dataclass
class DocumentRecord:
    """What the extension learned from one document."""

    page: PageContext
    title: str = ""  # the text of the page's first h1
    cited: list[CitedItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class CitationError(Exception):
    """Raised where no adapter collects the problems (an engine without hooks): the build
    stops with every problem of the document, located."""


class CitationExtension(Extension):
    """`citekit.markdown_ext`. Options: `bibliography` (path of the .bib file), `tasks` (the
    task file) and `whats_new` (the page a replaced work's note links to, docs-relative), for
    use with no adapter. An adapter (kb_mkdocs, kb_zensical) sets `library`, `tasks`,
    `page_context` (the page being converted, which only the engine knows) and `on_document`
    instead, and collects the problems itself."""

    def __init__(self, **kwargs) -> None:
        self.config = {
            "bibliography": ["references.bib", "the .bib file, relative to the working folder"],
            "tasks": [TASK_FILE, "the task file, relative to the working folder"],
            "whats_new": ["hva-er-nytt.md", "the page on what is new, relative to the docs folder"],
        }
        super().__init__(**kwargs)
        self.library: Library | None = None
        self.tasks: Tasks | None = None
        self.page_context: Callable[[Markdown], PageContext | None] | None = None
        self.on_document: Callable[[DocumentRecord], None] | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.registerExtension(self)
        # `\@key` is text; `\;` is a semicolon, not a separator of citations (as in Pandoc).
        md.ESCAPED_CHARS.extend(c for c in "@;" if c not in md.ESCAPED_CHARS)
        document = _Document(self, md)
        md.preprocessors.register(_StartDocument(md, document), "kb_citations_start", 100)
        # Just before the stock "reference" processor (15), after every other block processor.
        md.parser.blockprocessors.register(_CitationNotDefinition(md.parser), "kb_citation_lines", 15.5)
        md.preprocessors.register(_TaskMarkers(md, document), "kb_citations_tasks", 99)
        # just after pymdownx.snippets (32): where each included line came from
        md.preprocessors.register(_SnippetLines(md, document), "kb_citations_snippets", 31)
        md.treeprocessors.register(_HeadingLabels(md, document), "kb_citations_headings", 21)
        pattern = _pattern()
        md.inlinePatterns.register(_CitationPattern(pattern, document), "kb_citations", 174)
        md.treeprocessors.register(_Settle(md, document), "kb_citations_number", 9)
        # after attr_list (8) has taken its {…} out of the text
        md.treeprocessors.register(_Currency(md, document), "kb_citations_currency", 7)
        md.treeprocessors.register(_PageFacts(md, document), "kb_citations_page_facts", 6)
        md.treeprocessors.register(_Sections(md, document), "kb_citations_sections", 4)
        md.treeprocessors.register(_Finish(md, document), "kb_citations_finish", 2)

    # --- for engines without hooks --------------------------------------------------------

    def library_for(self) -> Library:
        if self.library is not None:
            return self.library
        path = Path(self.getConfig("bibliography"))
        return load_library(path, str(self.getConfig("bibliography")))

    def tasks_for(self, library: Library) -> tuple[Tasks, tuple[Problem, ...]]:
        """The tasks, and the task file's problems (an adapter that sets `tasks` reports
        those itself, once per build)."""
        if self.tasks is not None:
            return self.tasks, ()
        path = str(self.getConfig("tasks"))
        return load_tasks(Path(path), path, library)

    def context_for(self, md: Markdown) -> PageContext:
        if self.page_context is not None:
            context = self.page_context(md)
            if context is not None:
                return context
        return PageContext()

    def finished(self, record: DocumentRecord) -> None:
        if self.on_document is not None:
            self.on_document(record)
            return
        library = self.library_for()
        problems = list(library.problems) + list(self.tasks_for(library)[1]) + record.problems
        if problems:
            listed = "\n".join(str(problem) for problem in problems)
            raise CitationError(f"{len(problems)} citation problem"
                                f"{'s' if len(problems) != 1 else ''}:\n{listed}")


def makeExtension(**kwargs) -> CitationExtension:  # noqa: N802 (Python-Markdown's name)
    return CitationExtension(**kwargs)


# --- per document ------------------------------------------------------------------------


class _Document:
    """The state of the document being converted."""

    def __init__(self, extension: CitationExtension, md: Markdown) -> None:
        self.extension = extension
        self.md = md
        self.start("", PageContext())

    def start(self, source: str, page: PageContext) -> None:
        self.source = source
        self.page = page
        self.library = self.extension.library_for() if source else None
        self.headings: set[str] = set()
        self.items: dict[etree.Element, tuple[str, str]] = {}  # mark -> (key, raw source)
        # each citation's element -> (its reading, its source), for the currency check
        self.wrappers: dict[etree.Element, tuple[Citation, str]] = {}
        self.malformed: dict[etree.Element, tuple[str, str]] = {}  # mark -> (raw, message)
        self.record = DocumentRecord(page)
        self.cursor = 0  # where the search for the next problem's source text starts
        # the page's line of each line of `source`, once task markers have been filled in
        self.line_map: list[int] = []
        # a line of `source` that an included snippet gave -> its file and line (pymdownx.snippets)
        self.snippet_lines: dict[int, tuple[str, int]] = {}
        self.targets: dict[str, Target | None] = {}

    def is_link_label(self, text: str) -> bool:
        label = " ".join(text.split())
        return label.lower() in self.md.references or label.casefold() in self.headings

    def target(self, key: str) -> Target | None:
        if self.library is None:
            return None
        if key not in self.targets:
            self.targets[key] = target(self.library, key, self.page.path)
        return self.targets[key]

    def render(self, citation: Citation, data: str) -> etree.Element:
        raw = data[citation.start : citation.end]
        items = [RenderedItem(item.key, item.mode, self.target(item.key), item.prefix,
                              norwegian_locator(item.suffix)) for item in citation.items]
        wrapper, marks = citation_element(items, citation.textual)
        self.wrappers[wrapper] = (citation, raw)
        for item, mark in zip(citation.items, marks, strict=True):
            self.items[mark] = (item.key, raw)
        return wrapper

    def problem(self, line: int | None, message: str) -> None:
        """A problem at `line` of the source (None: nowhere found), located in its file."""
        self.record.problems.append(Problem(*self.origin(line), message))

    def origin(self, line: int | None) -> tuple[str, int | None]:
        """Where line `line` of the source comes from: a snippet's file and line, or the
        page's line (task markers filled in, front matter counted)."""
        if line is None:
            return self.page.location, None
        if line in self.snippet_lines:
            return self.snippet_lines[line]
        if self.line_map and line <= len(self.line_map):
            line = self.line_map[line - 1]
        return self.page.location, line + self.page.line_offset


class _StartDocument(Preprocessor):
    """First of all: take note of the page and its source lines (for line numbers)."""

    def __init__(self, md: Markdown, document: _Document) -> None:
        super().__init__(md)
        self.document = document

    def run(self, lines: list[str]) -> list[str]:
        document = self.document
        document.start("\n".join(lines) or " ", document.extension.context_for(self.md))
        if document.library is not None and not is_generated(document.page.location):
            for line, message in page_place_problems(document.library, document.page.path, lines):
                document.problem(line, message)
        return lines


class _TaskMarkers(Preprocessor):
    """Each marker line outside fenced code becomes the tasks it names, as Markdown (so its
    citations are read, numbered and listed like the page's own); the page's source keeps a
    map from its new lines to the marker's, so a problem inside is located at the marker."""

    def __init__(self, md: Markdown, document: _Document) -> None:
        super().__init__(md)
        self.document = document

    def run(self, lines: list[str]) -> list[str]:
        document = self.document
        if document.library is None or not any("kb:ansvar" in line for line in lines):
            return lines
        tasks = document.extension.tasks_for(document.library)[0]
        out: list[str] = []
        line_map: list[int] = []
        for number, line, prose in lines_outside_code(lines):
            marker = read_marker(line) if prose else None
            rendered = []
            if marker is not None:
                rendered, message = render_marker(marker, tasks, document.library, document.page.path)
                if message:
                    document.problem(number, message)
            out += rendered or [line]
            line_map += [number] * len(rendered or [line])
        if out != lines:
            document.source = "\n".join(out) or " "
            document.line_map = line_map
        return out


class _SnippetLines(Preprocessor):
    """After pymdownx.snippets has included its files: the page's source becomes what it
    included, each included line noted with its file and line, so that a problem in a
    snippet is reported there, not at the page that includes it (or nowhere)."""

    def __init__(self, md: Markdown, document: _Document) -> None:
        super().__init__(md)
        self.document = document

    def run(self, lines: list[str]) -> list[str]:
        document = self.document
        before = document.source.split("\n")
        if document.library is None or lines == before or "snippet" not in self.md.preprocessors:
            return lines
        bases = getattr(self.md.preprocessors["snippet"], "base_path", None) or []
        files: list[tuple[str, list[str]]] | None = None
        page_lines: list[int] = []
        origins: dict[int, tuple[str, int]] = {}
        for tag, i1, i2, j1, j2 in _opcodes(before, lines):
            if tag == "equal":
                page_lines += [document.line_map[i - 1] if document.line_map else i
                               for i in range(i1 + 1, i2 + 1)]
                continue
            # included text: its lines found in the snippet files, in order
            anchor = document.line_map[i1 - 1] if document.line_map and i1 else max(i1, 1)
            page_lines += [anchor] * (j2 - j1)
            place: tuple[str, list[str], int] | None = None
            for number in range(j1, j2):
                line = lines[number]
                if place is not None and place[2] < len(place[1]) and place[1][place[2]] == line:
                    place = (place[0], place[1], place[2] + 1)
                elif line.strip():
                    files = files if files is not None else _snippet_files(bases)
                    place = next(((name, text, text.index(line) + 1) for name, text in files
                                  if line in text), None)
                else:
                    continue
                if place is not None:
                    origins[number + 1] = (place[0], place[2])
        document.source = "\n".join(lines) or " "
        document.line_map = page_lines
        document.snippet_lines = origins
        return lines


def _opcodes(before: list[str], after: list[str]):
    """difflib's opcodes from `before` to `after`, the common start and end taken first (a
    snippet appended to a long page must not cost a comparison of every line with every other)."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while (end < min(len(before), len(after)) - start
           and before[len(before) - 1 - end] == after[len(after) - 1 - end]):
        end += 1
    if start:
        yield "equal", 0, start, 0, start
    middle = difflib.SequenceMatcher(None, before[start:len(before) - end],
                                     after[start:len(after) - end], autojunk=False)
    for tag, i1, i2, j1, j2 in middle.get_opcodes():
        yield tag, i1 + start, i2 + start, j1 + start, j2 + start
    if end:
        yield "equal", len(before) - end, len(before), len(after) - end, len(after)


def _snippet_files(bases) -> list[tuple[str, list[str]]]:
    """The files the snippets may come from (name as the project names it, lines)."""
    found = []
    for base in bases:
        folder = Path(base)
        paths = [folder] if folder.is_file() else sorted(folder.rglob("*")) if folder.is_dir() else []
        for path in paths[:500]:
            if path.is_file():
                try:
                    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
                except (OSError, UnicodeDecodeError):
                    continue
                found.append((_project_name(path), text))
    return found


def _project_name(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


class _CitationNotDefinition(BlockProcessor):
    """Pandoc reads `[@key, s. 9]: text` at the start of a line as a citation; Python-Markdown's
    ReferenceProcessor would take it for the definition of a link and drop it. Registered just
    before that processor, this one claims such lines only: the text up to the next real
    definition goes to the paragraph processor, as if the line were not there to be taken;
    every real definition is left to the stock processor."""

    def test(self, parent: etree.Element, block: str) -> bool:
        return "@" in block and any(_is_citation(m) for m in ReferenceProcessor.RE.finditer(block))

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        block = blocks.pop(0)
        matches = list(ReferenceProcessor.RE.finditer(block))
        first = next(i for i, m in enumerate(matches) if _is_citation(m))
        if first:
            # Real definitions come first: let the stock processor have the text up to the
            # last of them, and see the rest again.
            end = matches[first - 1].end()
            blocks[:0] = [block[:end], block[end:].lstrip("\n")]  # as upstream splits
            return True
        following = next((m for m in matches[first + 1:] if not _is_citation(m)), None)
        text = block[: following.start()].rstrip("\n") if following else block
        if following is not None:
            blocks.insert(0, block[following.start():])
        self.parser.blockprocessors["paragraph"].run(parent, [text])
        return True


def _is_citation(definition: re.Match) -> bool:
    return read_at(f"[{definition.group(1)}]", 0) is not None


class _DocumentProcessor(Treeprocessor):
    """A tree processor working on the document being converted."""

    def __init__(self, md: Markdown, document: _Document) -> None:
        super().__init__(md)
        self.document = document


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TRAILING_ATTRS = re.compile(r"\s*\{[^{}]*\}\s*$")


class _HeadingLabels(_DocumentProcessor):
    """The headings' texts, before inline processing: `@key [Overskrift]` names a heading
    (a link in Pandoc), not a locator."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag in _HEADINGS and element.text:
                text = _TRAILING_ATTRS.sub("", element.text)
                self.document.headings.add(" ".join(text.split()).casefold())




def _pattern() -> str:
    """Where a citation may start ('[', '@', '-@'), and what to step over: inline HTML,
    autolinks and bare URLs, which the patterns after ours would take, footnote references
    (`[^note]`, as Pandoc's note marker: no citation inside, defined or not), and `{...}`,
    where attr_list reads an attribute list after inline processing (the safety net reports
    a citation left there)."""
    skip = [HTML_RE, AUTOLINK_RE, AUTOMAIL_RE, BARE_URL,
            r"\[\^[^\]\s]+\]", r"\{:?[ ]*[^}\n ][^}\n]*\}"]
    return "(?P<skip>" + "|".join(f"(?:{p})" for p in skip) + r")|\[|-?@"


class _CitationPattern(InlineProcessor):
    def __init__(self, pattern: str, document: _Document) -> None:
        super().__init__(pattern, document.md)
        self.document = document

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Python-Markdown's name)
        if m.group("skip") is not None or self.document.library is None:
            return None, None, None
        reading = read_at(data, m.start(), self.document.is_link_label)
        if reading is None:
            return None, None, None
        if isinstance(reading, Malformed):
            raw = data[reading.start : reading.end]
            shown = _ESCAPES.unescape(self.unescape(raw))
            mark = error_mark(shown, reading.message)
            self.document.malformed[mark] = (raw, f"{reading.message}: '{' '.join(shown.split())}'")
            return mark, reading.start, reading.end
        return self.document.render(reading, data), reading.start, reading.end


# Python-Markdown's backslash escapes (`\@` is kept as a placeholder until the end)
_ESCAPES = UnescapeTreeprocessor()


class _Settle(_DocumentProcessor):
    """After inline processing: number the citations in reading order, settle the ones
    inside a link's text, report unknown keys and unreadable citations, and add "Kilder"."""

    def run(self, root: etree.Element) -> None:
        document = self.document
        library = document.library
        if library is None or not (document.items or document.malformed):
            return
        # In reading order; ElementTree's own walk, rather than a recursive one in Python.
        inside_links = {inner for link in root.iter("a") for inner in link.iter() if inner is not link}
        marked = document.items.keys() | document.malformed.keys()
        placed = set()
        for element in root.iter():
            if element in marked:
                placed.add(element)
                self._visit(library, element, element in inside_links)
        self._report_unplaced(document, placed)
        for element in inside_links:
            if element.get("class") == VIA_CLASS:
                element.tag = "span"
                del element.attrib["href"]
        if document.record.cited:
            listed = listed_works(document.record.cited, library, document.page.path)
            _insert_before_footnotes(root, reference_list(listed))

    @staticmethod
    def _report_unplaced(document: _Document, placed: set[etree.Element]) -> None:
        """A citation read in text that Python-Markdown then made an attribute (an image's
        alt text, a link's title) is not in the page: it cannot link to its work, nor be
        numbered and listed in "Kilder". Said, at its line, never published as text."""
        reported = set()
        for wrapper, (_, raw) in document.wrappers.items():
            if raw not in reported and not any(mark in placed for mark in wrapper.iter()):
                reported.add(raw)
                document.problem(_line(document, _locate(document, raw)),
                                 f"citation in an image's alt text or a link's title: '{raw}' (shown "
                                 "there as plain text, it cannot link to its work or be listed in "
                                 "'Kilder'): cite in the text beside it")

    def _visit(self, library: Library, element: etree.Element, inside_link: bool) -> None:
        document = self.document
        if element in document.items:
            key, raw = document.items[element]
            if element.get("class") == ERROR_CLASS:
                message = unknown_key_message(library, key)
                if message:
                    document.problem(_line(document, _locate(document, raw)), message)
            else:
                number = len(document.record.cited) + 1
                element.set("id", cite_id(number))
                document.record.cited.append(CitedItem(number, key, read_through(library, key)))
                if inside_link:
                    # A link cannot hold a link: the citation inside a link's text stays
                    # text (with its number and hover text), as Pandoc renders it.
                    element.tag = "span"
                    del element.attrib["href"]
        elif element in document.malformed:
            raw, message = document.malformed[element]
            document.problem(_line(document, _locate(document, raw)), message)


_PROSE_BLOCKS = frozenset({"p", "li", "td", "th", "dd"})


class _Currency(_DocumentProcessor):
    """After numbering: each paragraph, list item, table cell and definition, read for advice
    in the present tense that rests only on replaced works (citekit.currency)."""

    def run(self, root: etree.Element) -> None:
        document = self.document
        works = document.library.works if document.library else {}
        # Most pages cite no replaced work: then there is nothing to read.
        if not any(works[item.key].entry.get("newer") for item in document.record.cited):
            return
        lines = _citation_lines(document, root)
        for element in root.iter():
            if element.tag in _PROSE_BLOCKS:
                segments = list(self._segments(element, lines, top=True))
                document.record.problems += stale_advice(segments, works, document.page.location)

    def _segments(self, element: etree.Element, lines: dict[etree.Element, int | None], top: bool = False):
        """The element's own prose and citations, in reading order: not the blocks inside it
        (each is read on its own), nor code."""
        if element in self.document.wrappers:
            citation = self.document.wrappers[element][0]
            yield Cite(tuple(item.key for item in citation.items), lines.get(element))
        elif top or not (element.tag in _SKIPPED or self.md.is_block_level(element.tag)):
            if element.text:
                yield _PLACEHOLDER.sub(" ", element.text)
            for child in element:
                yield from self._segments(child, lines)
        if element.tail and not top:
            yield _PLACEHOLDER.sub(" ", element.tail)


def _citation_lines(document: _Document, root: etree.Element) -> dict[etree.Element, int | None]:
    """The page line of each citation, found in the source in reading order."""
    lines = {}
    cursor = 0
    for element in (e for e in root.iter() if e in document.wrappers):
        raw = document.wrappers[element][1]
        # past the whole citation: "@key" is also inside the "[@key]" just found
        span = _source_span(document, raw, cursor) or _source_span(document, raw, 0)
        if span is not None:
            cursor = span[1]
        where, line = document.origin(_line(document, span[0] if span else None))
        lines[element] = line if where == document.page.location else None
    return lines


def _plain_text(element: etree.Element) -> str:
    """The text of an element as a reader sees it: escapes undone, raw HTML left out."""
    text = _ESCAPES.unescape("".join(element.itertext()))
    return " ".join(_PLACEHOLDER.sub("", text).split())


def _insert_before_footnotes(root: etree.Element, elements: list[etree.Element]) -> None:
    """Pandoc puts the references before the footnotes."""
    index = len(root)
    for position, child in enumerate(root):
        if child.tag == "div" and "footnote" in (child.get("class") or "").split():
            index = position
            break
    for offset, element in enumerate(elements):
        root.insert(index + offset, element)


class _PageFacts(_DocumentProcessor):
    """The age of the page's sources beside its date, under its title; how to cite it, at
    its end. Only for pages the adapter gives a date (guidance pages, not generated ones)."""

    def run(self, root: etree.Element) -> None:
        document = self.document
        page = document.page
        if document.library is None or page.updated is None:
            return
        works = document.library.works
        keys = {key for item in document.record.cited for key in (item.key, item.via) if key}
        line = dates_line(page.updated, source_years(works[key].entry for key in keys))
        title = next((element for element in root if element.tag == "h1"), None)
        where = list(root).index(title) + 1 if title is not None else 0
        if line is not None:
            root.insert(where, line)
            where += 1
        note = self._currency_note(keys)
        if note is not None:
            root.insert(where, note)
        if page.url and page.site and title is not None:
            root.append(cite_block(_plain_text(title), page.updated, page.url, page.site, page.path))

    def _currency_note(self, keys: set[str]) -> etree.Element | None:
        """A note, when the page cites a replaced work, of how old that advice is and who has
        published newer guidance since; not on the page that says what is new."""
        document = self.document
        whats_new = str(document.extension.getConfig("whats_new"))
        works = document.library.works
        replaced = sorted((works[key] for key in keys if works[key].entry.get("newer")),
                          key=lambda work: document.library.position[work.key])
        years = sorted({work.entry.year for work in replaced if work.entry.year})
        if not years or document.page.path == whats_new:
            return None
        newer = [(works[key].label.narrative, document.library.entry_href(key, document.page.path))
                 for key in dict.fromkeys(work.entry.get("newer") for work in replaced)]
        return currency_note(years, newer, relative_url(whats_new, document.page.path))


class _Sections(_DocumentProcessor):
    """After the table of contents has given the headings their ids: the heading above each
    citation."""

    def run(self, root: etree.Element) -> None:
        cited = self.document.record.cited
        if not cited:
            return
        by_id = {cite_id(item.number): index for index, item in enumerate(cited)}
        anchor, title = "", ""
        for element in root.iter():
            if element.tag in _HEADINGS and element.get("id"):
                anchor = element.get("id", "")
                title = " ".join("".join(_heading_text(element)).split())
            elif element.tag == "div" and "footnote" in (element.get("class") or "").split():
                anchor, title = "", ""  # footnotes stand under no heading of their own
            index = by_id.get(element.get("id", "")) if element.tag in ("a", "span") else None
            if index is not None:
                cited[index] = replace(cited[index], section_anchor=anchor, section_title=title)


def _heading_text(heading: etree.Element):
    """A heading's text without its permalink."""
    if heading.text:
        yield heading.text
    for child in heading:
        if "headerlink" not in (child.get("class") or "").split():
            yield from child.itertext()
        if child.tail:
            yield child.tail


# --- the safety net ----------------------------------------------------------------------

_SKIPPED = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "template"})


class _Finish(_DocumentProcessor):
    """Last: anything in the prose that still looks like a citation (`[@…`, or `@key` for a
    key of the bibliography) is a problem, never raw text on a page; then the document's
    record goes to whoever collects it."""

    def run(self, root: etree.Element) -> None:
        document = self.document
        if document.library is None:
            return
        keys = document.library.works
        found: list[tuple[str, int]] = []  # (text, where in the source to look for it)
        for text in _prose(root):
            found += [(raw, 0) for raw in unread_citations(text, keys)]
        for block in self.md.htmlStash.rawHtmlBlocks:
            # Most raw HTML holds nothing that looks like a citation; only then is it worth
            # reading its text apart from its tags (the research index's lists are large).
            if isinstance(block, str) and "@" in block and unread_citations(block, keys):
                reader = _ProseInHtml()
                reader.feed(block)
                first_line = block.strip().split("\n", 1)[0]
                start = document.source.find(first_line) if first_line else -1
                for text in reader.texts:
                    found += [(raw, max(start, 0)) for raw in unread_citations(text, keys)]
        searched_from: dict[str, int] = {}
        for raw, start in found:
            position = _find_source(document, raw, max(start, searched_from.get(raw, 0)))
            if position is not None:
                searched_from[raw] = position + 1
            document.problem(_line(document, position),
                             f"citation not read: '{raw}' (inside raw HTML or {{…}}, or "
                             "not written the way Pandoc reads citations)")
        self._abbreviations(root, keys)
        title = next((element for element in root.iter("h1")), None)
        if title is not None:
            document.record.title = " ".join("".join(_heading_text(title)).split())
        document.extension.finished(document.record)


    def _abbreviations(self, root: etree.Element, keys) -> None:
        """An abbreviation's definition is shown as plain text on hover: a citation there is
        never read (Python-Markdown's abbr takes the definition out before any inline
        processing), so it is said, once per definition."""
        document = self.document
        for title in dict.fromkeys(abbr.get("title", "") for abbr in root.iter("abbr")):
            for raw in unread_citations(title, keys):
                document.problem(_line(document, _find_source(document, raw, 0)),
                                 f"citation in an abbreviation's definition: '{raw}' (shown on "
                                 "hover as plain text, it is never read): cite in the text instead")


def _prose(root: etree.Element):
    """Every text and tail of the tree outside code and outside our own marks."""
    closed = [element for tag in _SKIPPED for element in root.iter(tag)]
    closed += [element for tag in ("a", "span") for element in root.iter(tag)
               if element.get("class") in (CITE_CLASS, ERROR_CLASS)]
    inner = {child for element in closed for child in element.iter() if child is not element}
    closed_set = set(closed)
    for element in root.iter():
        if element.text and element not in closed_set and element not in inner:
            yield element.text
        if element.tail and element not in inner:
            yield element.tail


class _ProseInHtml(HTMLParser):
    """The text of raw HTML outside code, comments, scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in _SKIPPED:
            self._skipping += 1

    def handle_endtag(self, tag) -> None:
        if tag in _SKIPPED and self._skipping:
            self._skipping -= 1

    def handle_data(self, data) -> None:
        if not self._skipping:
            self.texts.append(data)


# --- lines -------------------------------------------------------------------------------

# What Python-Markdown leaves in text in place of what it has already handled: inline
# elements, raw HTML and backslash escapes.
_PLACEHOLDER = re.compile("|".join(pattern.pattern for pattern in
                                   (INLINE_PLACEHOLDER_RE, HTML_PLACEHOLDER_RE, UnescapeTreeprocessor.RE)))


def _locate(document: _Document, raw: str) -> int | None:
    """The position in the page's source of `raw` (a citation's source text, which may hold
    placeholders and has lost blockquote markers), searching on from the previous problem."""
    position = _find_source(document, raw, document.cursor)
    if position is None and document.cursor:
        position = _find_source(document, raw, 0)
    if position is not None:
        document.cursor = position + 1
    return position


def _find_source(document: _Document, raw: str, start: int) -> int | None:
    span = _source_span(document, raw, start)
    return span[0] if span else None


def _source_span(document: _Document, raw: str, start: int) -> tuple[int, int] | None:
    pieces, start_of_piece = [], 0
    for placeholder in _PLACEHOLDER.finditer(raw):
        pieces.append(re.escape(raw[start_of_piece : placeholder.start()]))
        start_of_piece = placeholder.end()
    pieces.append(re.escape(raw[start_of_piece:]))
    pattern = r"[\s\S]*?".join(pieces)
    # Whitespace inside a citation may span lines that began with '>' or an indent.
    pattern = re.sub(r"(?:\\\s|\\\n|\s)+", r"[\\s>]+", pattern)
    match = re.compile(pattern).search(document.source, start)
    return match.span() if match else None


def _line(document: _Document, position: int | None) -> int | None:
    if position is None:
        return None
    return document.source.count("\n", 0, position) + 1
