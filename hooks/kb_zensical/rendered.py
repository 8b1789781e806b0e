"""What Zensical's rendering learned of each page, carried from the build's Zensical process
back to kb_zensical.build: one JSON line per page (its title, its citations in reading order,
its problems), appended by kb_zensical.markdown_ext as Zensical renders the page.

The research index's "cited by" lists and counts need every page's citations, which only a
rendering gives (a citation inside an admonition or a snippet counts); the whole-site pass
used to render every page once itself, before Zensical rendered it again. With this record
Zensical's rendering is the only one, and the lists and counts are written into the pages
Zensical wrote (kb_zensical.fill), as the MkDocs plugin writes them into the rendered HTML.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from citekit.markdown_ext import CitedItem, DocumentRecord
from citekit.model import Problem

__all__ = ["RenderedPage", "read_report", "write_problems", "write_record"]


@dataclass
class RenderedPage:
    """One page as Zensical rendered it: its src path (docs-relative), its first h1, what it
    cites and what is wrong with it."""

    path: str
    title: str = ""
    cited: list[CitedItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def write_record(report: str, record: DocumentRecord) -> None:
    _append(report, {"page": record.page.path, "title": record.title,
                     "cited": [asdict(item) for item in record.cited],
                     "problems": [asdict(problem) for problem in record.problems]})


def write_problems(report: str, page: str, problems: list[Problem]) -> None:
    _append(report, {"page": page, "problems": [asdict(problem) for problem in problems]})


def _append(report: str, line: dict) -> None:
    # One write per line, appended: a page's line is whole even if the process dies after it.
    with open(report, "a", encoding="utf-8") as file:
        file.write(json.dumps(line, ensure_ascii=False) + "\n")


def read_report(report: Path) -> dict[str, RenderedPage]:
    """Every page of the report, by src path; a page's lines (its record, problems the theme
    fixes found) joined in the order they were written."""
    pages: dict[str, RenderedPage] = {}
    text = report.read_text(encoding="utf-8") if report.exists() else ""
    for line in text.splitlines():
        data = json.loads(line)
        page = pages.setdefault(data["page"], RenderedPage(data["page"]))
        problems = [Problem(**problem) for problem in data["problems"]]
        if "title" in data:  # the record: its problems first, as the pass lists them
            page.title = data["title"]
            page.cited = [CitedItem(**item) for item in data["cited"]]
            page.problems = problems + page.problems
        else:
            page.problems += problems
    return pages
