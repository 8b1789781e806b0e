"""Pure modules that fix the HTML of Material for MkDocs and its Markdown extensions where it
falls short of WCAG 2.1 AA; they know no site generator.

- `overrides`: the fixes made in Material's templates (overrides/partials/), each a copy of
  Material's partial with an exact, listed edit, and the check that the copy still matches
  the installed Material, so an upgrade cannot silently undo or mask a fix;
- `tasklist` and `markdown_ext`: the fix that has no template to override (pymdownx.tasklist
  writes the checkbox), made in Python-Markdown's tree by an extension both engines run.

What a fix cannot do is reported as `citekit.model.Problem`, located like every other problem.
"""
