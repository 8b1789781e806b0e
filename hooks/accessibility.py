"""MkDocs hook: the fixes that Material's HTML needs to meet WCAG 2.1 AA (measured with axe).

Each is a small, exact substitution on Material's own markup, checked by the axe tests in
tests/test_browser_accessibility.py, so a theme upgrade that changes the markup shows up
there rather than silently dropping a fix:
- the search dialog has no accessible name;
- a navigation section that has an index page is labelled by its (empty) toggle icon, so
  every such section gets the same empty name; we point it at the section's title instead;
- a task-list checkbox has no name; it gets the words of its item (the bold lead-in).
(Code blocks that would scroll sideways, and so need keyboard focus, wrap instead: see
docs/stylesheets/site.css.)
"""

from __future__ import annotations

import html
import re
from typing import Callable

_SEARCH_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")(?![^>]*aria-label)')
_NAV_TITLE = re.compile(r'<label class="md-nav__title" for="(?P<toggle>__nav_[\d_]+)">')
_NAV_LABELLED_BY = re.compile(r'aria-labelledby="(?P<toggle>__nav_[\d_]+)_label"')
_TASK_CHECKBOX = re.compile(
    r'<input type="checkbox"(?P<attrs>[^>]*?)/?><span class="task-list-indicator"></span></label>'
    r'(?P<after>.{0,400})', re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_LEAD_IN = re.compile(r"^\s*<strong>(?P<strong>.*?)</strong>", re.DOTALL)


def on_post_page(output: str, **kwargs) -> str:
    # The search dialog and navigation fixes touch separate tags, and none makes or unmakes
    # a place for another, so they are found in one reading of the page and applied in one
    # copy of it: a copy of a page holding 'ø' or '–' costs 0.1 ms.
    edits = []
    dialog = _SEARCH_DIALOG.search(output)
    if dialog:
        edits.append((dialog.start(), dialog.end(), dialog[1] + ' aria-label="Søk"'))
    edits += _find(_NAV_TITLE, '<label class="md-nav__title" for="', output, lambda m: (
        f'<label class="md-nav__title" for="{m["toggle"]}" id="{m["toggle"]}_title">'))
    edits += _find(_NAV_LABELLED_BY, 'aria-labelledby="', output,
                   lambda m: f'aria-labelledby="{m["toggle"]}_title"')
    output = _apply(output, sorted(edits))
    return _apply(output, _find(_TASK_CHECKBOX, '<input type="checkbox"', output, _name_checkbox))


Edit = tuple[int, int, str]


def _find(pattern: re.Pattern, prefix: str, text: str,
          replace: Callable[[re.Match], str]) -> list[Edit]:
    """What `pattern.sub(replace, text)` would change, for a pattern whose every match starts
    with `prefix`: str.find jumps from one place the pattern can match to the next, 2-3 times
    faster than the regex engine's own scan of a page with a large navigation."""
    edits = []
    index = text.find(prefix)
    while index >= 0:
        match = pattern.match(text, index)
        if match:
            edits.append((match.start(), match.end(), replace(match)))
            index = text.find(prefix, match.end())
        else:
            index = text.find(prefix, index + 1)
    return edits


def _apply(text: str, edits: list[Edit]) -> str:
    """The text with each (start, end, replacement) applied; the edits are sorted and apart."""
    if not edits:
        return text
    out, last = [], 0
    for start, end, replacement in edits:
        out += [text[last:start], replacement]
        last = end
    out.append(text[last:])
    return "".join(out)


def _name_checkbox(match: re.Match) -> str:
    lead = _LEAD_IN.match(match["after"])
    name = _TAGS.sub("", lead["strong"] if lead else match["after"])
    name = html.escape(" ".join(html.unescape(name).split())[:120].rstrip(". "))
    return (f'<input type="checkbox"{match["attrs"]} aria-label="{name}">'
            f'<span class="task-list-indicator"></span></label>{match["after"]}')


def on_post_template(output_content: str, *, template_name: str, **kwargs) -> str:
    """The same fixes for the theme's static pages (404.html)."""
    if template_name.endswith(".html"):
        return on_post_page(output_content)
    return output_content
