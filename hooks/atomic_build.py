"""MkDocs hook: `mkdocs build` writes into a staging folder beside `site_dir` and swaps it in
only when the whole build has succeeded, so a failed build never leaves a half-written or
empty site behind. (MkDocs itself empties `site_dir` before it has read a single page.)
`mkdocs serve` builds into its own temporary folder and is left alone."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.plugins.atomic_build")
_enabled = False
_target: str | None = None
_staging: str | None = None


def on_startup(*, command: str, dirty: bool, **kwargs) -> None:
    global _enabled
    _enabled = command == "build" and not dirty


# Before any plugin reads site_dir.
@event_priority(100)
def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    global _target, _staging
    if not _enabled:
        return config
    _target = os.path.abspath(config.site_dir)
    parent = os.path.dirname(_target)
    os.makedirs(parent, exist_ok=True)
    # Same folder as the target, so the final swap is a rename on one file system.
    _staging = tempfile.mkdtemp(prefix=f".{os.path.basename(_target)}-building-", dir=parent)
    config.site_dir = _staging
    return config


# After every other post-build step (search index, PDF) has written its files.
@event_priority(-100)
def on_post_build(*, config: MkDocsConfig, **kwargs) -> None:
    global _staging
    if not _enabled or _staging is None:
        return
    previous = None
    if os.path.exists(_target):
        previous = tempfile.mkdtemp(prefix=f".{os.path.basename(_target)}-old-",
                                    dir=os.path.dirname(_target))
        os.rmdir(previous)
        os.rename(_target, previous)
    os.rename(_staging, _target)
    os.chmod(_target, 0o755)
    config.site_dir = _target
    _staging = None
    if previous:
        shutil.rmtree(previous, ignore_errors=True)


def on_build_error(*, error: Exception, **kwargs) -> None:
    global _staging
    if _staging is not None:
        shutil.rmtree(_staging, ignore_errors=True)
        _staging = None
