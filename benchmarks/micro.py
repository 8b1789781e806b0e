"""In-process microbenchmark of the citation extension's own work, without MkDocs around it.

1. The large size (seeded, as `make bench` builds it): load the 5,000-entry bibliography once
   (parsing, labels, every reference formatted), then convert its 1,000 pages (10,000
   citations) with the site's Markdown extensions and ours, as MkDocs would.
2. One paragraph holding N citations, for N = 1,000 ... 10,000: reading and rendering must
   grow linearly (issue 12: the regex reader took about 30 s for 10,000).

"Own time" is the time spent inside the extension's processors (measured by wrapping each of
them), so Python-Markdown's own work on the elements we return is not counted; the total
conversion time is shown beside it, and, for the paragraph, the time of the same paragraph
with each citation written as the plain text it renders to.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import markdown

import generate
from citekit import markdown_ext
from citekit.library import load_library
from citekit.markdown_ext import CitationExtension, PageContext

REPEATS = 3
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables",
              "pymdownx.superfences", "toc"]
FORMS = ["[@{0}]", "[@{0}, s. 12]", "[se @{0}]", "[@{0}; @{1}]", "[-@{0}]", "@{0}",
         "@{0} [s. 12]"]
PLAIN = ["(Fafo, 2017)", "(Fafo, 2017, s. 12)", "(se Fafo, 2017)", "(Fafo, 2017; NIBR, 2015)",
         "(2017)", "Fafo (2017)", "Fafo (2017, s. 12)"]


class OwnTime:
    """Wraps the extension's processors and sums the time spent inside them."""

    NAMES = ("_StartDocument.run", "_CitationNotDefinition.test", "_CitationNotDefinition.run",
             "_HeadingLabels.run", "_CitationPattern.handleMatch", "_Settle.run", "_PageFacts.run",
             "_Sections.run", "_Finish.run")

    def __init__(self) -> None:
        self.seconds = 0.0
        for name in self.NAMES:
            owner, method = name.split(".")
            cls = getattr(markdown_ext, owner)
            setattr(cls, method, self._timed(getattr(cls, method)))

    def _timed(self, function):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
        return timed


def converter(library, problems: list) -> markdown.Markdown:
    extension = CitationExtension()
    extension.library = library
    extension.page_context = lambda md: PageContext("side.md", "docs/side.md", 0)
    extension.on_document = lambda record: problems.extend(record.problems)
    return markdown.Markdown(extensions=[extension, *EXTENSIONS])


def large_site(own: OwnTime) -> str:
    content = generate.make_content("large")
    pages = [generate.page_markdown(page, generate.pandoc_cite).split("---\n", 2)[2]
             for page in content.pages]
    with tempfile.TemporaryDirectory() as folder:
        bib = Path(folder) / "references.bib"
        bib.write_text(generate.bib_text(content.bib), encoding="utf-8")
        started = time.perf_counter()
        library = load_library(bib, "references.bib")
        load_seconds = time.perf_counter() - started
    assert not library.problems, library.problems[:3]
    problems: list = []
    totals, owns, cites = [], [], 0
    for _ in range(REPEATS):
        own.seconds = 0.0
        started = time.perf_counter()
        cites = 0
        for text in pages:
            md = converter(library, problems)
            md.convert(text)
        totals.append(time.perf_counter() - started)
        owns.append(own.seconds)
    assert not problems, problems[:3]
    cites = sum(len(_cited(library, text)) for text in pages)
    return (f"MICRO site pages={len(pages)} citations={cites} entries={len(library.works)} "
            f"own_seconds_best={min(owns):.3f} convert_seconds_best={min(totals):.3f} "
            f"own_per_citation_us={min(owns) / cites * 1e6:.1f} bib_load_seconds={load_seconds:.3f}")


def _cited(library, text):
    records: list = []
    extension = CitationExtension()
    extension.library = library
    extension.on_document = records.append
    markdown.Markdown(extensions=[extension, *EXTENSIONS]).convert(text)
    return records[0].cited


def one_paragraph(own: OwnTime, count: int, library) -> str:
    keys = list(library.works)
    cited = " ".join("ord " + FORMS[i % len(FORMS)].format(keys[i % 3], keys[(i + 1) % 3])
                     for i in range(count))
    plain = " ".join("ord " + PLAIN[i % len(PLAIN)] for i in range(count))
    problems: list = []
    owns, totals, baselines = [], [], []
    for _ in range(REPEATS):
        own.seconds = 0.0
        started = time.perf_counter()
        converter(library, problems).convert(cited)
        totals.append(time.perf_counter() - started)
        owns.append(own.seconds)
        started = time.perf_counter()
        markdown.Markdown(extensions=EXTENSIONS).convert(plain)
        baselines.append(time.perf_counter() - started)
    assert not problems, problems[:3]
    return (f"MICRO paragraph citations={count} own_seconds_best={min(owns):.3f} "
            f"convert_seconds_best={min(totals):.3f} plain_text_seconds_best={min(baselines):.3f} "
            f"own_per_citation_us={min(owns) / count * 1e6:.1f}")


def main() -> None:
    own = OwnTime()
    # The paragraphs first: the large site leaves a heap that slows Python's garbage
    # collector, which would be counted against whatever runs after it.
    library = load_library(generate.ROOT / "tests" / "fixtures" / "minimal" / "references.bib",
                           "references.bib")
    for count in (1000, 2500, 5000, 10000):
        print(one_paragraph(own, count, library), flush=True)
    print(large_site(own), flush=True)


if __name__ == "__main__":
    main()
