"""Search that finds inflected Norwegian words and the parts of compounds.

Material's search worker loads lunr's Norwegian support from
`assets/javascripts/lunr/min/lunr.no.min.js`. We serve that file with a small extension of
lunr's search pipeline appended (citekit/assets/lunr-no-prefix-stemming.js; why, is said
there), so "lønnstilskuddet" finds "lønnstilskudd" and "avtale" finds "samarbeidsavtale".
Nothing else of the theme changes, and the search runs entirely in the reader's browser."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from citekit.assets import SEARCH_EXTENSION

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

LUNR_NO = "assets/javascripts/lunr/min/lunr.no.min.js"


def extend_lunr(files: Files, config: MkDocsConfig) -> None:
    theme_file = files.get_file_from_path(LUNR_NO)
    if theme_file is None:
        raise PluginError(f"Norwegian search: the theme has no {LUNR_NO}; is the search "
                          'plugin set to lang: ["no"]?')
    content = theme_file.content_string + "\n" + SEARCH_EXTENSION.read_text(encoding="utf-8")
    files.remove(theme_file)
    files.append(File.generated(config, LUNR_NO, content=content))
