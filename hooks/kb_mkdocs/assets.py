"""The core's stylesheets and scripts (citekit/assets/) in every page, with nothing to add to
the site's mkdocs.yml or docs/."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.structure.files import File

from citekit.assets import SOURCE, TARGET

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def link_assets(config: MkDocsConfig, names: tuple[str, ...]) -> None:
    """In on_config: put the assets in every page's <head> (CSS) or at its end (JS)."""
    for name in names:
        uri = f"{TARGET}/{name}"
        target = config.extra_css if name.endswith(".css") else config.extra_javascript
        if uri not in [str(item) for item in target]:
            target.append(uri)


def add_asset_files(files: Files, config: MkDocsConfig, names: tuple[str, ...]) -> None:
    """In on_files: copy the assets into the site."""
    for name in names:
        files.append(File.generated(config, f"{TARGET}/{name}", abs_src_path=str(SOURCE / name)))
