"""Property-based tests of the citation parser (hypothesis): arbitrary Markdown never crashes
it, everything outside the citations comes out byte for byte, and every citation written in
Pandoc's syntax is found again with the same parts."""

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from citekit.model import Citation, CiteItem
from citekit.syntax import find_citations, protected_spans, replace_citations, to_pandoc

MARKDOWN_ALPHABET = st.sampled_from(
    list("abcæøå ABC019\n\t@[]()<>`~*_-;,.:!#{}\\/'\"|=&") + ["```", "<!--", "-->", "http://", "@key",
                                                          "[@key]", "[-@", "](", "\n\n"])
markdown = st.lists(MARKDOWN_ALPHABET, max_size=80).map("".join)
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(markdown)
@example("[@a] `x")
@example("```\n[@a]\n``")
@example("[[[@a]]] @b [s. 3] [-@c; @d, 12--14]")
def test_never_crashes_and_citations_are_ordered_and_disjoint(text):
    citations = find_citations(text)
    last_end = 0
    for citation in citations:
        assert last_end <= citation.start < citation.end <= len(text)
        assert text[citation.start] in "[@"
        assert citation.items and all(item.key for item in citation.items)
        last_end = citation.end
    protected_spans(text)


@SETTINGS
@given(markdown)
def test_text_outside_citations_is_unchanged(text):
    citations = find_citations(text)
    # Identity rendering gives the input back exactly...
    assert replace_citations(text, citations, lambda c: text[c.start:c.end]) == text
    # ...and with a marker in place of each citation, the pieces between are the input's.
    marker = "\x00"
    out = replace_citations(text, citations, lambda c: marker)
    pieces = out.split(marker) if citations else [out]
    bounds = [0] + [x for c in citations for x in (c.start, c.end)] + [len(text)]
    assert pieces == [text[bounds[i]:bounds[i + 1]] for i in range(0, len(bounds), 2)]


keys = st.from_regex(r"[a-zæøå][a-z0-9æøå_]{0,8}(?:[:./-][a-z0-9]{1,4})?", fullmatch=True)
prefixes = st.sampled_from(["", "se", "se også", "jf."])
locators = st.sampled_from(["", "s. 12", "s. 3–4", "kap. 2", "tabell 1"])


@st.composite
def citations(draw):
    if draw(st.booleans()):
        return Citation(0, 0, 1, (CiteItem(draw(keys), locator=draw(locators)),), narrative=True)
    items = tuple(CiteItem(draw(keys), prefix=draw(prefixes), locator=draw(locators),
                           suppress_author=draw(st.booleans()))
                  for _ in range(draw(st.integers(1, 3))))
    return Citation(0, 0, 1, items)


surrounding = st.text(alphabet="abc æøå.,!?\n", max_size=20)


@SETTINGS
@given(surrounding, citations(), surrounding)
def test_every_citation_round_trips(before, citation, after):
    written = to_pandoc(citation)
    text = f"{before} {written} {after}"
    found = find_citations(text)
    assert len(found) == 1, (text, found)
    assert found[0].items == citation.items
    assert found[0].narrative == citation.narrative
    assert text[found[0].start:found[0].end] == written
