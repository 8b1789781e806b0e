"""Strict builds whatever the verbosity, under MkDocs and under ProperDocs (its fork, which
runs this plugin through its `mkdocs.*` alias and logs under 'properdocs').

The engine counts a strict build's warnings with a handler on its top logger ('mkdocs' or
'properdocs'), so a warning counts only if it is logged at the current level:

- `-q` raises that logger to ERROR, so no warning is ever counted and `mkdocs build --strict
  -q` passes a page the same build without `-q` refuses (MkDocs issue 4126). In a strict
  build a warning fails the build, so it is no longer a warning to silence: the logger is
  kept at WARNING, and the build says why it failed.
- `-v` makes MkDocs 1.6.1 skip the collection of links to anchors (it asks its pages
  logger whether DEBUG is on), so broken anchors pass (MkDocs issue 3991; ProperDocs has
  fixed it). In a strict build that logger stays at INFO: its debug lines are the price.

The plugin counts warnings itself, on the engine's top logger (which logger that is, is read
from the `mkdocs` module, which under ProperDocs is ProperDocs'), and also reads the engine's
own counter where it finds one: a warning logged before this plugin's on_config ran is in
that one only. The atomic build publishes only if both say none.
"""

from __future__ import annotations

import logging

import mkdocs
from mkdocs.utils import CountHandler

__all__ = ["ENGINE", "StrictCount"]
# 'mkdocs', or 'properdocs' (ProperDocs puts its own module in place of `mkdocs`)
ENGINE = mkdocs.__name__


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class StrictCount:
    """The warnings of the strict build in progress, counted whatever the verbosity."""

    def __init__(self, engine: str = ENGINE) -> None:
        self.engine = engine
        self.counter: _Counter | None = None
        self.levels: dict[str, int] = {}  # logger -> its level before the build changed it

    def start(self, strict: bool) -> None:
        """At on_config: count from here on (a new count for each build of `mkdocs serve`)."""
        self.stop()
        if not strict:
            return
        top = logging.getLogger(self.engine)
        self.counter = _Counter()
        top.addHandler(self.counter)
        if top.getEffectiveLevel() > logging.WARNING:  # -q
            self._set(top, logging.WARNING)
        pages = logging.getLogger(f"{self.engine}.structure.pages")
        if pages.getEffectiveLevel() <= logging.DEBUG:  # -v
            self._set(pages, logging.INFO)

    def warnings(self) -> int:
        """The warnings counted by this plugin or by the engine since the build started."""
        own = self.counter.count if self.counter is not None else 0
        engines = [sum(count for _, count in handler.get_counts())
                   for handler in logging.getLogger(self.engine).handlers
                   if isinstance(handler, CountHandler)]
        return max([own, *engines])

    def stop(self) -> None:
        """At on_shutdown (and before the next build): the loggers as the command line set them."""
        if self.counter is not None:
            logging.getLogger(self.engine).removeHandler(self.counter)
            self.counter = None
        for name, level in self.levels.items():
            logging.getLogger(name).setLevel(level)
        self.levels.clear()

    def _set(self, logger: logging.Logger, level: int) -> None:
        self.levels.setdefault(logger.name, logger.level)
        logger.setLevel(level)
