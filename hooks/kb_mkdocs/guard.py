"""The guard around the plugin's event handlers: an unexpected exception (a bug, or input
nobody foresaw) never shows the writer a traceback, never stops `mkdocs serve` or makes it
hang ("the server will appear stuck"), and never passes silently.

- `mkdocs build`: the exception becomes a PluginError naming the event and the page, so the
  build stops with one readable line.
- `mkdocs serve`: the error is logged, the page being built says so at its top, and the build
  goes on with the page as it was, so the server keeps answering and recovers on the next save.

It needs nothing but the object whose handlers it guards: its `serving` flag and how it names
a page (`where(page)`); it imports nothing of the citation stack.

An OSError (a full disk, a folder without write permission) is the machine's problem, not a
bug: it is said as one, naming the file. `engine_failure` words the errors raised in the
engine's own code, outside any handler (a page that is not UTF-8, a full disk while pages are
written), which the plugin's on_build_error reports instead of a traceback.
"""

from __future__ import annotations

import errno
import functools
import html
import logging
import os
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from mkdocs.exceptions import Abort, PluginError

__all__ = ["Guarded", "engine_failure", "guarded", "machine_problem"]
log = logging.getLogger("mkdocs.plugins.kunnskapsbase")
# The events whose first argument is what the handler returns, changed or not.
_PASSING = frozenset({"on_config", "on_files", "on_nav", "on_env", "on_page_markdown",
                      "on_page_content", "on_post_page", "on_page_context", "on_post_template",
                      "on_serve"})
_PAGE_TEXT = {"on_page_markdown": '!!! failure "Feil under byggingen"\n    {}\n\n',
              "on_page_content": '<p class="kb-build-error" role="alert">{}</p>\n'}
Handler = TypeVar("Handler", bound=Callable[..., Any])


class Guarded(Protocol):
    serving: bool

    def where(self, page: Any) -> str | None: ...


def guarded(event: str) -> Callable[[Handler], Handler]:
    """Guard a handler of `event` (a method of a `Guarded` object)."""
    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def run(owner: Guarded, *args, **kwargs):
            try:
                return handler(owner, *args, **kwargs)
            except (PluginError, Abort):
                raise
            except Exception as error:  # noqa: BLE001 (reported here, with its place)
                return _report(owner, event, error, args, kwargs)
        return run  # type: ignore[return-value]
    return decorate


def _report(owner: Guarded, event: str, error: Exception, args: tuple, kwargs: dict) -> Any:
    page = kwargs.get("page")
    where = owner.where(page) if page is not None else None
    if isinstance(error, OSError):
        message = machine_problem(error, f"the kunnskapsbase plugin's {event}"
                                         f"{f' for {where}' if where else ''}")
        if not owner.serving:
            raise PluginError(message) from error
    else:
        message = (f"the kunnskapsbase plugin failed in {event}{f' for {where}' if where else ''}: "
                   f"{type(error).__name__}: {error}")
    if not owner.serving:
        raise PluginError(f"{message} (a bug in the plugin: please report it)") from error
    log.error(f"{message}; the page is served without that step")
    passed = args[0] if args else None
    if event in _PAGE_TEXT and isinstance(passed, str):
        return _PAGE_TEXT[event].format(html.escape(message)) + passed
    return passed if event in _PASSING else None


def machine_problem(error: OSError, doing: str, path: str | None = None) -> str:
    """An OSError as the machine's problem: the file first (`path`, else the error's own: a
    copy's destination, filename2, before its source), what failed, and what was being done."""
    named = error.filename2 if error.filename2 is not None else error.filename
    where = path or (os.fspath(named) if named is not None else None)
    reason = (error.strerror or str(error)).lower()
    hint = "; free some space and build again" if error.errno in _FULL else ""
    return f"{f'{where}: ' if where else ''}{reason} (in {doing}){hint}"


def engine_failure(error: BaseException, reading: str | None, writing: str | None) -> str | None:
    """One located line for an error raised in the engine's own code, or None for one that
    is a bug (shown as the engine shows it). `reading`: the page being read ('docs/x.md'),
    `writing`: the file being written ('site/x/index.html'), as far as the plugin saw."""
    if isinstance(error, UnicodeDecodeError) and reading is not None:
        data = error.object if isinstance(error.object, bytes) else b""
        line = data[: error.start].count(b"\n") + 1
        byte = f"0x{data[error.start]:02x}" if error.start < len(data) else "?"
        return f"{reading}:{line}: not valid UTF-8 (byte {byte}); save the file as UTF-8"
    if isinstance(error, OSError):
        return machine_problem(error, "writing the site" if writing or error.filename else
                               "the build", None if error.filename is not None else writing)
    return None


_FULL = {errno.ENOSPC, errno.EDQUOT}
