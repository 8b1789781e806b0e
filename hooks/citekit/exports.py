"""Write entries out for reference managers: BibTeX (the source, written back), and RIS and
CSL-JSON from the entry's derived fields (citekit.fields.derived), the record the APA formatter
reads too."""

from __future__ import annotations

import json
from collections.abc import Iterable

import bibtexparser
from bibtexparser import model as bibmodel
from bibtexparser.middlewares import default_unparse_stack

from .entries import LINK_FIELDS
from .fields import derived
from .model import Entry, Person
from .people import inverted


def to_bibtex(entries: Iterable[Entry]) -> str:
    """The entries as BibTeX, macros and crossrefs resolved, LaTeX as in the source."""
    library = bibtexparser.Library()
    for entry in entries:
        # Values are re-wrapped by the writer: the source's line breaks inside a value go.
        fields = [bibmodel.Field(name, " ".join(value.split()))
                  for name, value in entry.bibtex_fields.items() if name not in LINK_FIELDS]
        library.add(bibmodel.Entry(entry.type, entry.key, fields))
    # The library is ours and thrown away after writing, so the writer may work on it in place
    # instead of deep-copying every entry first (faster, the same text; benchmarks/README.md).
    return bibtexparser.write_string(library, unparse_stack=default_unparse_stack(
        allow_inplace_modification=True))


def to_ris(entries: Iterable[Entry]) -> str:
    return "".join(_ris_record(entry) for entry in entries)


def _ris_record(entry: Entry) -> str:
    f = derived(entry)
    lines = [("TY", f.kind.ris)]
    # an edited book: its editors are its authors in RIS; A2 (secondary author) is the editor
    # of the book that holds a chapter
    lines += [("AU", inverted(p)) for p in f.creators]
    lines += [("A2", inverted(p)) for p in f.editors]
    lines.append(("TI", f.title))
    if f.short_title:
        lines.append(("ST", f.short_title))
    if f.container:
        lines.append(("T2", f.container))
    if f.date:
        lines.append(("PY", f.date[:4]))
        if len(f.date) > 4:
            lines.append(("DA", f.date.replace("-", "/") + "/"))
    if f.publisher:
        lines.append(("PB", f.publisher))
    if f.report_number:
        lines.append(("SN", f.report_number))
    elif f.isbn:
        lines.append(("SN", f.isbn))
    if f.genre:
        lines.append(("M3", f.genre))
    for tag, value in (("VL", f.volume), ("IS", f.number if not f.report_number else ""), ("ET", f.edition), ("CY", f.address),
                       ("SP", f.first_page), ("EP", f.last_page), ("DO", f.doi), ("UR", f.url),
                       ("AB", f.abstract), ("N1", f.note)):
        if value:
            lines.append((tag, value))
    lines += [("KW", word) for word in f.keywords]
    if f.language:
        lines.append(("LA", f.language))
    lines.append(("ER", ""))
    # RIS wants "TAG  - value" on every line, the empty value of ER included.
    return "".join(f"{tag}  - {value}\n" for tag, value in lines) + "\n"


def csl_item(entry: Entry) -> dict:
    """The entry as a CSL-JSON item: what Pandoc's citeproc formats (tests/test_apa_oracle.py)."""
    f = derived(entry)
    item: dict = {"id": entry.key, "type": f.kind.csl, "title": f.title}
    names = [_csl_name(p) for p in f.creators] + ([{"literal": "others"}] if f.more_creators else [])
    if names:
        item["editor" if f.editors_are_creators else "author"] = names
    if f.editors:
        item["editor"] = [_csl_name(p) for p in f.editors] + ([{"literal": "others"}] if f.more_editors else [])
    if f.date_parts:
        item["issued"] = {"date-parts": [list(parts) for parts in f.date_parts]}
    for csl_name, value in (
            ("title-short", f.short_title), ("container-title", f.container),
            ("publisher", f.publisher), ("number", f.number if not f.issue else ""),
            ("issue", f.issue), ("volume", f.volume), ("edition", f.edition),
            ("page", f.pages), ("DOI", f.doi), ("URL", f.url), ("ISBN", f.isbn),
            ("publisher-place", f.address), ("abstract", f.abstract), ("note", f.note),
            ("language", f.language)):
        if value:
            item[csl_name] = value
    # a report's series is CSL's genre, printed before its number ('Fafo-rapport 2017:31');
    # of other works, the genre is their kind ('Masteroppgave', 'Mal')
    genre = f.series if f.kind.rules.number == "report" else f.genre
    if genre:
        item["genre"] = genre
    if f.collection:
        item["collection-title"] = f.collection
    if f.keywords:
        item["keyword"] = ", ".join(f.keywords)
    return item


def to_csl_json(entries: Iterable[Entry]) -> str:
    return json.dumps([csl_item(e) for e in entries], ensure_ascii=False, indent=2) + "\n"


def _csl_name(person: Person) -> dict:
    if person.is_organisation or not person.given:
        return {"literal": person.family}
    name = {"family": person.family, "given": person.given}
    if person.von:
        name["non-dropping-particle"] = person.von
    if person.suffix:
        name["suffix"] = person.suffix
    return name
