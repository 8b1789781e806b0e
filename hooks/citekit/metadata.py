"""Machine-readable metadata for a work's page: Highwire Press `citation_*` meta tags (read by
Zotero's connector and Google Scholar) and schema.org JSON-LD."""

from __future__ import annotations

import html
import json

from .entry_types import entry_type
from .fields import iso_date, issue, language_tag, numbered_report, page_range, publisher
from .labels import creators
from .model import Entry, Person
from .people import inverted


def highwire_tags(entry: Entry) -> list[tuple[str, str]]:
    """(name, content) pairs, in the order Zotero's translator expects them."""
    tags = [("citation_title", entry.get("title"))]
    tags += [("citation_author", inverted(p)) for p in (entry.authors or creators(entry))]
    if iso_date(entry):
        tags.append(("citation_publication_date", iso_date(entry, "/")))
    if entry_type(entry.type).rules.number == "report":
        if publisher(entry):
            tags.append(("citation_technical_report_institution", publisher(entry)))
        if numbered_report(entry):
            tags.append(("citation_technical_report_number", numbered_report(entry)))
    if publisher(entry):
        tags.append(("citation_publisher", publisher(entry)))
    if entry.get("journal"):
        tags.append(("citation_journal_title", entry.get("journal")))
    if entry.get("booktitle"):
        tags.append(("citation_inbook_title", entry.get("booktitle")))
    if entry.doi:
        tags.append(("citation_doi", entry.doi))
    for name, field in (("citation_volume", "volume"), ("citation_isbn", "isbn")):
        if entry.get(field):
            tags.append((name, entry.get(field)))
    if issue(entry):
        tags.append(("citation_issue", issue(entry)))
    first, last = page_range(entry)
    if first:
        tags.append(("citation_firstpage", first))
    if last:
        tags.append(("citation_lastpage", last))
    if language_tag(entry):
        tags.append(("citation_language", language_tag(entry)))
    if entry.keywords:
        tags.append(("citation_keywords", "; ".join(entry.keywords)))
    if entry.get("url"):
        tags.append(("citation_public_url", entry.get("url")))
    return tags


def json_ld(entry: Entry) -> dict:
    data: dict = {"@context": "https://schema.org",
                  "@type": entry_type(entry.type).schema,
                  "name": entry.get("title")}
    people = entry.authors or creators(entry)
    if people:
        data["author"] = [_schema_person(p) for p in people]
    if entry.editors:
        data["editor"] = [_schema_person(p) for p in entry.editors]
    if iso_date(entry):
        data["datePublished"] = iso_date(entry)
    if publisher(entry):
        data["publisher"] = {"@type": "Organization", "name": publisher(entry)}
    if numbered_report(entry):
        data["reportNumber"] = numbered_report(entry)
    if entry.get("abstract"):
        data["abstract"] = entry.get("abstract")
    if entry.keywords:
        data["keywords"] = list(entry.keywords)
    if language_tag(entry):
        data["inLanguage"] = language_tag(entry)
    if entry.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "doi", "value": entry.doi}
    if entry.get("url"):
        data["url"] = entry.get("url")
    return data


def head_html(entry: Entry) -> str:
    """The tags to put in the page's <head>."""
    tags = [f'<meta name="{name}" content="{html.escape(value)}">'
            for name, value in highwire_tags(entry)]
    # Nothing in a bib field may end the <script> element: escape <, > and & as JSON allows.
    payload = (json.dumps(json_ld(entry), ensure_ascii=False)
               .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    tags.append(f'<script type="application/ld+json">{payload}</script>')
    return "\n".join(tags)


def _schema_person(person: Person) -> dict:
    if person.is_organisation or not person.given:
        return {"@type": "Organization", "name": person.family}
    data = {"@type": "Person", "familyName": f"{person.von} {person.family}".strip(),
            "givenName": person.given}
    data["name"] = f"{person.given} {data['familyName']}"
    return data
