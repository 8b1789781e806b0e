"""Fields derived from an entry (citekit.fields): each rule once, as tables."""

import pytest

from citekit.bibliography import parse_bibliography
from citekit.entry_types import STYLES, TYPES
from citekit.fields import (
    en_dash_ranges,
    iso_date,
    issue,
    language_tag,
    numbered_report,
    page_range,
    report_number,
)

pytestmark = pytest.mark.unit


def entry(fields: str, kind: str = "techreport"):
    bib = f"@{kind}{{k, author = {{Navn, A.}}, title = {{T}}, year = 2017, {fields}}}"
    parsed = parse_bibliography(bib, "references.bib")
    assert parsed.problems == ()
    return parsed.entries["k"]


@pytest.mark.parametrize("fields, expected", [
    ("number = {2017:31}, type = {Fafo-rapport}", "Fafo-rapport 2017:31"),
    ("number = {7}, series = {Skriftserie}", "Skriftserie 7"),
    ("number = {7}, type = {Rapport}, series = {Skriftserie}", "Rapport 7"),
    ("number = {7}", "7"),
    ("type = {Rapport}", ""),
])
def test_report_number(fields, expected):
    assert report_number(entry(fields)) == expected


@pytest.mark.parametrize("text, expected", [
    ("12-14", "12–14"), ("12--14", "12–14"), ("12 - 14", "12–14"), ("iv-xi", "iv-xi"),
    ("2019--2020", "2019–2020"), ("12", "12"), ("A-1", "A-1"),
])
def test_en_dash_ranges(text, expected):
    assert en_dash_ranges(text) == expected


@pytest.mark.parametrize("pages, expected", [
    ("12--14", ("12", "14")), ("12-14", ("12", "14")), ("12–14", ("12", "14")),
    ("iv-xi", ("iv", "xi")), ("12", ("12", "")), ("", ("", "")),
])
def test_page_range(pages, expected):
    assert page_range(entry(f"pages = {{{pages}}}", "article")) == expected


@pytest.mark.parametrize("fields, expected", [
    ("langid = {norsk}", "nb"), ("language = {English}", "en"), ("langid = {nynorsk}", "nn"),
    ("langid = {klingon}", ""), ("", ""),
])
def test_language_tag(fields, expected):
    assert language_tag(entry(fields)) == expected


@pytest.mark.parametrize("fields, separator, expected", [
    ("", "-", "2017"), ("date = {2021-09-21}", "-", "2021-09-21"),
    ("date = {2021-09-21}", "/", "2021/09/21"), ("date = {2019/2020}", "-", "2019"),
])
def test_iso_date(fields, separator, expected):
    assert iso_date(entry(fields), separator) == expected


@pytest.mark.parametrize("kind, fields, expected", [
    ("article", "journal = {J}, number = {4}", ("4", "")),
    ("techreport", "number = {2017:31}, type = {Fafo-rapport}", ("", "Fafo-rapport 2017:31")),
    ("book", "number = {7}, series = {Serie}", ("", "")),
])
def test_what_the_number_numbers(kind, fields, expected):
    work = entry(fields, kind)
    assert (issue(work), numbered_report(work)) == expected


def test_every_style_is_formatted_and_described():
    from citekit.apa import _FORMATTERS
    styles = {kind.style for kind in TYPES.values()}
    assert styles == set(STYLES)
    assert styles - {"legislation"} == set(_FORMATTERS)  # an act is written apart


def test_a_type_added_in_one_place_reaches_every_output(monkeypatch):
    """entry_types' promise: a type formatted like an existing one is one row in the registry,
    and the loader, the APA formatter, the labels and every export show it."""
    import json
    from urllib.parse import parse_qs

    from citekit import entry_types
    from citekit.apa import format_reference
    from citekit.catalogue import kind
    from citekit.coins import coins
    from citekit.exports import to_csl_json, to_ris
    from citekit.labels import assign_labels
    from citekit.metadata import json_ld

    monkeypatch.setitem(entry_types.TYPES, "dataset", entry_types.EntryType(
        "datasett", "DATA", "dataset", "Dataset", "document"))
    parsed = parse_bibliography("@dataset{ssb2024, author = {{Statistisk sentralbyrå}}, title = {Sysselsetting "
                                "blant innvandrere}, type = {Datasett}, year = 2024, publisher = {SSB},"
                                " url = {https://www.ssb.no/x}}", "references.bib")
    assert parsed.problems == ()
    entry = parsed.entries["ssb2024"]
    label = assign_labels([entry])["ssb2024"]
    assert format_reference(entry, label).text == ("Statistisk sentralbyrå. (2024). Sysselsetting blant "
                                                   "innvandrere [Datasett]. SSB. https://www.ssb.no/x")
    assert kind(entry) == "datasett"
    assert "TY  - DATA" in to_ris([entry])
    assert json.loads(to_csl_json([entry]))[0]["type"] == "dataset"
    assert json_ld(entry)["@type"] == "Dataset"
    assert parse_qs(coins(entry))["rft.type"] == ["datasett"]
