"""The Markdown of a work's own page in the research index, generated from its entry."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from .catalogue import Work, kind
from .dates import NO_DATE
from .entry_types import entry_type
from .fields import cited_as, publisher_name, report_number
from .md_writing import front_matter, md_text
from .people import inverted, join_names
from .slugs import slugify

CITED_BY_MARKER = "<!-- kb:cited-by -->"
# Sections a reader does not search for (who cites the work, how to cite it): out of the index.
NOT_SEARCHED = "{ data-search-exclude }"
# A work page answers a question about the work; the guidance that cites it answers a question
# about the topic, so it ranks above (Material's document boost; Zensical has none).
SEARCH = {"boost": 0.5}
# What Markdown would read as the start of a list at the start of a definition.
_LIST_MARKER = re.compile(r"^(\d+)\.|^([-+*])(?=\s)")


def entry_page(work: Work, bibtex: str, works: Mapping[str, Work] | None = None,
               index_path: str = "index.md") -> str:
    """Markdown for the page of one work; `works` are the others, for the notes that link to
    them. `index_path` is the research index, relative."""
    entry = work.entry
    title = entry.get("title")
    work_kind = kind(entry)
    description = f"{work_kind.capitalize()} ({work.label.year}) av {work.label.in_text}: {title}"
    if not work.label.names:
        description = f"{work_kind.capitalize()} ({work.label.year}): {title}"
    if entry.get("citedin"):
        description += " (kjent gjennom en annen kilde)"
    # Material writes title and description into the page unescaped.
    lines = [front_matter({"title": html.escape(title), "description": html.escape(description),
                           "kb_entry": work.key, "search": SEARCH}),
             f"# {md_text(title)}", ""]
    lines += [f'<p class="kb-entry-reference">{work.reference_html_unlinked}</p>', ""]
    lines += _notes(work, works or {})
    lines += _facts(work, work_kind)
    if entry.get("abstract"):
        lines += ["## Sammendrag", "", md_text(entry.get("abstract")), ""]
    lines += [f"## Sitert i kunnskapsbasen {NOT_SEARCHED}", "", CITED_BY_MARKER, ""]
    lines += [f"## Slik siterer du verket {NOT_SEARCHED}", "",
              f"I teksten: {md_text(work.label.narrative)} eller ({md_text(work.label.parenthetical)}).",
              "", "Referanse i APA 7-stil:", "", f"> {md_text(work.reference_text)}", "",
              "BibTeX, for Zotero, EndNote, LaTeX og Pandoc:", "", "```bibtex", bibtex.strip(), "```", "",
              f"[Last ned BibTeX (.bib)]({work.slug}.bib){{ download }} · "
              f"[Last ned RIS (.ris)]({work.slug}.ris){{ download }}", "",
              f"[Tilbake til Forskning og kilder]({index_path}){{ .kb-back }}", ""]
    return "\n".join(lines)


def _notes(work: Work, works: Mapping[str, Work]) -> list[str]:
    """What a reader must know before trusting the work: that the site knows it only
    second-hand, or that a newer work covers the same ground."""
    notes = []
    via = works.get(work.entry.get("citedin"))
    if via is not None:
        notes.append(f"Kunnskapsbasen kjenner dette verket bare gjennom "
                     f"[{md_text(via.label.narrative)}]({via.slug}.md), som viser til det. Sidene "
                     f"siterer det derfor som «{md_text(work.label.parenthetical)}, sitert i "
                     f"{md_text(via.label.parenthetical)}», og kildelistene nevner "
                     f"{md_text(via.label.in_text)}s tekst, som er den som er lest.")
    newer = works.get(work.entry.get("newer"))
    if newer is not None:
        notes.append(f"Det finnes nyere veiledning om det samme: "
                     f"[{md_text(newer.entry.get('title'))}]({newer.slug}.md) "
                     f"({md_text(newer.label.narrative)}).")
    return [line for note in notes for line in (note, "{ .kb-entry-note }", "")]


def _facts(work: Work, work_kind: str) -> list[str]:
    entry = work.entry
    facts = [("Type", md_text(work_kind))]
    people = entry.authors or entry.editors
    if people:
        role = "Forfattere" if entry.authors else "Redaktører"
        if len(people) == 1:
            role = role[:-1] if entry.authors else "Redaktør"
        facts.append((role, md_text(join_names([inverted(p) for p in people]))))
    body = publisher_name(entry)
    if body:
        facts.append(("Utgiver", f"[{md_text(body)}](institutt/{slugify(body)}.md)"))
    short = cited_as(entry)
    if short:
        # The publisher is named in full; the citations on the site use the short name.
        facts.append(("Omtales som", f"{md_text(short)} (i henvisninger i teksten)"))
    number = report_number(entry)
    if number:
        facts.append(("Serie og nummer", md_text(number)))
    issued = entry.issued
    if issued and (issued.start.month or issued.end or issued.open_end):
        # A web page's date is the day it was last updated.
        when = "Sist oppdatert" if entry_type(entry.type).web_page else "Dato"
        facts.append((when, md_text(issued.norwegian())))
    year = entry.year
    facts.append(("År", f"[{md_text(entry.year_label)}](ar/{year}.md)" if year else f"{NO_DATE} (uten år)"))
    if entry.get("note"):
        facts.append(("Merknad", md_text(entry.get("note"))))
    if entry.keywords:
        topics = ", ".join(f"[{md_text(word)}](tema/{slugify(word)}.md)" for word in entry.keywords)
        facts.append(("Emner", topics))
    if entry.get("url"):
        facts.append(("Lenke", f"<{entry.get('url')}>"))
    lines = ['<div class="kb-entry-facts" markdown>', ""]
    for name, value in facts:
        # "21. september 2021" must not open a numbered list
        value = _LIST_MARKER.sub(lambda m: f"{m[1]}\\." if m[1] else f"\\{m[2]}", value)
        lines += [name, f":   {value}", ""]
    lines += ["</div>", ""]
    return lines
