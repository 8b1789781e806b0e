"""The fixes that Material's HTML needs to meet WCAG 2.1 AA (measured with axe in
tests/test_browser_site.py). The fixes live in `themefix`, which knows no site generator:
- in Material's templates, overridden in overrides/partials/: the search dialog's name, the
  navigation sections' names, the footer's language; checked here, at the start of every
  build, against the installed Material, so an upgrade that changes those partials is
  reported, not masked;
- in every page's Markdown: the names of task-list checkboxes (themefix.markdown_ext, the
  same extension Zensical runs).
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

from themefix.markdown_ext import TaskListNamesExtension
from themefix.overrides import OVERRIDES, check

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from citekit.model import Problem

    from .state import BuildState

log = logging.getLogger("mkdocs.plugins.kunnskapsbase")
MATERIAL_TEMPLATES = Path(material.__file__).resolve().parent / "templates"


def configure(state: BuildState, config: MkDocsConfig) -> None:
    extension = TaskListNamesExtension()
    extension.page_location = lambda md: state.page_location()
    extension.on_problems = _warn
    config.markdown_extensions = [e for e in config.markdown_extensions
                                  if not isinstance(e, TaskListNamesExtension)] + [extension]


def check_overrides(state: BuildState, config: MkDocsConfig) -> None:
    custom_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else state.root / "overrides"
    for override in OVERRIDES:
        ours = custom_dir / override.template
        location = Path(os.path.relpath(ours, state.root)).as_posix()
        _warn(check(override, _read(MATERIAL_TEMPLATES / override.template), _read(ours), location))


def _warn(problems: list[Problem]) -> None:
    for problem in problems:
        log.warning(str(problem))


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
