"""Zensical's search worker with our query script after it, as a template override: Zensical
takes the search language from theme.language and has no pipeline to extend, so the query is
rewritten inside its own worker (why and how: assets/zensical-query.js)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from citekit.model import Problem

from . import ZENSICAL_QUERY, query_script

WORKERS = Path("assets") / "javascripts" / "workers"


def zensical_worker() -> Path | None:
    """The search worker of the installed Zensical (its name carries a hash)."""
    spec = importlib.util.find_spec("zensical")
    if spec is None or not spec.origin:
        return None
    found = sorted((Path(spec.origin).parent / "templates" / WORKERS).glob("search.*.js"))
    return found[0] if len(found) == 1 else None


def write_search_worker(overrides: Path, root: Path) -> list[Problem]:
    """Write the extended worker under `overrides` (the custom_dir Zensical is given)."""
    worker = zensical_worker()
    if worker is None:
        return [Problem("zensical", None, f"Norwegian search: Zensical has no single {WORKERS}/search.*.js "
                                          "to extend; has its search changed?")]
    script, problems = query_script(root)
    target = overrides / WORKERS / worker.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(worker.read_text(encoding="utf-8") + "\n" + script
                      + ZENSICAL_QUERY.read_text(encoding="utf-8"), encoding="utf-8")
    return problems
