"""Material's offline build (OFFLINE=true) with no network at all.

Material's offline plugin loads the iframe-worker shim, which search needs under file://,
from unpkg.com, so search dies without a network. We serve the shim from the pinned npm
package instead (package.json; `npm ci` puts it in node_modules), and the plugin, seeing an
iframe-worker polyfill already listed, adds no CDN URL."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

SHIM = Path("node_modules") / "iframe-worker" / "shim" / "index.js"  # in the project root
SHIM_URI = "assets/javascripts/iframe-worker-shim.js"


def offline_enabled(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def add_shim(config: MkDocsConfig) -> None:
    """In on_config, before the offline plugin's, which would add the CDN URL."""
    if offline_enabled(config):
        polyfills = config.extra.setdefault("polyfills", [])
        if SHIM_URI not in polyfills:
            polyfills.insert(0, SHIM_URI)


def add_files(files: Files, config: MkDocsConfig, root: Path) -> None:
    if offline_enabled(config):
        source = root / SHIM
        if not source.is_file():
            raise PluginError(f"the offline build needs {SHIM.as_posix()}: run `npm ci` (or `make offline`) first")
        files.append(File.generated(config, SHIM_URI, abs_src_path=str(source)))
