"""`python -m kb_zensical.build [PROJECT_ROOT] [--site-dir build/zensical/site]`: the whole
Zensical build (`make build-zensical`), atomic as `mkdocs build` is.

The pass (kb_zensical.site_pass) checks every page and writes Zensical's project; Zensical
builds the site into a staging folder beside the site (buildkit.staging), in a fork of this
process (zensical_build), its rendering recording each page (kb_zensical.rendered); the
research index's lists and counts are filled into its pages (kb_zensical.fill); the PDF is
made from the pages it wrote (kb_zensical.pdf; KB_PDF=false skips it); only then does the staging
folder take the site's place. A problem in a page, a failed Zensical, a failed PDF, Ctrl-C or
SIGTERM leave the last good site as it was and remove the staging folder; a folder left by a
killed build is removed by the next. OFFLINE=true makes a site that works opened from disk
(kb_zensical.offline).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

import zensical

from buildkit.staging import Staging
from citekit.model import Problem

from .errors import print_problems, zensical_failure
from .fill import fill_site, page_problems
from .project import OUT, building_config
from .rendered import read_report
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
    # What Zensical's rendering finds of each page (kb_zensical.rendered), one file per build.
    report_file = root / building_config(staging.path).with_suffix(".pages.jsonl")
    report_file.unlink(missing_ok=True)
    try:
        report = run(root, staging.path, pdf=pdf, report_file=report_file)
        if report.problems:
            return _stopped(report.problems, site)
        if not zensical_build(root / building_config(staging.path)):
            print(f"ERROR   -  Zensical stopped; {site.name}/ is left as it was", file=sys.stderr)
            return 1
        rendered = read_report(report_file)
        problems = page_problems(rendered, report.order)
        if problems:
            return _stopped(problems, site)
        assert report.library is not None
        fill_site(staging.path, report.library, rendered,
                  {src: record.title for src, record in report.records.items()}, report.order,
                  report.directory_urls)
        if pdf:
            # Imported only for a PDF: the book brings BeautifulSoup and WeasyPrint.
            from book.site import BookError

            from . import pdf as book

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
        report_file.unlink(missing_ok=True)


def _stopped(problems: list[Problem], site: Path) -> int:
    print_problems(problems, f"; {site.name}/ is left as it was")
    return 1


def zensical_build(config: Path) -> bool:
    """`zensical build --clean -f config` in a fork of this process; whether it built (its
    failure is printed, located where it is a page's).

    A fork, not a new interpreter: the child has the Python, the bibliography and the task
    file the pass loaded, so Zensical's calls into our extension load nothing again (a new
    `python -m zensical` was a fifth of a small build). Not this process itself: Zensical's
    core, told of a signal while it builds, prints "Received interrupt" and ends the process
    with status 0, past our clean-up; in a child, a signal stops this process as it should
    (the child is killed, the staging folder removed, the status 130 or 143)."""
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    child = os.fork()
    if child == 0:
        status = 1
        try:
            status = 0 if _build_here(config) else 1
        finally:
            for stream in (sys.stdout, sys.stderr):
                stream.flush()
            os._exit(status)  # never the parent's clean-up: that is the parent's to do
    try:
        _, status = os.waitpid(child, 0)
    except BaseException:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        raise
    return os.waitstatus_to_exitcode(status) == 0


def _build_here(config: Path) -> bool:
    """Zensical's build, in this process. Its core reports a Python error inside it (our
    extension's, a template's) as a RuntimeError carrying the Python message, read by
    kb_zensical.errors as for Zensical's own command line; any other failure is said as it is."""
    try:
        zensical.build(str(config), {"clean": True, "strict": False})
    except Exception as error:  # noqa: BLE001 (whatever Zensical raises stops the build, said)
        for line in zensical_failure(str(error)) or [f"{type(error).__name__}: {error}"]:
            print(f"ERROR   -  {line}", file=sys.stderr)
        return False
    return True


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
