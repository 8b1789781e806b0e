"""A page's front matter split off as MkDocs splits it, and the lines it takes."""

import datetime

import pytest

from citekit.front_matter import front_matter_end, front_matter_lines, split_front_matter

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text, meta, body, lines", [
    ("---\ndescription: D\nupdated: 2026-11-23\n---\n\n# T\n", {"description": "D", "updated": datetime.date(2026, 11, 23)}, "# T\n", 5),
    ("---\r\ntitle: T\r\n---\r\n# T\r\n", {"title": "T"}, "# T\n", 3),
    ("---\n---\n\n\nTekst", {}, "Tekst", 4),
    ("# Ingen front matter\n", {}, "# Ingen front matter\n", 0),
    ("---\nikke lukket\n# T\n", {}, "---\nikke lukket\n# T\n", 0),
    ("---\n: ugyldig: yaml: [\n---\nTekst", {}, "Tekst", 3),
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
