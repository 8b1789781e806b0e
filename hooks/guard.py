"""A guard for the hooks' event handlers: an unexpected exception (a bug, or input nobody
foresaw) never shows the writer a traceback, never stops `mkdocs serve` and never makes it
hang ("the server will appear stuck"), and never passes silently.

- `mkdocs build`: the exception becomes a PluginError whose message names the hook, the event
  and the page, so the build stops with one readable line.
- `mkdocs serve`: the error is logged, the page being built says so at its top, and the build
  goes on with the page as it was, so the server keeps answering and recovers on the next save.
"""

from __future__ import annotations

import functools
import logging
import os
from typing import Callable

from mkdocs.exceptions import Abort, PluginError

import bibstate

log = logging.getLogger("mkdocs.plugins.guard")
# The events whose first argument is what the handler returns, changed or not.
_PASSING = {"on_config", "on_files", "on_nav", "on_env", "on_page_markdown", "on_page_content",
            "on_post_page", "on_page_context", "on_post_template", "on_serve"}
_PAGE_TEXT = {"on_page_markdown": "!!! failure \"Feil under byggingen\"\n    {}\n\n",
              "on_page_content": '<p class="kb-build-error" role="alert">{}</p>\n'}


def guarded(handler: Callable) -> Callable:
    # MkDocs names a hook module after its path in mkdocs.yml; the file's own name reads better
    module = os.path.basename(handler.__code__.co_filename)
    event = handler.__name__

    @functools.wraps(handler)
    def run(*args, **kwargs):
        try:
            return handler(*args, **kwargs)
        except (PluginError, Abort):
            raise
        except Exception as error:  # noqa: BLE001 (reported here, with its place)
            page, state = kwargs.get("page"), bibstate.current()
            where = f" for {state.location(page.file)}" if page and state else ""
            message = (f"hooks/{module} failed in {event}{where}: "
                       f"{type(error).__name__}: {error}")
            if not bibstate.serving:
                raise PluginError(f"{message} (a bug in the hooks: please report it)") from error
            log.error(f"{message}; the page is served without that step")
            passed = args[0] if args else None
            if event in _PAGE_TEXT and isinstance(passed, str):
                return _PAGE_TEXT[event].format(message.replace("<", "&lt;")) + passed
            return passed if event in _PASSING else None
    return run
