"""A page's front matter split off as MkDocs splits it, and the lines it takes."""

import datetime

import pytest

from citekit.front_matter import (
    front_matter_end,
    front_matter_lines,
    front_matter_problem,
    split_front_matter,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text, meta, body, lines", [
    ("---\ndescription: D\nupdated: 2026-11-23\n---\n\n# T\n", {"description": "D", "updated": datetime.date(2026, 11, 23)}, "# T\n", 5),
    ("---\r\ntitle: T\r\n---\r\n# T\r\n", {"title": "T"}, "# T\n", 3),
    ("---\n---\n\n\nTekst", {}, "Tekst", 4),
    ("# Ingen front matter\n", {}, "# Ingen front matter\n", 0),
    ("---\nikke lukket\n# T\n", {}, "---\nikke lukket\n# T\n", 0),
    # probe F-6: YAML that cannot be read stays in the Markdown, as MkDocs leaves it, so the
    # page's lines count from the first (they were 3 lines off)
    ("---\n: ugyldig: yaml: [\n---\nTekst", {}, "---\n: ugyldig: yaml: [\n---\nTekst", 0),
    ("---\n- a\n- b\n---\nTekst", {}, "---\n- a\n- b\n---\nTekst", 0),
])
def test_split(text, meta, body, lines):
    assert split_front_matter(text) == (meta, body, lines)


def test_lines_of_a_file(tmp_path):
    page = tmp_path / "side.md"
    page.write_bytes("\ufeff---\ndescription: D\n---\n\nTekst\n".encode())
    assert front_matter_lines(page) == 4
    assert front_matter_lines(tmp_path / "finnes-ikke.md") == 0


def test_end():
    assert front_matter_end("---\na: 1\n---\nx") == len("---\na: 1\n---\n")
    assert front_matter_end("x") == 0


@pytest.mark.parametrize("text, expected", [
    ("---\ndescription: [ikke lukket\nupdated: 2026-11-29\n---\n\n# P\n",
     "docs/x.md:2: front matter is not valid YAML (expected ',' or ']', but got ':'): fix it (the "
     "page is read without it until then)"),
    ("---\ndescription: D\nupdated: 2026-02-30\n---\n\n# P\n",
     "docs/x.md:3: front matter is not valid YAML: 'updated' is 2026-02-30, which is not a date (day "
     "is out of range for month): write a real date, YYYY-MM-DD"),
    ("---\n- description\n- updated\n---\n\n# P\n",
     "docs/x.md:2: front matter is a list, not names with values: write it as 'description: …' and "
     "'updated: YYYY-MM-DD', one per line"),
    ("---\ndescription: D\nupdated: 2026-11-29\n---\n\n# P\n", None),
], ids=["F-6 malformed", "F-5 impossible date", "F-6 not a mapping", "good"])
def test_front_matter_that_cannot_be_read_is_one_located_problem(text, expected):
    """Probe F-5 (yaml's ValueError was a 'bug in the hooks') and F-6 (no word that the YAML
    is invalid, only 'lacks description')."""
    problem = front_matter_problem(text, "docs/x.md")
    assert (str(problem) if problem else None) == expected
