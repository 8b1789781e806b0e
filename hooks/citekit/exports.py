"""Write entries out for reference managers: BibTeX, RIS and CSL-JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable

import bibtexparser
from bibtexparser import model as bibmodel
from bibtexparser.middlewares import default_unparse_stack

from .entries import LINK_FIELDS
from .entry_types import entry_type
from .fields import (
    en_dash_ranges,
    iso_date,
    issue,
    language_tag,
    numbered_report,
    page_range,
    publisher,
    series,
)
from .labels import creators
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
    lines = [("TY", entry_type(entry.type).ris)]
    lines += [("AU", inverted(p)) for p in (entry.authors or creators(entry))]
    lines += [("ED", inverted(p)) for p in entry.editors if entry.authors]
    lines.append(("TI", entry.get("title")))
    container = entry.get("journal") or entry.get("booktitle")
    if container:
        lines.append(("T2", container))
    if entry.issued:
        lines.append(("PY", entry.year))
        if entry.issued.start.month:
            lines.append(("DA", iso_date(entry, "/") + "/"))
    if publisher(entry):
        lines.append(("PB", publisher(entry)))
    if numbered_report(entry):
        lines.append(("SN", numbered_report(entry)))
    elif entry.get("isbn"):
        lines.append(("SN", entry.get("isbn")))
    if entry.get("type"):
        lines.append(("M3", entry.get("type")))
    for tag, name in (("VL", "volume"), ("IS", "number"), ("ET", "edition"), ("CY", "address")):
        if entry.get(name) and not (tag == "IS" and numbered_report(entry)):
            lines.append((tag, entry.get(name)))
    first, last = page_range(entry)
    if first:
        lines.append(("SP", first))
    if last:
        lines.append(("EP", last))
    if entry.doi:
        lines.append(("DO", entry.doi))
    for tag, name in (("UR", "url"), ("AB", "abstract"), ("N1", "note")):
        if entry.get(name):
            lines.append((tag, entry.get(name)))
    lines += [("KW", word) for word in entry.keywords]
    if language_tag(entry):
        lines.append(("LA", language_tag(entry)))
    lines.append(("ER", ""))
    # RIS wants "TAG  - value" on every line, the empty value of ER included.
    return "".join(f"{tag}  - {value}\n" for tag, value in lines) + "\n"


def csl_item(entry: Entry) -> dict:
    item: dict = {"id": entry.key, "type": entry_type(entry.type).csl, "title": entry.get("title")}
    people = entry.authors or creators(entry)
    if people:
        item["author"] = [_csl_name(p) for p in people]
    if entry.editors:
        item["editor"] = [_csl_name(p) for p in entry.editors]
    if entry.issued:
        ends = [entry.issued.end.parts] if entry.issued.end else []
        item["issued"] = {"date-parts": [entry.issued.start.parts, *ends]}
    if publisher(entry):
        item["publisher"] = publisher(entry)
    if entry.get("number"):
        item["number"] = entry.get("number")
    if series(entry):
        item["collection-title" if entry.get("series") else "genre"] = series(entry)
    container = entry.get("journal") or entry.get("booktitle")
    if container:
        item["container-title"] = container
    if entry.doi:
        item["DOI"] = entry.doi
    for csl_name, name in (("volume", "volume"), ("edition", "edition"), ("URL", "url"), ("abstract", "abstract"), ("ISBN", "isbn"),
                           ("note", "note"), ("publisher-place", "address")):
        if entry.get(name):
            item[csl_name] = entry.get(name)
    if issue(entry):
        item["issue"] = item.pop("number")
    if entry.get("pages"):
        item["page"] = en_dash_ranges(entry.get("pages"))
    if entry.keywords:
        item["keyword"] = ", ".join(entry.keywords)
    if language_tag(entry):
        item["language"] = language_tag(entry)
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
