"""Our APA formatter against Pandoc's citeproc with the Norsk APA CSL style (tests/apa_oracle.py):
the reference list and the in-text citations of every entry of references.bib and of generated
bibliographies of every type, equal after normalising whitespace and markup, but for the
deliberate differences README lists (apa_oracle.DIFFERENCES). Build tier: Pandoc runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from apa_oracle import DIFFERENCES, Formatted, oracle, oracle_groups, our_groups, ours
from bib_strategies import bibliographies
from citekit.bibliography import load_bibliography
from citekit.model import Entry

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[1]


def differences(entries: list[Entry]) -> list[str]:
    mine, theirs = ours(entries), oracle(entries)
    found = [f"group:\n  ours:   {a}\n  pandoc: {b}"
             for a, b in zip(our_groups(entries), oracle_groups(entries), strict=True) if a != b]
    for entry in entries:
        for part in ("reference", "parenthetical", "narrative"):
            expected = getattr(theirs[entry.key], part)
            if expected is not None and getattr(mine[entry.key], part) != expected:
                found.append(f"{entry.key} {part}:\n  ours:   {getattr(mine[entry.key], part)}\n"
                             f"  pandoc: {expected}")
    return found


def test_every_entry_of_the_bibliography_as_citeproc_formats_it():
    bibliography = load_bibliography(ROOT / "references.bib", "references.bib")
    assert differences(list(bibliography.entries.values())) == []


@settings(max_examples=20, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(bibliographies())
def test_generated_entries_as_citeproc_formats_them(entries):
    assert differences(entries) == []


# A fixed sample (derandomize): citeproc's grouping of works shown alike is not fully
# understood (README, "Where we format differently"), so CI runs the examples checked here.
@settings(max_examples=10, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(bibliographies(alike=True))
def test_works_that_look_alike_are_told_apart_as_citeproc_does(entries):
    """First authors of one surname get initials, 'et al.' that would collide shows more
    names, and the same names and year get a/b: APA 7's order, and the style's."""
    assert differences(entries) == []


def test_every_difference_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for difference in DIFFERENCES:
        assert f"| {difference.name} |" in readme, difference.name


def test_a_difference_is_not_a_blanket():
    """The oracle still catches what the differences do not cover: a wrong name joiner."""
    entry = load_bibliography(ROOT / "references.bib", "references.bib").entries["rohnebaek2018"]
    theirs = oracle([entry])[entry.key]
    assert theirs.parenthetical == "(Røhnebæk & Eide, 2018, s. 4)"
    assert theirs.narrative == "Røhnebæk og Eide (2018, s. 4)"
    assert theirs != Formatted(theirs.reference, "(Røhnebæk og Eide, 2018, s. 4)", theirs.narrative)


def test_a_type_added_in_one_place_is_formatted_as_citeproc_does(monkeypatch):
    """The registry's promise, checked against the oracle: one row, and the reference and the
    citations are the style's (tests/test_fields.py checks the other outputs)."""
    from citekit import entry_types
    from citekit.bibliography import parse_bibliography

    monkeypatch.setitem(entry_types.TYPES, "dataset", entry_types.EntryType(
        "datasett", "DATA", "dataset", "Dataset", "document"))
    entries = parse_bibliography("@dataset{ssb2024, author = {Berg, Per and Lie, Kari}, title = {Sysselsetting},"
                                 " type = {Datasett}, year = 2024, publisher = {SSB}, url = {https://www.ssb.no/x},"
                                 " langid = {norsk}}", "references.bib").entries
    assert differences(list(entries.values())) == []
