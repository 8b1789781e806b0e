"""Pure modules that fix the HTML of Material for MkDocs and its Markdown extensions where it
falls short of WCAG 2.1 AA; they know nothing of MkDocs.

- `overrides`: the fixes made in Material's templates (overrides/partials/), each a copy of
  Material's partial with an exact, listed edit, and the check that the copy still matches
  the installed Material, so an upgrade cannot silently undo or mask a fix;
- `tasklist`: the fix that has no template to override (pymdownx.tasklist writes the
  checkbox), made on a page's HTML read with the standard library's HTMLParser;
- `problem`: what a fix reports when the place it fixes is not where it should be.
"""
