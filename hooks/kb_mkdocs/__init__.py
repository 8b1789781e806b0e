"""The MkDocs (and ProperDocs) adapter: one plugin, `kunnskapsbase` (kb_mkdocs.plugin), that
owns one `BuildState` per build and passes it to small modules, one job each:

- `config`: the plugin's options; `state`: the build's state; `guard`: a bug becomes one line;
- `citations`: the citation extension, the problems reported at once;
- `research_index`: the generated pages, downloads and "cited by" lists;
- `page_meta`: front-matter rules and the "Sist oppdatert" dates;
- `accessibility`: the theme fixes (override check, checkbox names);
- `pdf`, `offline`, `search`, `atomic`, `assets`: the PDF, the offline shim, Norwegian search,
  atomic builds, the core's stylesheets and scripts.
"""

from __future__ import annotations

from .plugin import KnowledgeBasePlugin

__all__ = ["KnowledgeBasePlugin"]
