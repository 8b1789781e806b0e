"""`python -m kb_zensical.build [PROJECT_ROOT] [--site-dir build/zensical/site]`: the whole
Zensical build (`make build-zensical`), atomic as `mkdocs build` is.

The pass (kb_zensical.site_pass) checks every page and writes Zensical's project; Zensical
builds the site into a staging folder beside the site (buildkit.staging); the PDF is made
from the pages it wrote (kb_zensical.pdf; KB_PDF=false skips it); only then does the staging
folder take the site's place. A problem in a page, a failed Zensical, a failed PDF, Ctrl-C or
SIGTERM leave the last good site as it was and remove the staging folder; a folder left by a
killed build is removed by the next. OFFLINE=true makes a site that works opened from disk
(kb_zensical.offline).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from book.site import BookError
from buildkit.staging import Staging

from . import pdf as book
from .project import OUT, building_config
from .site_pass import run

SITE = OUT / "site"


def _stop(number: int, frame: Any) -> None:
    """Unwind as Ctrl-C does, so that the staging folder is removed on the way out."""
    raise SystemExit(128 + number)


def pdf_enabled() -> bool:
    return os.environ.get("KB_PDF", "").strip().lower() not in ("false", "0", "no")


def build(root: Path, site: Path, pdf: bool) -> int:
    """Build the site at `root` into `site` (inside root/build); the exit status."""
    started = time.monotonic()
    staging, removed = Staging.claim(site)
    for path in removed:
        print(f"INFO    -  removed {path.name}, left behind by a build that was stopped")
    try:
        report = run(root, staging.path, pdf=pdf)
        for problem in report.problems:
            print(f"ERROR   -  {problem}", file=sys.stderr)
        if report.problems:
            count = len(report.problems)
            print(f"ERROR   -  build stopped: {count} problem{'s' if count != 1 else ''} (listed "
                  f"above); {site.name}/ is left as it was", file=sys.stderr)
            return 1
        done = subprocess.run([sys.executable, "-m", "zensical", "build", "--clean",
                               "-f", str(root / building_config(staging.path))], cwd=root)
        if done.returncode:
            print(f"ERROR   -  Zensical stopped (exit status {done.returncode}); {site.name}/ is "
                  "left as it was", file=sys.stderr)
            return 1
        if pdf:
            assert report.library is not None
            pdf_started = time.monotonic()
            try:
                book.write(staging.path, report.config, report.library, list(report.records),
                           offline=report.offline)
            except BookError as error:
                print(f"ERROR   -  {error}; {site.name}/ is left as it was", file=sys.stderr)
                return 1
            print(f"INFO    -  PDF written in {time.monotonic() - pdf_started:.1f} s")
        staging.publish()
        print(f"INFO    -  {report.pages} pages and {report.works} works built into "
              f"{os.path.relpath(site, root)} in {time.monotonic() - started:.1f} s")
        return 0
    finally:
        staging.discard()  # nothing if published
        (root / building_config(staging.path)).unlink(missing_ok=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m kb_zensical.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?", default=".", help="the project (the folder of mkdocs.yml)")
    parser.add_argument("--site-dir", default=str(SITE),
                        help=f"where the site goes, inside build/ (default {SITE})")
    arguments = parser.parse_args(argv[1:])
    root = Path(arguments.root).resolve()
    site = (root / arguments.site_dir).resolve()
    if not site.is_relative_to(root / OUT.parent):
        parser.error(f"--site-dir must be inside {OUT.parent}/ (Zensical builds only inside its project)")
    replaced = {number: signal.signal(number, _stop) for number in (signal.SIGTERM, signal.SIGHUP)
                if signal.getsignal(number) is signal.SIG_DFL}
    try:
        return build(root, site, pdf_enabled())
    except KeyboardInterrupt:
        print("Aborted!", file=sys.stderr)
        return 1
    finally:
        for number, handler in replaced.items():
            signal.signal(number, handler)


if __name__ == "__main__":
    # The same address check and one-line failures as `python -m kb_zensical`.
    from .__main__ import run as checked

    sys.exit(checked(sys.argv, main))
