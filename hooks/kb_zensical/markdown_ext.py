"""Python-Markdown extension `kb_zensical.markdown_ext`: the knowledge base's Markdown
extensions for Zensical, which runs Markdown extensions but no MkDocs plugins.

It adds citekit's CitationExtension and themefix's TaskListNamesExtension, and tells them
which page is being converted: Zensical keeps that page in a preprocessor of its own
(`rendering_context`, zensical.extensions.context), read here and nowhere else. The
whole-site pass runs this same extension with the page given (`page`), so it finds every
problem Zensical would, located the same way.

Options: `bibliography` (the .bib file), `docs_dir` (the docs folder as messages name it,
'docs', although Zensical builds from a copy) and `report` (a file). Under Zensical, a page's
problems stop the build (PageError), every one listed, located; with `report`, as
kb_zensical.build runs Zensical, each page's record (title, citations, problems) is written
to that file instead (kb_zensical.rendered), and the build reads them all once Zensical is
done: Zensical's rendering is then the site's only one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown

from citekit.dates import as_date
from citekit.front_matter import front_matter_lines
from citekit.library import Library
from citekit.location import page_location
from citekit.markdown_ext import CitationExtension, DocumentRecord, PageContext
from citekit.model import Problem
from citekit.page_facts import SiteInfo
from citekit.tasks import Tasks
from themefix.markdown_ext import TaskListNamesExtension

from . import errors, rendered

__all__ = ["KnowledgeBaseExtension", "PageError", "makeExtension", "zensical_page"]
ZENSICAL_CONTEXT = "rendering_context"  # the name Zensical registers its page holder under


class PageError(Exception):
    """A page's problems, where nothing else collects them (Zensical's own build)."""


class KnowledgeBaseExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "bibliography": ["references.bib", "the .bib file, relative to the working folder"],
            "docs_dir": ["docs", "the docs folder as messages name it"],
            "report": ["", "the file each page's record is written to (kb_zensical.rendered)"],
        }
        super().__init__(**kwargs)
        # Set by the whole-site pass; under Zensical, the page is Zensical's and problems stop it.
        self.page: PageContext | None = None
        self.library: Library | None = None
        self.tasks: Tasks | None = None
        self.on_document: Callable[[DocumentRecord], None] | None = None
        self.on_problems: Callable[[list[Problem]], None] | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.registerExtension(self)
        errors.install()  # under Zensical: its failures as located lines, not tracebacks
        citations = CitationExtension(bibliography=self.getConfig("bibliography"))
        citations.library = self.library
        citations.tasks = self.tasks
        citations.page_context = self.page_context
        report = str(self.getConfig("report"))
        if self.on_document is not None:
            citations.on_document = self.on_document
        elif report:
            citations.on_document = lambda record: rendered.write_record(report, record)
        names = TaskListNamesExtension()
        names.page_location = lambda md: self.page_context(md).location
        if self.on_problems is not None:
            names.on_problems = self.on_problems
        elif report:
            names.on_problems = lambda problems: rendered.write_problems(
                report, self.page_context(md).path, problems)
        else:
            names.on_problems = _stop
        citations.extendMarkdown(md)
        names.extendMarkdown(md)

    def page_context(self, md: Markdown) -> PageContext:
        if self.page is not None:
            return self.page
        return zensical_page(md, self.getConfig("docs_dir")) or PageContext()


def zensical_page(md: Markdown, docs_dir: str) -> PageContext | None:
    """The page Zensical is rendering, from its `rendering_context` preprocessor (its page:
    `path`, `url`, `meta`; the site's `config`)."""
    if ZENSICAL_CONTEXT not in md.preprocessors:
        return None
    context = md.preprocessors[ZENSICAL_CONTEXT]
    page = getattr(context, "page", None)
    path = str(getattr(page, "path", "") or "").replace("\\", "/")
    if not path:
        return None
    location = page_location(path, docs_dir)
    config = getattr(context, "config", None) or {}
    meta = getattr(page, "meta", None) or {}
    updated = as_date(meta.get("updated"))
    site_url = str(config.get("site_url") or "")
    url = site_url.rstrip("/") + "/" + str(getattr(page, "url", "")).lstrip("/") if site_url else ""
    site = SiteInfo(str(config.get("site_name", "")),
                    str(config.get("site_author") or config.get("site_name", "")))
    return PageContext(path, location, front_matter_lines(Path(location)), updated, url, site,
                       generated=bool(meta.get("kb_entry") or meta.get("kb_page")))


def _stop(problems: list[Problem]) -> None:
    listed = "\n".join(str(problem) for problem in problems)
    raise PageError(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}:\n{listed}")


def makeExtension(**kwargs: Any) -> KnowledgeBaseExtension:  # noqa: N802 (Python-Markdown's name)
    return KnowledgeBaseExtension(**kwargs)
