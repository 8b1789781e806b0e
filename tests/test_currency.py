"""The currency check (citekit.currency): sentences, which citation advice rests on, when it is
dated, and the located warning."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup

from citekit.currency import Cite, split_sentences, stale_advice
from citekit.front_matter import front_matter_lines
from citekit.library import load_library
from citekit.markdown_ext import PageContext
from citekit.page_facts import currency_note
from conftest import FIXTURES, SITE_EXTENSIONS, convert

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


@pytest.mark.unit
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


@pytest.mark.unit
@pytest.mark.parametrize("name, segments, expected", ADVICE, ids=[a[0] for a in ADVICE])
def test_stale_advice(name, segments, expected):
    found = stale_advice(segments, LIBRARY.works, "docs/side.md")
    assert [str(problem) for problem in found] == expected
    assert all(problem.warning for problem in found)


# --- in a page: the extension reads every block, notes the age of replaced advice ----------

PAGE = PageContext("kommunen/side.md", "docs/kommunen/side.md", 4, datetime.date(2026, 11, 29))


def convert_page(markdown: str, page: PageContext = PAGE, library=LIBRARY):
    html, record = convert(markdown, library, (*SITE_EXTENSIONS, "pymdownx.details"), page)
    return BeautifulSoup(html, "html.parser"), record


def located(record) -> list[tuple[int, str]]:
    return [(p.line, p.message.split("'")[1]) for p in record.problems]


@pytest.mark.unit
def test_every_kind_of_block_is_read_and_the_warning_is_at_the_citation_s_line():
    markdown = ("IMDi anbefaler\nkontaktpersoner [@imdi2021].\n\n"
                "- Kommunen bør det [@imdi2021].\n\n"
                "| A | B |\n| --- | --- |\n| Nav må det [@imdi2021] | – |\n\n"
                "Ord\n:   Kommunen skal det [@imdi2021].\n\n"
                "!!! tip\n    IMDi mener det [@imdi2021].\n\n"
                "I 2021 anbefalte IMDi det, og kommunen bør det [@imdi2021].\n\n"
                "```\nKommunen bør det [@imdi2021].\n```\n")
    soup, record = convert_page(markdown)
    assert located(record) == [(6, "anbefaler"), (8, "bør"), (12, "må"), (15, "skal"), (18, "mener")]
    assert all(problem.warning for problem in record.problems)


@pytest.mark.unit
def test_a_page_citing_a_replaced_work_has_a_dated_note_under_its_dates():
    soup, _ = convert_page("# Side\n\nI 2021 anbefalte IMDi det [@imdi2021].")
    dates = soup.select_one("h1 + p.kb-page-dates")
    note = dates.find_next_sibling("p")
    assert note["class"] == ["kb-currency-note"]
    assert " ".join(note.get_text().split()) == ("Noen av rådene på denne siden er fra 2021. IMDi (2023) "
                                                 "har senere publisert nyere veiledning. Se Hva er nytt.")
    assert [a["href"] for a in note.select("a")] == ["../forskning/imdi2023-kommunen.md", "../hva-er-nytt.md"]


@pytest.mark.parametrize("page, markdown", [
    (PAGE, "# Side\n\nIMDi anbefaler det [@imdi2023-kommunen]."),
    (PageContext("hva-er-nytt.md", "docs/hva-er-nytt.md", 4, datetime.date(2026, 11, 29)),
     "# Hva er nytt\n\nI 2021 skrev IMDi det [@imdi2021]."),
    (PageContext("kommunen/side.md", "docs/kommunen/side.md", 4), "# Side\n\nI 2021 skrev IMDi det [@imdi2021]."),
], ids=["no replaced work", "the page on what is new", "a page without a date (generated)"])
@pytest.mark.unit
def test_no_note(page, markdown):
    soup, _ = convert_page(markdown, page)
    assert soup.select(".kb-currency-note") == []


SOURCE_AGES = [
    ("works only", "[@djuve2017] [@imdi2023-kommunen]", "Kildene på denne siden er fra 2017–2023."),
    ("an act is left out", "[@integreringsloven2020] [@imdi2021] [@imdi2023-kommunen]",
     "Kildene på denne siden er fra 2021–2023."),
    ("acts only: nothing said", "[@integreringsloven2020]", None),
]


@pytest.mark.unit
@pytest.mark.parametrize("name, markdown, expected", SOURCE_AGES, ids=[s[0] for s in SOURCE_AGES])
def test_source_age_counts_works_not_acts(name, markdown, expected):
    soup, _ = convert_page("# Side\n\n" + markdown)
    age = soup.select_one(".kb-source-age")
    assert (age.get_text() if age else None) == expected


# --- today's pages (commit 571c340, frozen), where the review's F13 found nine places --------

FROZEN = FIXTURES / "currency-571c340"
FROZEN_LIBRARY = load_library(FROZEN / "references.bib", "references.bib")
# (page, the review's lines, the line of the citation the warning stands at)
REVIEW_F13 = [
    ("anskaffelser.md", "10-13", 13),
    ("arbeidsgivere.md", "18", 19),  # "IMDi mener …" on 18, its citation on 19
    ("kommunen/index.md", "126", 126),
    ("kommunen/index.md", "131", 131),
    ("kommunen/organisering.md", "50", 50),
    ("verktoy/ordliste.md", "58-59", 59),
    ("verktoy/ordliste.md", "101-102", 102),
    ("verktoy/ordliste.md", "162-163", 163),
    ("verktoy/ordliste.md", "178-179", 179),
]
# Flagged beyond the review, each true under the rule (the sentence gives 2021 advice in
# the present tense on the 2021 page alone, and does not date it):
ALSO_FLAGGED = [
    ("anskaffelser.md", 35),  # "anbefaler @imdi2021 at dere støtter dere på": the body's form of 10-13
    ("kommunen/index.md", 26),  # "Ifølge den skal kommunen også …": dated only by the sentence before
    ("kommunen/index.md", 26),  # "IMDi anbefaler at hver deltaker har en egen kontaktperson"
    ("kommunen/index.md", 28),  # "… skal være forsvarlige [@imdi2021]": a duty; cite the act beside it
]


def frozen_warnings() -> list[tuple[str, int]]:
    found = []
    for path in sorted((FROZEN / "docs").rglob("*.md")):
        name = path.relative_to(FROZEN / "docs").as_posix()
        offset = front_matter_lines(path)
        body = "\n".join(path.read_text(encoding="utf-8").split("\n")[offset:])
        page = PageContext(name, f"docs/{name}", offset, datetime.date(2026, 11, 29))
        _, record = convert_page(body, page, FROZEN_LIBRARY)
        assert all(problem.warning for problem in record.problems), record.problems
        found += [(name, problem.line) for problem in record.problems]
    return found


@pytest.mark.unit
def test_the_review_s_nine_places_are_flagged_on_a_frozen_copy_of_the_pages():
    found = frozen_warnings()
    for name, _, line in REVIEW_F13:
        assert (name, line) in found
    assert sorted(found) == sorted([(name, line) for name, _, line in REVIEW_F13] + ALSO_FLAGGED)


@pytest.mark.unit
def test_the_note_names_every_year_and_every_newer_work():
    note = currency_note(["2019", "2021"], [("IMDi (2023)", "a.md"), ("Fafo (2024)", "b.md")], "nytt.md")
    assert " ".join("".join(note.itertext()).split()) == (
        "Noen av rådene på denne siden er fra 2019 og 2021. IMDi (2023) og Fafo (2024) har senere "
        "publisert nyere veiledning. Se Hva er nytt.")
