"""Hypothesis strategies for bibliographies of every supported type, written as BibTeX and
read by our own loader: people and organisations, 'and others', editors, series and numbers,
DOIs and URLs, dates, ranges and no date. Used by the APA oracle and the export round trips.

By default every work's first author has a surname of its own; `alike=True` makes labels
collide, so that works are told apart by initials, added names and a/b, as APA 7 does.
"""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

from citekit.bibliography import parse_bibliography
from citekit.model import Entry

_STEMS = ["Berg", "Dahl", "Lie", "Moe", "Vik", "Ås", "Holm", "Strand", "Bakke", "Haug", "Lund", "Sæther"]
_ENDINGS = ["", "heim", "stad", "rud", "nes", "by", "land", "li"]
SURNAMES = [stem + ending for stem, ending in itertools.product(_STEMS, _ENDINGS)]
# initials all different: citeproc, like APA, tells two first authors of one surname apart by
# their initials
GIVEN = ["Kari", "Per", "Anne Britt", "Hans-Christian", "Ola", "Ingrid", "E.", "Tord"]
ORGANISATIONS = ["Integrerings- og mangfoldsdirektoratet", "Arbeids- og velferdsdirektoratet",
                 "Riksrevisjonen", "NORCE", "Proba samfunnsanalyse"]
WORDS = ["samarbeid", "introduksjonsprogrammet", "kommunen", "Nav", "evaluering", "tiltak",
         "arbeid", "utdanning", "norskopplæring", "organisering", "rapport", "flyktninger"]
SERIES = ["Fafo-rapport", "NIBR-rapport", "Proba Rapport", "ØF-rapport", "Dokument"]
NUMBERS = ["12", "2017:31", "2017-11", "04/2018", "3"]
PUBLISHERS = ["Universitetsforlaget", "Cappelen Damm Akademisk", "Fagbokforlaget", "Gyldendal"]
SCHOOLS = ["Universitetet i Bergen", "OsloMet", "Universitetet i Oslo"]


def _title(words: list[str], question: bool) -> str:
    text = " ".join(words)
    return text[0].upper() + text[1:] + ("?" if question else "")


titles = st.builds(_title, st.lists(st.sampled_from(WORDS), min_size=1, max_size=6), st.booleans())


@st.composite
def _people(draw, first: str, max_size: int = 6) -> str:
    """A BibTeX name list whose first author is `first`."""
    count = draw(st.sampled_from([1, 1, 2, 2, 3, 5, max_size]))
    names = [first] + draw(st.lists(st.sampled_from(SURNAMES), min_size=count - 1, max_size=count - 1))
    people = [f"{name}, {draw(st.sampled_from(GIVEN))}" for name in names]
    if draw(st.integers(0, 3)):  # mostly the same person for a surname: 'et al.' may collide
        people[0] = f"{first}, {GIVEN[SURNAMES.index(first) % len(GIVEN)]}"
    if draw(st.integers(0, 9)) == 0:
        people += [f"Navn{i}, A." for i in range(22 - len(people))]  # more than twenty
    elif draw(st.integers(0, 5)) == 0:
        people.append("others")
    return " and ".join(people)


@st.composite
def _creators(draw, first: str) -> str:
    if draw(st.integers(0, 3)) == 0:
        organisations = draw(st.lists(st.sampled_from(ORGANISATIONS), min_size=1, max_size=2, unique=True))
        return "author = {" + " and ".join("{" + o + "}" for o in organisations) + "}"
    return "author = {" + draw(_people(first)) + "}"


@st.composite
def _year(draw, undated: bool = False, days: bool = False, alike: bool = False) -> str:
    year = draw(st.integers(2020, 2021) if alike else st.integers(1995, 2026))
    choice = draw(st.integers(0, 9))
    if undated and choice == 0:
        return ""
    if choice == 1:
        return f"date = {{{year}/{year + draw(st.integers(1, 2))}}}"
    if days and choice in (2, 3):
        return f"date = {{{year}-{draw(st.integers(1, 12)):02d}}}"
    if days and choice > 3:
        return f"date = {{{year}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}}}"
    return f"year = {{{year}}}"


@st.composite
def _link(draw) -> str:
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return f"doi = {{10.{draw(st.integers(1000, 99999))}/x{draw(st.integers(1, 999))}}}"
    if choice == 1:
        return f"url = {{https://example.org/{draw(st.sampled_from(WORDS))}/}}"
    return ""


@st.composite
def entry_fields(draw, first: str, alike: bool = False) -> tuple[str, list[str]]:
    """One entry's type and fields, first author `first`."""
    kind = draw(st.sampled_from(["techreport", "report", "book", "incollection", "inbook",
                                 "inproceedings", "article", "thesis", "phdthesis",
                                 "mastersthesis", "online", "misc", "manual", "legislation"]))
    title = draw(titles)
    fields = [f"title = {{{title}}}", "langid = {norsk}"]
    if kind == "legislation":
        year = draw(st.integers(1990, 2026))
        short = first.lower() + "loven"
        return kind, fields + [f"shorttitle = {{{short}}}", f"date = {{{year}-06-01}}",
                               f"number = {{LOV-{year}-06-01-{draw(st.integers(1, 200))}}}",
                               "publisher = {Lovdata}", f"url = {{https://lovdata.no/lov/{year}}}"]
    edited = kind == "book" and draw(st.booleans())
    if edited:
        fields.append("editor = {" + draw(_people(first, max_size=3)) + "}")
    else:
        fields.append(draw(_creators(first)))
    fields.append(draw(_year(undated=kind in ("online", "misc", "manual"), days=kind == "online", alike=alike)))
    fields.append(draw(_link()))
    if kind in ("techreport", "report"):
        fields.append(f"institution = {{{draw(st.sampled_from(ORGANISATIONS))}}}")
        if draw(st.booleans()):
            series = f"type = {{{draw(st.sampled_from(SERIES))}}}, " if draw(st.booleans()) else ""
            fields.append(series + f"number = {{{draw(st.sampled_from(NUMBERS))}}}")
    elif kind == "book":
        fields.append(f"publisher = {{{draw(st.sampled_from(PUBLISHERS))}}}")
        if draw(st.booleans()):
            fields.append(f"edition = {{{draw(st.integers(2, 5))}}}")
    elif kind in ("incollection", "inbook", "inproceedings"):
        fields += [f"booktitle = {{{draw(titles)}}}", f"publisher = {{{draw(st.sampled_from(PUBLISHERS))}}}",
                   "editor = {" + draw(_people(draw(st.sampled_from(SURNAMES)), max_size=3)) + "}"]
        if draw(st.booleans()):
            first_page = draw(st.integers(1, 300))
            fields.append(f"pages = {{{first_page}--{first_page + draw(st.integers(1, 40))}}}")
    elif kind == "article":
        fields += [f"journal = {{Tidsskrift for {draw(st.sampled_from(WORDS))}}}",
                   f"volume = {{{draw(st.integers(1, 80))}}}"]
        if draw(st.booleans()):
            fields.append(f"number = {{{draw(st.integers(1, 6))}}}")
        first_page = draw(st.integers(1, 300))
        fields.append(f"pages = {{{first_page}--{first_page + draw(st.integers(1, 40))}}}")
    elif kind in ("thesis", "phdthesis", "mastersthesis"):
        fields.append(f"school = {{{draw(st.sampled_from(SCHOOLS))}}}")
        if kind == "thesis":
            fields.append(f"type = {{{draw(st.sampled_from(['Masteroppgave', 'Bacheloroppgave']))}}}")
    elif kind in ("misc", "manual") and draw(st.booleans()):
        fields.append("type = {Mal}")
    return kind, [f for f in fields if f]


@st.composite
def bibliographies(draw, min_size: int = 10, max_size: int = 30, alike: bool = False) -> list[Entry]:
    """A bibliography of distinct works, read by our loader (which must find no problem).
    With `alike`, first authors come from a handful of surnames, so that labels collide."""
    size = draw(st.integers(min_size, max_size))
    pool = st.sampled_from(SURNAMES[:4]) if alike else st.sampled_from(SURNAMES)
    firsts = draw(st.lists(pool, min_size=size, max_size=size, unique=not alike))
    lines = []
    for index, first in enumerate(firsts):
        kind, fields = draw(entry_fields(first, alike))
        # each work its own title: citeproc's order of two works alike in names, date and
        # title is its own business (README)
        fields = [f"title = {{{field[9:-1]} {index + 1}}}" if field.startswith("title = {") else field
                  for field in fields]
        lines.append(f"@{kind}{{w{index}x,\n  " + ",\n  ".join(fields) + "\n}")
    library = parse_bibliography("\n".join(lines), "generated.bib")
    assert library.problems == (), [str(p) for p in library.problems]
    return list(library.entries.values())
