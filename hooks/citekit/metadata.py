"""Machine-readable metadata for a work's page: Highwire Press `citation_*` meta tags (read by
Zotero's connector and Google Scholar) and schema.org JSON-LD."""

from __future__ import annotations

import html
import json

from .fields import derived
from .model import Entry, Person
from .people import inverted


def highwire_tags(entry: Entry) -> list[tuple[str, str]]:
    """(name, content) pairs, in the order Zotero's translator expects them."""
    f = derived(entry)
    tags = [("citation_title", f.title)]
    tags += [("citation_author", inverted(p)) for p in f.creators]
    if f.date:
        tags.append(("citation_publication_date", f.date.replace("-", "/")))
    if f.kind.rules.number == "report":
        if f.publisher:
            tags.append(("citation_technical_report_institution", f.publisher))
        if f.report_number:
            tags.append(("citation_technical_report_number", f.report_number))
    if f.kind.rules.number == "issue":
        tags.append(("citation_journal_title", f.container))
    elif f.container:
        tags.append(("citation_inbook_title", f.container))
    for name, value in (("citation_publisher", f.publisher), ("citation_doi", f.doi),
                        ("citation_volume", f.volume), ("citation_issue", f.issue),
                        ("citation_firstpage", f.first_page), ("citation_lastpage", f.last_page),
                        ("citation_isbn", f.isbn), ("citation_language", f.language),
                        ("citation_keywords", "; ".join(f.keywords)),
                        ("citation_public_url", f.url)):
        if value:
            tags.append((name, value))
    return [(name, value) for name, value in tags if value]


def json_ld(entry: Entry) -> dict:
    f = derived(entry)
    data: dict = {"@context": "https://schema.org", "@type": f.kind.schema, "name": f.title}
    if f.creators:
        data["editor" if f.editors_are_creators else "author"] = [_schema_person(p) for p in f.creators]
    if f.editors:
        data["editor"] = [_schema_person(p) for p in f.editors]
    if f.date:
        data["datePublished"] = f.date
    if f.publisher:
        data["publisher"] = {"@type": "Organization", "name": f.publisher}
    for name, value in (("reportNumber", f.report_number), ("abstract", f.abstract),
                        ("inLanguage", f.language), ("url", f.url)):
        if value:
            data[name] = value
    if f.keywords:
        data["keywords"] = list(f.keywords)
    if f.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "doi", "value": f.doi}
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
