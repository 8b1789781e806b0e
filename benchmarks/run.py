"""Build the synthetic sites of each size with and without citation processing and report
the cost: `make bench` (all sizes) and `make bench-quick` (small and medium).

Each repetition builds every variant once, in a rotated order, so a slow spell on the
machine is spread over all of them rather than landing on one; we report the best and the
median of the repetitions. Every build is a fresh `mkdocs build` process (PDF off:
KB_PDF=false) into an emptied site folder, timed by wall clock, with its peak memory taken
from `/usr/bin/time -v`. The site folders are in the system's temporary folder: creating a
file under /work costs ten times what it costs under /tmp on the machine we measured on,
noise that says nothing about the builds. stdout gets the Markdown table, one `RESULT` line per size and the
microbenchmark; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import generate

BIBTEX_REQUIREMENT = "mkdocs-bibtex==4.4.0"
BIBTEX_VENV = generate.WORK / "venv-bibtex"
REQUIREMENTS = generate.ROOT / "requirements.txt"


@dataclass
class Measured:
    """The repetitions of one variant at one size, and what its last build wrote."""

    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    pages: int = 0
    prose_kb: float = 0.0
    index_kb: float = 0.0
    site_mb: float = 0.0

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpu_seconds)

    @property
    def memory(self) -> float:
        return statistics.median(self.peak_mb)


def ensure_bibtex_venv() -> Path:
    """mkdocs-bibtex in its own venv, with the project's pinned versions of everything the
    two share (MkDocs, Material, Markdown, pymdown-extensions) via `-c requirements.txt`."""
    digest = hashlib.sha1(REQUIREMENTS.read_bytes() + BIBTEX_REQUIREMENT.encode()).hexdigest()[:12]
    stamp = BIBTEX_VENV / f".installed-{digest}"
    python = BIBTEX_VENV / "bin" / "python"
    if not stamp.exists():
        log(f"setting up {BIBTEX_VENV.relative_to(generate.ROOT)} ({BIBTEX_REQUIREMENT})")
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(BIBTEX_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "-c", str(REQUIREMENTS), BIBTEX_REQUIREMENT, "mkdocs", "mkdocs-material",
                        "pymdown-extensions"], check=True)
        stamp.touch()
    return python


# Variants built by Zensical, and the generated site each builds.
ZENSICAL = {"zensical-baseline": "baseline", "zensical": "hooks"}


def command(variant: str, python: Path | str, site: Path) -> tuple[list[str], Path]:
    """The command that builds a variant, and where its site ends up."""
    if variant == "zensical-baseline":
        zensical = Path(python).parent / "zensical"
        return [str(zensical), "build", "--clean", "-f", "zensical.yml"], Path("zensical-site")
    if variant == "zensical":
        # `make build-zensical`: the pass, Zensical into a staging folder, the swap (no PDF)
        return [str(python), "-m", "kb_zensical.build", "."], Path("build/zensical/site")
    return ([str(python), "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], site)


def build(variant: str, python: Path | str, root: Path, site: Path) -> tuple[float, float, float, Path]:
    """One build of the site in `root`: wall seconds, CPU seconds (user and system, of the
    build and every process it started) and peak RSS in MB, and where the site was written."""
    shutil.rmtree(site, ignore_errors=True)
    env = {**os.environ, "KB_PDF": "false", "NO_MKDOCS_2_WARNING": "1"}
    argv, written = command(variant, python, site)
    written = written if written.is_absolute() else root / written
    shutil.rmtree(written, ignore_errors=True)
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        started = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-v", "-o", report.name, *argv], cwd=root, env=env,
                                capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if result.returncode != 0:
            raise SystemExit(f"{variant} build of {root} failed:\n{result.stderr[-4000:]}")
        usage = report.read()
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", usage)[1])
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", usage))
    return seconds, cpu, peak_kb / 1024, written


def describe_site(site: Path, measured: Measured) -> None:
    """Page count and sizes of what a build wrote."""
    pages = list(site.rglob("*.html"))
    prose = [p.stat().st_size for p in site.glob("del-*/*/*/index.html")]
    measured.pages = len(pages)
    measured.prose_kb = statistics.mean(prose) / 1024 if prose else 0.0
    measured.index_kb = (site / "forskning" / "index.html").stat().st_size / 1024
    measured.site_mb = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20


def measure_size(size: str, variants: list[str], reps: int, features: dict[str, bool],
                 pythons: dict[str, Path | str]) -> dict[str, Measured]:
    log(f"{size}: generating {generate.SIZES[size]}")
    sources = sorted({ZENSICAL.get(variant, variant) for variant in variants})
    roots = generate.write_sites(size, features, sources)
    output = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    sites = {variant: output / variant for variant in variants}
    results = {variant: Measured() for variant in variants}
    for rep in range(reps):
        order = variants[rep % len(variants):] + variants[: rep % len(variants)]
        for variant in order:
            seconds, cpu, peak, sites[variant] = build(
                variant, pythons[variant], roots[ZENSICAL.get(variant, variant)], sites[variant])
            results[variant].seconds.append(seconds)
            results[variant].cpu_seconds.append(cpu)
            results[variant].peak_mb.append(peak)
            log(f"{size} #{rep + 1} {variant}: {seconds:.2f} s (CPU {cpu:.2f} s), {peak:.0f} MB")
    for variant in variants:
        describe_site(sites[variant], results[variant])
    shutil.rmtree(output)
    return results


def table(all_results: dict[str, dict[str, Measured]]) -> str:
    lines = ["| size (pages/entries/cites) | variant | pages built | best s | median s | × baseline "
             "| CPU s | peak MB | × baseline | prose page KB | index page KB | site MB |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for size, results in all_results.items():
        spec = generate.SIZES[size]
        base = results.get("baseline")
        for variant, m in results.items():
            time_ratio = f"{m.median / base.median:.2f}" if base else "–"
            memory_ratio = f"{m.memory / base.memory:.2f}" if base else "–"
            lines.append(
                f"| {size} ({spec.pages}/{spec.entries}/{spec.cites_per_page}) | {variant} | {m.pages} "
                f"| {m.best:.2f} | {m.median:.2f} | {time_ratio} | {m.cpu:.2f} | {m.memory:.0f} | {memory_ratio} "
                f"| {m.prose_kb:.0f} | {m.index_kb:.0f} | {m.site_mb:.0f} |")
    return "\n".join(lines)


def result_lines(all_results: dict[str, dict[str, Measured]]) -> list[str]:
    lines = []
    for size, results in all_results.items():
        if {"baseline", "hooks", "bibtex"} <= results.keys():
            base = results["baseline"].median
            lines.append(f"RESULT {size} hooks/baseline={results['hooks'].median / base:.2f} "
                         f"bibtex/baseline={results['bibtex'].median / base:.2f}")
        if {"baseline", "zensical-baseline", "zensical"} <= results.keys():
            base = results["baseline"].median
            lines.append(f"RESULT {size} zensical-baseline/baseline="
                         f"{results['zensical-baseline'].median / base:.2f} "
                         f"zensical/zensical-baseline="
                         f"{results['zensical'].median / results['zensical-baseline'].median:.2f} "
                         f"(CPU {results['zensical'].cpu / results['zensical-baseline'].cpu:.2f}) "
                         f"zensical/hooks={results['zensical'].median / results['hooks'].median:.2f}")
    return lines


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_feature(text: str) -> tuple[str, bool]:
    name, _, value = text.partition("=")
    if value not in ("on", "off"):
        raise argparse.ArgumentTypeError("write FEATURE=on or FEATURE=off")
    return name, value == "on"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", choices=list(generate.SIZES), default=["small", "medium"])
    variants = [*generate.VARIANTS, *ZENSICAL]
    parser.add_argument("--variants", nargs="+", choices=variants, default=variants)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--feature", type=parse_feature, action="append", default=[],
                        help="switch a Material feature for every variant, e.g. navigation.prune=off")
    parser.add_argument("--no-micro", action="store_true", help="skip the microbenchmark")
    args = parser.parse_args()

    pythons: dict[str, Path | str] = {"baseline": sys.executable, "hooks": sys.executable,
                                      "zensical-baseline": sys.executable, "zensical": sys.executable}
    if "bibtex" in args.variants:
        pythons["bibtex"] = ensure_bibtex_venv()
    all_results = {size: measure_size(size, args.variants, args.reps, dict(args.feature), pythons)
                   for size in args.sizes}
    print(table(all_results))
    print()
    for line in result_lines(all_results):
        print(line)
    if not args.no_micro:
        log("microbenchmark")
        micro = subprocess.run([sys.executable, str(Path(__file__).with_name("micro.py"))],
                               capture_output=True, text=True, check=True)
        print(micro.stdout.strip())
    sys.stdout.flush()


if __name__ == "__main__":
    main()
