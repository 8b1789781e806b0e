"""In-process microbenchmark of the citation hook's own work, without MkDocs around it:
load a generated 5,000-entry bibliography once (bib parsing, labels, every reference
formatted), then find, resolve and format 10,000 citations on 1,000 pages by calling the
hook's `on_page_markdown`, as MkDocs would. Target: the citations in at most 1 s.

The pages and the bibliography are those of the benchmark's large size (seeded), so the
figure matches what the large build does per page.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402  (puts hooks/ on sys.path)

import bibstate  # noqa: E402
import citations  # noqa: E402
from citekit.syntax import find_citations  # noqa: E402

REPEATS = 3


class EntryFiles:
    """What the hook asks of MkDocs' Files: the URL of a work's page."""

    def __init__(self, works) -> None:
        self.src_uris = {f"{bibstate.INDEX_DIR}/{w.slug}.md": SimpleNamespace(url=f"{bibstate.INDEX_DIR}/{w.slug}/")
                         for w in works}


def fake_page(src_uri: str, markdown: str) -> SimpleNamespace:
    file = SimpleNamespace(src_uri=src_uri, abs_src_path=None, content_string=markdown)
    return SimpleNamespace(file=file, url=src_uri[: -len(".md")] + "/", meta={})


def main() -> None:
    content = generate.make_content("large")
    pages = []
    for page in content.pages:
        text = generate.page_markdown(page, generate.pandoc_cite).split("---\n", 2)[2]
        pages.append((fake_page(page.path, text), text))
    count = sum(len(item.items) for _, text in pages for item in find_citations(text))
    cites = sum(len(find_citations(text)) for _, text in pages)

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / bibstate.BIB_FILE).write_text(generate.bib_text(content.bib), encoding="utf-8")
        started = time.perf_counter()
        state = bibstate.start_build(str(root / "mkdocs.yml"))
        load_seconds = time.perf_counter() - started
    assert not state.problems, state.problems[:3]

    files = EntryFiles(state.works.values())
    timings = []
    for _ in range(REPEATS):
        bibstate.current.citations.clear()
        started = time.perf_counter()
        for page, text in pages:
            citations.on_page_markdown(text, page=page, config=None, files=files)
        timings.append(time.perf_counter() - started)
    assert not bibstate.current.problems, bibstate.current.problems[:3]

    print(f"MICRO citations={cites} keys={count} entries={len(state.works)} pages={len(pages)} "
          f"cite_seconds_best={min(timings):.3f} cite_seconds_first={timings[0]:.3f} "
          f"per_citation_us={min(timings) / cites * 1e6:.1f} bib_load_seconds={load_seconds:.3f}")


if __name__ == "__main__":
    main()
