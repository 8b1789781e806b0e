"""The fixes made in Material's own templates, and the check that they still hold.

Where Material's markup needs a fix, overriding its template partial is simpler and sturdier
than rewriting every page: the fix is made once, in the template, whatever the attribute
order. Its cost is a copy of Material's partial that an upgrade would not touch, silently
keeping the old markup. So each override here is Material's partial with a header and
exact, listed edits, nothing else; `check` says when the installed Material's partial no
longer has a place an edit changes, or when the copy is no longer that partial with those
edits (Material changed it, or someone edited the copy). `scripts/update_overrides.py`
writes the copies afresh from the installed Material: the one step an upgrade needs.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from citekit.model import Problem

UPDATE = "`python scripts/update_overrides.py`"


@dataclass(frozen=True)
class Override:
    template: str  # Material's partial, as Jinja names it ("partials/search.html")
    fix: str  # what the fix is called in messages
    why: str  # for the header of the copy
    edits: tuple[tuple[str, str], ...]  # (Material's text, ours); each found exactly once


OVERRIDES = (
    Override(
        "partials/search.html", "search dialog name",
        "the search dialog gets an accessible name.",
        (('<div class="md-search" data-md-component="search" role="dialog">',
          '<div class="md-search" data-md-component="search" role="dialog" '
          'aria-label="{{ lang.t(\'search\') }}">'),)),
    Override(
        "partials/nav-item.html", "navigation section names",
        "a navigation section is labelled by its title. Material labels it by the toggle beside "
        "it, which is empty when the section has an index page, so every such section had the "
        "same empty name.",
        (('aria-labelledby="{{ path }}_label"', 'aria-labelledby="{{ path }}_title"'),
         ('<label class="md-nav__title" for="{{ path }}">',
          '<label class="md-nav__title" for="{{ path }}" id="{{ path }}_title">'))),
    Override(
        "partials/copyright.html", "footer language",
        "the footer's credit is in Norwegian, the language of the page; Material writes it in "
        "English on every page, whatever the site's language.",
        (("Made with", "Laget med"),)),
)


def header(override: Override) -> str:
    """The comment our copy starts with: what it is, and how to renew it."""
    text = (f"Material's {override.template} with one fix, listed in hooks/themefix/overrides.py: "
            f"{override.why} After upgrading Material, run {UPDATE} rather than editing this copy.")
    return "{#-\n" + textwrap.fill(text, 96, initial_indent="  ", subsequent_indent="  ") + "\n-#}\n"


def fixed(override: Override, source: str, *, theme: str = "Material",
          file: str = "") -> tuple[str | None, list[Problem]]:
    """`theme`'s partial (Material's, or Zensical's: the same edits) with the fix made, or
    the edits whose place it no longer has, as problems of `file` (where the copy goes)."""
    problems = []
    for before, _ in override.edits:
        count = source.count(before)
        if count != 1:
            found = "no longer has" if count == 0 else f"has {count} times"
            problems.append(Problem(file, None, f"{override.fix}: {theme}'s {override.template} "
                                                f"{found} '{before}', the place the fix changes"))
    if problems:
        return None, problems
    for before, after in override.edits:
        source = source.replace(before, after)
    return header(override) + source, []


def check(override: Override, material: str | None, ours: str | None, file: str = "") -> list[Problem]:
    """What is wrong with our copy of `override.template` at `file` (None: the file is
    missing), given Material's (None: Material has no such partial)."""
    if material is None:
        return [Problem(file, None, f"{override.fix}: Material has no {override.template} any "
                                    f"more, so the override no longer applies; make the fix anew")]
    expected, problems = fixed(override, material, file=file)
    if problems:
        return problems
    if ours is None:
        return [Problem(file, None, f"{override.fix}: the override is missing; run {UPDATE} to write it")]
    if ours != expected:
        return [Problem(file, None, f"{override.fix}: not Material's {override.template} with the "
                                    f"fix: Material changed it or the copy was edited; run "
                                    f"{UPDATE} to copy it again")]
    return []
