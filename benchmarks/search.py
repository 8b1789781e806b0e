"""Search benchmark: does the page that answers a reader's query come first?

Builds the real site with each engine (or takes built sites), types every query of
benchmarks/search_queries.yml into the site's own search box in headless Chromium, and reports
top-1, top-3 and mean reciprocal rank (over the first ten pages shown), with the search
index's size and the build's time.

    python benchmarks/search.py                      # both engines, fresh builds
    python benchmarks/search.py --engines mkdocs --site-mkdocs /tmp/site
    python benchmarks/search.py --builds 5           # time five builds per engine
    PYTHONPATH=../old/hooks python benchmarks/search.py --root ../old   # another checkout
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

import search_ui

ROOT = Path(__file__).resolve().parent.parent
QUERIES = Path(__file__).resolve().parent / "search_queries.yml"
DEPTH = 10  # pages read from the result list
TARGET_TOP3 = 0.90
INDEX_FILES = {"mkdocs": "search/search_index.json", "zensical": "search.json"}


@dataclass(frozen=True)
class Query:
    query: str
    kind: str
    pages: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    query: Query
    shown: tuple[str, ...]  # the pages shown, in order

    @property
    def rank(self) -> int | None:
        """The place of the first page that answers, counted from 1; None if none is shown."""
        for place, page in enumerate(self.shown[:DEPTH], 1):
            if page in self.query.pages:
                return place
        return None


@dataclass(frozen=True)
class Score:
    top1: float
    top3: float
    mrr: float
    count: int


def load_queries(path: Path = QUERIES) -> list[Query]:
    return [Query(item["query"], item["kind"], tuple(item["pages"]))
            for item in yaml.safe_load(path.read_text(encoding="utf-8"))]


def score(outcomes: list[Outcome]) -> Score:
    ranks = [o.rank for o in outcomes]
    count = len(ranks)
    return Score(sum(r == 1 for r in ranks) / count, sum(r is not None and r <= 3 for r in ranks) / count,
                 sum(1 / r for r in ranks if r) / count, count)


def new_browser():
    """The tests' headless Chromium (Debian's, never a download), from tests/conftest.py."""
    spec = importlib.util.spec_from_file_location("kb_tests_conftest", ROOT / "tests" / "conftest.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module.new_browser()


def run_queries(site: Path, engine: str, queries: list[Query], driver=None) -> list[Outcome]:
    own = driver is None
    driver = driver or new_browser()
    try:
        with search_ui.serve(site) as base:
            return [Outcome(q, tuple(search_ui.pages(search_ui.search(driver, base, engine, q.query))))
                    for q in queries]
    finally:
        if own:
            driver.quit()


def build(engine: str, out: Path, root: Path = ROOT) -> tuple[Path, float]:
    """Build the site at `root` with `engine`; the site folder and the wall time in seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_PDF": "false"}
    started = time.perf_counter()
    if engine == "mkdocs":
        site = out / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                       cwd=root, env=env, check=True, capture_output=True)
    else:
        subprocess.run([sys.executable, "-m", "kb_zensical", "."], cwd=root, env=env, check=True,
                       capture_output=True)
        subprocess.run([str(Path(sys.executable).parent / "zensical"), "build", "--clean", "-f",
                        "build/zensical.yml"], cwd=root, env=env, check=True, capture_output=True)
        site = root / "build" / "zensical" / "site"
    return site, time.perf_counter() - started


def index_size(site: Path, engine: str) -> tuple[int, int, int]:
    """The search index: bytes on disk, sections, and characters of title and text."""
    path = site / INDEX_FILES[engine]
    data = json.loads(path.read_text(encoding="utf-8"))
    docs = data.get("docs") or data.get("items") or []
    return path.stat().st_size, len(docs), sum(len(d["title"]) + len(d["text"]) for d in docs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", nargs="+", default=list(search_ui.ENGINES), choices=search_ui.ENGINES)
    parser.add_argument("--site-mkdocs", type=Path, help="a built MkDocs site to use instead of building")
    parser.add_argument("--site-zensical", type=Path, help="a built Zensical site to use instead of building")
    parser.add_argument("--builds", type=int, default=3, help="builds timed per engine (default 3)")
    parser.add_argument("--json", type=Path, help="write every query's outcome here")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the project to build (another checkout, to compare; put its hooks/ "
                             "first on PYTHONPATH)")
    args = parser.parse_args(argv)
    queries = load_queries()
    report, failed = {}, False
    with tempfile.TemporaryDirectory(prefix="kb-search-bench-") as tmp:
        for engine in args.engines:
            given = getattr(args, f"site_{engine}")
            times = []
            if given:
                site = given
            else:
                for number in range(args.builds):
                    site, seconds = build(engine, Path(tmp) / f"{engine}-{number}", args.root.resolve())
                    times.append(seconds)
            outcomes = run_queries(site, engine, queries)
            result = score(outcomes)
            size, sections, chars = index_size(site, engine)
            report[engine] = {"outcomes": [{"query": o.query.query, "kind": o.query.kind, "rank": o.rank,
                                            "shown": list(o.shown[:5])} for o in outcomes],
                              "top1": result.top1, "top3": result.top3, "mrr": result.mrr,
                              "index_bytes": size, "sections": sections, "index_chars": chars,
                              "build_seconds": times}
            for o in outcomes:
                if o.rank is None or o.rank > 3:
                    print(f"{engine}: {o.query.query!r} ({o.query.kind}): rank {o.rank or '-'}; "
                          f"shown {', '.join(o.shown[:3]) or 'nothing'}; expected {', '.join(o.query.pages)}")
            timing = (f"; build best {min(times):.2f} s, median {sorted(times)[len(times) // 2]:.2f} s"
                      if times else "")
            print(f"RESULT {engine}: {result.count} queries, top-1 {result.top1:.0%}, top-3 {result.top3:.0%}, "
                  f"MRR {result.mrr:.2f}; index {size:,} bytes, {sections} sections, {chars:,} characters{timing}")
            failed |= result.top3 < TARGET_TOP3
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
