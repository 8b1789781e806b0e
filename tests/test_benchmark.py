"""The benchmark compares like with like: its generator is seeded, every citation form and
entry type occurs, and the baseline site builds the same pages, showing the same citation
text, as the site our hooks build. The runner's RESULT lines have the format the issue fixes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import generate
import run


@pytest.mark.unit
def test_generator_is_seeded():
    first, second = generate.make_content("small"), generate.make_content("small")
    assert generate.bib_text(first.bib) == generate.bib_text(second.bib)
    assert [generate.page_markdown(p, generate.pandoc_cite) for p in first.pages] == \
        [generate.page_markdown(p, generate.pandoc_cite) for p in second.pages]
    other = generate.make_content("small", seed=1)
    assert generate.bib_text(other.bib) != generate.bib_text(first.bib)


@pytest.mark.unit
def test_sizes_and_mix_are_those_of_the_issue():
    assert {name: (s.pages, s.entries, s.cites_per_page) for name, s in generate.SIZES.items()} == {
        "small": (20, 50, 5), "medium": (200, 1000, 10), "large": (1000, 5000, 10)}
    content = generate.make_content("small")
    assert len(content.pages) == 20 and len(content.bib) == 50
    assert all(len(page.cites) == 5 for page in content.pages)
    assert {cite.form for page in content.pages for cite in page.cites} == set(generate.FORMS)
    types = Counter(re.findall(r"^@(\w+)\{", generate.bib_text(content.bib), re.MULTILINE))
    assert set(types) == {"techreport", "report", "article", "book", "misc", "online"}
    text = generate.bib_text(content.bib)
    assert re.search(r"[æøåÆØÅ]", text) and "{\\o}" in text  # UTF-8 and LaTeX escapes both


def _build(root: Path, site: Path) -> None:
    env = {**os.environ, "KB_PDF": "false", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]


def _visible_text(path: Path) -> str:
    article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")
    return " ".join(article.get_text().split())


@pytest.mark.build
def test_baseline_builds_the_same_pages_and_text_as_the_hooks(tmp_path, monkeypatch):
    monkeypatch.setattr(generate, "WORK", tmp_path / "work")
    roots = generate.write_sites("small", variants=("baseline", "hooks"))
    sites = {variant: tmp_path / f"site-{variant}" for variant in roots}
    for variant, root in roots.items():
        _build(root, sites[variant])

    def pages(site: Path) -> set[str]:
        return {str(p.relative_to(site)) for p in site.rglob("*.html")}

    assert pages(sites["baseline"]) == pages(sites["hooks"])
    assert len(pages(sites["hooks"])) > 20 + 50  # prose pages plus a page per work

    content = generate.make_content("small")
    plain = generate.plain_cite(content.works)
    page = content.pages[0]
    html_path = Path(page.path[: -len(".md")]) / "index.html"
    texts = {variant: _visible_text(site / html_path) for variant, site in sites.items()}
    for cite in page.cites:
        shown = " ".join(plain(cite).split())
        assert shown in texts["baseline"]
        assert shown in texts["hooks"], f"{shown!r} not shown by the hooks"


@pytest.mark.unit
def test_result_lines_are_ratios_of_medians():
    def measured(*seconds):
        return run.Measured(seconds=list(seconds), cpu_seconds=list(seconds), peak_mb=[100.0] * len(seconds))

    results = {"medium": {"baseline": measured(10.0, 12.0, 20.0), "hooks": measured(12.6, 11.0, 30.0),
                          "bibtex": measured(30.0, 29.0, 28.0)}}
    assert run.result_lines(results) == ["RESULT medium hooks/baseline=1.05 bibtex/baseline=2.42"]
    table = run.table(results)
    assert "| medium (200/1000/10) | hooks | 0 | 11.00 | 12.60 | 1.05 |" in table


@pytest.mark.unit
@pytest.mark.parametrize("feature", ["navigation.prune", "navigation.instant"])
def test_features_are_switched_in_every_variant(feature):
    pages = generate.make_content("small").pages
    for variant in generate.VARIANTS:
        on = generate.site_config(variant, pages, {feature: True})
        off = generate.site_config(variant, pages, {feature: False})
        assert re.search(rf"^\s+- {re.escape(feature)}\s*$", on, re.MULTILINE)
        assert not re.search(rf"^\s+- {re.escape(feature)}\s*$", off, re.MULTILINE)
