"""The whole-site pass for Zensical: one step that reads docs/, the bibliography and
mkdocs.yml, renders every page with the same Markdown extensions Zensical will run (the
site's, and kb_zensical.markdown_ext: citations and the theme fixes) to learn who cites what
and what is wrong, and writes, under build/zensical/:

- docs/: the pages as written, the research index's pages filled in (cited-by lists, counts,
  the filter's catalogue) and its downloads, and the core's stylesheets and scripts;
- overrides/: the template partials both engines render (kb_zensical.templates);
- ../zensical.yml: mkdocs.yml for Zensical (INHERIT), pointing at those folders and naming
  the extension, which then renders the citations during Zensical's own build.

Every problem (the bibliography's, each page's, the templates') is returned located, as the
MkDocs plugin words it; the command prints them and exits 1 before Zensical starts, as
`mkdocs build --strict` would stop.

    python -m kb_zensical [PROJECT_ROOT]
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import markdown

from buildkit.folder import RewrittenFolder
from citekit.dates import as_date
from citekit.entry_page import CITED_BY_MARKER
from citekit.front_matter import front_matter_end, split_front_matter
from citekit.index_pages import catalogue_script, fill_counts
from citekit.library import Library, load_library
from citekit.location import page_location
from citekit.markdown_ext import DocumentRecord, PageContext
from citekit.metadata import head_html
from citekit.model import Problem
from citekit.page_facts import SiteInfo
from citekit.page_rules import front_matter_problems
from citekit.site_index import (
    CATALOGUE,
    CitingPage,
    citation_counts,
    cited_by,
    citing_places,
    index_files,
    page_body,
    page_place_problems,
)
from citekit.tasks import TASK_FILE, Tasks, load_tasks
from citekit.urls import file_url, page_url, relative_url
from searchkit.zensical import write_search_worker
from themefix.escape import escaped_page

from .errors import print_problems
from .markdown_ext import KnowledgeBaseExtension
from .offline import add_offline_shim, offline_enabled
from .project import (
    CONFIG,
    OUT,
    building_config,
    default_nav,
    markdown_extensions,
    read_config,
    shim_options,
    write_config,
)
from .templates import copy_shared, fix_zensical_templates

BIB_FILE = "references.bib"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    works: int = 0
    # What the rest of the build needs (the PDF): mkdocs.yml, every page read, the bibliography.
    config: dict = field(default_factory=dict)
    records: dict[str, DocumentRecord] = field(default_factory=dict)
    library: Library | None = None
    offline: bool = False
    directory_urls: bool = True  # the site's URLs: "x/" (True) or "x.html"
    order: list[str] = field(default_factory=list)  # the pages in the navigation's order


def run(root: Path, site_dir: Path | None = None, offline: bool | None = None,
        pdf: bool = False, report_file: Path | None = None) -> Report:
    """Write the Zensical project for the site at `root`, its site built into `site_dir`
    (build/zensical/site unless given), for reading from disk if `offline` (unless given:
    mkdocs.yml's offline plugin, OFFLINE=true), with a link to the PDF on every page if
    `pdf`; the problems found, located. Nothing is written where a page, the bibliography or
    the task file has a problem. With `site_dir`, build/.zensical<its name>.yml builds there
    (kb_zensical.build); build/zensical.yml builds build/zensical/site.

    With `report_file` (kb_zensical.build), pages are not rendered here: their front matter
    is checked, and Zensical's rendering writes what it finds of each page to the file
    (kb_zensical.rendered); the research index's pages keep the slots for "cited by" lists
    and counts, which kb_zensical.fill fills in the site Zensical wrote. No build/zensical.yml
    then: those pages are only whole in that site."""
    config = read_config(root / "mkdocs.yml")
    if offline is None:
        offline = offline_enabled(config)
    docs_dir = str(config.get("docs_dir", "docs"))
    docs = root / docs_dir
    library = load_library(root / BIB_FILE, BIB_FILE)
    tasks, task_problems = load_tasks(root / TASK_FILE, TASK_FILE, library)
    report = Report(list(library.problems) + list(task_problems), works=len(library.works))
    site = SiteInfo(config["site_name"], config.get("site_author") or config["site_name"])
    site_url = str(config.get("site_url") or "")
    work_pages = {library.entry_path(key) for key in library.works}

    def pages(render: bool) -> dict[str, DocumentRecord]:
        found = {}
        for path in sorted(docs.rglob("*.md")):
            src = path.relative_to(docs).as_posix()
            found[src] = (_render(path, src, docs_dir, library, tasks, config, site, site_url)
                          if render else _read(path, src, docs_dir, library, work_pages))
        return found

    records = pages(render=report_file is None)
    if report_file is not None and any(record.problems for record in records.values()):
        # Wrong before any rendering: every page is rendered here after all, as the pass
        # alone renders them, so that the build lists every problem at once (the cost of
        # a build that stops, not of one that succeeds).
        records = pages(render=True)
    for record in records.values():
        report.problems += record.problems
    report.pages = len(records)
    report.config, report.records, report.library = config, records, library
    report.offline = offline
    report.directory_urls = bool(config.get("use_directory_urls", True)) and not offline
    if report.problems:
        return report  # nothing written: the last good build's pages and site stay as they were

    out = root / OUT
    # Only the pass's own folders are replaced; the site beside them is the build's (build.py).
    if (out / "overrides").exists():
        shutil.rmtree(out / "overrides")
    pages_out = RewrittenFolder(out / "docs")
    _copy_pages(docs, pages_out)
    order = nav_pages(config.get("nav"), records)
    for src, title in order.items():
        if title and src in records:
            records[src].title = title
    report.order = list(order)
    _write_index(pages_out, library, records if report_file is None else None, report.order,
                 report.directory_urls)
    pages_out.finish()
    copy_shared(root / (config.get("theme", {}).get("custom_dir") or "overrides"), out)
    report.problems += fix_zensical_templates(out / "overrides", root)
    # Norwegian search: our query script inside Zensical's own search worker (searchkit).
    report.problems += write_search_worker(out / "overrides", root)
    options = shim_options(BIB_FILE, docs_dir)
    nav = None if config.get("nav") else default_nav(list(records))
    if report_file is None:
        write_config(root, options, offline=offline, pdf=pdf, nav=nav)
    else:
        (root / CONFIG).unlink(missing_ok=True)
        options["report"] = str(report_file)
    if site_dir is not None:
        write_config(root, options, site_dir, offline=offline, pdf=pdf, file=building_config(site_dir), nav=nav)
    if offline:
        report.problems += add_offline_shim(root, out / "docs")
    return report


def nav_pages(nav, pages) -> dict[str, str]:
    """The pages in the navigation's order, then the rest: src -> the title the navigation
    gives it ('' where it gives none), as MkDocs titles them."""
    ordered: dict[str, str] = {}

    def walk(item, title: str = "") -> None:
        if isinstance(item, str):
            if item.endswith(".md"):
                ordered.setdefault(item, title)
        elif isinstance(item, dict):
            for name, value in item.items():
                walk(value, name if isinstance(value, str) else "")
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav or [])
    return ordered | {src: "" for src in pages if src not in ordered}


def _render(path: Path, src: str, docs_dir: str, library: Library, tasks: Tasks, config: dict,
            site: SiteInfo, site_url: str) -> DocumentRecord:
    """The page read as Zensical will read it: the site's extensions and ours, given the page."""
    source = path.read_text(encoding="utf-8-sig")
    meta, body, offset = split_front_matter(source)
    page = PageContext(src, page_location(src, docs_dir), offset, as_date(meta.get("updated")),
                       site_url.rstrip("/") + "/" + page_url(src) if site_url else "", site)
    extension = KnowledgeBaseExtension(**shim_options(BIB_FILE, docs_dir))
    extension.page = page
    records: list[DocumentRecord] = []
    problems: list[Problem] = []
    extension.on_document = records.append
    extension.on_problems = problems.extend
    names, options = markdown_extensions(config)
    extension.library = library
    extension.tasks = tasks
    markdown.Markdown(extensions=[*names, extension], extension_configs=options).convert(body)
    record = records[0] if records else DocumentRecord(page)  # an empty page converts nothing
    record.title = str(meta.get("title") or record.title or src)
    # What the MkDocs plugin asks of every page (a warning there, which the strict build
    # stops on): the same rule, the same words.
    record.problems += front_matter_problems(meta, page.location, source) + problems
    return record


def _copy_pages(docs: Path, pages_out: RewrittenFolder) -> None:
    """docs/ as Zensical reads it: every file as it is, but pages whose printed titles need
    escaping (themefix.escape), which are written escaped."""
    for path in sorted(docs.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(docs).as_posix()
        escaped = escaped_page(path.read_text(encoding="utf-8-sig")) if path.suffix == ".md" else None
        if escaped is None:
            pages_out.copy(path, relative)
        else:
            pages_out.write(relative, escaped)


def _read(path: Path, src: str, docs_dir: str, library: Library, work_pages: set[str]
          ) -> DocumentRecord:
    """The page as far as it is read without rendering it: its front matter, checked as
    _render checks it, and whether it stands where a work's page goes (which replaces it in
    Zensical's copy of the pages, so Zensical's rendering never sees it). Zensical's
    rendering finds the rest (kb_zensical.rendered)."""
    source = path.read_text(encoding="utf-8-sig")
    meta, body, offset = split_front_matter(source)
    page = PageContext(src, page_location(src, docs_dir), offset)
    record = DocumentRecord(page, title=str(meta.get("title") or ""))
    record.problems += front_matter_problems(meta, page.location, source)
    if src in work_pages:
        record.problems += [Problem(page.location, None if line is None else line + offset, message)
                            for line, message in page_place_problems(library, src, body.split("\n"))]
    return record


def _write_index(pages_out: RewrittenFolder, library: Library, records: dict[str, DocumentRecord] | None,
                 order: list[str], directory_urls: bool) -> None:
    """The research index's files. Links in them point at the Markdown sources, relative to
    the page's own source, as Zensical reads every link (raw HTML too) and turns it into the
    page's URL; only the filter's catalogue, a script, holds URLs. Without `records` (no
    page rendered yet), the "cited by" and count slots stay for kb_zensical.fill, and the
    catalogue counts nothing until it is written again there."""
    folder = library.index_dir
    places = {} if records is None else citing_places(
        CitingPage(records[src].title, src, tuple(records[src].cited))
        for src in order if records[src].cited)
    counts = citation_counts(places)

    def href_from(src: str) -> Callable[[str], str]:
        return lambda path: relative_url(f"{folder}/{path}", src)

    def url_from(src: str) -> Callable[[str], str]:
        return lambda path: relative_url(file_url(f"{folder}/{path}", directory_urls),
                                         file_url(src, directory_urls))

    def path_from(src: str) -> Callable[[str], str]:
        return lambda citing: relative_url(citing, src)

    for generated in index_files(library):
        src = f"{folder}/{generated.path}"
        if generated.path == CATALOGUE:
            pages_out.write(src, catalogue_script(list(library.works.values()), counts, url_from(src)))
        elif generated.markdown is not None:
            text = generated.markdown
            if generated.listing:
                head = text[: front_matter_end(text)]
                text = head + page_body(library, generated.listing, "", href_from(src))
            key = generated.work
            if key and records is not None:
                text = text.replace(CITED_BY_MARKER, cited_by(
                    places.get(key, []), path_from(src)))
            if key:
                # the metadata tags for reference managers (MkDocs adds them at render time)
                text = _with_front_matter(text, "kb_head", head_html(library.works[key].entry))
            pages_out.write(src, text if records is None else fill_counts(text, counts))
        else:
            pages_out.write(src, generated.text or "")
    index = f"{folder}/index.md"
    text = (pages_out.root / index).read_text(encoding="utf-8")
    filled = page_body(library, "", text, href_from(index))
    pages_out.write(index, filled if records is None else fill_counts(filled, counts))


def _with_front_matter(text: str, key: str, value: str) -> str:
    """`text` with `key: value` added as the last line of its front matter (JSON is YAML)."""
    end = front_matter_end(text)
    closing = text.rindex("\n", 0, end - 1) + 1  # the line that closes the front matter
    return f"{text[:closing]}{key}: {json.dumps(value)}\n{text[closing:]}"


def main(argv: list[str]) -> int:
    root = Path(argv[1] if len(argv) > 1 else ".").resolve()
    report = run(root)
    if report.problems:
        print_problems(report.problems)
        return 1
    print(f"INFO    -  {report.pages} pages and {report.works} works read; the Zensical project is "
          f"in {OUT} (config: {CONFIG})")
    return 0

