"""What a hand-written page's front matter must state and must not (citekit.page_rules)."""

import pytest

from citekit.front_matter import split_front_matter
from citekit.page_rules import front_matter_problems

pytestmark = pytest.mark.unit


def problems(front: str) -> list[str]:
    source = f"---\n{front}---\n\n# P\n"
    meta = split_front_matter(source)[0]
    return [str(p) for p in front_matter_problems(meta, "docs/x.md", source)]


@pytest.mark.parametrize("front, expected", [
    ("description: D.\nupdated: 2026-11-29 10:00:00\n",
     ["docs/x.md:3: 'updated' must be a date (YYYY-MM-DD), not a date and time ('2026-11-29 "
      "10:00:00'): leave the time out"]),
    ("description: D.\nupdated: 2026-11-29T10:00:00\n",
     ["docs/x.md:3: 'updated' must be a date (YYYY-MM-DD), not a date and time ('2026-11-29 "
      "10:00:00'): leave the time out"]),
    ("title: Om [@espegren2019]\ndescription: D.\nupdated: 2026-11-29\n",
     ["docs/x.md:2: front matter 'title' holds what reads as a citation, '[@espegren2019]': the "
      "title is shown as plain text, where a citation cannot be read (cite in the page's text)"]),
    ("description: Som @espegren2019 viser.\nupdated: 2026-11-29\n",
     ["docs/x.md:2: front matter 'description' holds what reads as a citation, '@espegren2019': "
      "the description is shown as plain text, where a citation cannot be read (cite in the "
      "page's text)"]),
    ("description: D.\nupdated: 2026-11-29\nkb_page: group:tema/finnesikke\n",
     ["docs/x.md:4: front matter key 'kb_page' is one the build writes on its own pages (the "
      "research index's): remove it"]),
    ("description: [ikke lukket\nupdated: 2026-11-29\n",
     ["docs/x.md:2: front matter is not valid YAML (expected ',' or ']', but got ':'): fix it (the "
      "page is read without it until then)"]),
    ("description: Skriv til post@imdi.no.\nupdated: 2026-11-29\n", []),
], ids=["F-2 date and time", "F-2 ISO date and time", "F-18 title", "F-18 description",
        "F-8c internal key", "F-6 invalid YAML alone, not 'lacks'", "an e-mail address"])
def test_front_matter_problems(front, expected):
    """Probe F-2 (a time crashed the page facts with KeyError), F-18 (a citation published raw
    in <title>), F-8 (c) (kb_page crashed the research index with StopIteration), F-6."""
    assert problems(front) == expected


def test_without_the_source_the_rules_still_hold():
    assert [str(p) for p in front_matter_problems({"updated": "i fjor"}, "docs/x.md")] == [
        "docs/x.md: front matter lacks 'description'",
        "docs/x.md: 'updated' must be a date (YYYY-MM-DD), not 'i fjor'"]
