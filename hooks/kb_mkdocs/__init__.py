"""The MkDocs (and ProperDocs) adapter: one plugin, `kunnskapsbase` (kb_mkdocs.plugin), that
owns one `BuildState` per build and passes it to small modules, one job each:

- `config`: the plugin's options; `state`: the build's state; `guard`: a bug becomes one line;
- `citations`: the citation extension, the problems reported at once;
- `research_index`: the generated pages, downloads and "cited by" lists;
- `page_meta`: front-matter rules and the "Sist oppdatert" dates;
- `accessibility`: the theme fixes (override check, checkbox names);
- `pdf`, `offline`, `search`, `atomic`, `assets`: the PDF, the offline shim, Norwegian search,
  atomic builds, the core's stylesheets and scripts.

The package imports nothing itself: MkDocs finds the plugin by its entry point
(kb_mkdocs.plugin:KnowledgeBasePlugin), and `kb_mkdocs.required`, which Zensical loads from
mkdocs.yml too, must not bring the plugin, the PDF and BeautifulSoup along (that import was a
fifth of a small Zensical build).
"""
