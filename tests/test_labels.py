"""Author-year labels: shortauthor first, then one, two ('&' in parentheses, 'og' in running
text) or 'et al.' names; a/b on collisions."""

import pytest

from citekit.bibliography import parse_bibliography
from citekit.labels import assign_labels, norwegian_sort_key

pytestmark = pytest.mark.unit


def labels(bib):
    library = parse_bibliography(bib, "r.bib")
    assert library.problems == ()
    return {key: (label.names, label.year) for key, label in assign_labels(library.entries.values()).items()}


@pytest.mark.parametrize("fields, expected", [
    ("author = {Tronstad, K. R.}", ("Tronstad", "2015")),
    ("author = {R{\\o}hneb{\\ae}k, M. and Eide, T. H.}", ("Røhnebæk & Eide", "2015")),
    ("author = {Djuve, A. and Kavli, H. and Bråthen, B.}", ("Djuve et al.", "2015")),
    ("author = {Djuve, A. and Kavli, H. and Bråthen, B.}, shortauthor = {Fafo}", ("Fafo", "2015")),
    ("author = {{Riksrevisjonen}}", ("Riksrevisjonen", "2015")),
    ("author = {{A og B AS}}", ("A og B AS", "2015")),
    ("author = {Jean de la Fontaine}", ("de la Fontaine", "2015")),
    ("editor = {Nordmann, Ola}", ("Nordmann", "2015")),
    ("institution = {NIBR}", ("NIBR", "2015")),
    ("author = {{IMDi} and {AVDir}}, shortauthor = {{IMDi} and {AVDir}}", ("IMDi & AVDir", "2015")),
])
def test_label(fields, expected):
    assert labels(f"@techreport{{k2015, {fields}, title = {{T}}, year = 2015}}") == {"k2015": expected}


def test_same_names_and_year_get_letters_by_title():
    bib = """@techreport{b, author = {{IMDi}}, title = {Bbb}, year = 2021}
@techreport{a, author = {{IMDi}}, title = {Aaa}, year = 2021}
@techreport{c, author = {{IMDi}}, title = {Ccc}, year = 2020}
@misc{d, author = {{IMDi}}, title = {Mal A}}
@misc{e, author = {{IMDi}}, title = {Mal B}}"""
    assert labels(bib) == {"a": ("IMDi", "2021a"), "b": ("IMDi", "2021b"), "c": ("IMDi", "2020"),
                           "d": ("IMDi", "u.å.-a"), "e": ("IMDi", "u.å.-b")}


def test_norwegian_sort_order():
    assert sorted(["Åsen", "Zeta", "Ørn", "Ærlig", "Alfa"], key=norwegian_sort_key) == [
        "Alfa", "Zeta", "Ærlig", "Ørn", "Åsen"]


@pytest.mark.parametrize("bib, expected", [
    ("@techreport{k2015, author = {Hansen, Kari and others}, title = {T}, year = 2015}", ("Hansen et al.", "2015")),
    ("@techreport{k2015, author = {Hansen, Kari and Berg, Per and others}, title = {T}, year = 2015}",
     ("Hansen et al.", "2015")),
    ("@techreport{k2015, author = {Hansen, Kari}, title = {T}, date = {2019/2020}}", ("Hansen", "2019–2020")),
    ("@legislation{k2015, title = {Lov om integrering}, shorttitle = {integreringsloven}, date = {2020-11-06}}",
     ("integreringsloven", "2020")),
])
def test_label_of_odd_entries(bib, expected):
    assert labels(bib) == {"k2015": expected}


def test_render_narrative_names():
    """Running text says 'og', parentheses '&' (the Norwegian APA manual); a narrative
    citation's inner items are parenthetical."""
    from bs4 import BeautifulSoup

    from conftest import convert

    html, record = convert("@rohnebaek2018 [s. 4] fant; [se @rohnebaek2018]; @djuve2017 [@rohnebaek2018].")
    text = " ".join(BeautifulSoup(html, "html.parser").select_one("p").get_text().split())
    assert text == ("Røhnebæk og Eide (2018, sitert i IMDi, 2021c, s. 4) fant; (se Røhnebæk & Eide, 2018, sitert i IMDi, 2021c); "
                    "Fafo (2017, sitert i IMDi, 2021c; Røhnebæk & Eide, 2018, sitert i IMDi, 2021c).")


@pytest.mark.parametrize("authors, parenthetical, narrative", [
    ("Hansen, Kari", "Hansen, 2015", "Hansen (2015)"),
    ("Hansen, Kari and Berg, Per", "Hansen & Berg, 2015", "Hansen og Berg (2015)"),
    ("Hansen, Kari and Berg, Per and Lie, Ola", "Hansen et al., 2015", "Hansen et al. (2015)"),
    ("{IMDi} and {AVDir}", "IMDi & AVDir, 2015", "IMDi og AVDir (2015)"),
])
def test_parenthetical_and_narrative_labels(authors, parenthetical, narrative):
    library = parse_bibliography(f"@techreport{{k2015, author = {{{authors}}}, title = {{T}}, year = 2015}}", "r.bib")
    label = assign_labels(library.entries.values())["k2015"]
    assert (label.parenthetical, label.narrative) == (parenthetical, narrative)


def test_works_that_look_alike_are_told_apart_the_apa_way():
    """Initials for first authors of one surname, more names before 'et al.', then a/b."""
    bib = """@techreport{a, author = {Hansen, Kari and Berg, Per and Lie, Ola}, title = {A}, year = 2020}
@techreport{b, author = {Hansen, Kari and Dahl, Ola and Lie, Ola}, title = {B}, year = 2020}
@techreport{c, author = {Hansen, Kari and Berg, Per and Lie, Ola}, title = {C}, year = 2020}
@techreport{d, author = {Moe, Kari}, title = {D}, year = 2019}
@techreport{e, author = {Moe, Per}, title = {E}, year = 2021}"""
    assert labels(bib) == {"a": ("Hansen, Berg, et al.", "2020a"), "b": ("Hansen, Dahl, et al.", "2020"),
                           "c": ("Hansen, Berg, et al.", "2020b"), "d": ("K. Moe", "2019"),
                           "e": ("P. Moe", "2021")}


def test_a_parenthesis_lists_its_works_in_the_reference_list_s_order():
    """APA 7 and citeproc: sorted, one author's works sharing the names; a prefix keeps the
    written order."""
    from bs4 import BeautifulSoup

    from conftest import convert

    html, _ = convert("[@tronstad2015; @imdi2021-roller; @imdi2021]\n\n[se @tronstad2015; @imdi2021-roller]")
    texts = [" ".join(p.get_text().split()) for p in BeautifulSoup(html, "html.parser").select("p")]
    assert texts[:2] == ["(IMDi, 2021a, 2021c; Tronstad, 2015, sitert i IMDi, 2021c)",
                         "(se Tronstad, 2015, sitert i IMDi, 2021c; IMDi, 2021a)"]
