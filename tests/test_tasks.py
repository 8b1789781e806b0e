"""The task file (citekit.tasks): every check with its located message, and the rendering of
each marker, modality word and dated piece of advice."""

from __future__ import annotations

import markdown as python_markdown
import pytest
from bs4 import BeautifulSoup

from citekit.library import load_library
from citekit.markdown_ext import CitationError, CitationExtension, PageContext
from citekit.tasks import Task, Tasks, load_tasks, parse_tasks, read_marker, render_marker
from conftest import FIXTURES, SITE_EXTENSIONS, build_site, page

LIBRARY = load_library(FIXTURES / "tasks" / "references.bib", "references.bib")
NAME = "docs/verktoy/ansvar.yml"
THIS_YEAR = 2026

# Lines 1-10; the first task starts at line 11.
HEAD = """\
actors:
  - id: kommunen
    name: Kommunen
  - id: nav
    name: Nav
areas:
  - id: hovedansvar
    name: Hovedansvar
checklists: [{id: nav, name: Samarbeid med Nav}]
tasks:
"""


def task(**fields) -> str:
    """A task (lines 11-17 when it is the first), with `fields` replaced; None drops a field."""
    values = {"id": "kommunen-moter", "area": "hovedansvar", "who": "kommunen", "modality": "bør",
              "what": "holde møter med Nav-kontoret", "cite": '"@imdi2023-kommunen"', "year": "2023"}
    values.update(fields)
    lines = [f"{name}: {value}" for name, value in values.items() if value is not None]
    return "  - " + "\n    ".join(lines) + "\n"


def problems(text: str) -> list[str]:
    return [str(problem) for problem in parse_tasks(text, NAME, LIBRARY, THIS_YEAR)[1]]


@pytest.mark.unit
def test_the_fixture_file_has_no_problem():
    tasks, found = load_tasks(FIXTURES / "tasks" / "ansvar.yml", NAME, LIBRARY)
    assert found == ()
    assert [t.id for t in tasks.tasks] == ["kommunen-programmet", "kommunen-ledermoter",
                                           "nav-hurtigspor", "nav-praksis"]
    assert tasks.tasks[1].keys == ("imdi2023-kommunen",) and tasks.tasks[1].line == 23


CHECKS = [
    ("a valid task", HEAD + task(), []),
    ("no modality", HEAD + task(modality=None),
     [f"{NAME}:11: task 'kommunen-moter' has no modality: one of skal, bør, kan, gjør"]),
    ("an empty modality", HEAD + task(modality=""),
     [f"{NAME}:14: task 'kommunen-moter' has no modality: one of skal, bør, kan, gjør"]),
    ("an unknown modality", HEAD + task(modality="må"),
     [f"{NAME}:14: task 'kommunen-moter' has modality 'må': one of skal, bør, kan, gjør"]),
    ("no source", HEAD + task(cite=None), [f"{NAME}:11: task 'kommunen-moter' has no source (cite)"]),
    ("an unknown key", HEAD + task(cite='"@imdi2023-kommunn, s. 3"'),
     [f"{NAME}:16: unknown citation key 'imdi2023-kommunn' (did you mean 'imdi2023-kommunen'?)"]),
    ("a cite that is not citation items", HEAD + task(cite='"imdi2021"'),
     [f"{NAME}:16: task 'kommunen-moter' has a cite that does not read as Pandoc citation items: "
      "'imdi2021' (write \"@key\", \"@key, s. 3\" or \"@a; @b\")"]),
    ("a cite in brackets", HEAD + task(cite='"[@imdi2021]"'),
     [f"{NAME}:16: task 'kommunen-moter' has a cite that does not read as Pandoc citation items: "
      "'[@imdi2021]' (write \"@key\", \"@key, s. 3\" or \"@a; @b\")"]),
    ("a duty without its act", HEAD + task(modality="skal"),
     [f"{NAME}:16: task 'kommunen-moter' says 'skal' but cites no act (@legislation): a duty "
      "needs the act that imposes it, or say 'bør'"]),
    ("a duty with only its act", HEAD + task(modality="skal", cite='"@integreringsloven2020, § 4"'),
     [f"{NAME}:16: task 'kommunen-moter' says 'skal' but cites only the act: cite also the work "
      "where the duty was read"]),
    ("a duty with its act and where it was read",
     HEAD + task(modality="skal", cite='"@integreringsloven2020; @imdi2023-kommunen"'), []),
    ("a year in the future", HEAD + task(year="2027"),
     [f"{NAME}:17: task 'kommunen-moter' has year '2027': a whole number from 1900 to 2026"]),
    ("a year as text", HEAD + task(year="i fjor"),
     [f"{NAME}:17: task 'kommunen-moter' has year 'i fjor': a whole number from 1900 to 2026"]),
    ("no year", HEAD + task(year=None), [f"{NAME}:11: task 'kommunen-moter' has no 'year'"]),
    ("a lead without a checklist", HEAD + task(lead="Møtes."),
     [f"{NAME}:18: task 'kommunen-moter' has a lead but no checklist (a lead begins a checklist item)"]),
    ("a lead with its checklist", HEAD + task(lead="Møtes.", checklist="nav"), []),
    ("an unknown area, actor and checklist", HEAD + task(area="hovedansva", who="fylket", checklist="nv"),
     [f"{NAME}:12: task 'kommunen-moter' names an unknown area 'hovedansva' (did you mean 'hovedansvar'?)",
      f"{NAME}:13: task 'kommunen-moter' names an unknown actor 'fylket'",
      f"{NAME}:18: task 'kommunen-moter' names an unknown checklist 'nv' (did you mean 'nav'?)"]),
    ("no what", HEAD + task(what=None), [f"{NAME}:11: task 'kommunen-moter' has no 'what'"]),
    ("a what with its own full stop and citation", HEAD + task(what="holde møter [@imdi2021]."),
     [f"{NAME}:15: task 'kommunen-moter': 'what' ends with a full stop, which the rendering adds",
      f"{NAME}:15: task 'kommunen-moter': 'what' holds a citation; its sources go in 'cite'"]),
    ("a what with a capital letter", HEAD + task(what="Holde møter"),
     [f"{NAME}:15: task 'kommunen-moter': 'what' starts with a capital letter, but it follows the "
      "modality word (\"**Bør** holde …\")"]),
    ("an unknown field", HEAD + task(checklst="nav"),
     [f"{NAME}:18: task 'kommunen-moter' has an unknown field 'checklst' (did you mean 'checklist'?) "
      "(one of id, area, who, modality, what, cite, year, more, checklist, lead)"]),
    ("a field twice", HEAD + task() + "    year: 2021\n",
     [f"{NAME}:18: task has 'year' twice (first at line 17)"]),
    ("no id", HEAD + task(id=None), [f"{NAME}:11: task has no id"]),
    ("an id of the wrong form", HEAD + task(id="Kommunen møter"),
     [f"{NAME}:11: task id 'Kommunen møter' is not of the form [a-z0-9-]+"]),
    ("a duplicate id", HEAD + task() + task(),
     [f"{NAME}:18: duplicate task id 'kommunen-moter' (first defined at line 11)"]),
    ("a duplicate actor and an actor without a name",
     HEAD.replace("  - id: nav\n    name: Nav\n", "  - id: kommunen\n  - id: nav\n") + task(),
     [f"{NAME}:4: duplicate actor id 'kommunen' (first defined at line 2)",
      f"{NAME}:4: actor has no name", f"{NAME}:5: actor 'nav' has no name"]),
    ("a missing section", HEAD.replace("areas:\n  - id: hovedansvar\n    name: Hovedansvar\n", ""),
     [f"{NAME}:1: missing top-level key 'areas'"]),
    ("an unknown section", HEAD + task() + "area:\n  - id: x\n",
     [f"{NAME}:18: unknown top-level key 'area' (did you mean 'areas'?) "
      "(one of actors, areas, checklists, tasks)"]),
    ("a section that is not a list", "actors: Kommunen\nareas: []\ntasks: []\n",
     [f"{NAME}:1: 'actors' must be a list (each item starting with '- ')"]),
    ("not YAML", HEAD + task() + "  - id: [unclosed\n",
     [f"{NAME}:19: not valid YAML: expected ',' or ']', but got '<stream end>'"]),
    ("not a mapping", "- kommunen\n",
     [f"{NAME}:1: the task file must be a mapping with actors, areas, tasks and (optionally) checklists"]),
]


@pytest.mark.unit
@pytest.mark.parametrize("name, text, expected", CHECKS, ids=[c[0] for c in CHECKS])
def test_check(name, text, expected):
    assert problems(text) == expected


@pytest.mark.unit
def test_a_task_with_a_problem_is_left_out():
    tasks, found = parse_tasks(HEAD + task() + task(id="nav-moter", who="nav", modality=None),
                               NAME, LIBRARY, THIS_YEAR)
    assert [t.id for t in tasks.tasks] == ["kommunen-moter"] and len(found) == 1


@pytest.mark.unit
def test_no_file_is_no_problem_until_a_marker_needs_it(tmp_path):
    tasks, found = load_tasks(tmp_path / "ansvar.yml", NAME, LIBRARY)
    assert (tasks.found, found) == (False, ())
    lines, message = render_marker(read_marker("<!-- kb:ansvar tabell -->"), tasks, LIBRARY, "x.md")
    assert (lines, message) == ([], f"marker 'kb:ansvar tabell', but there is no task file '{NAME}'")


@pytest.mark.unit
def test_loaded_once_per_file_version(tmp_path):
    path = tmp_path / "ansvar.yml"
    path.write_text(HEAD + task(), encoding="utf-8")
    first = load_tasks(path, NAME, LIBRARY)
    assert load_tasks(path, NAME, LIBRARY) is first
    path.write_text(HEAD + task(modality=None), encoding="utf-8")
    assert load_tasks(path, NAME, LIBRARY)[1] != first[1]


FIXTURE_TASKS = load_tasks(FIXTURES / "tasks" / "ansvar.yml", NAME, LIBRARY)[0]
PAGE = "verktoy/hvem-gjor-hva.md"

RENDERINGS = [
    ("the matrix", "<!-- kb:ansvar tabell -->", PAGE, [
        "| Oppgave | Kommunen { #kolonne-kommunen } | Nav { #kolonne-nav } |",
        "| --- | --- | --- |",
        "| Hovedansvar for programmet | **Skal** sørge for at deltakerne får et introduksjonsprogram "
        "[@integreringsloven2020; @imdi2023-kommunen] | **Kan** (råd fra 2021) finne deltakere til "
        "hurtigspor sammen med kommunen [@imdi2021] |",
        "| Møter på ledernivå | **Bør** holde møter med Nav-kontoret på ledernivå minst én gang i året "
        "[@imdi2023-kommunen, s. 3] ([mer](../nav/index.md#møtes-på-ledernivå)) | **I praksis:** "
        "hadde i 2017 ansvaret for programmet i noen kommuner [@djuve2017] |"]),
    ("a checklist, links relative to the page", "<!-- kb:ansvar sjekkliste=nav -->", "nav/sjekk.md", [
        "- [ ] **Møtes på ledernivå.** **Bør** holde møter med Nav-kontoret på ledernivå minst én "
        "gang i året [@imdi2023-kommunen, s. 3]. [Les mer](index.md#møtes-på-ledernivå)",
        "- [ ] **Kan** (råd fra 2021) finne deltakere til hurtigspor sammen med kommunen [@imdi2021]."]),
    ("an actor's summary", "<!--kb:ansvar aktør=nav-->", "nav/index.md", [
        "- **Hovedansvar for programmet:** **Kan** (råd fra 2021) finne deltakere til hurtigspor "
        "sammen med kommunen [@imdi2021].",
        "- **Møter på ledernivå:** **I praksis:** hadde i 2017 ansvaret for programmet i noen "
        "kommuner [@djuve2017]."]),
]


@pytest.mark.unit
@pytest.mark.parametrize("name, marker, page_path, expected", RENDERINGS, ids=[r[0] for r in RENDERINGS])
def test_render(name, marker, page_path, expected):
    lines, message = render_marker(read_marker(marker), FIXTURE_TASKS, LIBRARY, page_path)
    assert message is None
    assert lines == ["", *expected, ""]


DATED = [
    ("bør", "2023", "@imdi2023-kommunen", "**Bør** holde møter"),
    ("bør", "2021", "@imdi2021", "**Bør** (råd fra 2021) holde møter"),
    ("kan", "2021", "@imdi2021; @imdi2023-kommunen", "**Kan** holde møter"),
    ("skal", "2021", "@integreringsloven2020; @imdi2021", "**Skal** (kilde fra 2021) holde møter"),
    ("gjør", "2017", "@djuve2017", "**I praksis:** holde møter"),
    ("gjør", "2021", "@imdi2021, s. 2", "**I praksis** (2021): holde møter"),
]


@pytest.mark.unit
@pytest.mark.parametrize("modality, year, cite, start", DATED)
def test_modality_word_and_the_year_of_replaced_advice(modality, year, cite, start):
    tasks = parse_tasks(HEAD + task(modality=modality, year=year, cite=f'"{cite}"'), NAME, LIBRARY,
                        THIS_YEAR)[0]
    marker = read_marker("<!-- kb:ansvar aktør=kommunen -->")
    lines, _ = render_marker(marker, tasks, LIBRARY, "x.md")
    assert lines[1] == f"- **Hovedansvar:** {start} med Nav-kontoret [{cite}]."


MARKER_PROBLEMS = [
    ("<!-- kb:ansvar aktør=fylket -->", "unknown actor 'fylket' in marker 'kb:ansvar aktør=fylket'"),
    ("<!-- kb:ansvar sjekkliste=nv -->",
     "unknown checklist 'nv' in marker 'kb:ansvar sjekkliste=nv' (did you mean 'nav'?)"),
    ("<!-- kb:ansvar tabel -->",
     "unknown marker 'kb:ansvar tabel' (write tabell, sjekkliste=<id> or aktør=<id>)"),
    ("<!-- kb:ansvar aktør -->",
     "unknown marker 'kb:ansvar aktør' (write tabell, sjekkliste=<id> or aktør=<id>)"),
]


@pytest.mark.unit
@pytest.mark.parametrize("marker, message", MARKER_PROBLEMS)
def test_marker_problem(marker, message):
    assert render_marker(read_marker(marker), FIXTURE_TASKS, LIBRARY, "x.md") == ([], message)


@pytest.mark.parametrize("line", ["  <!-- kb:ansvar tabell -->", "Se <!-- kb:ansvar tabell -->",
                                  "<!-- kb:ansvar tabell --> her", "<!-- annet -->"])
@pytest.mark.unit
def test_not_a_marker_line(line):
    assert read_marker(line) is None


@pytest.mark.unit
def test_an_empty_file_has_no_tasks():
    assert problems("") == [f"{NAME}: the task file must be a mapping with actors, areas, tasks "
                            "and (optionally) checklists"]
    assert parse_tasks("", NAME, LIBRARY, THIS_YEAR)[0] == Tasks(NAME)


# --- markers in a page, read by the citation extension -------------------------------------

IN_PAGE = PageContext("verktoy/hvem-gjor-hva.md", "docs/verktoy/hvem-gjor-hva.md", 4)


def convert_page(markdown: str, tasks: Tasks = FIXTURE_TASKS):
    extension = CitationExtension()
    extension.library, extension.tasks = LIBRARY, tasks
    extension.page_context = lambda md: IN_PAGE
    records = []
    extension.on_document = records.append
    html = python_markdown.Markdown(extensions=[extension, *SITE_EXTENSIONS, "pymdownx.tasklist"]).convert(markdown)
    return BeautifulSoup(html, "html.parser"), records[0]


@pytest.mark.unit
def test_the_matrix_is_read_like_the_page_s_own_text():
    soup, record = convert_page("# Hvem gjør hva\n\n<!-- kb:ansvar tabell -->\n\nSe [@djuve2017].")
    assert [th.get("id") for th in soup.select("th")] == [None, "kolonne-kommunen", "kolonne-nav"]
    cells = [" ".join(td.get_text().split()) for td in soup.select("td")]
    assert cells[2] == "Kan (råd fra 2021) finne deltakere til hurtigspor sammen med kommunen (IMDi, 2021)"
    assert soup.select_one("td a[href='../nav/index.md#møtes-på-ledernivå']").get_text() == "mer"
    assert [(c.number, c.key) for c in record.cited] == [
        # a parenthesis lists its works as the reference list does (APA 7): IMDi before the act
        (1, "imdi2023-kommunen"), (2, "integreringsloven2020"), (3, "imdi2021"), (4, "imdi2023-kommunen"),
        (5, "djuve2017"), (6, "djuve2017")]
    assert [li["id"] for li in soup.select("ul.kb-references > li")] == [
        "kilde-djuve2017", "kilde-imdi2021", "kilde-imdi2023-kommunen", "kilde-integreringsloven2020"]
    assert record.problems == []


@pytest.mark.unit
def test_a_checklist_is_a_task_list():
    soup, _ = convert_page("<!-- kb:ansvar sjekkliste=nav -->")
    items = soup.select("li.task-list-item")
    assert len(items) == 2 and items[0].select_one("input[type=checkbox]") is not None
    assert items[0].select_one("strong").get_text() == "Møtes på ledernivå."


FENCED = [
    ("``` fence", "```\n<!-- kb:ansvar tabell -->\n```"),
    ("~~~ fence", "~~~ yaml\n<!-- kb:ansvar tabell -->\n~~~"),
    ("a longer fence that a shorter one does not close", "````\n```\n<!-- kb:ansvar tabell -->\n````"),
]


@pytest.mark.unit
@pytest.mark.parametrize("name, markdown", FENCED, ids=[f[0] for f in FENCED])
def test_a_marker_in_fenced_code_stays_text(name, markdown):
    soup, record = convert_page(markdown)
    assert soup.select("table") == [] and "kb:ansvar tabell" in soup.select_one("code").get_text()
    assert record.problems == []


@pytest.mark.unit
def test_after_a_closed_fence_a_marker_is_read():
    soup, _ = convert_page("```\nkode\n```\n\n<!-- kb:ansvar tabell -->")
    assert soup.select("table")


@pytest.mark.unit
def test_an_unknown_marker_is_located_at_its_line_and_the_lines_after_keep_theirs():
    _, record = convert_page("Tekst.\n\n<!-- kb:ansvar tabell -->\n\n<!-- kb:ansvar aktør=fylket -->\n\n[@nokkel]")
    assert [str(p) for p in record.problems] == [
        "docs/verktoy/hvem-gjor-hva.md:9: unknown actor 'fylket' in marker 'kb:ansvar aktør=fylket'",
        "docs/verktoy/hvem-gjor-hva.md:11: unknown citation key 'nokkel'"]


@pytest.mark.unit
def test_a_problem_inside_the_rendering_is_located_at_the_marker():
    unchecked = Task("x", "hovedansvar", "kommunen", "bør", "gjøre noe", "@ukjent", ("ukjent",), 2023, 1)
    tasks = Tasks(NAME, True, FIXTURE_TASKS.actors, FIXTURE_TASKS.areas, (), (unchecked,))
    _, record = convert_page("Tekst.\n\n<!-- kb:ansvar tabell -->\n", tasks)
    assert [str(p) for p in record.problems] == ["docs/verktoy/hvem-gjor-hva.md:7: unknown citation key 'ukjent'"]


@pytest.mark.unit
def test_without_an_adapter_the_task_file_is_read_from_the_working_folder(tmp_path, monkeypatch):
    """Zensical: the `tasks` option names the file; its problems stop the conversion."""
    (tmp_path / "references.bib").write_text((FIXTURES / "tasks" / "references.bib").read_text())
    (tmp_path / "data.yml").write_text(HEAD + task(modality=None), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    extension = {"citekit.markdown_ext": {"tasks": "data.yml"}}
    with pytest.raises(CitationError, match=r"data.yml:11: task 'kommunen-moter' has no modality"):
        python_markdown.Markdown(extensions=list(extension), extension_configs=extension).convert(
            "<!-- kb:ansvar aktør=kommunen -->")
    (tmp_path / "data.yml").write_text(HEAD + task(), encoding="utf-8")
    html = python_markdown.Markdown(extensions=list(extension), extension_configs=extension).convert(
        "<!-- kb:ansvar aktør=kommunen -->")
    assert "<strong>Bør</strong> holde møter med Nav-kontoret" in html


# --- end to end: the MkDocs hook reports the task file's problems and stops the build ------

def site_files(task_file: str) -> dict[str, str]:
    return {"references.bib": (FIXTURES / "tasks" / "references.bib").read_text(encoding="utf-8"),
            "docs/verktoy/ansvar.yml": task_file,
            "docs/verktoy/hvem-gjor-hva.md": page("# Hvem gjør hva\n\n<!-- kb:ansvar tabell -->\n"),
            "docs/hva-er-nytt.md": page("# Hva er nytt\n\nMye.\n"),
            "docs/side.md": page("# Side\n\nKommunen bør ha kontaktpersoner [@imdi2021].\n")}


@pytest.mark.build
def test_the_build_stops_on_a_task_file_problem_and_warns_of_stale_advice(tmp_path):
    build = build_site(tmp_path, files=site_files(HEAD + task(modality=None)))
    assert build.returncode != 0
    assert f"{NAME}:11: task 'kommunen-moter' has no modality: one of skal, bør, kan, gjør" in build.errors
    assert ("WARNING -  docs/side.md:8: advice in the present tense rests only on a replaced work: "
            "'bør' cites imdi2021") in build.output


@pytest.mark.build
def test_the_built_matrix_and_the_dated_note(tmp_path):
    build = build_site(tmp_path, "minimal", site_files(HEAD + task()), "--no-strict")
    assert build.returncode == 0, build.output
    matrix = build.html("verktoy/hvem-gjor-hva/index.html")
    assert " ".join(matrix.select_one("td + td").get_text().split()) == (
        "Bør holde møter med Nav-kontoret (IMDi, 2023)")
    assert matrix.select_one("td + td a.kb-cite")["href"] == "../../forskning/imdi2023-kommunen/"
    note = build.html("side/index.html").select_one("p.kb-page-dates + p.kb-currency-note")
    assert [a["href"] for a in note.select("a")] == ["../forskning/imdi2023-kommunen/", "../hva-er-nytt/"]
