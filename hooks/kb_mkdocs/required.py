"""Python-Markdown extension `kb_mkdocs.required`, listed under `markdown_extensions:` in
mkdocs.yml: a build that would publish raw citations stops with a message saying what to add.

Without the `kunnskapsbase` plugin, MkDocs builds happily: every page is published with its
`[@key]` as text, nothing is checked, and nothing says so (probe F-22). The plugin cannot
report its own absence, and a template cannot stop a build; what runs whether or not the
plugin is listed is mkdocs.yml's Markdown extensions. What a writer removes is the plugin's
line (thinking it slow, or copying a config), not this one, which says what it is for. So
this extension checks, as each page is converted, that the citation extension is in the same
converter (the plugin puts it there in on_config; under Zensical, kb_zensical.markdown_ext
does) and otherwise stops the build. With one plugin there is no order to get wrong: its
steps are ordered by priority, not by where it is listed.

The error is raised as MkDocs' PluginError, so MkDocs prints it as one line, without a
traceback, even though no plugin of ours is there to word it.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from mkdocs.exceptions import PluginError

__all__ = ["MISSING", "RequiredExtension", "makeExtension"]
CITATIONS = "kb_citations"  # the name citekit.markdown_ext registers its inline pattern under
MISSING = ("mkdocs.yml: citations are not read, so pages would be published with '[@key]' as "
           "text and no check: the 'kunnskapsbase' plugin is not listed; add it under "
           "`plugins:` (`- kunnskapsbase`), after search and offline")


class _Check(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if CITATIONS not in self.md.inlinePatterns:
            raise PluginError(MISSING)
        return lines


class RequiredExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.registerExtension(self)
        # first of all preprocessors: nothing of the page is read before the check
        md.preprocessors.register(_Check(md), "kb_required", 1000)


def makeExtension(**kwargs: Any) -> RequiredExtension:  # noqa: N802 (Python-Markdown's name)
    return RequiredExtension(**kwargs)
