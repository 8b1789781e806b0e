"""Loading and checking a .bib file: every problem located, named and listed at once."""

import os

import pytest

from citekit.bibliography import load_bibliography, parse_bibliography

GOOD = """@techreport{tronstad2015,
  author = {Tronstad, K. R.},
  title = {Tittel},
  institution = {NIBR},
  year = {2015},
}
"""


def problems(text):
    return [str(p) for p in parse_bibliography(text, "references.bib").problems]


@pytest.mark.parametrize("bib, expected", [
    # a missing comma: bibtexparser swallows the next field into the value
    ("@book{a2019,\n  title = {Tittel}\n  year = {2019},\n  author = {X, Y},\n}\n",
     ["references.bib:2: malformed entry 'a2019': field 'title' runs into field 'year' (missing comma?)"]),
    # an unclosed brace in the middle of the file
    (GOOD + "@book{b2019,\n  title = {Tittel,\n  year = {2019}}\n" + GOOD.replace("tronstad2015", "c2015"),
     ["references.bib:7: malformed entry 'b2019': '@techreport' starts before this entry is closed "
      "(unclosed brace or missing comma?)"]),
    # an unclosed brace in the last entry
    (GOOD + "@book{b2019,\n  title = {Tittel,\n  year = {2019}}\n",
     ["references.bib:7: malformed entry 'b2019': the file ends before the entry is closed (unclosed brace?)"]),
    # duplicate keys, also differing only in case
    (GOOD + GOOD, ["references.bib:7: duplicate key 'tronstad2015' (first defined at line 1)"]),
    (GOOD + GOOD.replace("tronstad2015", "Tronstad2015"),
     ["references.bib:7: duplicate key 'Tronstad2015' (differs only in case from 'tronstad2015' at line 1)"]),
    # required fields
    ("@techreport{x2019, author = {A, B}, year = {2019}}",
     ["references.bib:1: entry 'x2019' lacks title"]),
    ("@techreport{x2019, title = {T}}",
     ["references.bib:1: entry 'x2019' lacks author, editor or institution and year"]),
    ("@article{x2019, title = {T}, author = {A, B}}", ["references.bib:1: entry 'x2019' lacks year"]),
    # undefined @string macro
    ("@book{x2019, title = nomacro, author = {A, B}, year = 2019}",
     ["references.bib:1: malformed entry 'x2019': field 'title' uses undefined @string macro 'nomacro'"]),
    # URLs that are not http(s) are refused
    ("@online{x2019, title = {T}, author = {A, B}, url = {javascript:alert(1)}}",
     ["references.bib:1: entry 'x2019' has a url that is not http(s): 'javascript:alert(1)'"]),
    ("@online{x2019, title = {T}, author = {A, B}, url = {data:text/html,<b>x</b>}}",
     ["references.bib:1: entry 'x2019' has a url that is not http(s): 'data:text/html,<b>x</b>'"]),
    # crossref to a missing parent
    ("@incollection{c2019, title = {K}, author = {A, B}, year = 2019, crossref = {missing}}",
     ["references.bib:1: entry 'c2019' has crossref 'missing', which is not in the bibliography"]),
    ("% only a comment\n", ["references.bib: bibliography has no entries"]),
    ("", ["references.bib: bibliography has no entries"]),
])
def test_reports_problem(bib, expected):
    assert problems(bib) == expected


def test_lists_every_problem_at_once_in_line_order():
    bib = ("@book{a2019, title = {T}}\n" + GOOD + GOOD +
           "@book{b2019, author = {A, B}, title = {T}, year = 2019, url = {ftp://x}}\n")
    assert problems(bib) == [
        "references.bib:1: entry 'a2019' lacks author, editor or institution and year",
        "references.bib:8: duplicate key 'tronstad2015' (first defined at line 2)",
        "references.bib:14: entry 'b2019' has a url that is not http(s): 'ftp://x'",
    ]


def test_good_entries_survive_a_broken_neighbour():
    bib = GOOD + "@book{b2019,\n  title = {Tittel,\n}\n" + GOOD.replace("tronstad2015", "c2015")
    library = parse_bibliography(bib, "references.bib")
    assert list(library.entries) == ["tronstad2015", "c2015"]
    assert library.broken_keys == {"b2019"}


@pytest.mark.parametrize("value, expected", [
    (r"Br{\aa}then", "Bråthen"),
    (r"R{\o}hneb{\ae}k", "Røhnebæk"),
    (r"{\O}stlandsforskning", "Østlandsforskning"),
    (r"Lind{\'e}n", "Lindén"),
    (r"A \& B", "A & B"),
    ("2019--2020", "2019–2020"),
    ("a---b", "a—b"),
    ("{NAV} -- kommune", "NAV – kommune"),
    ("Røhnebæk og Bråthen", "Røhnebæk og Bråthen"),
    ("lang\n   tittel", "lang tittel"),
])
def test_decodes_latex_and_plain_utf8(value, expected):
    library = parse_bibliography(f"@misc{{x2019, author = {{A, B}}, title = {{{value}}}}}", "r.bib")
    assert library.entries["x2019"].get("title") == expected


def test_resolves_string_macros_and_concatenation():
    bib = ('@string{fafo = "Fafo"}\n@string{full = fafo # " AS"}\n'
           "@techreport{x2017, author = {A, B}, title = {T}, institution = full # {, Oslo},"
           " year = 2017, month = jan}")
    entry = parse_bibliography(bib, "r.bib").entries["x2017"]
    assert entry.get("institution") == "Fafo AS, Oslo"
    assert entry.get("month") == "1"


def test_resolves_crossref():
    bib = ("@book{parent2019, editor = {Nordmann, Ola}, title = {Boka}, publisher = {Forlaget},"
           " year = 2019}\n@incollection{child2019, author = {Hansen, Kari}, title = {Kapittel},"
           " crossref = {parent2019}}")
    child = parse_bibliography(bib, "r.bib").entries["child2019"]
    assert child.get("booktitle") == "Boka"
    assert child.get("publisher") == "Forlaget"
    assert child.year == "2019"
    assert [p.family for p in child.editors] == ["Nordmann"]
    assert "crossref" not in child.bibtex_fields


def test_bom_and_crlf():
    data = ("\ufeff" + GOOD.replace("\n", "\r\n") + GOOD.replace("tronstad2015", "b2015").replace("\n", "\r\n"))
    library = parse_bibliography(data.encode("utf-8").decode("utf-8-sig"), "r.bib")
    assert library.problems == ()
    assert list(library.entries) == ["tronstad2015", "b2015"]


def test_bom_on_disk(tmp_path):
    path = tmp_path / "references.bib"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    assert list(load_bibliography(path, "references.bib").entries) == ["tronstad2015"]


def test_missing_file(tmp_path):
    library = load_bibliography(tmp_path / "references.bib", "references.bib")
    assert [str(p) for p in library.problems] == ["references.bib: bibliography file not found"]


def test_empty_file(tmp_path):
    path = tmp_path / "references.bib"
    path.write_text("")
    assert [str(p) for p in load_bibliography(path, "references.bib").problems] == [
        "references.bib: bibliography has no entries"]


def test_non_utf8_file(tmp_path):
    path = tmp_path / "references.bib"
    path.write_bytes(GOOD.encode() + "@misc{x, title = {Bråthen}}".encode("latin-1"))
    assert [str(p) for p in load_bibliography(path, "references.bib").problems] == [
        "references.bib:7: not valid UTF-8 (byte 0xe5); save the file as UTF-8"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    path = tmp_path / "references.bib"
    path.write_text(GOOD)
    path.chmod(0)
    assert [str(p) for p in load_bibliography(path, "references.bib").problems] == [
        "references.bib: cannot read bibliography (Permission denied)"]


def test_directory_instead_of_file(tmp_path):
    (tmp_path / "references.bib").mkdir()
    assert [str(p) for p in load_bibliography(tmp_path / "references.bib", "references.bib").problems] == [
        "references.bib: bibliography path is a directory, not a file"]


def test_very_long_field_and_unusual_key():
    title = "Ord " * 5000
    bib = f"@misc{{odd:key/1-æ, author = {{A, B}}, title = {{{title}}}}}"
    entry = parse_bibliography(bib, "r.bib").entries["odd:key/1-æ"]
    assert len(entry.get("title")) == len(title.strip())


def test_unreadable_file_even_for_root(tmp_path):
    path = tmp_path / "references.bib"
    path.symlink_to(path)  # a link to itself: no user can read it
    assert [str(p) for p in load_bibliography(path, "references.bib").problems] == [
        "references.bib: cannot read bibliography (Too many levels of symbolic links)"]
