"""The fast LaTeX path (hooks/citekit/latex.py) takes every simple value, reads every value
it takes exactly as pylatexenc does, and hands over everything else: hypothesis builds values
from LaTeX pieces, simple and not, and every field value of the real and the fixture
bibliographies is checked. (Switching the fast path off fails the tests that it takes the
simple values.)"""

from __future__ import annotations

import bibtexparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citekit import latex
from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.unit

SIMPLE = ["a", "Z", "é", "ø", " ", "\n", "{", "}", "{}", "-", "--", "---", "~", "`", "'", "``",
          "''", ",", "{\\o}", "{\\O}", "{\\aa}", "{\\AA}", "{\\ae}", "{\\AE}", "{\\oe}", "{\\ss}",
          "{\\l}", "{\\L}", "{\\'e}", "\\'e", "\\'{e}", "{\\'{e}}", '{\\"u}', '\\"o', "{\\`e}",
          "{\\^o}", "{\\~n}", "\\~n", "{\\=o}", "\\.z", "\\&", "\\%", "\\$", "\\#", "\\_", "{H}",
          "{{X}}"]
# Pieces the fast path must hand over to pylatexenc.
OTHER = ["\\", "\\\\", "$", "%", "!`", "?`", "----", "'''", "\\{", "\\-", "{\\i}", "\\o", "\\aa{}",
         "\\o ", "{\\H o}", "{\\c c}", "\\'", "\\'{}", "\\'å", "{\\' e}", "\\textit{x}", "{\\o }",
         "{ \\o}"]


def braced_values(bib) -> list[str]:
    """Every braced field value of a .bib file, as written between its outer braces."""
    library = bibtexparser.parse_string(bib.read_text(encoding="utf-8"), parse_stack=[])
    values = [field.value for entry in library.entries for field in entry.fields]
    return [value[1:-1] for value in values if value.startswith("{") and value.endswith("}")]


def same_as_pylatexenc(value: str) -> bool:
    fast = latex._fast_latex_to_text(value)
    return fast is None or fast == latex._converter().latex_to_text(value)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SIMPLE + OTHER), max_size=12).map("".join))
def test_fast_path_reads_as_pylatexenc(value):
    assert same_as_pylatexenc(value)


# The simple pieces that stand alone ('{' and '}' are simple only when they balance).
WHOLE = [piece for piece in SIMPLE if piece not in ("{", "}")]
# Spaced: side by side, "`" and "``" would make the ligature "```", which is not simple.
whole = st.lists(st.sampled_from(WHOLE), max_size=6).map(" ".join)


@pytest.mark.parametrize("piece", WHOLE)
def test_fast_path_takes_each_simple_piece(piece):
    assert latex._fast_latex_to_text(piece) is not None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(whole, whole.map("{{{}}}".format)), max_size=4).map(" ".join))
def test_fast_path_takes_values_made_of_simple_pieces(value):
    assert latex._fast_latex_to_text(value) is not None


@pytest.mark.parametrize("piece", OTHER)
def test_fast_path_hands_over_the_others(piece):
    assert latex._fast_latex_to_text(piece) is None


@pytest.mark.parametrize("bib", [ROOT / "references.bib", FIXTURES / "minimal" / "references.bib"],
                         ids=["real", "fixture"])
def test_every_value_of_the_bibliographies(bib):
    values = braced_values(bib)
    assert len(values) > 20
    assert [v for v in values if not same_as_pylatexenc(v)] == []
    # the real values are simple: all of them go the fast way
    assert [v for v in values if latex._fast_latex_to_text(v) is None] == []


# --- no text lost (probe F-3, F-13, F-14; issue 25) ---------------------------------------------

@pytest.mark.parametrize("value, text", [
    ("Rapport om \\mbox{NAV-kontor} og \\texttt{R}", "Rapport om NAV-kontor og R"),
    ("etter \\S~12, i \\euro", "etter § 12, i €"),
    ("Se \\url{https://example.org/a}", "Se https://example.org/a"),
    ("Se \\href{https://example.org}{nettsiden}", "Se nettsiden (https://example.org)"),
    ("Om \\emph{viktig} og \\textbf{fet}", "Om viktig og fet"),
], ids=["F-14 mbox texttt", "F-14 section euro", "F-14 url", "F-3 href", "emphasis"])
def test_commands_a_bibliography_uses_keep_their_text(value, text):
    assert latex.latex_problem(value) is None
    assert latex.decode(value) == text


@pytest.mark.parametrize("value, problem", [
    ("{\\noop{x}}Tittel", "the LaTeX command '\\noop', which the site does not know: write the "
     "text without it (the site shows plain text)"),
    ("Som i \\cite{k}", "'\\cite', a citation, which a reference on the site cannot show: write the "
     "text out"),
    ("Tekst\\footnote{merknad}", "'\\footnote', a footnote, which a reference on the site cannot "
     "show: write the text out"),
], ids=["F-14 unknown macro", "F-14 cite", "footnote"])
def test_what_cannot_be_shown_faithfully_is_a_problem(value, problem):
    assert latex.latex_problem(value) == problem


def letters(text: str) -> list[str]:
    return sorted(char for char in text if char.isalpha())


def pylatexenc_text(value: str) -> str:
    """pylatexenc's own reading, with nothing of ours."""
    from pylatexenc.latex2text import LatexNodes2Text
    return LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True).latex_to_text(value)


LETTER_PIECES = ["a", "b", "Z", "k", "ø", "é", "\\o{}", "{\\o}", "\\aa{}", "{\\AA}", '\\"U', '\\"{u}',
                 "\\v{S}", "\\v S", "\\'e", "{\\'\\i}", "\\c{c}", "\\ss{}", "{Ab}", "{\\ae}"]
word = st.lists(st.sampled_from(LETTER_PIECES), min_size=1, max_size=4).map("".join)
person = st.one_of(st.tuples(word, word).map(", ".join), st.tuples(word, word).map(" ".join),
                   word.map("{{{}}}".format))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(person, min_size=1, max_size=4))
def test_no_letter_of_a_name_list_is_lost(names):
    """Probe F-13: bibtexparser's splitter dropped a command that starts a name after ' and '.
    Every letter pylatexenc reads in each name is in the people parsed from the list."""
    from citekit.people import parse_names
    people = parse_names(" and ".join(names))
    parsed = "".join(p.family + p.given + p.von + p.suffix for p in people)
    assert letters(parsed) == letters("".join(pylatexenc_text(name) for name in names))


WRAPPERS = ["\\mbox", "\\texttt", "\\emph", "\\textit", "\\textbf", ""]
title_piece = st.one_of(word, st.tuples(st.sampled_from(WRAPPERS), word).map(lambda p: f"{p[0]}{{{p[1]}}}"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(title_piece, min_size=1, max_size=6).map(" ".join))
def test_no_letter_of_a_title_is_lost(title):
    """Probe F-14: \\mbox{…} and \\texttt{…} vanished. The letters of a title are pylatexenc's
    reading of it with the commands that only style their argument left out."""
    unwrapped = title
    for wrapper in filter(None, WRAPPERS):
        unwrapped = unwrapped.replace(wrapper + "{", "{")
    assert latex.latex_problem(title) is None
    assert letters(latex.decode(title)) == letters(pylatexenc_text(unwrapped))
