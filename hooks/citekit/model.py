"""The data that flows between the stages: entries and problems (citations: cite_syntax)."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from .dates import DateValue

if TYPE_CHECKING:
    from .fields import Derived

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


@dataclass(frozen=True)
class Person:
    """One author or editor. An organisation has only `family` set."""

    family: str
    given: str = ""
    von: str = ""
    suffix: str = ""
    is_organisation: bool = False
    is_others: bool = False  # "and others": more people than the list names


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
    # "and others" ended the list of authors (editors): more than the ones named
    more_authors: bool = False
    more_editors: bool = False
    issued: DateValue | None = None  # from `date`, else `year` (and `month`)

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)

    @property
    def year(self) -> str:
        """The (first) year of publication; '' if unknown."""
        return str(self.issued.year) if self.issued else ""

    @property
    def year_label(self) -> str:
        """The year as cited: '2017', '2019–2020'; '' if unknown."""
        return self.issued.year_label if self.issued else ""

    @property
    def doi(self) -> str:
        """The DOI itself ('10.1000/x'), without 'https://doi.org/' or 'doi:'."""
        return _DOI_PREFIX.sub("", self.fields.get("doi", ""))

    @property
    def keywords(self) -> tuple[str, ...]:
        raw = self.fields.get("keywords", "")
        return tuple(word.strip() for word in raw.split(",") if word.strip())

    @functools.cached_property
    def derived(self) -> Derived:
        """What every output reads of the entry (citekit.fields), computed on first use."""
        from .fields import derive  # fields reads entries: imported when first needed

        return derive(self)


@dataclass(frozen=True)
class Problem:
    """Something wrong with the input, reported as `file:line: message`. A warning (stale
    advice, say) still fails a strict build, but `mkdocs serve` goes on without marking it."""

    file: str
    line: int | None
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"
