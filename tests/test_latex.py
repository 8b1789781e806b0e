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
