"""The project as Zensical sees it: mkdocs.yml read as both engines read it, and the config
that points Zensical at the pass's output (build/zensical.yml)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from book import PDF_PATH
from citekit.assets import CITATION_ASSETS, INDEX_ASSETS, SEARCH_ASSETS
from citekit.assets import TARGET as ASSET_DIR

from .offline import SHIM_URI

OUT = Path("build") / "zensical"
CONFIG = Path("build") / "zensical.yml"


def building_config(staging: Path) -> Path:
    """The config of a build in progress (kb_zensical.build), which builds into its staging
    folder: one per staging folder, so two builds (the site and the offline site) can run
    at once."""
    return CONFIG.parent / f".zensical{staging.name}.yml"
# The stylesheets and scripts the MkDocs plugin adds to every page.
ASSETS = CITATION_ASSETS + INDEX_ASSETS + SEARCH_ASSETS
SHIM = "kb_zensical.markdown_ext"


class _Loader(yaml.Loader):
    """mkdocs.yml names Python objects (`!!python/object/apply`): a full loader, with `!ENV`."""


_Loader.add_constructor("!ENV", construct_env_tag)


def read_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml, read as both engines read it (environment variables, Python tags)."""
    with open(path, encoding="utf-8") as file:
        return yaml.load(file, Loader=_Loader) or {}  # noqa: S506 (the project's own file)


def markdown_extensions(config: dict) -> tuple[list[str], dict[str, dict]]:
    """The names and options of mkdocs.yml's Markdown extensions."""
    names: list[str] = []
    options: dict[str, dict] = {}
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, dict):
            for name, value in item.items():
                names.append(name)
                options[name] = value or {}
        else:
            names.append(item)
    return names, options


def shim_options(bibliography: str, docs_dir: str) -> dict[str, str]:
    return {"bibliography": bibliography, "docs_dir": docs_dir}


def default_nav(sources: list[str]) -> list:
    """The navigation MkDocs makes for a site whose mkdocs.yml has none (its `nest_paths`):
    the pages in order of their paths, an index first, each folder a section titled by its
    name. Zensical would list the research index's generated pages too, which MkDocs' plugin
    keeps out of the navigation."""
    def order(src: str) -> tuple:
        parts = src.split("/")
        return (*parts[:-1], "" if parts[-1] == "index.md" else parts[-1])

    nav: list = []
    for src in sorted(sources, key=order):
        branch = nav
        for folder in src.split("/")[:-1]:
            title = folder.replace("-", " ").replace("_", " ")
            title = title.capitalize() if title.lower() == title else title
            section = next((item for item in branch if isinstance(item, dict) and title in item), None)
            if section is None:
                section = {title: []}
                branch.append(section)
            branch = section[title]
        branch.append(src)
    return nav


def write_config(root: Path, options: dict[str, str], site_dir: Path | None = None,
                 offline: bool = False, pdf: bool = False, file: Path = CONFIG,
                 nav: list | None = None) -> None:
    """build/zensical.yml (or `file`): the site into `site_dir` (default
    build/zensical/site; a folder inside build/, where Zensical wants it), with the offline
    shim listed if `offline`, the link to the PDF on every page if `pdf`, and `nav` (for a
    site whose mkdocs.yml has none: default_nav)."""
    css = [f"{ASSET_DIR}/{name}" for name in ASSETS if name.endswith(".css")]
    js = [f"{ASSET_DIR}/{name}" for name in ASSETS if name.endswith(".js")]
    config = {
        "INHERIT": "../mkdocs.yml",
        "docs_dir": "zensical/docs",
        "site_dir": os.path.relpath(site_dir, root / CONFIG.parent) if site_dir else "zensical/site",
        "theme": {"custom_dir": "zensical/overrides"},
        "extra_css": css,
        "extra_javascript": js,
        "markdown_extensions": [{SHIM: options}],
    }
    if nav is not None:
        config["nav"] = nav
    extra: dict[str, Any] = {}
    if offline:
        extra["polyfills"] = [SHIM_URI]
    if pdf:
        extra["pdf_path"] = PDF_PATH  # the templates link to the PDF from every page
    if extra:
        config["extra"] = extra
    header = ("# Written by `python -m kb_zensical` (make build-zensical): mkdocs.yml for\n"
              "# Zensical, with the pages and templates it needs. Do not edit; do not commit.\n")
    (root / file).write_text(header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                               encoding="utf-8")
