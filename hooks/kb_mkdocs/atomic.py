"""Atomic builds: `mkdocs build` writes into a staging folder beside `site_dir` and swaps it
in only when the whole build has succeeded, strict check included, so a failed or
interrupted build leaves the last good site as it was. (MkDocs itself empties `site_dir`
before it has read a single page.) The folders and their locks are `buildkit.staging`'s;
this module says when. `mkdocs serve` and `mkdocs build --dirty` are left alone.

- A build that fails (an exception, or warnings in strict mode) discards its staging folder.
- Ctrl-C and SIGTERM (and SIGHUP, a closed terminal) end the build through Python's
  exception handling, so the staging folder is discarded on the way out. Ctrl-C exits with
  1 ("Aborted!", as MkDocs' command line does); SIGTERM and SIGHUP with 128 + the signal's
  number (143, 129), as shells report a process a signal ended.
- A build killed outright (SIGKILL, a power cut) leaves its folder, which the next build
  removes: see buildkit/staging.py for how it tells a dead build's folder from a running one's.

The signal handlers are process-wide: they are replaced only for a build, only where nobody
chose otherwise, and put back at on_shutdown.
"""

from __future__ import annotations

import logging
import signal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler

from buildkit.staging import Staging

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.plugins.kunnskapsbase")
_STOPPING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def _stop(number: int, frame: Any) -> None:
    """Unwind the build as Ctrl-C does, so that on_shutdown discards the staging folder."""
    raise SystemExit(128 + number)


class AtomicBuild:
    """The staging folder of the build in progress, and the signal handlers it replaced."""

    def __init__(self) -> None:
        self.enabled = False
        self.staging: Staging | None = None
        self.replaced_handlers: dict[int, Any] = {}

    def start(self, command: str, dirty: bool) -> None:
        """At on_startup."""
        self.enabled = command == "build" and not dirty
        if not self.enabled:
            return
        for number in _STOPPING_SIGNALS:
            # Only where nobody chose otherwise: `nohup` ignores SIGHUP, an embedding program
            # may have its own handler.
            if signal.getsignal(number) is signal.SIG_DFL:
                self.replaced_handlers[number] = signal.signal(number, _stop)

    def claim(self, config: MkDocsConfig) -> None:
        """At on_config, before anything reads site_dir: build into a staging folder."""
        if not self.enabled:
            return
        target = Path(config.site_dir).absolute()
        try:
            self.staging, removed = Staging.claim(target)
        except OSError as error:
            raise PluginError(f"atomic build: cannot make a folder to build in beside "
                              f"{target}: {error.strerror}") from error
        for path in removed:
            log.info(f"removed {path.name}, left behind by a build that was stopped")
        config.site_dir = str(self.staging.path)

    def publish(self, config: MkDocsConfig) -> None:
        """At on_post_build, after every other step has written its files."""
        if self.staging is None or _fails_strict_check(config):
            # MkDocs raises its strict abort as soon as this returns; on_build_error discards.
            return
        try:
            self.staging.publish()
        except OSError as error:
            raise PluginError(f"atomic build: cannot put the new site in place of "
                              f"{self.staging.target}: {error.strerror}") from error
        config.site_dir = str(self.staging.target)
        self.staging = None

    def failed(self) -> None:
        """At on_build_error."""
        if self.staging is not None:
            target = self.staging.target
            self.discard()
            if target.is_dir():
                log.info(f"the last good site, {target.name}/, is left as it was")

    def shutdown(self) -> None:
        """At on_shutdown: Ctrl-C and SIGTERM are no Exception, so MkDocs skips on_build_error."""
        self.discard()
        for number, handler in self.replaced_handlers.items():
            signal.signal(number, handler)
        self.replaced_handlers.clear()

    def discard(self) -> None:
        if self.staging is not None:
            self.staging.discard()
            self.staging = None


def _fails_strict_check(config: MkDocsConfig) -> bool:
    """Whether MkDocs will stop the build for its warnings right after on_post_build.

    MkDocs counts warnings with a CountHandler on the 'mkdocs' logger and reads it straight
    after the on_post_build handlers. The publishing step runs last (priority -100), so
    nothing is logged between this look and MkDocs' own, and reading the same counter gives
    the answer MkDocs is about to give. Swapping later, in on_shutdown, would need no counter,
    but on_shutdown is only called by MkDocs' command line and is "best effort" by its own
    documentation, and counting warnings ourselves would be a second copy of MkDocs' rule."""
    if not config.strict:
        return False
    # ProperDocs, MkDocs' maintained fork, counts on its own logger ('properdocs').
    counters = [h for name in ("mkdocs", "properdocs") for h in logging.getLogger(name).handlers
                if isinstance(h, CountHandler)]
    if not counters:
        raise PluginError("atomic build: MkDocs' strict-mode warning counter was not found "
                          "(has MkDocs changed?), so it cannot tell whether the build will "
                          "pass; the site folder is left as it was")
    return any(counter.get_counts() for counter in counters)
