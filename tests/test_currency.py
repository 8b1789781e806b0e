"""The currency check (citekit.currency): sentences, which citation advice rests on, when it is
dated, and the located warning."""

from __future__ import annotations

import pytest

from citekit.currency import Cite, split_sentences, stale_advice
from citekit.library import load_library
from conftest import FIXTURES

LIBRARY = load_library(FIXTURES / "tasks" / "references.bib", "references.bib")
OLD = Cite(("imdi2021",), 7)  # imdi2021 is replaced by imdi2023-kommunen
NEW = Cite(("imdi2023-kommunen",), 8)
FAFO = Cite(("djuve2017",), 9)
ACT_AND_OLD = Cite(("integreringsloven2020", "imdi2021"), 10)

SENTENCES = [
    ("two sentences", ["Kommunen bør det. Nav kan det ", OLD, "."], ["Kommunen bør det. ", "Nav kan det ￼."]),
    ("abbreviations", ["Se bl.a. Nav, f.eks. Nav-kontoret, jf. Nav, s. 3 og nr. 4, kap. 2 og Djuve mfl. Nav ", OLD, "."],
     ["Se bl.a. Nav, f.eks. Nav-kontoret, jf. Nav, s. 3 og nr. 4, kap. 2 og Djuve mfl. Nav ￼."]),
    ("a number ends a sentence", ["Se side 3. Kommunen bør det ", OLD, "."], ["Se side 3. ", "Kommunen bør det ￼."]),
    ("a citation is one mark", ["Kommunen bør det ", Cite(("a",)), ". Nav ", OLD, " kan."],
     ["Kommunen bør det ￼. ", "Nav ￼ kan."]),
    ("a textual citation starts a sentence", ["Det er slik. ", OLD, " anbefaler det."],
     ["Det er slik. ", "￼ anbefaler det."]),
    ("a lower-case word does not start one", ["Det er ca. to. og tre!"], ["Det er ca. to. og tre!"]),
    ("a quotation", ["Hun sa «Nei.» Så bør vi det ", OLD, "."], ["Hun sa «Nei.» ", "Så bør vi det ￼."]),
]


@pytest.mark.parametrize("name, segments, expected", SENTENCES, ids=[s[0] for s in SENTENCES])
def test_split_sentences(name, segments, expected):
    assert [sentence.text for sentence in split_sentences(segments)] == expected


def warning(word: str, line: int = 7) -> str:
    return (f"docs/side.md:{line}: advice in the present tense rests only on a replaced work: "
            f"'{word}' cites imdi2021, which imdi2023-kommunen replaces; date it (\"i 2021\") or "
            "cite the newer work")


ADVICE = [
    ("IMDi recommends", ["IMDi anbefaler kontaktpersoner ", OLD, "."], [warning("anbefaler")]),
    ("each advice word", ["IMDi mener det ", OLD, "."], [warning("mener")]),
    ("at the start of a sentence", ["Bør kommunen det? Ja ", OLD, "."], [warning("Bør")]),
    ("a textual citation before the word", ["", OLD, " råder kommunen til det."], [warning("råder")]),
    ("the citation closing the passage", ["Arbeidet bør ha støtte. Et vedtak er én måte ", OLD, "."],
     [warning("bør")]),
    ("the word in the citation's own sentence is named",
     ["Når den skal kjøpe noe. IMDi anbefaler maler ", OLD, "."], [warning("anbefaler")]),
    ("the advice rests on the citation after it", ["IMDi anbefaler det ", OLD, ", og Fafo fant noe ", FAFO, "."],
     [warning("anbefaler")]),
    ("two citations, two warnings", ["Kommunen må det ", OLD, ". Nav skal det ", OLD, "."],
     [warning("må"), warning("skal")]),
    ("dated in the sentence", ["IMDi anbefalte i 2021 det, og kommunen bør det ", OLD, "."], []),
    ("dated as 'IMDi skrev i 2021'", ["IMDi skrev i 2021 at kommunen bør det ", OLD, "."], []),
    ("dated in the passage", ["Kommunen bør det. Det skrev IMDi i 2021 ", OLD, "."], []),
    ("the year of the citation's own text does not date it", ["Kommunen bør det ", OLD, "."], [warning("bør")]),
    ("another year does not date it", ["I 2023 bør kommunen det ", OLD, "."], [warning("bør")]),
    ("past tense", ["IMDi anbefalte det ", OLD, "."], []),
    ("the newer work is cited", ["IMDi anbefaler det ", OLD, "; se ", NEW, "."], []),
    ("a newer work beside it", ["IMDi anbefaler det ", Cite(("imdi2021", "imdi2023-kommunen"), 7), "."], []),
    ("an act beside it", ["Kommunen skal det ", ACT_AND_OLD, "."], []),
    ("no advice word", ["IMDi beskriver det ", OLD, "."], []),
    ("a word inside another", ["Kommunen har skalert opp, ikke børe ", OLD, "."], []),
    ("advice without a citation", ["Kommunen bør det. ", "Nav gjør det ", NEW, "."], []),
    ("a sentence after the last citation", ["Nav gjør det ", OLD, ". Kommunen bør det."], []),
    ("an unknown key", ["Kommunen bør det ", Cite(("ukjent",), 7), "."], []),
]


@pytest.mark.parametrize("name, segments, expected", ADVICE, ids=[a[0] for a in ADVICE])
def test_stale_advice(name, segments, expected):
    found = stale_advice(segments, LIBRARY.works, "docs/side.md")
    assert [str(problem) for problem in found] == expected
    assert all(problem.warning for problem in found)
