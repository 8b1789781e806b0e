"""The plugin's options in mkdocs.yml (`plugins: [kunnskapsbase: {...}]`)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class KnowledgeBaseConfig(base.Config):
    # The bibliography, relative to mkdocs.yml. Not listed under `watch:`: a missing file
    # would stop MkDocs with a config error before the plugin could say what is wrong.
    bibliography = c.Type(str, default="references.bib")
    # The PDF: `auto` makes it in `mkdocs build` and not in `mkdocs serve`; the environment
    # variable KB_PDF=true|false overrides either way.
    pdf = c.Choice(("auto", True, False), default="auto")
