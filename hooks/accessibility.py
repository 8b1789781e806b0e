"""MkDocs hook: the fixes that Material's HTML needs to meet WCAG 2.1 AA (measured with axe in
tests/test_browser_site.py). The fixes live in `themefix`, which knows nothing of MkDocs:
- in Material's templates, overridden in overrides/partials/: the search dialog's name and
  the navigation sections' names; checked here, at the start of every build, against the
  installed Material, so an upgrade that changes those partials is reported, not masked;
- in every page's content: the names of task-list checkboxes.
Where a fix cannot apply it says so as a warning, which fails a strict build.
(Code blocks that would scroll sideways, and so need keyboard focus, wrap instead: see
docs/stylesheets/site.css.)
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

import material
from mkdocs.plugins import event_priority

from themefix.overrides import OVERRIDES, check
from themefix.tasklist import name_checkboxes

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.accessibility")
MATERIAL_TEMPLATES = Path(material.__file__).resolve().parent / "templates"


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    custom_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else root / "overrides"
    for override in OVERRIDES:
        ours = custom_dir / override.template
        problems = check(override, _read(MATERIAL_TEMPLATES / override.template), _read(ours))
        for problem in problems:
            log.warning(problem.located(os.path.relpath(ours, root)))
    return config


# Last, so that it reads the content as every other hook left it.
@event_priority(-100)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, **kwargs) -> str:
    html, problems = name_checkboxes(html)
    if problems:
        location = (os.path.relpath(page.file.abs_src_path, Path(config.config_file_path).parent)
                    if page.file.abs_src_path else f"{page.file.src_uri} (generated)")
        for problem in problems:
            log.warning(problem.located(location))
    return html


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
