"""Search that finds inflected Norwegian words and the parts of compounds.

Material's search worker loads lunr's Norwegian support from
`assets/javascripts/lunr/min/lunr.no.min.js`. We serve that file with a small extension of
lunr's search pipeline appended (citekit/assets/lunr-no-prefix-stemming.js; why, is said
there), so "lønnstilskuddet" finds "lønnstilskudd" and "avtale" finds "samarbeidsavtale".
Nothing else of the theme changes, and the search runs entirely in the reader's browser."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from citekit.assets import SEARCH_ASSETS, SEARCH_EXTENSION
from searchkit import query_script

from .assets import add_asset_files, link_assets

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.plugins.kunnskapsbase")
LUNR_NO = "assets/javascripts/lunr/min/lunr.no.min.js"


def configure(config: MkDocsConfig) -> None:
    """The hint shown when a search finds nothing (searchkit's assets)."""
    link_assets(config, SEARCH_ASSETS)


def extend_lunr(files: Files, config: MkDocsConfig) -> None:
    theme_file = files.get_file_from_path(LUNR_NO)
    if theme_file is None:
        raise PluginError(f"Norwegian search: the theme has no {LUNR_NO}; is the search "
                          'plugin set to lang: ["no"]?')
    # The sector's words and the engine-neutral query functions, then the lunr pipeline step.
    script, problems = query_script(Path(config.config_file_path).parent)
    for problem in problems:
        log.warning(str(problem))
    content = (theme_file.content_string + "\n" + script
               + SEARCH_EXTENSION.read_text(encoding="utf-8"))
    files.remove(theme_file)
    files.append(File.generated(config, LUNR_NO, content=content))
    add_asset_files(files, config, SEARCH_ASSETS)
