"""The offline build on Zensical (OFFLINE=true): a site that works opened from disk, with
no request to any host.

Zensical has Material's offline plugin built in, and reads its `enabled` from mkdocs.yml:
it turns off directory URLs and, like Material's, adds the iframe-worker shim (which search
needs under file://) from unpkg.com unless an iframe-worker polyfill is already listed. As
the MkDocs plugin does (kb_mkdocs.offline), the pass lists the shim from the pinned npm
package and copies it into the pages, so nothing is fetched from a CDN."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from citekit.model import Problem

# The same file and address as kb_mkdocs.offline's, so both engines' offline sites match.
SHIM = Path("node_modules") / "iframe-worker" / "shim" / "index.js"  # in the project root
SHIM_URI = "assets/javascripts/iframe-worker-shim.js"


def offline_enabled(config: dict[str, Any]) -> bool:
    """Whether mkdocs.yml's offline plugin is on (`enabled: !ENV [OFFLINE, false]`)."""
    for item in config.get("plugins") or []:
        name, options = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        if name in ("offline", "material/offline"):
            return bool((options or {}).get("enabled", True))
    return False


def add_offline_shim(root: Path, docs: Path) -> list[Problem]:
    """Copy the shim into the pages Zensical builds; the problem if it is not installed."""
    source = root / SHIM
    if not source.is_file():
        return [Problem(SHIM.as_posix(), None,
                        "the offline build needs the iframe-worker shim: run `npm ci` (or `make offline`) first")]
    target = docs / SHIM_URI
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return []
