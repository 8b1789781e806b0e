"""The whole-site pass, for site generators without hooks (Zensical): one step that reads
docs/, references.bib and mkdocs.yml, renders every page with the site's Markdown extensions
and the citation extension to learn who cites what, and writes, under build/zensical/:

- docs/: the pages as written, the research index's pages filled in (cited-by lists, counts,
  the filter's catalogue) and its downloads, and the hooks' stylesheets and scripts;
- overrides/: the template partials both engines render;
- ../zensical.yml: mkdocs.yml for Zensical (INHERIT), pointing at those folders and naming the
  citation extension, which then renders the citations during Zensical's own build.

Every problem (the bibliography's, each page's) is returned located; the command prints them
and exits 1 before Zensical starts, as `mkdocs build` would stop.

    python -m citekit.site_pass [PROJECT_ROOT]
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import yaml
from searchkit.zensical import write_search_worker

from .assets import CITATION_ASSETS, INDEX_ASSETS, SEARCH_ASSETS
from .assets import SOURCE as ASSET_SOURCE
from .assets import TARGET as ASSET_DIR
from .entry_page import CITED_BY_MARKER
from .front_matter import front_matter_end, split_front_matter
from .index_pages import catalogue_script, fill_counts
from .library import Library, load_library, relative_path
from .markdown_ext import CitationExtension, DocumentRecord, PageContext
from .metadata import head_html
from .model import Problem
from .page_facts import SiteInfo
from .dates import as_date
from .site_index import (CATALOGUE, CitingPage, citation_counts, cited_by, citing_places,
                         index_files, page_body)
from .urls import file_url, page_url, relative_url

BIB_FILE = "references.bib"
OUT = Path("build") / "zensical"
CONFIG = Path("build") / "zensical.yml"
# The partials both engines render (the others in overrides/ are copies of Material's own,
# with accessibility fixes for Material's markup; Zensical's templates differ).
SHARED_TEMPLATES = ("main.html", "partials/language.html", "partials/source-file.html")
# The fixes to the theme's partials (themefix.overrides) that Zensical's partials need too.
ZENSICAL_FIXES = ("partials/nav-item.html", "partials/copyright.html")
# The stylesheets and scripts the MkDocs hooks add to every page.
ASSETS = CITATION_ASSETS + INDEX_ASSETS + SEARCH_ASSETS


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    works: int = 0


def run(root: Path) -> Report:
    """Write the Zensical project for the site at `root`; the problems found, located."""
    config = read_config(root / "mkdocs.yml")
    docs = root / config.get("docs_dir", "docs")
    library = load_library(root / BIB_FILE, BIB_FILE)
    report = Report(list(library.problems), works=len(library.works))
    site = SiteInfo(config["site_name"], config.get("site_author") or config["site_name"])
    site_url = str(config.get("site_url") or "")
    records: dict[str, DocumentRecord] = {}
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        record = _render(path, src, library, config, site, site_url)
        records[src] = record
        report.problems += record.problems
    report.pages = len(records)

    out = root / OUT
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(docs, out / "docs")
    order = nav_pages(config.get("nav"), records)
    for src, title in order.items():
        if title and src in records:
            records[src].title = title
    _write_index(out / "docs", library, records, list(order))
    _copy_shared(root / (config.get("theme", {}).get("custom_dir") or "overrides"), out)
    report.problems += _fix_zensical_templates(out / "overrides")
    report.problems += write_search_worker(out / "overrides", root)
    _write_config(root)
    return report


def read_config(path: Path) -> dict:
    """mkdocs.yml, read as both engines read it (environment variables, Python tags)."""
    class Loader(yaml.Loader):  # noqa: D401 (mkdocs.yml names Python objects: a full loader)
        pass

    def env(loader, node):
        names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) \
            else [loader.construct_scalar(node)]
        default = names.pop() if len(names) > 1 else None
        return next((os.environ[n] for n in names if n in os.environ), default)

    Loader.add_constructor("!ENV", env)
    with open(path, encoding="utf-8") as file:
        return yaml.load(file, Loader=Loader) or {}  # noqa: S506 (the project's own file)


def markdown_extensions(config: dict) -> tuple[list, dict]:
    """The names and options of mkdocs.yml's Markdown extensions."""
    names, options = [], {}
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, dict):
            for name, value in item.items():
                names.append(name)
                options[name] = value or {}
        else:
            names.append(item)
    return names, options


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


def _render(path: Path, src: str, library: Library, config: dict, site: SiteInfo,
            site_url: str) -> DocumentRecord:
    meta, body, offset = split_front_matter(path.read_text(encoding="utf-8-sig"))
    page = PageContext(src, f"{config.get('docs_dir', 'docs')}/{src}", offset,
                       as_date(meta.get("updated")),
                       site_url.rstrip("/") + "/" + page_url(src) if site_url else "", site)
    extension = CitationExtension()
    extension.library = library
    extension.page_context = lambda md: page
    records: list[DocumentRecord] = []
    extension.on_document = records.append
    names, options = markdown_extensions(config)
    markdown.Markdown(extensions=[extension, *names], extension_configs=options).convert(body)
    record = records[0] if records else DocumentRecord(page)  # an empty page converts nothing
    record.title = str(meta.get("title") or record.title or src)
    # What hooks/page_meta.py asks of every page under MkDocs (a warning there, which the
    # strict build stops on): a description, and the date it was last updated.
    for name in ("description", "updated"):
        if not meta.get(name):
            record.problems.append(Problem(page.location, None, f"front matter lacks '{name}'"))
    if meta.get("updated") and page.updated is None:
        record.problems.append(Problem(page.location, None, f"'updated' must be a date "
                                                            f"(YYYY-MM-DD), not {meta['updated']!r}"))
    return record


def _write_index(docs: Path, library: Library, records: dict[str, DocumentRecord],
                 order: list[str]) -> None:
    """The research index's files. Links in them point at the Markdown sources, relative to
    the page's own source, as Zensical reads every link (raw HTML too) and turns it into the
    page's URL; only the filter's catalogue, a script, holds URLs."""
    folder = library.index_dir
    places = citing_places(CitingPage(records[src].title, src, tuple(records[src].cited))
                           for src in order if records[src].cited)
    counts = citation_counts(places)

    def href_from(src: str):
        return lambda path: relative_path(f"{folder}/{path}", src)

    for generated in index_files(library):
        target = docs / folder / generated.path
        target.parent.mkdir(parents=True, exist_ok=True)
        src = f"{folder}/{generated.path}"
        if generated.path == CATALOGUE:
            script = catalogue_script(list(library.works.values()), counts,
                                      lambda path: relative_url(file_url(f"{folder}/{path}"), src))
            target.write_text(script, encoding="utf-8")
        elif generated.is_page:
            meta, _, _ = split_front_matter(generated.markdown)
            text = generated.markdown
            if meta.get("kb_page"):
                head = generated.markdown[: front_matter_end(generated.markdown)]
                text = head + page_body(library, meta["kb_page"], "", href_from(src))
            key = meta.get("kb_entry")
            if key:
                text = text.replace(CITED_BY_MARKER, cited_by(
                    places.get(key, []), lambda citing: relative_path(citing, src)))
                # the metadata tags for reference managers (MkDocs adds them at render time)
                text = text.replace("\n---\n", f"\nkb_head: {json.dumps(head_html(library.works[key].entry))}\n---\n", 1)
            target.write_text(fill_counts(text, counts), encoding="utf-8")
        else:
            target.write_text(generated.text, encoding="utf-8")
    index = docs / folder / "index.md"
    text = index.read_text(encoding="utf-8")
    filled = page_body(library, "", text, href_from(f"{folder}/index.md"))
    index.write_text(fill_counts(filled, counts), encoding="utf-8")


def _copy_shared(overrides: Path, out: Path) -> None:
    for template in SHARED_TEMPLATES:
        target = out / "overrides" / template
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(overrides / template, target)
    assets = out / "docs" / ASSET_DIR
    assets.mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        shutil.copyfile(ASSET_SOURCE / name, assets / name)


def _fix_zensical_templates(overrides: Path) -> list[Problem]:
    """Material's markup fixes that Zensical's templates need too, made in Zensical's own
    partials (themefix.overrides: the same edits, checked the same way); Zensical's search
    dialog already has its name."""
    import importlib.util

    from themefix.overrides import OVERRIDES, fixed, header

    spec = importlib.util.find_spec("zensical")
    templates = Path(spec.origin).parent / "templates" if spec and spec.origin else None
    problems = []
    for override in OVERRIDES:
        if override.template not in ZENSICAL_FIXES:
            continue
        source = templates / override.template if templates else None
        if source is None or not source.is_file():
            problems.append(Problem("zensical", None, f"{override.fix}: Zensical has no "
                                                      f"{override.template} to fix"))
            continue
        text, found = fixed(override, source.read_text(encoding="utf-8"))
        problems += [Problem("zensical", None, problem.message.replace("Material", "Zensical"))
                     for problem in found]
        if text is not None:
            target = overrides / override.template
            target.parent.mkdir(parents=True, exist_ok=True)
            ours = ("{#- Written by citekit.site_pass: Zensical's " + override.template +
                    " with the fix '" + override.fix + "' of hooks/themefix/overrides.py. -#}\n")
            target.write_text(ours + text[len(header(override)):], encoding="utf-8")
    return problems


def _write_config(root: Path) -> None:
    css = [f"{ASSET_DIR}/{name}" for name in ASSETS if name.endswith(".css")]
    js = [f"{ASSET_DIR}/{name}" for name in ASSETS if name.endswith(".js")]
    config = {
        "INHERIT": "../mkdocs.yml",
        "docs_dir": "zensical/docs",
        "site_dir": "zensical/site",
        "theme": {"custom_dir": "zensical/overrides"},
        "extra_css": css,
        "extra_javascript": js,
        "markdown_extensions": [{"citekit.markdown_ext": {"bibliography": BIB_FILE, "docs_dir": "docs"}},
                                # the checkbox names MkDocs gets from hooks/accessibility.py
                                {"themefix.markdown_ext": {"docs_dir": "docs"}}],
    }
    header = ("# Written by `python -m citekit.site_pass` (make build-zensical): mkdocs.yml for\n"
              "# Zensical, with the pages and templates it needs. Do not edit; do not commit.\n")
    (root / CONFIG).write_text(header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                               encoding="utf-8")


def main(argv: list[str]) -> int:
    root = Path(argv[1] if len(argv) > 1 else ".").resolve()
    report = run(root)
    for problem in report.problems:
        print(f"ERROR   -  {problem}", file=sys.stderr)
    if report.problems:
        count = len(report.problems)
        print(f"ERROR   -  build stopped: {count} bibliography and citation problem"
              f"{'s' if count != 1 else ''} (listed above)", file=sys.stderr)
        return 1
    print(f"INFO    -  {report.pages} pages and {report.works} works read; the Zensical project is "
          f"in {OUT} (config: {CONFIG})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
