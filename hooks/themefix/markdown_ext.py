"""Python-Markdown extension `themefix.markdown_ext`: the task-list checkbox names
(themefix.tasklist), for every engine: the MkDocs plugin and the Zensical shim both add it.

An adapter sets `page_location` (`md -> str`, how messages name the page being converted:
citekit.location) and `on_problems` (receiving the page's problems, `citekit.model.Problem`);
without them a problem is logged as a warning and the page is named '<markdown>'.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from citekit.model import Problem

from .tasklist import FIX, has_other_checkboxes, name_task_items, unnamed_checkboxes

__all__ = ["TaskListNamesExtension", "makeExtension"]
log = logging.getLogger("themefix")
# Last of the tree steps: after pymdownx.tasklist (25) has marked the items and stashed their
# checkboxes, after the inline patterns (20) and every other extension's work on the tree.
TREE_PRIORITY = -100


class TaskListNamesExtension(Extension):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.page_location: Callable[[Markdown], str] | None = None
        self.on_problems: Callable[[list[Problem]], None] | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        page = _Page(self, md)
        md.treeprocessors.register(_Names(md, page), "kb_task_names", TREE_PRIORITY)
        # Last: other checkboxes are read in the page's HTML as every other step left it.
        md.postprocessors.register(_Report(md, page), "kb_task_names_report", 1)

    def report(self, md: Markdown, messages: list[str]) -> None:
        location = self.page_location(md) if self.page_location else "<markdown>"
        problems = [Problem(location, None, f"{FIX}: {message}") for message in messages]
        if self.on_problems is not None:
            self.on_problems(problems)
            return
        for problem in problems:
            log.warning(str(problem))


class _Page:
    """What the tree step tells the last step about the page being converted."""

    def __init__(self, extension: TaskListNamesExtension, md: Markdown) -> None:
        self.extension = extension
        self.md = md
        self.problems: list[str] = []
        self.other_checkboxes = False
        # Set by the tree step: the next postprocessor run is the page's own. (The toc
        # extension runs the postprocessors on headings and on the table of contents before.)
        self.ready = False


class _Names(Treeprocessor):
    def __init__(self, md: Markdown, page: _Page) -> None:
        super().__init__(md)
        self.page = page

    def run(self, root: Element) -> None:
        boxes, self.page.problems = name_task_items(root, self.md)
        self.page.other_checkboxes = has_other_checkboxes(self.md, boxes)
        self.page.ready = True


class _Report(Postprocessor):
    def __init__(self, md: Markdown, page: _Page) -> None:
        super().__init__(md)
        self.page = page

    def run(self, text: str) -> str:
        page = self.page
        if not page.ready:
            return text
        problems = page.problems + (unnamed_checkboxes(text) if page.other_checkboxes else [])
        page.problems, page.other_checkboxes, page.ready = [], False, False
        if problems:
            page.extension.report(self.md, problems)
        return text


def makeExtension(**kwargs) -> TaskListNamesExtension:  # noqa: N802 (Python-Markdown's name)
    return TaskListNamesExtension(**kwargs)
