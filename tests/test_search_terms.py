"""The sector's words (includes/terms.yml): the glossary's hover texts come from them, the
search's synonym groups too, and a wrong entry is reported with its line."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from searchkit.terms import (
    ABBREVIATIONS_FILE,
    abbreviations_markdown,
    load_terms,
    parse_terms,
    script_data,
    search_groups,
)

pytestmark = pytest.mark.unit


def test_the_real_terms_file_has_no_problems():
    terms, problems = load_terms(ROOT)
    assert problems == []
    assert len(terms) >= 30


def test_the_hover_texts_are_written_from_the_terms():
    terms, _ = load_terms(ROOT)
    written = (ROOT / ABBREVIATIONS_FILE).read_text(encoding="utf-8")
    assert written == abbreviations_markdown(terms), (
        "includes/abbreviations.md differs from includes/terms.yml: run `python -m searchkit --write`")


@pytest.mark.parametrize("words", [
    ["nav", "nav-kontoret"], ["imdi", "mangfoldsdirektoratet"], ["nir", "introduksjonsregisteret"],
    ["kvalifiseringsprogrammet", "kvp"], ["introduksjonsprogrammet", "intro"],
    ["flyktningenheten", "flyktningtjenesten"], ["fylkeskommunen", "fylket"],
    ["kompetansekartlegging", "kartlegging"], ["tilskudd", "tilskot"], ["arbeidsgiver", "arbeidsgjevar"],
])
def test_the_sector_words_the_issue_names_are_one_group(words):
    groups = search_groups(load_terms(ROOT)[0])
    assert any(set(words) <= set(group) for group in groups), words


@pytest.mark.parametrize("text, expected", [
    ("- word: NIR\n  hover: Registeret\n  same: [introduksjonsregisteret]\n",
     [("NIR", "Registeret", ("introduksjonsregisteret",))]),
    ("- word: fylket\n", [("fylket", "", ())]),
    ("", []),
])
def test_parse(text, expected):
    terms, problems = parse_terms(text)
    assert problems == []
    assert [(t.word, t.hover, t.same) for t in terms] == expected


@pytest.mark.parametrize("text, message", [
    ("- hover: Uten ord\n", "includes/terms.yml:1: a term needs a 'word'"),
    ("- word: NIR\n  hover: a\n- word: NIR\n  hover: b\n",
     "includes/terms.yml:3: duplicate hover text for 'NIR' (first given at line 1)"),
    ("- word: NIR\n  same: introduksjonsregisteret\n", "includes/terms.yml:1: 'same' of 'NIR' must be a list of words"),
    ("- word: NIR\n  sama: [x]\n", "includes/terms.yml:1: unknown field 'sama' of 'NIR' (fields: word, hover, same)"),
    ("word: NIR\n", "includes/terms.yml:1: expected a list of terms"),
    ("- word: [\n", "includes/terms.yml:"),
])
def test_problems_are_located(text, message):
    _, problems = parse_terms(text)
    assert problems and str(problems[0]).startswith(message)


def test_groups_are_lower_case_each_word_once_and_reach_the_scripts():
    terms, _ = parse_terms("- word: NIR\n  same: [nir, Introduksjonsregisteret]\n- word: alene\n")
    assert search_groups(terms) == [["nir", "introduksjonsregisteret"]]
    data = script_data(terms)
    assert data.startswith("self.KB_SEARCH_TERMS = ")
    assert json.loads(data.removeprefix("self.KB_SEARCH_TERMS = ").rstrip(";\n")) == search_groups(terms)
