"""What Zensical's rendering records of each page (kb_zensical.rendered) and how the build
reads it back (kb_zensical.fill.page_problems): the same records and problems, in the order
the pass listed them when it rendered the pages itself."""

from __future__ import annotations

import pytest

from citekit.markdown_ext import CitedItem, DocumentRecord, PageContext
from citekit.model import Problem
from kb_zensical.fill import page_problems
from kb_zensical.rendered import RenderedPage, read_report, write_problems, write_record

pytestmark = pytest.mark.unit


def record(path, cited=(), problems=()):
    return DocumentRecord(PageContext(path, f"docs/{path}"), title=f"Tittel på {path} – «ø»",
                          cited=list(cited), problems=list(problems))


def test_records_and_problems_come_back_as_they_were_written(tmp_path):
    report = tmp_path / "pages.jsonl"
    cited = [CitedItem(1, "djuve2017", "", "samarbeid", "Samarbeid"),
             CitedItem(2, "fafo2017", "imdi2021", "", "")]
    names = Problem("docs/b.md", 7, "task-list checkbox names: …")
    citation = Problem("docs/b.md", 3, "unknown citation key 'x'", warning=True)
    # the theme fix reports before the citation extension finishes the page
    write_problems(str(report), "b.md", [names])
    write_record(str(report), record("b.md", problems=[citation]))
    write_record(str(report), record("a.md", cited))
    pages = read_report(report)
    assert pages == {
        "b.md": RenderedPage("b.md", "Tittel på b.md – «ø»", [], [citation, names]),
        "a.md": RenderedPage("a.md", "Tittel på a.md – «ø»", cited, []),
    }


def test_no_report_no_pages(tmp_path):
    assert read_report(tmp_path / "missing.jsonl") == {}


def test_problems_are_listed_page_by_page_in_the_pass_order():
    one, two, three = (Problem(f"docs/{name}", 1, "m") for name in ("a.md", "b.md", "forskning/x.md"))
    rendered = {"forskning/x.md": RenderedPage("forskning/x.md", problems=[three]),
                "b.md": RenderedPage("b.md", problems=[two]),
                "a.md": RenderedPage("a.md", problems=[one])}
    assert page_problems(rendered, ["b.md", "a.md"]) == [one, two, three]
