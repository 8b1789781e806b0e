"""Nesting delimiters, counted one way: BibTeX's braces and quotes, Pandoc's brackets and
braces, LaTeX's groups. Each caller says in a regex which tokens open (`open`), close
(`close`), end the search (`stop`) or are something else it wants to see (any other group:
a quote); text a token pattern matches without a group of these (a placeholder) is stepped
over. Jumping from token to token with a regex keeps long values (abstracts) fast."""

from __future__ import annotations

import re
from collections.abc import Iterator


def walk(text: str, pos: int, tokens: re.Pattern[str]) -> Iterator[tuple[str, int, int]]:
    """(group name, position, depth after it) for each token from `pos`; placeholders (a
    match with no named group) are stepped over, and a `stop` token ends the walk."""
    depth = 0
    for token in tokens.finditer(text, pos):
        kind = token.lastgroup
        if kind is None:
            continue
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        yield kind, token.start(), depth
        if kind == "stop":
            return


def closing(text: str, pos: int, tokens: re.Pattern[str]) -> int | None:
    """Where the delimiter that closes the one at `pos` is, or None: unclosed, or stopped."""
    # walk's loop, written out: this runs for every braced value of a bibliography.
    depth = 0
    for token in tokens.finditer(text, pos):
        kind = token.lastgroup
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
            if depth == 0:
                return token.start()
        elif kind == "stop":
            return None
    return None


def balanced(text: str, tokens: re.Pattern[str]) -> bool:
    """Every delimiter of `text` closed, none closed before it opened."""
    depth = 0
    for token in tokens.finditer(text):
        kind = token.lastgroup
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0
