"""A page's YAML front matter, split off the way MkDocs and Zensical split it: the metadata,
the Markdown they convert, and how many lines came before it (so a problem found in the
Markdown is reported at its line in the file).

Front matter that is not valid YAML, or not a mapping of names to values, is read as MkDocs
reads it: not at all, so the whole file is the Markdown and its lines count from the first.
`front_matter_problem` says what is wrong with it, at its line."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import yaml

from .model import Problem

__all__ = ["front_matter_end", "front_matter_lines", "front_matter_problem", "split_front_matter"]
_FRONT_MATTER = re.compile(r"^---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_DATE_VALUE = re.compile(r"^[ \t]*(?P<name>[\w-]+)[ \t]*:[ \t]*['\"]?(?P<value>\d{4}-\d{1,2}-\d{1,2})\b")


def _load(text: str) -> tuple[re.Match | None, object, Exception | None]:
    """The front matter's match, what YAML makes of it, and YAML's error."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, {}, None
    try:
        return match, yaml.safe_load(match["yaml"] or "") or {}, None
    except (yaml.YAMLError, ValueError) as error:  # ValueError: a date such as 2026-02-30
        return match, None, error


def split_front_matter(text: str) -> tuple[dict, str, int]:
    """(front matter, Markdown, lines before the Markdown); the blank lines after the front
    matter are dropped, as MkDocs drops them. Front matter that cannot be read is left in the
    Markdown, as MkDocs leaves it."""
    text = text.replace("\r\n", "\n")
    match, meta, _ = _load(text)
    if match is None or not isinstance(meta, dict):
        return {}, text, 0
    body = text[match.end():].lstrip("\n")
    return meta, body, text[: len(text) - len(body)].count("\n")


def front_matter_problem(text: str, location: str) -> Problem | None:
    """What is wrong with the front matter of the page `text` (at `location`), or None: YAML
    that cannot be read, or YAML that is not names with values."""
    text = text.replace("\r\n", "\n")
    match, meta, error = _load(text)
    if match is None:
        return None
    if error is not None:
        # where YAML began the construct it could not finish ('[' left open), else where it stopped
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        if mark is not None:
            reason = getattr(error, "problem", None) or "cannot be read"
            return Problem(location, mark.line + 2, f"front matter is not valid YAML ({reason}): fix "
                           "it (the page is read without it until then)")
        line, name, value = _impossible_date(match["yaml"] or "")
        return Problem(location, line, f"front matter is not valid YAML: '{name}' is {value}, which is "
                       f"not a date ({error}): write a real date, YYYY-MM-DD")
    if not isinstance(meta, dict):
        kind = {"list": "a list", "str": "a line of text"}.get(type(meta).__name__, "a single value")
        return Problem(location, 2, f"front matter is {kind}, not names with "
                       "values: write it as 'description: …' and 'updated: YYYY-MM-DD', one per line")
    return None


def _impossible_date(yaml_text: str) -> tuple[int | None, str, str]:
    """The line, name and value of the first date YAML cannot make (2026-02-30)."""
    for number, line in enumerate(yaml_text.split("\n"), 2):
        found = _DATE_VALUE.match(line)
        if found:
            try:
                datetime.date.fromisoformat(found["value"])
            except ValueError:
                return number, found["name"], found["value"]
    return None, "a value", "?"


def front_matter_lines(path: Path) -> int:
    """How many lines come before the Markdown in the page at `path` (0 if unreadable)."""
    try:
        return split_front_matter(path.read_text(encoding="utf-8-sig"))[2]
    except (OSError, UnicodeDecodeError):
        return 0


def front_matter_end(text: str) -> int:
    """Where the front matter of `text` ends (0 without one)."""
    match = _FRONT_MATTER.match(text)
    return match.end() if match else 0


def key_line(text: str, name: str) -> int | None:
    """The line of the page `text` where its front matter gives `name`, or None."""
    match = _FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if not match:
        return None
    for number, line in enumerate((match["yaml"] or "").split("\n"), 2):
        if re.match(rf"^{re.escape(name)}[ \t]*:", line):
            return number
    return None
