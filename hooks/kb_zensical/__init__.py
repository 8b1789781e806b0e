"""The Zensical adapter. Zensical runs Markdown extensions but no MkDocs plugins, so what
needs the whole site is done before it starts, by a pass over the project:

- `build` (`python -m kb_zensical.build`, run by `make build-zensical`): the whole build,
  atomic: the pass, Zensical (in a fork of the pass's process) into a staging folder, the
  research index completed in its pages (`fill`), the PDF (`pdf`, through book.site), the
  swap; `offline`: the offline build's shim;
- `site_pass` (`python -m kb_zensical`): checks every page and writes the Zensical project
  under build/. Alone, it renders every page with the same Markdown extensions Zensical will
  run and reports every problem located (exit 1, as `mkdocs build` stops), so that
  `zensical build -f build/zensical.yml` builds a whole site; under `build`, Zensical's own
  rendering is the only one and reports what it finds of each page (`rendered`);
- `markdown_ext`: the extension Zensical runs (citations and checkbox names), reading the
  page being rendered from Zensical's own rendering context;
- `project`: mkdocs.yml read as both engines read it, and build/zensical.yml written;
- `templates`: the template partials both engines render, and the theme fixes made in
  Zensical's own partials;
- `urls`: page URLs as the engines give them, known before the build.
"""
