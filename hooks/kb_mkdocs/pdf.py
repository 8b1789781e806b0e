"""The whole knowledge base as one PDF, `site/pdf/kunnskapsbase.pdf`.

The rendered pages are assembled in navigation order behind a cover and a table of contents,
the research index's references close the book, and WeasyPrint lays it out with our own
print stylesheet as a tagged PDF (PDF/UA-1). The plugin's `pdf` option (auto: not under
`mkdocs serve`) and the environment variable KB_PDF=true|false, which overrides it, say
whether it is made.
"""

from __future__ import annotations

import datetime
import html
import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from book.assemble import BookMeta, Chapter, Reference, assemble
from citekit.catalogue import kind
from citekit.dates import norwegian_date

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation

    from .state import BuildState

log = logging.getLogger("mkdocs.plugins.kunnskapsbase")
PDF_PATH = "pdf/kunnskapsbase.pdf"
STYLESHEET = Path(__file__).resolve().parent.parent / "book" / "print.css"


def enabled(option: str | bool, serving: bool) -> bool:
    """The `pdf` option, unless KB_PDF says otherwise."""
    setting = os.environ.get("KB_PDF", "").strip().lower()
    if setting in ("true", "1", "yes"):
        return True
    if setting in ("false", "0", "no"):
        return False
    return not serving if option == "auto" else bool(option)


def configure(state: BuildState, config: MkDocsConfig) -> None:
    # The templates link to the PDF from every page, where there is one.
    if state.pdf:
        config.extra["pdf_path"] = PDF_PATH


def write(state: BuildState, config: MkDocsConfig) -> None:
    if not state.pdf or state.nav is None:
        return
    started = time.monotonic()
    document = assemble(_chapters(state), _references(state), _meta(config, state.nav))
    target = Path(config.site_dir) / PDF_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        from weasyprint import CSS, HTML
    except OSError as error:  # pango is missing
        raise PluginError(f"cannot make the PDF: WeasyPrint needs pango ({error}); "
                          "install the Debian packages libpango-1.0-0 and libpangoft2-1.0-0") from error
    HTML(string=document, base_url=config.site_dir).write_pdf(
        target, stylesheets=[CSS(filename=str(STYLESHEET))], pdf_variant="pdf/ua-1",
        custom_metadata=True)
    log.info(f"PDF written to {PDF_PATH} in {time.monotonic() - started:.1f} s "
             f"({target.stat().st_size / 1e6:.1f} MB)")


def _chapters(state: BuildState) -> list[Chapter]:
    chapters = []
    assert state.nav is not None
    for page in state.nav.pages:
        if page.file.src_uri == f"{state.library.index_dir}/index.md":
            continue  # the references chapter at the end takes its place
        part = page.parent.title if page.parent else ""
        chapters.append(Chapter(page.title or "", page.url, page.content or "", part or ""))
    return chapters


def _references(state: BuildState) -> list[Reference]:
    assert state.files is not None
    references = []
    for work in state.works.values():
        entry = work.entry
        details = []
        if entry.get("abstract"):
            details.append(f"<p>{html.escape(entry.get('abstract'))}</p>")
        facts = [kind(entry).capitalize()]
        if entry.keywords:
            facts.append("Emner: " + ", ".join(entry.keywords))
        details.append(f'<p class="kb-reference-facts">{html.escape(". ".join(facts))}.</p>')
        url = state.files.src_uris[state.library.entry_path(work.key)].url
        references.append(Reference(url, f"ref-{work.slug}", entry.get("title"),
                                    work.reference_html_unlinked, "".join(details)))
    return references


def _meta(config: MkDocsConfig, nav: Navigation) -> BookMeta:
    dates = [str(p.meta["kb_updated"]) for p in nav.pages if p.meta.get("kb_updated")]
    updated = max(dates) if dates else datetime.date.today().isoformat()
    return BookMeta(
        title=config.site_name, subtitle=config.site_description or "",
        publisher=config.site_author or config.site_name,
        updated=norwegian_date(datetime.date.fromisoformat(updated)),
        built=norwegian_date(datetime.date.today()),
        keywords="introduksjonsprogrammet, kommune, Nav, fylkeskommunen, samarbeid",
        references_intro="Alle kildene kunnskapsbasen bygger på, med sammendrag og emner.")
