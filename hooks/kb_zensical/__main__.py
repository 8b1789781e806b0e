"""`python -m kb_zensical [PROJECT_ROOT]`: the whole-site pass (kb_zensical.site_pass).

Whatever stops the pass ends as located lines and exit status 1, as `mkdocs build` ends, never
as a traceback: the pages' and the bibliography's problems (the pass's report), a build for
publishing without its address (buildkit.publishing), a file that is not UTF-8, the machine's
own failures (a full disk), and a bug, named as one.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from buildkit.publishing import publishing_problem

from .project import read_config
from .site_pass import main


def run(argv: list[str], command: Callable[[list[str]], int] = main) -> int:
    """`command` (the pass, or the whole build: kb_zensical.build) with the checks and the
    one-line failures every Zensical route shares."""
    root = Path(argv[1] if len(argv) > 1 and not argv[1].startswith("-") else ".").resolve()
    try:
        config = read_config(root / "mkdocs.yml")
        problem = publishing_problem(str(config.get("site_url") or ""), os.environ)
        if problem is not None:
            return _stop(problem)
        return command(argv)
    except UnicodeDecodeError as error:
        read = _file(error.__traceback__, root) or "a file of the site"
        data = error.object if isinstance(error.object, bytes) else b""
        line = data[: error.start].count(b"\n") + 1
        return _stop(f"{read}:{line}: not valid UTF-8 (byte 0x{data[error.start]:02x}); save "
                     f"the file as UTF-8" if error.start < len(data) else
                     f"{read}: not valid UTF-8; save the file as UTF-8")
    except OSError as error:
        named = error.filename2 if error.filename2 is not None else error.filename
        written = _shown(Path(os.fsdecode(named)), root) if named is not None else None
        reason = (error.strerror or str(error)).lower()
        return _stop(f"{f'{written}: ' if written else ''}{reason} (in the Zensical pass)")
    except Exception as error:  # noqa: BLE001 (a bug: one line, as the MkDocs plugin says it)
        failed = _file(error.__traceback__, root)
        return _stop(f"the Zensical pass failed{f' for {failed}' if failed else ''}: "
                     f"{type(error).__name__}: {error} (a bug in kb_zensical: please report it)")


def _stop(message: str) -> int:
    print(f"ERROR   -  {message}", file=sys.stderr)
    print("ERROR   -  build stopped: 1 problem (listed above)", file=sys.stderr)
    return 1


def _file(trace: TracebackType | None, root: Path) -> str | None:
    """The page or file the pass was working on when it failed: the innermost frame with a
    local `path` naming a file of the project (the pass reads page by page)."""
    found = None
    while trace is not None:
        path = trace.tb_frame.f_locals.get("path")
        if isinstance(path, Path) and path.is_file():
            found = _shown(path, root)
        trace = trace.tb_next
    return found


def _shown(path: Path, root: Path) -> str:
    path = path.absolute()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


if __name__ == "__main__":
    sys.exit(run(sys.argv))
