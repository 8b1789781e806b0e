"""Which lines of Markdown stand outside fenced code: a marker line (the tasks', the research
index's) counts only there, never inside a code block that shows it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

__all__ = ["fence_after", "lines_outside_code"]
FENCE = re.compile(r"[ \t>]*(?P<fence>`{3,}|~{3,})")


def fence_after(line: str, fence: str) -> str:
    """The fence open after `line` ('' outside fenced code): a fence closes with a fence of
    the same character at least as long, and nothing else on its line."""
    match = FENCE.match(line)
    if match is None:
        return fence
    found = match["fence"]
    if not fence:
        return found
    rest = line[match.end():].strip()
    closes = found[0] == fence[0] and len(found) >= len(fence) and not rest
    return "" if closes else fence


def lines_outside_code(lines: Iterable[str]) -> Iterator[tuple[int, str, bool]]:
    """(line number from 1, the line, whether it stands outside fenced code and is no fence)."""
    fence = ""
    for number, line in enumerate(lines, 1):
        fence = fence_after(line, fence)
        yield number, line, not fence and FENCE.match(line) is None
