"""Pandoc's citation grammar, read at one position of a text: `[see @key, s. 12; @other]`,
`[-@key]`, `@key`, `-@key`, `@key [s. 12]`, `@key [s. 12; @other]` and `@key [@other]`.

This module knows nothing of Markdown's block structure: the Markdown extension
(`citekit.markdown_ext`) calls it only on prose, after Python-Markdown has taken out code,
raw HTML and definitions. It follows Pandoc's Markdown reader (`cite`, `normalCite`,
`textualCite`, `bareloc`, `citeKey`) rule for rule; where we deliberately differ, the reason
is given beside the rule and in the README. Python-Markdown's placeholders (STX ... ETX,
standing for code spans, escaped characters and the like) are read as opaque units.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable, Container
from dataclasses import dataclass

from markdown.util import ETX, STX

from .brackets import closing

# Pandoc's `simpleCiteIdentifier`: a letter, digit, '_' or '*' first; then letters, digits and
# '_', with the punctuation :.#$%&-+?<>~/ allowed inside (followed by a letter or digit), and
# ':' or '/' before a '/' (so a URL can be a key).
_PLAIN_KEY = re.compile(r"(?:\w|\*)(?:\w|[:.#$%&+?<>~/-](?=\w)|[:/](?=/))*")
# Delimiters for brackets.walk: a braced key (no space inside), and a bracket group, whose
# placeholders are opaque (a ']' inside a code span closes nothing).
_KEY_BRACES = re.compile(r"(?P<open>\{)|(?P<close>\})|(?P<stop>\s)")
_BRACKETS = re.compile(f"{STX}[^{ETX}]*{ETX}|(?P<open>\\[)|(?P<close>\\])")
_SPNL = re.compile(r"[ \t]*(?:\n[ \t]*)?")
# The common case, read in one step: one key, no prefix, at most a plain locator.
_SIMPLE = re.compile(r"\[(?P<suppress>-?)@(?P<key>" + _PLAIN_KEY.pattern +
                     r")(?P<suffix>,[^\[\]@;\x02\n]*)?\](?![(\[])")


class Mode(enum.Enum):
    """Pandoc's citation modes."""

    NORMAL = "NormalCitation"
    AUTHOR_IN_TEXT = "AuthorInText"
    SUPPRESS_AUTHOR = "SuppressAuthor"


@dataclass(frozen=True)
class CiteItem:
    """One work in a citation. `prefix` and `suffix` are Markdown source as written (they may
    hold Python-Markdown placeholders); the suffix keeps its leading comma, as Pandoc's does."""

    key: str
    mode: Mode = Mode.NORMAL
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Citation:
    """A citation read from `text[start:end]`; `textual` when written `@key` rather than in
    brackets."""

    start: int
    end: int
    items: tuple[CiteItem, ...]
    textual: bool = False


@dataclass(frozen=True)
class Malformed:
    """Brackets that are plainly meant as a citation but cannot be read as one. Pandoc leaves
    these as text (or reads a different citation out of them); we report them instead, so a
    slip of the keyboard never reaches a reader as raw text."""

    start: int
    end: int
    message: str


Reading = Citation | Malformed

# Is this bracketed text a link label (a defined reference, or a heading's text)? Pandoc does
# not read `@key [Overskrift]` as a locator when `[Overskrift]` is a link.
IsLinkLabel = Callable[[str], bool]


def _never(_: str) -> bool:
    return False


def read_at(text: str, pos: int, is_link_label: IsLinkLabel = _never) -> Reading | None:
    """The citation starting at `text[pos]` (a '[', '@' or '-'), or None if there is none."""
    char = text[pos]
    if char == "[":
        close = text.find("]", pos)
        if close < 0 or (text.find("@", pos, close) < 0 and text.find("[", pos + 1, close) < 0):
            return None  # most brackets are links: no key before the first ']'
        simple = _SIMPLE.match(text, pos)
        if simple:
            mode = Mode.SUPPRESS_AUTHOR if simple["suppress"] else Mode.NORMAL
            item = CiteItem(nfc(simple["key"]), mode, "", _suffix(simple["suffix"] or ""))
            return Citation(pos, simple.end(), (item,))
        cited = _bracketed(text, pos)
        if cited is None:
            return _malformed(text, pos)
        if any(item.prefix.endswith("@") for item in cited.items):
            # Pandoc reads `[@@key]` as the key with the prefix "@": surely a slip.
            return Malformed(cited.start, cited.end, "citation with a stray '@' before the key")
        return cited
    if char == "-":
        if not text.startswith("-@", pos):
            return None
        # "-@key" leaves out the author; in "x-@key" the '-' belongs to the word before.
        return _textual(text, pos, is_link_label) or _textual(text, pos + 1, is_link_label)
    if char == "@":
        return _textual(text, pos, is_link_label)
    return None


# --- keys ----------------------------------------------------------------------------------


def _after_word(text: str, pos: int) -> bool:
    """Pandoc's `notAfterString`: a key cannot start right after a word ("post@imdi.no"); a
    full stop inside a word ("a.@b") counts as part of it."""
    if pos == 0:
        return False
    before = text[pos - 1]
    if before.isalnum():
        return True
    return before == "." and pos > 1 and text[pos - 2].isalnum()


def cite_key(text: str, pos: int) -> tuple[bool, str, int] | None:
    """Pandoc's `citeKey` at `pos`: (suppress author, key, end) or None."""
    if _after_word(text, pos):
        return None
    suppress = text.startswith("-", pos)
    if suppress and pos and text[pos - 1] == "-":
        return None  # "--" is a dash
    at = pos + 1 if suppress else pos
    if not text.startswith("@", at):
        return None
    if text.startswith("{", at + 1):
        end = _balanced_braces(text, at + 1)
        if end is None:
            return None
        return suppress, nfc(text[at + 2 : end - 1]), end
    match = _PLAIN_KEY.match(text, at + 1)
    if not match:
        return None
    return suppress, nfc(match.group()), match.end()


def nfc(key: str) -> str:
    """A key in Unicode's composed form: 'bråthen2020' typed on one machine and pasted from a
    PDF on another ('a' + a combining ring) is one key (citekit.bibliography does the same)."""
    return unicodedata.normalize("NFC", key) if not key.isascii() else key


def _balanced_braces(text: str, pos: int) -> int | None:
    """The end of `{...}` at `pos` (nested braces allowed, not empty, no whitespace), or None."""
    end = closing(text, pos, _KEY_BRACES)
    return end + 1 if end is not None and end > pos + 1 else None


# --- Pandoc's parsers ------------------------------------------------------------------------


def _past_space(text: str, pos: int) -> int:
    """Past Pandoc's `spnl` at `pos`: spaces, and at most one line break."""
    match = _SPNL.match(text, pos)
    return match.end() if match else pos


def _bracketed(text: str, pos: int) -> Citation | None:
    """`normalCite`: '[' citations separated by ';' ']', not followed by '(' or '[' (which
    would make it a link). Unlike Pandoc, `[@key]{.class}` stays a citation: Python-Markdown
    has no bracketed spans, and attr_list puts the class on the citation."""
    if text.startswith("[^", pos):
        return None  # a footnote reference
    parsed = _cite_list(text, _past_space(text, pos + 1))
    if parsed is None:
        return None
    items, end = parsed
    end = _past_space(text, end)
    if not text.startswith("]", end) or text[end + 1 : end + 2] in ("(", "["):
        return None
    return Citation(pos, end + 1, tuple(items))


def _cite_list(text: str, pos: int) -> tuple[list[CiteItem], int] | None:
    """`citeList`: one or more citations separated by ';' and optional space."""
    first = _citation(text, pos)
    if first is None:
        return None
    items, end = [first[0]], first[1]
    while text.startswith(";", end):
        following = _citation(text, _past_space(text, end + 1))
        if following is None:
            break
        items.append(following[0])
        end = following[1]
    return items, end


def _citation(text: str, pos: int) -> tuple[CiteItem, int] | None:
    """`citation`: prefix, key, suffix."""
    prefix_end = _prefix_end(text, pos)
    if prefix_end is None:
        return None
    key = cite_key(text, prefix_end)
    if key is None:
        return None
    suppress, name, end = key
    suffix_end = _inlines_until(text, end, ";]")
    prefix = " ".join(text[pos:prefix_end].split())
    mode = Mode.SUPPRESS_AUTHOR if suppress else Mode.NORMAL
    return CiteItem(name, mode, prefix, _suffix(text[end:suffix_end])), suffix_end


def _prefix_end(text: str, pos: int) -> int | None:
    """Where the prefix stops: at the first key. None if a ']' or ';' comes first."""
    i, n = pos, len(text)
    while i < n:
        char = text[i]
        if char in "-@" and cite_key(text, i) is not None:
            return i
        if char in "];":
            return None
        i = _next_unit(text, i)
    return None


def _inlines_until(text: str, pos: int, stops: str) -> int:
    """Past the inlines from `pos` up to the first of `stops` outside brackets and
    placeholders (Pandoc's suffix: `many (notFollowedBy (oneOf ";]") >> inline)`)."""
    i, n = pos, len(text)
    while i < n and text[i] not in stops:
        i = _next_unit(text, i)
    return i


def _next_unit(text: str, i: int) -> int:
    """Past one inline unit: a placeholder, a balanced [...] group, or a character."""
    char = text[i]
    if char == STX:
        end = text.find(ETX, i)
        return end + 1 if end >= 0 else i + 1
    if char == "[":
        closing = _matching_bracket(text, i)
        return closing if closing is not None else i + 1
    return i + 1


def _matching_bracket(text: str, pos: int) -> int | None:
    """The end (past ']') of the bracket group opening at `pos`, or None if unclosed."""
    end = closing(text, pos, _BRACKETS)
    return end + 1 if end is not None else None


def _suffix(raw: str) -> str:
    """Pandoc trims the suffix and keeps one leading space if there was any."""
    trimmed = " ".join(raw.split())
    if trimmed and raw[:1].isspace():
        return " " + trimmed
    return trimmed


def _textual(text: str, pos: int, is_link_label: IsLinkLabel) -> Citation | None:
    """`textualCite`: @key, then optionally `[citations]` or a bare locator `[s. 12; @b]`."""
    key = cite_key(text, pos)
    if key is None:
        return None
    suppress, name, end = key
    first = CiteItem(name, Mode.SUPPRESS_AUTHOR if suppress else Mode.AUTHOR_IN_TEXT)
    bracket = _past_space(text, end)
    if text.startswith("[", bracket):
        following = _bracketed(text, bracket)
        if following is not None:
            return Citation(pos, following.end, (first, *following.items), textual=True)
        located = _bare_locator(text, bracket, first, is_link_label)
        if located is not None:
            items, located_end = located
            return Citation(pos, located_end, tuple(items), textual=True)
    return Citation(pos, end, (first,), textual=True)


def _bare_locator(text: str, pos: int, first: CiteItem,
                  is_link_label: IsLinkLabel) -> tuple[list[CiteItem], int] | None:
    """`bareloc`: '[' suffix (';' citations)? ']', not a footnote, link or link label."""
    if text.startswith("[^", pos):
        return None
    suffix_end = _inlines_until(text, pos + 1, ";]")
    items = [CiteItem(first.key, first.mode, "", _suffix(text[pos + 1 : suffix_end]).lstrip())]
    end = suffix_end
    if text.startswith(";", end):
        rest = _cite_list(text, _past_space(text, end + 1))
        if rest is not None:
            items += rest[0]
            end = rest[1]
    end = _past_space(text, end)
    if not text.startswith("]", end) or text[end + 1 : end + 2] in ("(", "["):
        return None
    if len(items) == 1 and is_link_label(text[pos + 1 : end]):
        return None
    return items, end + 1


# --- brackets that fail -----------------------------------------------------------------------

_EMPTY_KEY = re.compile(r"\[\s*-?@\s*(?:[\];]|$)")


def _malformed(text: str, pos: int) -> Malformed | None:
    """Brackets whose first part names a key (or is a bare '@') but which Pandoc cannot read
    as a citation: `[@]`, `[@@key]`, `[@a; b]`, `[@a;]`. Brackets that are links are left to
    the link reader."""
    if text.startswith("[^", pos):
        return None
    end = _matching_bracket(text, pos)
    if end is None or text[end : end + 1] in ("(", "["):
        return None
    raw = text[pos:end]
    if _EMPTY_KEY.match(raw):
        return Malformed(pos, end, "citation without a key (write [@key])")
    parts = _top_level_parts(text, pos + 1, end - 1)
    first_key = _first_key(text, parts[0])
    if first_key is None:
        return None
    start, key_start = parts[0][0], first_key
    if text[start:key_start].rstrip().endswith("@"):
        return Malformed(pos, end, "citation with a stray '@' before the key")
    for number, (part_start, part_end) in enumerate(parts[1:], 2):
        if _first_key(text, (part_start, part_end)) is None:
            shown = " ".join(text[part_start:part_end].split())
            what = f"'{shown}' has no @key" if shown else "is empty"
            return Malformed(pos, end, f"citation part {number} {what} (parts are separated "
                                       "by ';', each needs its @key)")
    return Malformed(pos, end, "citation that cannot be read (check the brackets and ';')")


def _top_level_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans between top-level ';' in text[start:end]."""
    parts, i, part_start = [], start, start
    while i < end:
        if text[i] == ";":
            parts.append((part_start, i))
            part_start = i + 1
            i += 1
            continue
        i = min(_next_unit(text, i), end)
    parts.append((part_start, end))
    return parts


def _first_key(text: str, span: tuple[int, int]) -> int | None:
    """Where the first key inside `span` begins (outside nested brackets), or None."""
    i, end = span
    while i < end:
        if text[i] in "-@" and cite_key(text, i) is not None:
            return i
        i = min(_next_unit(text, i), end)
    return None


# --- text that still reads like a citation -------------------------------------------------

# A bare URL is text, not a citation ("https://example.org/@key"): the reader steps over it.
BARE_URL = r"(?:https?|ftp)://[^\s<>\"]+"
_SUSPECT = re.compile(r"\[\s*-?@|-?@")


def unread_citations(text: str, keys: Container[str]) -> list[str]:
    """What in `text` looks like a citation: '[@…]', or '@key' for one of `keys`. The safety
    net of the Markdown extension (what was left unread in a page), and the bibliography's
    check of its own text (a reference cannot cite)."""
    if "@" not in text:
        return []
    found: list[str] = []
    done = 0
    if "://" in text:
        text = re.sub(BARE_URL, lambda url: " " * len(url.group()), text)
    for match in _SUSPECT.finditer(text):
        if match.start() < done:
            continue
        if text[match.start()] == "[":
            end = text.find("]", match.end())
            done = end + 1 if end >= 0 else len(text)
            found.append(text[match.start() : done])
            continue
        reading = read_at(text, match.start())
        if isinstance(reading, Citation) and any(item.key in keys for item in reading.items):
            found.append(text[reading.start : reading.end])
            done = reading.end
    return found
