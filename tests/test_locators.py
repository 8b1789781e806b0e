"""A locator's label in Norwegian (CSL nb-NO short forms), the rest as written."""

import pytest

from citekit.locators import norwegian_locator

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("suffix, expected", [
    (", p. 33", "s. 33"), ("pp. 33-35", "s. 33–35"), (", 12--14", "s. 12–14"), ("33", "s. 33"),
    ("side 3", "s. 3"), ("chap. 3", "kap. 3"), ("Chapter 3", "kap. 3"), ("kapittel 2", "kap. 2"),
    (", ¶ 4", "avsn. 4"), ("para. 4", "avsn. 4"), ("§ 41", "§ 41"), ("sec. 2", "§ 2"),
    ("vol. 2", "bd. 2"), ("bind iv", "bd. iv"), ("no. 6", "nr. 6"), ("fig. 2", "fig. 2"),
    ("del 2", "d. 2"), ("s.v. ord", "s.v. ord"), ("sub verbo ord", "s.v. ord"),
    (", {pp. iv, vi-xi} med mer", "s. iv, vi-xi med mer"), ("{}, 99 år senere", "99 år senere"),
    (", blant andre", "blant andre"), ("del av funnene", "del av funnene"), ("tabell 1", "tabell 1"),
    ("s. **32**", "s. **32**"), ("", ""), (",", ""),
])
def test_norwegian_locator(suffix, expected):
    assert norwegian_locator(suffix) == expected
