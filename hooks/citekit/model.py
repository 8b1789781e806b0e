"""The data that flows between the stages: entries, citations and problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping


@dataclass(frozen=True)
class Person:
    """One author or editor. An organisation has only `family` set."""

    family: str
    given: str = ""
    von: str = ""
    suffix: str = ""
    is_organisation: bool = False


@dataclass(frozen=True, eq=False)
class Entry:
    """A bibliography entry with its field values decoded to plain Unicode text.

    `bibtex_fields` keeps the values as BibTeX source (macros and crossref resolved,
    LaTeX kept), which is what the exports write back.
    """

    key: str
    type: str
    line: int
    fields: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    bibtex_fields: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    authors: tuple[Person, ...] = ()
    editors: tuple[Person, ...] = ()
    short_authors: tuple[Person, ...] = ()

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)

    @property
    def year(self) -> str:
        """The year of publication, from `year` or the start of `date`; '' if unknown."""
        year = self.fields.get("year", "")
        if not year:
            year = self.fields.get("date", "")[:4]
        return year if year.isdigit() else ""

    @property
    def keywords(self) -> tuple[str, ...]:
        raw = self.fields.get("keywords", "")
        return tuple(word.strip() for word in raw.split(",") if word.strip())


@dataclass(frozen=True)
class Problem:
    """Something wrong with the input, reported as `file:line: message`."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class CiteItem:
    """One work inside a citation: `[se @key, s. 12]` has prefix 'se' and locator 's. 12'."""

    key: str
    prefix: str = ""
    locator: str = ""
    suppress_author: bool = False


@dataclass(frozen=True)
class Citation:
    """A citation found in Markdown, with its span in the text and its 1-based line."""

    start: int
    end: int
    line: int
    items: tuple[CiteItem, ...]
    narrative: bool = False

