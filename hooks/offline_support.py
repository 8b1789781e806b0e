"""MkDocs hook: make Material's offline build (OFFLINE=true) work with no network at all.

Material's offline plugin loads the iframe-worker shim, which search needs under file://,
from unpkg.com, so search dies without a network. We serve the shim from the pinned npm
package instead (package.json; `npm ci` puts it in node_modules), and the plugin, seeing an
iframe-worker polyfill already listed, adds no CDN URL."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from guard import guarded

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

SHIM_SOURCE = Path(__file__).resolve().parent.parent / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_URI = "assets/javascripts/iframe-worker-shim.js"


def offline_enabled(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


# Before the offline plugin's on_config, which would add the CDN URL.
@event_priority(100)
@guarded
def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    if offline_enabled(config):
        polyfills = config.extra.setdefault("polyfills", [])
        if SHIM_URI not in polyfills:
            polyfills.insert(0, SHIM_URI)
    return config


@guarded
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if offline_enabled(config):
        if not SHIM_SOURCE.is_file():
            raise PluginError(f"the offline build needs {SHIM_SOURCE.relative_to(SHIM_SOURCE.parents[3])}: "
                              "run `npm ci` (or `make offline`) first")
        files.append(File.generated(config, SHIM_URI, abs_src_path=str(SHIM_SOURCE)))
    return files
