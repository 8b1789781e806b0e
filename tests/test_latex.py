"""The fast LaTeX path (hooks/citekit/latex.py) reads every value it takes exactly as
pylatexenc does, and hands over everything else: hypothesis builds values from LaTeX pieces,
simple and not, and every field value of the real and the fixture bibliographies is checked."""

from __future__ import annotations

import re

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
_BRACED_VALUE = re.compile(r"=\s*\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}")


def same_as_pylatexenc(value: str) -> bool:
    fast = latex._fast_latex_to_text(value)
    return fast is None or fast == latex._converter().latex_to_text(value)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SIMPLE + OTHER), max_size=12).map("".join))
def test_fast_path_reads_as_pylatexenc(value):
    assert same_as_pylatexenc(value)


@pytest.mark.parametrize("bib", [ROOT / "references.bib", FIXTURES / "minimal" / "references.bib"],
                         ids=["real", "fixture"])
def test_every_value_of_the_bibliographies(bib):
    values = _BRACED_VALUE.findall(bib.read_text(encoding="utf-8"))
    assert values
    assert [v for v in values if not same_as_pylatexenc(v)] == []
