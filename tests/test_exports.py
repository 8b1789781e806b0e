"""Exports for reference managers (BibTeX, RIS, CSL-JSON) and the metadata on a work's page."""

import json

import pytest

from citekit.bibliography import parse_bibliography
from citekit.exports import to_bibtex, to_csl_json, to_ris
from citekit.metadata import head_html, highwire_tags, json_ld

pytestmark = pytest.mark.unit

BIB = r"""@string{nibr = "NIBR"}
@techreport{djuve2017,
  author = {Djuve, A. B. and Kavli, H. C. and Braanen Sterri, E. and Br{\aa}then, B.},
  shortauthor = {Fafo},
  title = {Introduksjonsprogram og norskoppl{\ae}ring. {H}va virker -- for hvem?},
  type = {Fafo-rapport}, number = {2017:31}, institution = {Fafo}, year = {2017},
  langid = {norsk}, keywords = {organisering, politisk forankring},
  abstract = {Et sammendrag.},
}
@techreport{tronstad2015, author = {Tronstad, K. R.}, title = {Tittel}, institution = nibr,
  type = {NIBR-rapport}, number = {2015:2}, year = 2015}
@online{imdi2021, author = {{Integrerings- og mangfoldsdirektoratet}}, title = {Samarbeid},
  date = {2021-09-21}}
@article{berg2020, author = {Berg, Per and Hansen, Kari}, title = {Artikkel}, journal = {Tidsskriftet},
  volume = 3, number = 2, pages = {10--20}, year = 2020, doi = {10.1/x}}
"""


@pytest.fixture(scope="module")
def entries():
    library = parse_bibliography(BIB, "r.bib")
    assert library.problems == ()
    return library.entries


def parse_ris(text):
    records, record = [], []
    for line in text.splitlines():
        if not line.strip():
            continue
        tag, _, value = line.partition("  - ")
        record.append((tag, value))
        if tag == "ER":
            records.append(record)
            record = []
    return records


def test_bibtex_round_trips(entries):
    text = to_bibtex(entries.values())
    again = parse_bibliography(text, "export.bib")
    assert again.problems == ()
    assert list(again.entries) == list(entries)
    for key, entry in entries.items():
        assert dict(again.entries[key].fields) == dict(entry.fields)
        assert again.entries[key].authors == entry.authors
    assert "nibr" not in text.split("tronstad2015", 1)[1].split("}", 1)[0].lower().replace("nibr-", "")
    assert "institution = {NIBR}" in text


def test_ris(entries):
    records = parse_ris(to_ris(entries.values()))
    assert len(records) == 4
    fafo = records[0]
    assert fafo[0] == ("TY", "RPRT")
    assert [v for t, v in fafo if t == "AU"] == ["Djuve, A. B.", "Kavli, H. C.", "Braanen Sterri, E.", "Bråthen, B."]
    assert ("TI", "Introduksjonsprogram og norskopplæring. Hva virker – for hvem?") in fafo
    assert ("PY", "2017") in fafo and ("PB", "Fafo") in fafo and ("SN", "Fafo-rapport 2017:31") in fafo
    assert [v for t, v in fafo if t == "KW"] == ["organisering", "politisk forankring"]
    assert ("LA", "nb") in fafo and fafo[-1] == ("ER", "")
    assert ("DA", "2021/09/21/") in records[2]
    article = dict(records[3])
    assert (article["TY"], article["T2"], article["VL"], article["IS"], article["SP"], article["EP"],
            article["DO"]) == ("JOUR", "Tidsskriftet", "3", "2", "10", "20", "10.1/x")


def test_csl_json(entries):
    items = json.loads(to_csl_json(entries.values()))
    fafo = items[0]
    assert fafo["id"] == "djuve2017" and fafo["type"] == "report"
    assert fafo["author"][3] == {"family": "Bråthen", "given": "B."}
    assert fafo["issued"] == {"date-parts": [[2017]]}
    assert (fafo["publisher"], fafo["number"], fafo["genre"], fafo["language"]) == ("Fafo", "2017:31", "Fafo-rapport", "nb")
    assert items[2]["author"] == [{"literal": "Integrerings- og mangfoldsdirektoratet"}]
    assert items[2]["issued"] == {"date-parts": [[2021, 9, 21]]}
    article = items[3]
    assert (article["type"], article["container-title"], article["issue"], article["page"], article["DOI"]) == (
        "article-journal", "Tidsskriftet", "2", "10–20", "10.1/x")


def test_highwire_tags(entries):
    tags = highwire_tags(entries["djuve2017"])
    assert tags[0] == ("citation_title", "Introduksjonsprogram og norskopplæring. Hva virker – for hvem?")
    assert [v for n, v in tags if n == "citation_author"] == [
        "Djuve, A. B.", "Kavli, H. C.", "Braanen Sterri, E.", "Bråthen, B."]
    found = dict(tags)
    assert found["citation_publication_date"] == "2017"
    assert found["citation_technical_report_institution"] == "Fafo"
    assert found["citation_technical_report_number"] == "Fafo-rapport 2017:31"
    assert found["citation_publisher"] == "Fafo"
    assert found["citation_language"] == "nb"
    assert dict(highwire_tags(entries["imdi2021"]))["citation_publication_date"] == "2021/09/21"


def test_json_ld(entries):
    data = json_ld(entries["djuve2017"])
    assert data["@type"] == "Report" and data["reportNumber"] == "Fafo-rapport 2017:31"
    assert data["author"][0] == {"@type": "Person", "familyName": "Djuve", "givenName": "A. B.", "name": "A. B. Djuve"}
    assert data["publisher"] == {"@type": "Organization", "name": "Fafo"}
    assert data["datePublished"] == "2017" and data["inLanguage"] == "nb"
    assert json_ld(entries["imdi2021"])["author"] == [{"@type": "Organization", "name": "Integrerings- og mangfoldsdirektoratet"}]


def test_head_html_cannot_be_broken_out_of():
    library = parse_bibliography('@misc{x2020, author = {A, B}, title = {"><script>alert(1)</script>}, year = 2020}', "r.bib")
    head = head_html(library.entries["x2020"])
    assert "<script>alert" not in head and '"><' not in head


ODD = r"""@online{x2021, author = {Hansen, Kari}, title = {Tiltak for 50 % av deltakerne},
  date = {2019/2020}, url = {https://example.org/rapport%20endelig.pdf},
  doi = {https://doi.org/10.1000/ABC}}
"""


def test_odd_values_reach_every_export_intact():
    entry = parse_bibliography(ODD, "r.bib").entries["x2021"]
    ris = dict(parse_ris(to_ris([entry]))[0])
    assert (ris["TI"], ris["UR"], ris["DO"], ris["PY"]) == (
        "Tiltak for 50 % av deltakerne", "https://example.org/rapport%20endelig.pdf", "10.1000/ABC", "2019")
    item = json.loads(to_csl_json([entry]))[0]
    assert (item["title"], item["URL"], item["DOI"]) == (
        "Tiltak for 50 % av deltakerne", "https://example.org/rapport%20endelig.pdf", "10.1000/ABC")
    assert item["issued"] == {"date-parts": [[2019], [2020]]}
    tags = dict(highwire_tags(entry))
    assert (tags["citation_title"], tags["citation_doi"], tags["citation_public_url"]) == (
        "Tiltak for 50 % av deltakerne", "10.1000/ABC", "https://example.org/rapport%20endelig.pdf")
    assert json_ld(entry)["identifier"]["value"] == "10.1000/ABC"
    assert "https://example.org/rapport%20endelig.pdf" in head_html(entry)
