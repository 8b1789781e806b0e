"""Python-Markdown extension `themefix.markdown_ext`: the task-list checkbox names
(themefix.tasklist) for engines that run Markdown extensions but no MkDocs hooks (Zensical).
Under MkDocs, hooks/accessibility.py applies the same fix to each page's content."""

from __future__ import annotations

import logging
import posixpath

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from .tasklist import name_checkboxes

log = logging.getLogger("themefix")


class TaskListNamesExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {"docs_dir": ["docs", "where the pages are, for the location of a warning"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # Last: on the page's HTML as every other step left it.
        md.postprocessors.register(_Names(md, self.getConfig("docs_dir")), "kb_task_names", 1)


class _Names(Postprocessor):
    def __init__(self, md: Markdown, docs_dir: str) -> None:
        super().__init__(md)
        self.docs_dir = docs_dir

    def run(self, text: str) -> str:
        if "task-list" not in text:
            return text
        named, problems = name_checkboxes(text)
        for problem in problems:
            log.warning(problem.located(self._location()))
        return named

    def _location(self) -> str:
        """Zensical keeps the page being rendered in a preprocessor of its own."""
        context = self.md.preprocessors["rendering_context"] if "rendering_context" in self.md.preprocessors else None
        path = getattr(getattr(context, "page", None), "path", "") or "<markdown>"
        return posixpath.join(self.docs_dir, path)


def makeExtension(**kwargs) -> TaskListNamesExtension:  # noqa: N802 (Python-Markdown's name)
    return TaskListNamesExtension(**kwargs)
