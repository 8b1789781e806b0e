"""Full references in Norwegian APA 7, one exact expected string per entry type."""

import pytest

from citekit.apa import format_reference
from citekit.bibliography import parse_bibliography
from citekit.labels import assign_labels

pytestmark = pytest.mark.unit


def reference(bib, **kwargs):
    library = parse_bibliography(bib, "r.bib")
    assert library.problems == ()
    labels = assign_labels(library.entries.values())
    key = next(iter(library.entries))
    return format_reference(library.entries[key], labels[key], **kwargs)


@pytest.mark.parametrize("bib, expected", [
    # @techreport with a series number and more than two authors
    (r"""@techreport{djuve2017, author = {Djuve, A. B. and Kavli, H. C. and Braanen Sterri, E.
        and Br{\aa}then, B.}, title = {Introduksjonsprogram og norskoppl{\ae}ring. {H}va virker
        -- for hvem?}, type = {Fafo-rapport}, number = {2017:31}, institution = {Fafo}, year = 2017}""",
     "Djuve, A. B., Kavli, H. C., Braanen Sterri, E. & Bråthen, B. (2017). Introduksjonsprogram "
     "og norskopplæring. Hva virker – for hvem? (Fafo-rapport 2017:31). Fafo."),
    # @report by an organisation that is also the publisher: no publisher repeated
    (r"""@report{riksrevisjonen2019, author = {{Riksrevisjonen}}, title = {Undersøkelse av
        myndighetenes arbeid}, type = {Dokument}, number = {3:4 (2019--2020)},
        institution = {Riksrevisjonen}, year = 2019}""",
     "Riksrevisjonen. (2019). Undersøkelse av myndighetenes arbeid (Dokument 3:4 (2019–2020))."),
    # @techreport without a number, two authors
    (r"""@techreport{rohnebaek2018, author = {R{\o}hneb{\ae}k, Maja and Eide, Tone Haraldsen},
        title = {Samarbeid i og etter introduksjonsprogrammet}, institution = {{\O}stlandsforskning},
        year = 2018}""",
     "Røhnebæk, M. & Eide, T. H. (2018). Samarbeid i og etter introduksjonsprogrammet. Østlandsforskning."),
    # @book with editors and an edition
    ("""@book{nordmann2019, editor = {Nordmann, Ola and Hansen, Kari}, title = {Boka},
        edition = 2, publisher = {Universitetsforlaget}, year = 2019}""",
     "Nordmann, O. & Hansen, K. (Red.). (2019). Boka (2. utg.). Universitetsforlaget."),
    # @book with one author and a DOI
    ("""@book{hansen2020, author = {Hansen, Kari}, title = {Integrering i praksis},
        publisher = {Cappelen Damm Akademisk}, year = 2020, doi = {10.23865/noasp.99}}""",
     "Hansen, K. (2020). Integrering i praksis. Cappelen Damm Akademisk. https://doi.org/10.23865/noasp.99"),
    # @article with volume, issue, pages and DOI
    ("""@article{nordmann2020, author = {Nordmann, Ola and Hansen, Kari and Berg, Per},
        title = {En artikkel}, journal = {Tidsskrift for samfunnsforskning}, volume = 61,
        number = 2, pages = {101--120}, year = 2020, doi = {https://doi.org/10.18261/x}}""",
     "Nordmann, O., Hansen, K. & Berg, P. (2020). En artikkel. Tidsskrift for samfunnsforskning, "
     "61(2), 101–120. https://doi.org/10.18261/x"),
    # @incollection
    ("""@incollection{hansen2019, author = {Hansen, Kari}, editor = {Nordmann, Ola}, title = {Kapittel},
        booktitle = {Boka}, pages = {1--20}, publisher = {Universitetsforlaget}, year = 2019}""",
     "Hansen, K. (2019). Kapittel. I O. Nordmann (Red.), Boka (s. 1–20). Universitetsforlaget."),
    # @online with a full date and a URL
    ("""@online{imdi2021, author = {{Integrerings- og mangfoldsdirektoratet}}, shortauthor = {IMDi},
        title = {Samarbeid om innhold i introduksjonsprogrammet}, date = {2021-09-21},
        url = {https://www.example.org/side}}""",
     "Integrerings- og mangfoldsdirektoratet. (2021, 21. september). Samarbeid om innhold i "
     "introduksjonsprogrammet. https://www.example.org/side"),
    # @misc without a date, with a type: "u.å." and [Mal]
    ("""@misc{imdiua-mal, author = {{Integrerings- og mangfoldsdirektoratet}}, title = {Mal for
        kravspesifikasjon}, type = {Mal}}""",
     "Integrerings- og mangfoldsdirektoratet. (u.å.). Mal for kravspesifikasjon [Mal]."),
    # @manual by two organisations, with a date: a guide gives its year (the day is for web pages)
    ("""@manual{imdi2021-veileder, author = {{Integrerings- og mangfoldsdirektoratet} and
        {Arbeids- og velferdsdirektoratet}}, title = {Veileder om samarbeid}, date = {2021-04-08}}""",
     "Integrerings- og mangfoldsdirektoratet & Arbeids- og velferdsdirektoratet. (2021). "
     "Veileder om samarbeid."),
    # @manual with a publisher that differs from the author
    ("""@manual{nav2020, author = {Berg, Per}, title = {Håndbok}, organization = {NAV}, year = 2020}""",
     "Berg, P. (2020). Håndbok. NAV."),
    # @phdthesis
    ("""@phdthesis{berg2018, author = {Berg, Per}, title = {Avhandlingen}, school = {Universitetet i Bergen},
        year = 2018}""",
     "Berg, P. (2018). Avhandlingen [Doktoravhandling]. Universitetet i Bergen."),
    # @mastersthesis
    ("""@mastersthesis{hansen2016, author = {Hansen, Kari}, title = {Oppgaven}, school = {OsloMet},
        year = 2016}""",
     "Hansen, K. (2016). Oppgaven [Masteroppgave]. OsloMet."),
    # @inproceedings
    ("""@inproceedings{berg2017, author = {Berg, Per}, title = {Innlegget}, booktitle = {Konferanserapport},
        editor = {Nordmann, Ola}, pages = {5--9}, publisher = {Forlaget}, year = 2017}""",
     "Berg, P. (2017). Innlegget. I O. Nordmann (Red.), Konferanserapport (s. 5–9). Forlaget."),
    # @misc with a publisher that is not the author
    ("""@misc{berg2022, author = {Berg, Per}, title = {Notat}, type = {Notat}, publisher = {KS}, year = 2022}""",
     "Berg, P. (2022). Notat [Notat]. KS."),
    # a title ending in a question mark gets no extra period
    ("""@techreport{x2015, author = {Tronstad, K. R.}, title = {Hva betyr organiseringen?},
        institution = {NIBR}, year = 2015}""",
     "Tronstad, K. R. (2015). Hva betyr organiseringen? NIBR."),
])
def test_reference_text(bib, expected):
    assert reference(bib).text == expected


def test_more_than_twenty_authors():
    authors = " and ".join(f"Navn{i}, A." for i in range(1, 23))
    text = reference(f"@book{{x2020, author = {{{authors}}}, title = {{T}}, publisher = {{P}}, year = 2020}}").text
    assert text.startswith("Navn1, A., Navn2, A.,")
    assert "Navn19, A., … Navn22, A. (2020)." in text
    assert "Navn20" not in text


def test_html_escapes_and_links_the_title():
    ref = reference('@misc{x2020, author = {A, B}, title = {<script>alert(1)</script> & *x*}, year = 2020}',
                    title_href="../forskning/x2020/")
    assert ref.html == ('A, B. (2020). <em><a href="../forskning/x2020/">&lt;script&gt;alert(1)&lt;/script&gt; '
                        '&amp; *x*</a></em>.')


@pytest.mark.parametrize("bib, expected", [
    # "and others": the rest of the authors is unknown
    ("@book{x2020, author = {Hansen, Kari and others}, title = {T}, publisher = {P}, year = 2020}",
     "Hansen, K. et al. (2020). T. P."),
    # a range of years, shown as a range
    ("@report{x2020, author = {Hansen, Kari}, title = {T}, institution = {I}, date = {2019/2020}}",
     "Hansen, K. (2019–2020). T. I."),
    # a percent sign and a URL with an escaped space
    ("@online{x2020, author = {Hansen, Kari}, title = {Tiltak for 50 % av deltakerne}, date = {2021-03},"
     " url = {https://example.org/rapport%20endelig.pdf}}",
     "Hansen, K. (2021, mars). Tiltak for 50 % av deltakerne. https://example.org/rapport%20endelig.pdf"),
    # an act, cited by its short title (lover.md)
    ("@legislation{integreringsloven2020, title = {Lov om integrering gjennom opplæring, utdanning og arbeid},"
     " shorttitle = {integreringsloven}, number = {LOV-2020-11-06-127}, date = {2020-11-06},"
     " publisher = {Lovdata}, url = {https://lovdata.no/dokument/NL/lov/2020-11-06-127}}",
     "Lov om integrering gjennom opplæring, utdanning og arbeid (integreringsloven). (2020). "
     "LOV-2020-11-06-127. Lovdata. https://lovdata.no/dokument/NL/lov/2020-11-06-127"),
])
def test_reference_of_odd_entries(bib, expected):
    assert reference(bib).text == expected


@pytest.mark.parametrize("date, expected", [
    # the style writes '(2021. april)' and '(2019–2020. mai–januar)' (README: "web page month")
    ("2021-04", "(2021, april)"),
    ("2019-05/2020-01", "(2019–2020)"),
    ("2021-04-08", "(2021, 8. april)"),
])
def test_web_page_dates(date, expected):
    text = reference(f"@online{{x2021, author = {{{{IMDi}}}}, title = {{Side}}, date = {{{date}}}}}").text
    assert text == f"IMDi. {expected}. Side."


@pytest.mark.parametrize("fields, expected", [
    # published (a DOI or URL): the school inside the brackets
    ("url = {https://example.org/x}", "Berg, P. (2018). Avhandlingen [Doktoravhandling, UiB]. https://example.org/x"),
    ("", "Berg, P. (2018). Avhandlingen [Doktoravhandling]. UiB."),
])
def test_thesis_published_or_not(fields, expected):
    bib = f"@phdthesis{{berg2018, author = {{Berg, Per}}, title = {{Avhandlingen}}, school = {{UiB}}, year = 2018, {fields}}}"
    assert reference(bib).text == expected


@pytest.mark.parametrize("number, expected", [
    ("2017-11", "(Proba Rapport Nr. 2017-11)"),  # a plain number is labelled, as the style does
    ("2017:31", "(Proba Rapport 2017:31)"),
])
def test_report_numbers(number, expected):
    bib = f"@techreport{{p2017, author = {{Berg, Per}}, title = {{T}}, type = {{Proba Rapport}}, number = {{{number}}}, institution = {{Proba}}, year = 2017}}"
    assert reference(bib).text == f"Berg, P. (2017). T {expected}. Proba."
