"""How the Zensical route's failures reach the writer: located lines and exit status 1, as
`mkdocs build` ends, never a traceback.

Under `zensical build`, our Markdown extension's exceptions (a page's problems: CitationError,
PageError; or a bug) cross Zensical's Rust core, which turns them into a RuntimeError whose
text is "Python error: <type>: <message>" followed by the Python traceback, and Zensical's
command line lets that RuntimeError end the process with a second traceback. No handler of
ours runs between the two, so kb_zensical.markdown_ext installs `excepthook` for Zensical's
process (not for anyone else's: it is installed only when Zensical loads the extension), and
it prints what the message says, located, and nothing of either traceback.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

__all__ = ["excepthook", "install", "print_problems", "zensical_failure"]
_PYTHON_ERROR = re.compile(r"^Python error: (?P<type>[A-Za-z_][\w.]*): ?(?P<message>.*)$", re.DOTALL)
# Our exceptions whose message lists a page's problems, one located line each after a summary.
_PROBLEMS = ("CitationError", "PageError")


def print_problems(problems: Sequence[object], after: str = "") -> None:
    """Each problem on its own located line, then the count, as `mkdocs build` ends; `after`
    says what was kept ("; site/ is left as it was")."""
    for problem in problems:
        print(f"ERROR   -  {problem}", file=sys.stderr)
    count = len(problems)
    print(f"ERROR   -  build stopped: {count} problem{'s' if count != 1 else ''} (listed above)"
          f"{after}", file=sys.stderr)


def zensical_failure(text: str) -> list[str] | None:
    """The lines to print for Zensical's RuntimeError text, or None if it is not one that
    carries a Python error (then Zensical's own report stands)."""
    found = _PYTHON_ERROR.match(text.strip())
    if found is None:
        return None
    kind = found["type"].rsplit(".", 1)[-1]
    message = found["message"].split("\nTraceback (most recent call last):", 1)[0].strip()
    summary, _, rest = message.partition("\n")
    listed = [line.strip() for line in rest.splitlines() if line.strip()]
    if kind in _PROBLEMS and listed:
        return [*listed, f"build stopped: {summary.rstrip(':')} (listed above)"]
    return [f"zensical stopped in the kunnskapsbase extension: {kind}: {message} "
            f"(a bug in kb_zensical: please report it)"]


def excepthook(kind: type[BaseException], error: BaseException,
               trace: TracebackType | None,
               previous: Callable[..., object] = sys.__excepthook__) -> None:
    lines = zensical_failure(str(error)) if isinstance(error, RuntimeError) else None
    if lines is None:
        previous(kind, error, trace)
        return
    for line in lines:
        print(f"ERROR   -  {line}", file=sys.stderr)


def install() -> None:
    """In Zensical's process only: its uncaught RuntimeError becomes located lines (exit 1).
    Once: the hook installed is a partial of `excepthook`, recognised as ours."""
    current = sys.excepthook
    if not _in_zensical() or getattr(current, "func", None) is excepthook:
        return
    sys.excepthook = functools.partial(excepthook, previous=current)


def _in_zensical() -> bool:
    """Whether this process is Zensical's command line (`zensical`, `python -m zensical`)."""
    program = Path(sys.argv[0] if sys.argv else "")
    return program.name == "zensical" or program.parent.name == "zensical"
