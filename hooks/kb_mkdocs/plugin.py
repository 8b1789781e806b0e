"""The MkDocs plugin `kunnskapsbase`: citations, the research index, page dates, the PDF,
offline support, Norwegian search, the theme's accessibility fixes and atomic builds.

One plugin object lives for the whole `mkdocs serve` session (it has on_startup, so MkDocs
keeps it between rebuilds); each build gets a new `BuildState`, made in on_config and passed
to the modules, so nothing of one build lingers into the next. The plugin itself keeps only
what outlives a build: the `serving` flag and the atomic build's signal handlers.

The order of the steps, where it matters (MkDocs runs handlers by `event_priority`, higher
first; within this plugin a `CombinedEvent` names the steps of one event):

- on_config 100: the atomic build moves `site_dir` to its staging folder before anything
  reads it, and the offline shim is listed before Material's offline plugin would add a CDN
  URL; 0: the state, the Markdown extensions, the assets, the overrides check.
- on_page_markdown 100: the page MkDocs converts next is put on the state (the "current
  page" the Markdown extensions read, as autorefs does: MkDocs gives an extension no page),
  before any other plugin changes the Markdown, so the front matter counted is the file's
  own; 0: the research index's generated pages, front-matter rules and dates.
- on_env 100: every page has been read, so the citation problems are reported, and the
  build stops before anything is written; 50: the research index fills in who cites what,
  before the search plugin indexes the pages; -100: the front matter's printed text is
  escaped, once, after every step that reads it and before any template prints it.
- on_post_build 0: the research index's downloads and the PDF; -100: the atomic build swaps
  the finished site in, after every other step has written its files.

Every step runs under the guard (kb_mkdocs.guard: a bug is one located line, and `mkdocs
serve` goes on) except the atomic build's: its failures are its own crafted PluginErrors, it
is off under serve, and its clean-up (on_build_error, on_shutdown) must never be skipped.

Errors raised in the engine's own code (a page that is not UTF-8, a full disk while pages are
written) reach no handler of ours; on_build_error (last, priority -100) words them as one
located line instead of a traceback, naming the page the plugin last saw read or written.
A strict build counts its warnings whatever the verbosity, under MkDocs or ProperDocs
(kb_mkdocs.strict), from on_config 100 on.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from buildkit.publishing import publishing_problem
from citekit.library import load_library
from citekit.tasks import TASK_FILE

from . import accessibility, citations, offline, page_meta, pdf, research_index, search
from .atomic import AtomicBuild
from .config import KnowledgeBaseConfig
from .guard import engine_failure, guarded
from .state import BuildState, docs_folder
from .strict import StrictCount

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.kunnskapsbase")


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.atomic = AtomicBuild()
        self.strict = StrictCount()
        self.state: BuildState | None = None
        # what the engine did last, as far as the plugin saw: for its errors (on_build_error)
        self.reading: str | None = None
        self.writing: str | None = None

    def where(self, page: Any) -> str | None:
        """How the guard names a page."""
        file = getattr(page, "file", None)
        return self.state.location(file) if self.state is not None and file is not None else None

    def _state(self) -> BuildState:
        if self.state is None:
            raise RuntimeError("the build's state is made in on_config, which has not run")
        return self.state

    # --- the build ------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.atomic.start(command, dirty)

    @event_priority(100)
    @guarded("on_config")
    def _config_first(self, config: MkDocsConfig) -> MkDocsConfig:
        self.strict.start(bool(config.strict))
        self.reading = self.writing = None
        if not self.serving and (problem := publishing_problem(config.site_url, os.environ)):
            raise PluginError(problem)
        self.atomic.claim(config)
        offline.add_shim(config)
        return config

    @guarded("on_config")
    def _config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent
        name = self.config.bibliography
        library = load_library(root / name, name)
        self.state = state = BuildState(
            root=root, docs_dir=docs_folder(config.docs_dir, root), bibliography=root / name,
            library=library, serving=self.serving, pdf=pdf.enabled(self.config.pdf, self.serving),
            problems=list(library.problems))
        citations.configure(state, config)
        accessibility.configure(state, config)
        research_index.configure(config)
        search.configure(config)
        pdf.configure(state, config)
        accessibility.check_overrides(state, config)
        return config

    on_config = CombinedEvent(_config_first, _config)

    @guarded("on_files")
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        state = self._state()
        citations.add_files(files, config)
        research_index.add_files(state, files, config)
        offline.add_files(files, config, state.root)
        search.extend_lunr(files, config)
        return files

    @guarded("on_nav")
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        state = self._state()
        state.nav, state.files = nav, files
        research_index.remember_order(state, nav, files)
        return nav

    @guarded("on_serve")
    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """`mkdocs serve` rebuilds when the bibliography or the task file changes."""
        state = self._state()
        for path in (state.bibliography, state.root / TASK_FILE):
            if path.exists():
                server.watch(str(path))
        return server

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """The engine reads the page's file next: named if reading it fails."""
        self.reading = self.where(page) or page.file.src_uri
        return page

    @event_priority(100)
    @guarded("on_page_markdown")
    def _page_markdown_first(self, markdown: str, *, page: Page, config: MkDocsConfig,
                             files: Files) -> str:
        self.reading = None
        citations.start_page(self._state(), page, config)
        return markdown

    @guarded("on_page_markdown")
    def _page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        state = self._state()
        page_meta.check_and_date(state, page)
        return research_index.page_markdown(state, markdown, page, files)

    on_page_markdown = CombinedEvent(_page_markdown_first, _page_markdown)

    @guarded("on_page_content")
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return page_meta.drop_abbreviations(html, page)

    @event_priority(100)
    @guarded("on_env")
    def _env_report(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        citations.report(self._state())
        return env

    @event_priority(50)
    @guarded("on_env")
    def _env_fill(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        research_index.fill(self._state(), config, files)
        return env

    @event_priority(-100)
    @guarded("on_env")
    def _env_escape(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """After every step that reads the front matter, before any page is rendered."""
        for file in files.documentation_pages():
            if file.page is not None:
                page_meta.escape_printed(file.page.meta)
        return env

    on_env = CombinedEvent(_env_report, _env_fill, _env_escape)

    @guarded("on_page_context")
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        research_index.add_head(self._state(), page)
        return context

    @guarded("on_post_page")
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        research_index.drop_head(page)
        # The engine writes the page next: named if writing it fails.
        self.writing = self._shown(str(Path(config.site_dir) / page.file.dest_uri))
        return output

    @guarded("on_post_build")
    def _post_build(self, *, config: MkDocsConfig) -> None:
        state = self._state()
        research_index.write_downloads(state, config)
        pdf.write(state, config)

    @event_priority(-100)
    def _post_build_last(self, *, config: MkDocsConfig) -> None:
        self.writing = None
        self.atomic.publish(config, self.strict.warnings())

    on_post_build = CombinedEvent(_post_build, _post_build_last)

    @event_priority(-100)
    def on_build_error(self, *, error: Exception) -> None:
        """Discard the staging folder; an error of the engine's own (not a bug) becomes one
        located line and the build stops as a plugin's error stops it, without a traceback."""
        if isinstance(error, OSError):
            if error.filename is not None:
                error.filename = self._shown(str(error.filename))
            if error.filename2 is not None:
                error.filename2 = self._shown(str(error.filename2))
        message = engine_failure(error, self.reading, self.writing)
        self.atomic.failed()
        if message is None:
            return
        log.error(message)
        if not self.serving:  # under serve, the engine goes on with its own report
            raise Abort("Aborted with a BuildError!") from error

    def on_shutdown(self) -> None:
        self.atomic.shutdown()
        self.strict.stop()
        self.state = None

    def _shown(self, path: str) -> str:
        """A path of the site as messages name it: under the site folder (not the staging
        folder), relative to the project where it lies inside it."""
        shown = Path(self.atomic.public(path))
        root = self.state.root if self.state is not None else Path.cwd()
        return shown.relative_to(root).as_posix() if shown.is_relative_to(root) else str(shown)
