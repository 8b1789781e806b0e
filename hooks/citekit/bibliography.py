"""Load `references.bib` with bibtexparser 2 and check it, reporting every problem at once.

bibtexparser is fault-tolerant: it never raises on bad input but keeps failed blocks with
their start lines. We read those, plus what it lets through (a missing comma swallowed into a
value, an undefined @string, keys differing only in case), and turn each into a located
`Problem`. Values are resolved here rather than by bibtexparser's string middleware because
that middleware neither resolves `#` concatenation nor reports an undefined macro.
"""

from __future__ import annotations

import contextlib
import difflib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import bibtexparser
from bibtexparser import model as bibmodel

from .brackets import closing, walk
from .cite_syntax import nfc, unread_citations
from .entries import Report, check_links, make_entry
from .model import Entry, Problem

ALIASES = {"journaltitle": "journal", "location": "address"}
MONTHS = {m: str(i) for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
# Fields a crossref child never inherits.
NOT_INHERITED = frozenset({"crossref", "ids", "keywords", "abstract", "shortauthor", "citedin",
                           "newer"})
# What BibTeX cannot hold in a key (the downloads must stay valid BibTeX).
_KEY_BREAKERS = re.compile(r"[\s,{}()\"#%'=\\~]")
# Text between entries that reads like fields: a '}' closed the entry before them.
_LOOSE_FIELDS = re.compile(r"^\s*,|^\s*[A-Za-z][\w-]*\s*=")

_BARE_TOKEN = re.compile(r"[^\s#{}\"]+")
_FIELD_START = re.compile(r"^\s*(?P<name>[A-Za-z][\w-]*)\s*=")
# Token patterns for citekit.brackets. The leading look-ahead lets the regex engine scan for
# the delimiters' characters at full speed (values are long: abstracts), as a bare [{}] does.
_BRACES = re.compile(r"(?=[{}])(?<!\\)(?:(?P<open>\{)|(?P<close>\}))")
_BRACES_AND_QUOTES = re.compile(r'(?=[{}"])(?:(?P<open>\{)|(?P<close>\})|(?P<quote>"))')
_ENTRY_HEAD = re.compile(r"@\s*(?P<type>\w+)\s*[{(]\s*(?P<key>[^,\s{}()]+)")


@dataclass(frozen=True)
class Bibliography:
    """The loaded entries (in file order), the problems found, and the keys of broken entries.
    `readable` is False when the file could not be read or holds no entry at all: then every
    citation would be unknown, and the one problem says why."""

    entries: MappingProxyType
    problems: tuple[Problem, ...]
    broken_keys: frozenset[str]
    name: str = "references.bib"  # how messages name the file
    readable: bool = True

    def suggest(self, key: str) -> str | None:
        """The closest known key, for a did-you-mean hint."""
        close = difflib.get_close_matches(key, self.entries.keys(), n=1, cutoff=0.6)
        if not close:
            lowered = {k.casefold(): k for k in self.entries}
            return lowered.get(key.casefold())
        return close[0]


class _ValueError(Exception):
    pass


def load_bibliography(path: Path, display_name: str) -> Bibliography:
    """Read and check a .bib file; `display_name` is how messages name it."""
    try:
        if path.exists() and not path.is_file() and not path.is_dir():
            # A named pipe or a device would block the build, or never end: refuse it.
            return _failed(display_name, "bibliography path is not a regular file (a named pipe "
                                         "or a device?): make it a .bib file")
        data = path.read_bytes()
    except FileNotFoundError:
        return _failed(display_name, "bibliography file not found")
    except IsADirectoryError:
        return _failed(display_name, "bibliography path is a directory, not a file")
    except OSError as error:
        return _failed(display_name, f"cannot read bibliography ({error.strerror or error})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start : error.start + 1].hex()
        return _failed(display_name, f"not valid UTF-8 (byte 0x{byte}); save the file as UTF-8", line)
    return parse_bibliography(text, display_name)


def parse_bibliography(text: str, display_name: str) -> Bibliography:
    """Parse BibTeX source text into checked entries."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problems: list[Problem] = []
    broken: set[str] = set()

    def report(line: int | None, message: str) -> None:
        problems.append(Problem(display_name, line, message))

    with _quiet(logging.getLogger("bibtexparser")):
        library = bibtexparser.parse_string(text, parse_stack=[])
    # As in BibTeX, a macro may use the macros defined before it.
    strings: dict[str, str] = {}
    for string in library.strings:
        try:
            strings[string.key.casefold()] = _resolve(string.value, strings)
        except _ValueError as error:
            report(_line(string), f"malformed @string '{string.key}': value {error}")

    for failed in library.failed_blocks:
        _report_failed_block(failed, report, broken)

    _report_loose_fields(library.blocks, report)

    raw_entries: dict[str, tuple[bibmodel.Entry, dict[str, str]]] = {}
    first_seen: dict[str, tuple[str, int | None]] = {}
    for bib_entry in library.entries:
        bib_entry.key = nfc(bib_entry.key)
        line = _line(bib_entry)
        key_problem = _key_problem(bib_entry.key)
        if key_problem:
            report(line, key_problem)
            broken.add(bib_entry.key)
            continue
        if bib_entry.entry_type.lower() == "xdata" or any(f.key.lower() == "xdata" for f in bib_entry.fields):
            report(line, f"entry '{bib_entry.key}' uses xdata, which the site does not support: "
                         "write the fields into the entry itself")
            broken.add(bib_entry.key)
            continue
        folded = bib_entry.key.casefold()
        if folded in first_seen:
            other, other_line = first_seen[folded]
            how = "in how Unicode writes its accents" if other == bib_entry.key else "only in case"
            report(line, f"duplicate key '{bib_entry.key}' (differs {how} from '{other}' "
                         f"at line {other_line})")
            broken.add(bib_entry.key)
            continue
        first_seen[folded] = (bib_entry.key, line)
        values: dict[str, str] = {}
        for field in bib_entry.fields:
            name = _field_name(field.key)
            try:
                values[ALIASES.get(name, name)] = _resolve(field.value, strings)
            except _ValueError as error:
                report(_line(field), f"malformed entry '{bib_entry.key}': field '{name}' {error}")
                broken.add(bib_entry.key)
        raw_entries[bib_entry.key] = (bib_entry, values)

    _resolve_crossrefs(raw_entries, report, broken)

    entries: dict[str, Entry] = {}
    for key, (bib_entry, values) in raw_entries.items():
        if key in broken:
            continue
        entry = make_entry(key, bib_entry.entry_type.lower(), _line(bib_entry) or 1, values, report)
        if entry is None:
            broken.add(key)
        else:
            entries[key] = entry
    _report_citations_in_fields(entries, report, broken)
    check_links(entries, report)

    empty = not library.entries and not library.failed_blocks and not problems
    if empty:
        report(None, "bibliography has no entries")
    problems.sort(key=lambda p: (p.line or 0))
    return Bibliography(MappingProxyType(entries), tuple(problems), frozenset(broken), display_name,
                        readable=not empty)


@contextlib.contextmanager
def _quiet(logger: logging.Logger) -> Iterator[None]:
    """bibtexparser logs each failed block itself; we report them our own way, located. Only
    while we parse: whoever configures logging keeps the rest of its messages."""
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _failed(display_name: str, message: str, line: int | None = None) -> Bibliography:
    return Bibliography(MappingProxyType({}), (Problem(display_name, line, message),), frozenset(),
                        display_name, readable=False)


def _line(block: bibmodel.Block | bibmodel.Field) -> int | None:
    """The 1-based line where bibtexparser found `block`."""
    return block.start_line + 1 if block.start_line is not None else None


def _report_failed_block(block: bibmodel.ParsingFailedBlock, report: Report, broken: set[str]) -> None:
    line = (block.start_line or 0) + 1
    if isinstance(block, bibmodel.DuplicateBlockKeyBlock):
        first = _line(block.previous_block) if block.previous_block is not None else None
        report(line, f"duplicate key '{block.key}' (first defined at line {first})")
        return
    if isinstance(block, bibmodel.DuplicateFieldKeyBlock):
        key = getattr(block.ignore_error_block, "key", "?")
        fields = ", ".join(f"'{f}'" for f in sorted(block.duplicate_keys))
        report(line, f"malformed entry '{key}': field {fields} given more than once")
        broken.add(key)
        return
    head = _ENTRY_HEAD.search(block.raw or "")
    key = head["key"] if head else "?"
    if head:
        broken.add(key)
    reason = getattr(block.error, "abort_reason", None) or str(block.error)
    report(line, f"malformed entry '{key}': {_explain(reason)}")


def _explain(reason: str) -> str:
    """Turn bibtexparser's abort reason into a short lower-case hint."""
    reason = reason.replace("`", "'").strip().rstrip(".")
    if reason.startswith("Unexpectedly reached end of file"):
        return "the file ends before the entry is closed (unclosed brace?)"
    if reason.startswith("Unexpected block start"):
        start = re.search(r"'(@\w+)", reason)
        where = f"'{start.group(1)}'" if start else "a new entry"
        return f"{where} starts before this entry is closed (unclosed brace or missing comma?)"
    return reason[:1].lower() + reason[1:]


def _resolve(raw: str, strings: dict[str, str]) -> str:
    """Resolve a raw BibTeX value: braces, quotes, numbers, @string macros and `#`."""
    parts: list[str] = []
    i, n = 0, len(raw)
    while True:
        while i < n and raw[i].isspace():
            i += 1
        if i >= n:
            raise _ValueError("has an empty value")
        if raw[i] == "{":
            end = _matching_brace(raw, i)
            parts.append(raw[i + 1 : end])
            i = end + 1
        elif raw[i] == '"':
            end = _closing_quote(raw, i)
            parts.append(raw[i + 1 : end])
            i = end + 1
        else:
            token = _BARE_TOKEN.match(raw, i)
            if not token:
                raise _ValueError(f"has an unexpected character {raw[i]!r}")
            parts.append(_expand(token.group(0), strings))
            i = token.end()
        while i < n and raw[i].isspace():
            i += 1
        if i >= n:
            return "".join(parts)
        if raw[i] != "#":
            rest = raw[i:].strip().splitlines()[0]
            follows = _FIELD_START.match(rest)
            if follows:
                raise _ValueError(f"runs into field '{follows['name']}' (missing comma?)")
            raise _ValueError(f"has text after the value: {rest[:40]!r}")
        i += 1


def _expand(token: str, strings: dict[str, str]) -> str:
    if token.isdigit():
        return token
    name = token.casefold()
    if name in strings:
        return strings[name]
    if name in MONTHS:
        return MONTHS[name]
    raise _ValueError(f"uses undefined @string macro '{token}'")


def _matching_brace(raw: str, start: int) -> int:
    end = closing(raw, start, _BRACES)
    if end is None:
        raise _ValueError("has an unclosed brace")
    return end


def _closing_quote(raw: str, start: int) -> int:
    """The quote that ends a quoted value: the first outside braces."""
    for kind, position, depth in walk(raw, start + 1, _BRACES_AND_QUOTES):
        if kind == "quote" and depth == 0:
            return position
    raise _ValueError("has an unclosed quote")


def _resolve_crossrefs(raw_entries, report, broken: set[str]) -> None:
    """Each child inherits its parent's fields (the parent's own crossref resolved first);
    a missing parent or a loop is reported."""
    by_folded = {key.casefold(): key for key in raw_entries}
    resolved: set[str] = set()

    def resolve(key: str, chain: list[str]) -> bool:
        block, values = raw_entries[key]
        parent_name = values.get("crossref")
        if not parent_name or key in resolved:
            return True
        parent_key = by_folded.get(parent_name.casefold())
        if parent_key is None:
            report(block.start_line + 1,
                   f"entry '{key}' has crossref '{parent_name}', which is not in the bibliography")
            broken.add(key)
            return False
        if parent_key in chain + [key]:
            loop = " -> ".join(chain[chain.index(parent_key):] + [key, parent_key]) \
                if parent_key in chain else f"{key} -> {key}"
            report(block.start_line + 1, f"entry '{key}' has a crossref loop: {loop}")
            broken.add(key)
            return False
        if not resolve(parent_key, chain + [key]):
            broken.add(key)
            return False
        parent_values = raw_entries[parent_key][1]
        for name, value in parent_values.items():
            if name not in NOT_INHERITED and name not in values:
                values[name] = value
        if "title" in parent_values and "booktitle" not in values:
            values["booktitle"] = parent_values["title"]
        del values["crossref"]
        resolved.add(key)
        return True

    for key in raw_entries:
        if key not in broken:
            resolve(key, [])


# A key names the work's page and its downloads (forskning/<key>.bib): file systems allow
# 255 bytes in a name, and a reader copies a key by hand.
MAX_KEY = 100


def _key_problem(key: str) -> str | None:
    if not key:
        return "an entry has an empty key"
    if len(key) > MAX_KEY:
        return (f"key '{key[:30]}…' is {len(key)} characters long: keep a key under {MAX_KEY} "
                "(it names the work's page and files)")
    breaker = _KEY_BREAKERS.search(key)
    if breaker:
        what = "a space" if breaker.group().isspace() else f"'{breaker.group()}'"
        return f"key '{key}' has {what}, which BibTeX does not allow in a key"
    return None


_COMMENT_LINE = re.compile(r"^[ \t]*%.*\n", re.MULTILINE)


def _field_name(raw: str) -> str:
    """A field's name, without the '%' comment lines before it: biber reads a line that
    starts with '%' inside an entry as a comment, and bibtexparser glues it onto the name
    of the next field ('% kommentar\n  note'), which would lose that field."""
    return _COMMENT_LINE.sub("", raw).strip().lower()


# Fields shown as text on the site (a URL or DOI is a link, the keys are links' targets).
_NOT_TEXT = frozenset({"url", "doi", "citedin", "newer", "crossref", "ids"})


def _report_citations_in_fields(entries: dict[str, Entry], report, broken: set[str]) -> None:
    """A reference cannot cite: text in a field that reads like a citation would be reported
    again on every generated page that shows it, never at its line. It is reported here, once,
    and the entry is left out."""
    for key, entry in list(entries.items()):
        for name, value in entry.fields.items():
            found = [] if name in _NOT_TEXT else unread_citations(value, entries)
            if found:
                report(entry.line, f"entry '{key}' has in '{name}' what reads as a citation, "
                                   f"{found[0]!r}: a reference cannot cite (name the work in words)")
                broken.add(key)
                del entries[key]
                break


def _report_loose_fields(blocks, report) -> None:
    """Text between entries is a comment to BibTeX, but text that reads like fields right
    after an entry means a '}' closed that entry too early: its last fields are lost."""
    last_key = None
    for block in blocks:
        if isinstance(block, bibmodel.Entry):
            last_key = block.key
        elif isinstance(block, bibmodel.ImplicitComment) and last_key is not None:
            text = block.comment if hasattr(block, "comment") else block.raw
            if text and _LOOSE_FIELDS.match(text):
                shown = " ".join(text.split())[:50]
                report(_line(block),
                       f"text after the end of entry '{last_key}' reads like fields: {shown!r} "
                       "(does a '}' close the entry too early?)")
