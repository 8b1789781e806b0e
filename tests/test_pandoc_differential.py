"""Differential tests: the citations our Markdown extension reads are the ones Pandoc reads
(`pandoc -f markdown -t json`): keys, modes, prefixes, locators and grouping. The cases come
from the issue, from Pandoc's manual and test documents (test/command/7323.md,
pandoc-citeproc-75.md, pandoc-citeproc-61.md, markdown-citations.txt), from Quarto's
citation docs and from mkdocs-bibtex's examples; hypothesis adds generated Markdown mixing
citations with code, links, definitions, lists, quotes and HTML. The only disagreements
allowed are the deliberate differences listed in DIFFERENCES (and in the README)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SITE_EXTENSIONS, convert
from pandoc_reading import pandoc_citations, read_citations

pytestmark = pytest.mark.build


def ours(markdown: str):
    return sorted(tuple((i.key, i.mode.value, i.prefix, i.suffix) for i in group)
                  for group in read_citations(markdown, extensions=SITE_EXTENSIONS))


def theirs(markdown: str):
    return sorted(pandoc_citations(markdown))


CASES = [
    # the cases
    "Se [@djuve2017] og [v].\n\n[v]: https://example.org\n\nSenere [@tronstad2015].",
    "Note[^1] og så [@djuve2017].\n\n[^1]: En note.\n\nSenere [@tronstad2015].",
    "@djuve2017 [p. 33; @tronstad2015]",
    "@djuve2017 [s. 12; se også @tronstad2015]",
    "Som -@djuve2017 viser.",
    "@djuve2017[^1] sier.\n\n[^1]: Note.",
    "@djuve2017 [Overskrift]\n\n[Overskrift]: https://example.org",
    "Wow![@djuve2017]",
    "[@djuve2017, V.9]: tekst",
    # probe F-19: punctuation right after the key is the suffix, as Pandoc reads it
    "Se [@djuve2017.] og [@tronstad2015!] og @djuve2017 [.]",
    "@smith [, blant andre]",
    "[@djuve2017 \\[89\\]]",
    "[*se* @djuve2017, s. **32**]",
    "[se [dokumentet](x.md) @djuve2017]",
    "> ~~~\n> [@i_kode]\n> ~~~\n\n[@djuve2017]",
    "- punkt\n\n    ~~~\n    [@i_kode]\n    ~~~\n\n[@djuve2017]",
    "Tekst.\n\n    kode [@i_kode]\n\n[@djuve2017]",
    "Tekst <!-- ulukket [@djuve2017] og [@tronstad2015].",
    # Pandoc's manual and Quarto's citation docs
    "Blah blah [see @doe99, pp. 33-35; also @smith04, chap. 1].",
    "Blah blah [@doe99, pp. 33-35, 38-39 and *passim*].",
    "Blah blah [@smith04; @doe99].",
    "[@smith{ii, A, D-Z}, with a suffix]",
    "[@smith, {pp. iv, vi-xi, (xv)-(xvii)} with suffix here]",
    "[@smith{}, 99 years later]",
    "Smith says blah [-@smith04].",
    "@smith04 says blah.\n\n@smith04 [p. 33] says blah.",
    "@{https://example.com/bib?name=foobar&date=2000} says.",
    # Pandoc's test documents
    "@item1 [p. 30, with suffix] says blah.",
    "@item1 [-@item2 p. 30; see also @пункт3] says blah.",
    "A citation group [see @item1 chap. 3; also @пункт3 p. 34-35].",
    "Citation with a suffix and locator [@item1 pp. 33, 35-37, and nowhere\nelse].",
    "Citation with suffix only [@item1 and nowhere else].",
    "@smith [chap. 6]\n\n@smith [chapter 6]\n\n@smith [Chap. 6]",
    "[@test, p. 6]\n\n[@test, n. 6]\n\n[@test, sec. 3]\n\n[@test bk. VI]\n\n[@test, nos. 6 and 7]",
    "Foo [@doe, VIII, 89]",
    "- @item1\n- @item1 [p. 12]\n- @item1 [p.12; see also @item2]\n- [-@item1]\n- [see @item1, p. 12 and *passim*]",
    "> Here is a quote. [@hirt2009]",
    # mkdocs-bibtex's examples
    "This is a citation [@test].\n\nAnd two [@test; @test2].",
    # edges of the key and of the brackets
    "a_@k a-@k a/@k a:@k x@k a.@k ø@k (@k) \"@k\"",
    "@k.e.y. og @k:x/y og @{a b} og @_x",
    "[@a;@b] [ @a ; @b ] [@a ,p. 3] [@a p. 3] [@a, p. 3 ; @b]",
    "[se\n@a, s.\n3]",
    "> [se\n> @a]",
    "- [se\n  @a]",
    "[@a]: tekst\n\n  [@b]: http://x",
    "[@a, s. 3]] og [@a, s. [3] og [[@a]] og [[se] @a]",
    "[@a](x) [@a][x] [@a] [x] @a [x](y) @a [p. 4](y) @a [s. 3][b]\n\n[x]: y",
    "`[@a]` og <span>[@b]</span> og *[@c]*",
    "[@a, `kode ]` x] og [@a, s. <b>3</b>]",
    "[@a, s. 3 \\] x] og [@a, s. 3 \\; x]",
    "[@a [@b]] og [se [@b] @a] og [@a, s. 3 @b]",
    "[@djuve2017, se [@tronstad2015, se @rohnebaek2018]]",
    "@a [@b, s. 3; se @c] og @a; @b",
    "@a\n[s. 3]\n\n@b\n\n[s. 4]\n\n@c  [s. 5]",
    "[^@a] og [se@a]",
    "\\@a \\[@b\\] og post@imdi.no og <post@imdi.no>",
    "# Overskrift\n\n@key [Overskrift]",
    "[tekst @key](side.md) og ![bilde](b.png) @other",
]

# Where we deliberately read differently from Pandoc: (markdown, our reading, the problems
# we report, why). Pandoc reports nothing: it leaves text as text or reads another citation.
DIFFERENCES = [
    ("[@]", [], ["citation without a key (write [@key]): '[@]'"],
     "an error, not text without a word"),
    ("[@@djuve2017]", [], ["citation with a stray '@' before the key: '[@@djuve2017]'"],
     "an error; Pandoc reads the key with the prefix '@'"),
    ("[@djuve2017; b]", [], ["citation part 2 'b' has no @key (parts are separated by ';', "
                             "each needs its @key): '[@djuve2017; b]'"],
     "an error; Pandoc reads '@djuve2017' in the text"),
    ("[@djuve2017;]", [], ["citation part 2 is empty (parts are separated by ';', each needs "
                           "its @key): '[@djuve2017;]'"], "an error for an empty part"),
    ("[@djuve2017]{.x}", [(("djuve2017", "NormalCitation", "", ""),)], [],
     "a citation with attributes (attr_list); Pandoc reads a bracketed span"),
    ("Se https://example.org/@djuve2017 her.", [], [],
     "a bare URL is not read; Pandoc reads a citation inside it"),
    ("Tekst {@djuve2017} her.", [], ["citation not read: '@djuve2017' (inside raw HTML or {…}, "
                                     "or not written the way Pandoc reads citations)"],
     "'{…}' may be an attribute list; the safety net reports what is left"),
    ("<div>\n[@djuve2017]\n</div>", [], ["citation not read: '[@djuve2017]' (inside raw HTML "
                                          "or {…}, or not written the way Pandoc reads citations)"],
     "Python-Markdown leaves raw HTML blocks alone; the safety net reports the citation"),
]


@pytest.mark.parametrize("markdown", CASES)
def test_we_read_what_pandoc_reads(markdown):
    assert ours(markdown) == theirs(markdown)


@pytest.mark.parametrize("markdown, expected, problems, why", DIFFERENCES,
                         ids=[d[3] for d in DIFFERENCES])
def test_documented_differences(markdown, expected, problems, why):
    assert ours(markdown) == sorted(expected)
    record = convert(markdown, extensions=SITE_EXTENSIONS)[1]
    assert [p.message for p in record.problems] == problems
    assert theirs(markdown) != sorted(expected) or problems, "no longer a difference"


# --- generated Markdown -------------------------------------------------------------------

KEYS = ["djuve2017", "tronstad2015", "a", "k:x/y", "imdi2021-veileder", "x_1"]
# No "s." or "a." words: Pandoc reads a letter and a full stop at the start of a paragraph as
# a list marker (fancy_lists), Python-Markdown does not: a difference of lists, not citations.
WORDS = ["og", "tekst", "kommunen", "Nav", "se", "også", "1", "–", "(her)"]
key = st.sampled_from(KEYS)
word = st.sampled_from(WORDS)
prefix = st.sampled_from(["", "se", "se også", "*jf.*"])
locator = st.sampled_from(["", ", s. 12", ", s. 12-14", ", kap. 3", " p. 4", ", tabell 1",
                           ", s. **32**", ", blant andre"])


@st.composite
def bracketed(draw):
    items = []
    for _ in range(draw(st.integers(1, 3))):
        text = ("-" if draw(st.booleans()) and not items else "") + "@" + draw(key)
        before = draw(prefix)
        items.append(f"{before} {text}".strip() + draw(locator))
    return "[" + "; ".join(items) + "]"


@st.composite
def textual(draw):
    text = "@" + draw(key)
    follow = draw(st.sampled_from(["", " [s. 3]", " [s. 3; @tronstad2015]", " [@a]", " [kap. 2]"]))
    return text + follow


inline = st.one_of(
    word, word, bracketed(), textual(),
    st.builds(lambda k: f"`[@{k}]`", key),
    st.builds(lambda w, k: f"[{w}](side.md) @{k}", word, key),
    st.builds(lambda w: f"*{w}*", word),
    st.builds(lambda k: f"\\@{k}", key),
    st.builds(lambda k: f"<span>@{k}</span>", key),
    st.builds(lambda k, j: f"[@{k}, s. 3 @{j}]", key, key),
    st.builds(lambda k: f"\\[@{k}\\]", key),
)
paragraph = st.lists(st.tuples(inline, st.sampled_from([" ", " ", "\n"])), min_size=1, max_size=8).map(
    lambda pieces: "".join(text + gap for text, gap in pieces).strip())
block = st.one_of(
    paragraph, paragraph,
    paragraph.map(lambda p: "- " + p.replace("\n", "\n  ")),
    paragraph.map(lambda p: "> " + p.replace("\n", "\n> ")),
    paragraph.map(lambda p: "## " + p.replace("\n", " ")),
    st.builds(lambda k: f"```\n[@{k}] @{k}\n```", key),
    st.builds(lambda k: f"~~~\n@{k}\n~~~", key),
    st.builds(lambda w: f"<div>{w}</div>", word),
    st.builds(lambda w: f"[{w}-lenke]: https://example.org/{w}", word),
    st.builds(lambda p, k: f"{p}\n\n    kode [@{k}]", paragraph, key),
)
document = st.lists(block, min_size=1, max_size=6).map("\n\n".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_generated_markdown_is_read_as_pandoc_reads_it(markdown):
    assert ours(markdown) == theirs(markdown), markdown
