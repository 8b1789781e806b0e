"""From an entry's resolved BibTeX values to a checked `Entry`: the fields its type requires,
its date, its URL and DOI, its names; then the links between entries (`citedin`, `newer`).
Every problem is reported, located at the entry; nothing is dropped without a word."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType

from .dates import DateError, DateValue, parse_date
from .entry_types import TYPES, entry_type, supported
from .latex import decode, latex_problem
from .model import Entry
from .people import empty_names, parse_names

Report = Callable[[int | None, str], None]

NAME_FIELDS = ("author", "editor", "shortauthor")
# Kept as written: a URL or DOI is not LaTeX ('%20' is not a comment, '~' not a space).
VERBATIM_FIELDS = ("url", "doi")
CREATOR_FIELDS = ("author", "editor", "institution", "organization")
# A month as BibTeX's macros and biblatex write it (1–12, jan–dec), or in Norwegian.
MONTH_NAMES = {name: number for number, names in enumerate((
    ("jan", "january", "januar"), ("feb", "february", "februar"), ("mar", "march", "mars"),
    ("apr", "april"), ("may", "mai"), ("jun", "june", "juni"), ("jul", "july", "juli"),
    ("aug", "august"), ("sep", "september"), ("oct", "october", "okt", "oktober"),
    ("nov", "november"), ("dec", "december", "des", "desember")), 1) for name in names}
# A space inside a line of a URL (a line break between lines is BibTeX wrapping a long value).
_INNER_SPACE = re.compile(r"\S[ \t]+\S")
SAFE_URL = re.compile(r"^https?://[^\s\"<>]+$", re.IGNORECASE)
_DOI = re.compile(r"^10\.\d+(?:\.\d+)*/\S+$")
# Fields that name another entry of the bibliography.
#   citedin: the work through which the site knows this one (an APA secondary citation);
#   newer:   a newer work that covers the same ground.
LINK_FIELDS = ("citedin", "newer")


def make_entry(key: str, bib_type: str, line: int, values: dict[str, str],
               report: Report) -> Entry | None:
    """The entry, or None (reported) when it cannot be shown at all."""
    def problem(message: str) -> None:
        report(line, f"entry '{key}' {message}")

    if bib_type not in TYPES:
        problem(f"has type '@{bib_type}', which the site does not support (use one of "
                f"{supported()})")
        return None
    kind = entry_type(bib_type)
    missing = []
    if "title" not in values:
        missing.append("title")
    if kind.needs_creator and not any(values.get(name) for name in CREATOR_FIELDS):
        missing.append("author, editor or institution")
    if kind.needs_year and not (values.get("year") or values.get("date")):
        missing.append("year")
    if not kind.needs_creator and not values.get("shorttitle"):
        missing.append("shorttitle (an act is cited by its short title)")
    if missing:
        problem(f"lacks {' and '.join(missing)}")
        return None
    for name, value in values.items():
        unreadable = None if name in VERBATIM_FIELDS else latex_problem(value)
        if unreadable:
            problem(f"has in '{name}' {unreadable}")
            return None
    if not decode(values["title"]):
        problem("has an empty title: write the work's title")
        return None
    names = [name.strip().casefold() for name in re.split(r"\s+and\s+", values.get("author", ""))]
    if names == ["others"]:
        problem("names only 'others' as its author: name the first author, or the institution")
        return None
    for name in VERBATIM_FIELDS:
        if name in values and _INNER_SPACE.search(values[name].replace("{", "").replace("}", "")):
            problem(f"has a {name} with a space in it: {' '.join(values[name].split())[:60]!r} "
                    "(write the space as %20; a URL cannot hold one)")
            return None

    fields = {name: _verbatim(value) if name in VERBATIM_FIELDS else decode(value)
              for name, value in values.items() if name not in NAME_FIELDS}
    url = fields.get("url")
    if url is not None and not SAFE_URL.match(url):
        problem(f"has a url that is not http(s): {url[:60]!r}")
        return None
    entry = Entry(key=key, type=bib_type, line=line, fields=MappingProxyType(fields),
                  bibtex_fields=MappingProxyType(dict(values)))
    if entry.get("doi") and not _DOI.match(entry.doi):
        problem(f"has a doi that is not a DOI (10.NNNN/…): {entry.get('doi')[:60]!r}")
        return None
    try:
        issued = _issued(fields)
    except DateError as error:
        problem(f"has a date that cannot be read: {error}")
        return None
    people = {}
    for name in NAME_FIELDS:
        if name not in values:
            continue
        if empty_names(values[name]):
            problem(f"has an empty name in '{name}' (a stray 'and'?)")
        people[name] = parse_names(values[name])
    authors, more_authors = _named(people.get("author", ()))
    editors, more_editors = _named(people.get("editor", ()))
    short, _ = _named(people.get("shortauthor", ()))
    return Entry(key=key, type=bib_type, line=line, fields=entry.fields,
                 bibtex_fields=entry.bibtex_fields, authors=authors, editors=editors,
                 short_authors=short, more_authors=more_authors, more_editors=more_editors,
                 issued=issued)


def _verbatim(value: str) -> str:
    """A URL or DOI as written, without the braces that protect it and without line breaks."""
    return "".join(value.replace("{", "").replace("}", "").split())


def _issued(fields: Mapping[str, str]) -> DateValue | None:
    if fields.get("date"):
        return parse_date(fields["date"])
    year = fields.get("year", "")
    if not year:
        return None
    if not year.isdigit() or len(year) != 4:
        raise DateError(f"the year {year!r} is not a year (write four digits, or a range in "
                        "'date', such as 2019/2020)")
    month = fields.get("month", "").strip()
    if not month:
        return parse_date(year)
    number = int(month) if month.isdigit() else MONTH_NAMES.get(month.casefold().rstrip("."))
    if number is None:
        raise DateError(f"the month {month!r} is not a month (write 1–12 or jan–dec; a day "
                        "goes in 'date', such as 2021-01-15)")
    return parse_date(f"{year}-{number:02d}")


def _named(people):
    """The people named, and whether 'others' ended the list."""
    if people and people[-1].is_others:
        return people[:-1], True
    return people, False


def check_links(entries: Mapping[str, Entry], report: Report) -> set[str]:
    """`citedin` and `newer` must name another entry of the bibliography; a `citedin` target
    must be a work the site has read itself (no chains), and `newer` must not loop. Returns
    the keys of entries whose links are wrong."""
    wrong: set[str] = set()
    for key, entry in entries.items():
        for field in LINK_FIELDS:
            target = entry.get(field)
            if not target:
                continue
            message = None
            if target == key:
                message = f"has {field} '{target}', which is the entry itself"
            elif target not in entries:
                message = f"has {field} '{target}', which is not in the bibliography"
            elif field == "citedin" and entries[target].get("citedin"):
                message = (f"has citedin '{target}', which is itself known only through "
                           f"'{entries[target].get('citedin')}': name the work the site has read")
            elif field == "newer" and _loops(entries, key):
                message = f"has newer '{target}', and the newer works lead back to '{key}'"
            if message:
                report(entry.line, f"entry '{key}' {message}")
                wrong.add(key)
    return wrong


def _loops(entries: Mapping[str, Entry], start: str) -> bool:
    seen, key = set(), start
    while key in entries and entries[key].get("newer"):
        if key in seen:
            return True
        seen.add(key)
        key = entries[key].get("newer")
        if key == start:
            return True
    return False
