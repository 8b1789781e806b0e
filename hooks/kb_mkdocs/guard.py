"""The guard around the plugin's event handlers: an unexpected exception (a bug, or input
nobody foresaw) never shows the writer a traceback, never stops `mkdocs serve` or makes it
hang ("the server will appear stuck"), and never passes silently.

- `mkdocs build`: the exception becomes a PluginError naming the event and the page, so the
  build stops with one readable line.
- `mkdocs serve`: the error is logged, the page being built says so at its top, and the build
  goes on with the page as it was, so the server keeps answering and recovers on the next save.

It needs nothing but the object whose handlers it guards: its `serving` flag and how it names
a page (`where(page)`); it imports nothing of the citation stack.
"""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from mkdocs.exceptions import Abort, PluginError

__all__ = ["Guarded", "guarded"]
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
    message = (f"the kunnskapsbase plugin failed in {event}{f' for {where}' if where else ''}: "
               f"{type(error).__name__}: {error}")
    if not owner.serving:
        raise PluginError(f"{message} (a bug in the plugin: please report it)") from error
    log.error(f"{message}; the page is served without that step")
    passed = args[0] if args else None
    if event in _PAGE_TEXT and isinstance(passed, str):
        return _PAGE_TEXT[event].format(html.escape(message)) + passed
    return passed if event in _PASSING else None
