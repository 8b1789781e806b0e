"""Loading and checking a .bib file: every problem located, named and listed at once."""

import logging
import os

import pytest

from citekit.bibliography import load_bibliography, parse_bibliography
from citekit.library import make_library
from citekit.resolve import unknown_key_message

pytestmark = pytest.mark.unit

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


def test_directory_instead_of_file(tmp_path):
    (tmp_path / "references.bib").mkdir()
    assert [str(p) for p in load_bibliography(tmp_path / "references.bib", "references.bib").problems] == [
        "references.bib: bibliography path is a directory, not a file"]


@pytest.mark.parametrize("bib, readable, message", [
    (GOOD, True, "unknown citation key 'nokey'"),
    # read fine, its only entry malformed: a typo is still a typo
    ("@book{a2019,\n  title = {Tittel}\n  year = {2019},\n  author = {X, Y},\n}\n", True,
     "unknown citation key 'nokey'"),
    ("", False, None),  # nothing to cite: the one problem says so
    ("@book{nokey, title = {T}}", True, None),  # its entry is broken: already reported
])
def test_readable(bib, readable, message):
    library = make_library(parse_bibliography(bib, "references.bib"))
    assert (library.readable, unknown_key_message(library, "nokey")) == (readable, message)


def test_unreadable_files_are_not_readable(tmp_path):
    assert not make_library(load_bibliography(tmp_path / "missing.bib", "missing.bib")).readable


def test_parsing_leaves_bibtexparsers_logging_alone(caplog):
    logger = logging.getLogger("bibtexparser")
    assert logger.level == logging.NOTSET  # importing citekit changed nothing
    problems("@book{a, title = {T")
    assert logger.level == logging.NOTSET
    assert not [r for r in caplog.records if r.name.startswith("bibtexparser")]


def test_very_long_field_and_unusual_key():
    title = "Ord " * 5000
    bib = f"@misc{{odd:key/1-æ, author = {{A, B}}, title = {{{title}}}}}"
    entry = parse_bibliography(bib, "r.bib").entries["odd:key/1-æ"]
    assert len(entry.get("title")) == len(title.strip())


def test_unreadable_file(tmp_path):
    """As root too (CI runs as root, and root reads a file whatever its mode)."""
    path = tmp_path / "references.bib"
    path.symlink_to(path)  # a link to itself: no user can read it
    assert [str(p) for p in load_bibliography(path, "references.bib").problems] == [
        "references.bib: cannot read bibliography (Too many levels of symbolic links)"]


# --- odd bibliographies handled, nothing dropped without a word --------------------------------

def entry(fields: str, key: str = "x2020", kind: str = "book") -> str:
    return f"@{kind}{{{key}, author = {{Olsen, Kari}}, title = {{T}}, {fields}}}\n"


@pytest.mark.parametrize("bib, expected", [
    (entry("date = {2021-13}"),
     ["references.bib:1: entry 'x2020' has a date that cannot be read: '2021-13' has no month 13"]),
    (entry("date = {2021-00-05}"),
     ["references.bib:1: entry 'x2020' has a date that cannot be read: '2021-00-05' has no month 00"]),
    (entry("date = {2021-02-31}"),
     ["references.bib:1: entry 'x2020' has a date that cannot be read: '2021-02-31' has no day 31 "
      "in that month"]),
    (entry("date = {21.09.2021}"),
     ["references.bib:1: entry 'x2020' has a date that cannot be read: '21.09.2021' is not a date "
      "(write YYYY, YYYY-MM or YYYY-MM-DD, or a range such as 2019/2020)"]),
    (entry("date = {2020/2019}"),
     ["references.bib:1: entry 'x2020' has a date that cannot be read: the range '2020/2019' does "
      "not run forward"]),
    (entry("year = {20a0}"),
     ["references.bib:1: entry 'x2020' has a date that cannot be read: the year '20a0' is not a "
      "year (write four digits, or a range in 'date', such as 2019/2020)"]),
    ("@book{o2020, author = {Olsen, Kari and }, title = {T}, year = 2020}\n",
     ["references.bib:1: entry 'o2020' has an empty name in 'author' (a stray 'and'?)"]),
    ("@book{x2020, title = {T}, author = {A, B}}, year = {2020}, url = {https://x.no}}\n",
     ["references.bib:1: text after the end of entry 'x2020' reads like fields: ', year = {2020}, "
      "url = {https://x.no}}' (does a '}' close the entry too early?)",
      "references.bib:1: entry 'x2020' lacks year"]),
    ("@book{x2020,\n  title = {T},\n  author = {A, B},\n  year = 2020}\n  keywords = {Nav},\n}\n",
     ["references.bib:5: text after the end of entry 'x2020' reads like fields: 'keywords = {Nav}, }' "
      "(does a '}' close the entry too early?)"]),
    ("@xdata{felles, publisher = {P}}\n" + entry("xdata = {felles}, year = 2020"),
     ["references.bib:1: entry 'felles' uses xdata, which the site does not support: write the "
      "fields into the entry itself",
      "references.bib:2: entry 'x2020' uses xdata, which the site does not support: write the "
      "fields into the entry itself"]),
    ("@book{a2020, crossref = {b2020}, title = {A}}\n@book{b2020, crossref = {a2020}, title = {B}}\n",
     ["references.bib:2: entry 'b2020' has a crossref loop: a2020 -> b2020 -> a2020"]),
    ("@book{a b, title = {T}, author = {A, B}, year = 2020}\n",
     ["references.bib:1: key 'a b' has a space, which BibTeX does not allow in a key"]),
    ("@book{, title = {T}, author = {A, B}, year = 2020}\n",
     ["references.bib:1: an entry has an empty key"]),
    ("@book{a%b, title = {T}, author = {A, B}, year = 2020}\n",
     ["references.bib:1: key 'a%b' has '%', which BibTeX does not allow in a key"]),
    (entry("year = 2020, doi = {doi.org/10.1000/x}"),
     ["references.bib:1: entry 'x2020' has a doi that is not a DOI (10.NNNN/…): 'doi.org/10.1000/x'"]),
    (entry("year = 2020", kind="patent"),
     ["references.bib:1: entry 'x2020' has type '@patent', which the site does not support (use one "
      "of @article, @book, @incollection, @inbook, @inproceedings, @report, @techreport, @thesis, "
      "@phdthesis, @mastersthesis, @manual, @online, @www, @electronic, @misc, @legislation)"]),
    (entry("year = 2020, citedin = {nope}"),
     ["references.bib:1: entry 'x2020' has citedin 'nope', which is not in the bibliography"]),
    (entry("year = 2020, citedin = {x2020}"),
     ["references.bib:1: entry 'x2020' has citedin 'x2020', which is the entry itself"]),
    (entry("year = 2020, citedin = {y2020}") + entry("year = 2020, citedin = {z2020}", "y2020")
     + entry("year = 2020", "z2020"),
     ["references.bib:1: entry 'x2020' has citedin 'y2020', which is itself known only through "
      "'z2020': name the work the site has read"]),
    (entry("year = 2020, newer = {y2020}") + entry("year = 2021, newer = {x2020}", "y2020"),
     ["references.bib:1: entry 'x2020' has newer 'y2020', and the newer works lead back to 'x2020'",
      "references.bib:2: entry 'y2020' has newer 'x2020', and the newer works lead back to 'y2020'"]),
    ("@legislation{lov2020, title = {Lov om noe}, date = {2020-11-06}}\n",
     ["references.bib:1: entry 'lov2020' lacks shorttitle (an act is cited by its short title)"]),
])
def test_reports_odd_input(bib, expected):
    assert problems(bib) == expected


@pytest.mark.parametrize("fields, name, expected", [
    ("title = {Tiltak for 50 % av deltakerne}", "title", "Tiltak for 50 % av deltakerne"),
    ("title = {Hele 100\\% med}", "title", "Hele 100% med"),
    ("title = {Skriv til post\\@imdi.no}", "title", "Skriv til post@imdi.no"),
    ("url = {https://example.org/rapport%20endelig.pdf}", "url", "https://example.org/rapport%20endelig.pdf"),
    ("url = {https://example.org/~bruker/a_b}", "url", "https://example.org/~bruker/a_b"),
    ("doi = {https://doi.org/10.1000/ABC}", "doi", "https://doi.org/10.1000/ABC"),
])
def test_field_values_kept_as_meant(fields, name, expected):
    bib = entry("year = 2020, " + fields)
    if name == "title":
        bib = bib.replace("title = {T}, ", "")
    parsed = parse_bibliography(bib, "r.bib")
    assert parsed.problems == ()
    assert parsed.entries["x2020"].get(name) == expected


@pytest.mark.parametrize("fields, year_label, text", [
    ("date = {2019/2020}", "2019–2020", "2019–2020"),
    ("date = {2019-05/2020-01}", "2019–2020", "mai 2019–januar 2020"),
    ("date = {2019/..}", "2019–", "2019–"),
    ("date = {2021-09-21}", "2021", "21. september 2021"),
    ("year = 2021, month = sep", "2021", "september 2021"),
])
def test_dates_and_ranges(fields, year_label, text):
    item = parse_bibliography(entry(fields), "r.bib").entries["x2020"]
    assert (item.year_label, item.issued.norwegian()) == (year_label, text)


def test_others_ends_a_name_list():
    item = parse_bibliography(entry("year = 2020").replace("Olsen, Kari", "Hansen, Kari and others"),
                              "r.bib").entries["x2020"]
    assert [p.family for p in item.authors] == ["Hansen"] and item.more_authors


def test_doi_is_normalised_once():
    item = parse_bibliography(entry("year = 2020, doi = {https://doi.org/10.1000/ABC}"), "r.bib").entries["x2020"]
    assert item.doi == "10.1000/ABC"


# --- property: any text loads or yields located problems, never an exception ---------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

BIB_PIECES = st.sampled_from([
    "@book{", "@online{", "@legislation{", "@string{", "@xdata{", "@comment{", "x2020", "a b", ",", "}",
    "{", "=", " ", "\n", '"', "#", "%", "\\", "title = {T}", "author = {A, B and others}",
    "author = {and}", "year = 2020", "year = {20x}", "date = {2019/2020}", "date = {2021-13}",
    "date = {2021-02-31}", "url = {https://x.no/a%20b}", "url = {ftp://x}", "doi = {10.1/x}",
    "crossref = {x2020}", "citedin = {x2020}", "newer = {y2021}", "keywords = {NAV, Nav}",
    "shorttitle = {loven}", "month = jan", "{\\o}", "--", "~", "æøå", "@", "kilder", "index",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(BIB_PIECES, max_size=40).map("".join))
def test_any_text_loads_or_yields_located_problems(text):
    library = make_library(parse_bibliography(text, "references.bib"))
    for problem in library.problems:
        assert problem.file == "references.bib"
        assert problem.line is not None or problem.message == "bibliography has no entries", problem
    for work in library.works.values():
        assert work.reference_text and work.slug


def test_the_library_cache_keeps_a_few_files(tmp_path):
    from citekit import library as library_module
    from citekit.library import load_library

    paths = []
    for number in range(6):
        path = tmp_path / f"{number}.bib"
        path.write_text(GOOD)
        paths.append(path)
        load_library(path, path.name)
    assert load_library(paths[-1], "x") is load_library(paths[-1], "x")  # unchanged: cached
    assert library_module._library_of_version.cache_info().currsize <= 4


# --- the hostile probe's input defects (review 2026-12-04, issue 25) ---------------------------

YEAR_ZERO = ("has the year 0000, which is not a year (write the year of publication; leave the "
             "date out if it is unknown)")


@pytest.mark.parametrize("bib, expected", [
    # F-4: year 0 raised ValueError outside any check, or was cited as '(Org, 0)'
    (entry("date = {0000-01-01}"),
     [f"references.bib:1: entry 'x2020' has a date that cannot be read: '0000-01-01' {YEAR_ZERO}"]),
    (entry("year = {0000}"),
     [f"references.bib:1: entry 'x2020' has a date that cannot be read: '0000' {YEAR_ZERO}"]),
    (entry("year = {0000}, month = feb", kind="misc"),
     [f"references.bib:1: entry 'x2020' has a date that cannot be read: '0000-02' {YEAR_ZERO}"]),
    # F-16: what passed with wrong output
    (entry("year = 2020").replace("title = {T}", "title = {}"),
     ["references.bib:1: entry 'x2020' has an empty title: write the work's title"]),
    (entry("year = 2020").replace("Olsen, Kari", "others"),
     ["references.bib:1: entry 'x2020' names only 'others' as its author: name the first author, "
      "or the institution"]),
    (entry('year = 2021, month = jan # "~15"'),
     ["references.bib:1: entry 'x2020' has a date that cannot be read: the month '1 15' is not a "
      "month (write 1–12 or jan–dec; a day goes in 'date', such as 2021-01-15)"]),
    (entry("year = 2021, month = {vår}"),
     ["references.bib:1: entry 'x2020' has a date that cannot be read: the month 'vår' is not a "
      "month (write 1–12 or jan–dec; a day goes in 'date', such as 2021-01-15)"]),
    (entry("year = 2020, url = {https://example.org/rapport 2020.pdf}"),
     ["references.bib:1: entry 'x2020' has a url with a space in it: 'https://example.org/rapport "
      "2020.pdf' (write the space as %20; a URL cannot hold one)"]),
    # F-8 (a): a 300-character key failed writing its page's file
    (entry("year = 2020", key="k" + "x" * 299),
     ["references.bib:1: key 'kxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' is 300 characters long: keep a key "
      "under 100 (it names the work's page and files)"]),
], ids=["F-4 date 0000", "F-4 year 0000", "F-4 year 0000 with month", "F-16 empty title",
        "F-16 only others", "F-16 concatenated month", "F-16 unknown month", "F-16 url with space",
        "F-8a long key"])
def test_the_probes_bad_entries_are_located_problems(bib, expected):
    assert problems(bib) == expected


@pytest.mark.parametrize("month, text", [("{feb}", "februar 2021"), ("{Februar}", "februar 2021"),
                                         ("{januar}", "januar 2021"), ("{12}", "desember 2021"),
                                         ("oct", "oktober 2021")])
def test_a_month_written_as_a_braced_or_norwegian_name_is_read(month, text):
    """Probe F-16: `month={feb}` and `{januar}` were silently ignored."""
    item = parse_bibliography(entry(f"year = 2021, month = {month}"), "r.bib").entries["x2020"]
    assert item.issued.norwegian() == text


def test_a_url_wrapped_over_lines_is_still_one_url():
    bib = entry("year = 2020, url = {https://example.org/en/lang/\n    sti.pdf}")
    assert parse_bibliography(bib, "r.bib").entries["x2020"].get("url") == "https://example.org/en/lang/sti.pdf"


def test_a_comment_line_inside_an_entry_does_not_swallow_the_next_field():
    """Probe F-15: bibtexparser glued '% kommentar' onto 'note', which then vanished."""
    bib = "@book{x2020, author = {Olsen, Kari}, title = {T}, year = 2020,\n  % kommentar\n  note = {Viktig}}\n"
    parsed = parse_bibliography(bib, "r.bib")
    assert parsed.problems == ()
    assert parsed.entries["x2020"].get("note") == "Viktig"
    assert "note" in parsed.entries["x2020"].bibtex_fields


def test_a_named_pipe_is_refused_without_reading_it(tmp_path):
    """Probe F-12: reading a FIFO blocked the build forever."""
    path = tmp_path / "references.bib"
    os.mkfifo(path)
    assert [str(p) for p in load_bibliography(path, "references.bib").problems] == [
        "references.bib: bibliography path is not a regular file (a named pipe or a device?): make "
        "it a .bib file"]


@pytest.mark.parametrize("value, names", [
    ('Berg, Per and \\o{}stby, Kari and \\"Uber, Hans', ["Berg", "østby", "Über"]),
    ("Hansen, Kari and \\v{S}koda, Ji\\v{r}{\\'\\i}", ["Hansen", "Škoda"]),
    ("Hansen, Kari and \\v S, Jan", ["Hansen", "Š"]),
    ("{Simon and Schuster} and \\AA{}se, Kari", ["Simon and Schuster", "Åse"]),
], ids=["F-13 o and umlaut", "F-13 caron", "F-13 accent and space", "braces keep their and"])
def test_a_name_after_and_keeps_its_first_letter(value, names):
    """Probe F-13: 'and \\o{}stby' became 'stby', 'and \\"Uber' 'Uber'."""
    item = parse_bibliography(entry("year = 2020").replace("Olsen, Kari", value), "r.bib").entries["x2020"]
    assert [person.family for person in item.authors] == names


@pytest.mark.parametrize("value, message", [
    ("note = {\\href{https://example.org}{nettsiden}}", None),
    ("title = {{\\noop{x}}Tittel}", "references.bib:1: entry 'x2020' has in 'title' the LaTeX command "
     "'\\noop', which the site does not know: write the text without it (the site shows plain text)"),
], ids=["F-3 href read", "F-14 unknown macro refused"])
def test_latex_in_a_field_is_read_or_refused_at_the_entry(value, message):
    """Probe F-3 (\\href crashed pylatexenc with IndexError) and F-14 (an unknown macro printed
    its argument)."""
    bib = entry("year = 2020, " + value)
    if value.startswith("title"):
        bib = bib.replace("title = {T}, ", "")
    parsed = parse_bibliography(bib, "references.bib")
    assert [str(p) for p in parsed.problems] == ([message] if message else [])
    if message is None:
        assert parsed.entries["x2020"].get("note") == "nettsiden (https://example.org)"


def test_keys_are_compared_in_one_unicode_form():
    """Probe F-10: a key stored decomposed (NFD, pasted from a PDF) and typed composed (NFC)
    was unknown, with the hint 'did you mean' naming a key that looks the same."""
    bib = entry("year = 2020", key="bra\u030athen2020")
    parsed = parse_bibliography(bib, "r.bib")
    assert list(parsed.entries) == ["br\u00e5then2020"]
    twice = bib + entry("year = 2020", key="br\u00e5then2020")
    assert problems(twice) == ["references.bib:2: duplicate key 'bråthen2020' (differs in how Unicode "
                               "writes its accents from 'bråthen2020' at line 1)"]


@pytest.mark.parametrize("fields, message", [
    ("title = {Om [@y2020]}", "entry 'x2020' has in 'title' what reads as a citation, '[@y2020]': a "
     "reference cannot cite (name the work in words)"),
    ("title = {T}, abstract = {Som @y2020 viser}", "entry 'x2020' has in 'abstract' what reads as a "
     "citation, '@y2020': a reference cannot cite (name the work in words)"),
], ids=["F-9 title", "F-9 abstract"])
def test_a_field_that_reads_like_a_citation_is_reported_once_at_the_entry(fields, message):
    """Probe F-9: it was reported five times, at the generated pages, never at references.bib."""
    bib = entry("year = 2020, " + fields).replace("title = {T}, ", "", 1) + entry("year = 2020", "y2020")
    parsed = parse_bibliography(bib, "references.bib")
    assert [str(p) for p in parsed.problems] == [f"references.bib:1: {message}"]
    assert "x2020" not in make_library(parsed).works and "x2020" in parsed.broken_keys


def test_an_email_address_in_an_abstract_is_text():
    bib = entry("year = 2020, abstract = {Skriv til post@imdi.no}")
    assert parse_bibliography(bib, "r.bib").problems == ()
