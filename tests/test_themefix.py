"""hooks/themefix over the markup of the pinned versions (requirements/site.txt): task-list
checkboxes get their item's words as a name, in Python-Markdown's tree, under any engine; what
cannot be named is reported, located; the template overrides are Material's partials with
exactly the listed edits, and say so when they no longer are."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

import markdown
import material
import pytest
from bs4 import BeautifulSoup
from markdown.treeprocessors import Treeprocessor

from citekit.model import Problem
from conftest import ROOT, make_site, page, run_mkdocs
from themefix.markdown_ext import TaskListNamesExtension
from themefix.overrides import OVERRIDES, UPDATE, check, fixed
from themefix.tasklist import FIX

MATERIAL = Path(material.__file__).resolve().parent / "templates"


def convert(text: str, *extra, custom: bool = True) -> tuple[list[str | None], list[str]]:
    """`text` converted as the site converts it: the checkboxes' names, and the problems."""
    extension = TaskListNamesExtension()
    extension.page_location = lambda md: "docs/x.md"
    problems: list[Problem] = []
    extension.on_problems = problems.extend
    html = markdown.Markdown(
        extensions=["pymdownx.tasklist", "attr_list", "md_in_html", "abbr", "toc", extension, *extra],
        extension_configs={"pymdownx.tasklist": {"custom_checkbox": custom, "clickable_checkbox": True}},
    ).convert(text)
    boxes = BeautifulSoup(html, "html.parser").select("input[type=checkbox]")
    assert all(p.file == "docs/x.md" and p.line is None and p.message.startswith(f"{FIX}: ") for p in problems)
    return [box.get("aria-label") for box in boxes], [p.message[len(FIX) + 2:] for p in problems]


LONG = "Ord " * 40
NAMED = [
    ("bold lead-in names the checkbox (the real checklist)",
     "- [ ] **Én enhet koordinerer.** Flyktningetjenesten samler alle *aktørene*. [Les mer](x.md)\n",
     ["Én enhet koordinerer"]),
    ("short checklist: every checkbox named",
     "- [ ] **Ja.** A\n- [x] **Nei.** B\n- [ ] C\n", ["Ja", "Nei", "C"]),
    ("no lead-in: the item's words, entities read as text",
     '- [ ] Også kort &amp; *fin*\n- [ ] Et "sitat" og **fet** skrift.\n',
     ["Også kort & fin", 'Et "sitat" og fet skrift']),
    ("long item: its first 120 characters", f"- [ ] {LONG}\n", [LONG.strip()[:120].rstrip()]),
    ("loose list, items in paragraphs", "- [ ] **Tiltak.** Tekst\n\n- [ ] **Neste.** Mer\n",
     ["Tiltak", "Neste"]),
    ("nested list: each item named by its own words",
     "- [ ] Forelder\n    - [ ] **Barn.** tekst\n", ["Forelder", "Barn"]),
    ("ordered list", "1. [ ] En\n2. [x] To\n", ["En", "To"]),
    ("bold later in the item is no lead-in", "- [ ] Les **dette** først\n", ["Les dette først"]),
    ("an abbreviation and inline HTML are words like any",
     "- [ ] Om <span>NAV</span>-kontoret\n\n*[NAV]: Arbeids- og velferdsforvaltningen\n",
     ["Om NAV-kontoret"]),
    ("checkboxes outside task lists that have a name are no concern",
     'Jeg <label><input type="checkbox"> godtar</label>.\n\n'
     '<p><input type="checkbox" id="v"><label for="v">Ja</label> <input type="checkbox" aria-labelledby="t"></p>\n',
     [None, None, None]),
    ("a page without checkboxes", "Tekst\n\n- Punkt\n", []),
]


@pytest.mark.unit
@pytest.mark.parametrize("name, text, names", NAMED, ids=[case[0] for case in NAMED])
def test_task_list_checkboxes_are_named(name, text, names):
    assert convert(text) == (names, [])


@pytest.mark.unit
def test_plain_checkboxes_are_named_too():
    assert convert("- [ ] Kort\n- [x] Ferdig\n", custom=False) == (["Kort", "Ferdig"], [])


class _Change(Treeprocessor):
    """Between pymdownx.tasklist and the fix: what a change of its markup would do."""

    def __init__(self, md, change) -> None:
        super().__init__(md)
        self.change = change

    def run(self, root: Element) -> None:
        self.change(root, self.md)


def changed(change) -> markdown.Extension:
    class Extension(markdown.Extension):
        def extendMarkdown(self, md) -> None:
            md.treeprocessors.register(_Change(md, change), "change", 0)
    return Extension()


def renamed_classes(root, md) -> None:
    for item in root.iter("li"):
        item.set("class", "task-item")


def no_input(root, md) -> None:
    md.htmlStash.rawHtmlBlocks[:] = ['<span role="checkbox"></span> ' for _ in md.htmlStash.rawHtmlBlocks]


UNNAMED = "of the page is in no task-list item and has no accessible name (did pymdownx.tasklist's markup change?)"
NOT_NAMED = [
    ("markup changed: the items lost their class", "- [ ] Ja\n- [ ] Nei\n", (changed(renamed_classes),),
     [None, None], [f"checkbox 1 {UNNAMED}", f"checkbox 2 {UNNAMED}"]),
    ("markup changed: the checkbox is no input", "- [ ] **Ja.** A\n", (changed(no_input),), [],
     ["a task-list item has no checkbox where pymdownx.tasklist writes one (did its markup change?): 'Ja. A'"]),
    ("an item with no words", "- [ ] ![](x.png)\n", (), [None],
     ["a task-list item has no words to name its checkbox by: write some after its '[ ]'"]),
    ("a bare checkbox in raw HTML", '<p><input type="checkbox"> <input type="checkbox" id="z"></p>\n', (),
     [None, None], [f"checkbox 1 {UNNAMED}", f"checkbox 2 {UNNAMED}"]),
    ("a checkbox in a label with no words", "<label><input type='checkbox'></label>\n\n- [ ] Ja\n", (),
     [None, "Ja"], [f"checkbox 1 {UNNAMED}"]),
]


@pytest.mark.unit
@pytest.mark.parametrize("name, text, extra, names, messages", NOT_NAMED, ids=[case[0] for case in NOT_NAMED])
def test_what_cannot_be_named_is_reported_and_left_as_it_is(name, text, extra, names, messages):
    assert convert(text, *extra) == (names, messages)


@pytest.mark.unit
def test_without_an_adapter_a_problem_is_a_warning(caplog):
    markdown.Markdown(extensions=[TaskListNamesExtension()]).convert('<p><input type="checkbox"></p>\n')
    assert [r.getMessage() for r in caplog.records] == [f"<markdown>: {FIX}: checkbox 1 {UNNAMED}"]


# --- template overrides ---------------------------------------------------------------------

SEARCH, NAV, FOOTER = OVERRIDES
SEARCH_TAG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_HTML = (MATERIAL / SEARCH.template).read_text(encoding="utf-8")
NAV_HTML = (MATERIAL / NAV.template).read_text(encoding="utf-8")


@pytest.mark.unit
@pytest.mark.parametrize("override", OVERRIDES, ids=lambda o: o.template)
def test_each_override_is_current(override):
    material_text = (MATERIAL / override.template).read_text(encoding="utf-8")
    ours = (ROOT / "overrides" / override.template).read_text(encoding="utf-8")
    assert check(override, material_text, ours) == []


@pytest.mark.unit
def test_the_fixes_in_the_copies():
    assert 'role="dialog" aria-label="{{ lang.t(\'search\') }}">' in fixed(SEARCH, SEARCH_HTML)[0]
    nav = fixed(NAV, NAV_HTML)[0]
    assert 'aria-labelledby="{{ path }}_title"' in nav and '_label"' not in nav.split("<nav ", 1)[1][:80]
    assert '<label class="md-nav__title" for="{{ path }}" id="{{ path }}_title">' in nav
    footer = fixed(FOOTER, (MATERIAL / FOOTER.template).read_text(encoding="utf-8"))[0]
    assert "Laget med" in footer and "Made with" not in footer


SEARCH_COPY = fixed(SEARCH, SEARCH_HTML)[0]
CHECKS = [
    ("Material's markup changed at the place of the fix",
     SEARCH_HTML.replace(SEARCH_TAG, '<div class="md-search" role="dialog" data-md-component="search">'),
     SEARCH_COPY,
     [f"Material's partials/search.html no longer has '{SEARCH_TAG}', the place the fix changes"]),
    ("Material's markup has the place twice", SEARCH_HTML + SEARCH_TAG, SEARCH_COPY,
     [f"Material's partials/search.html has 2 times '{SEARCH_TAG}', the place the fix changes"]),
    ("Material changed the partial elsewhere (an upgrade)", SEARCH_HTML.replace("</form>", "</form>\n<p></p>"),
     SEARCH_COPY,
     [f"not Material's partials/search.html with the fix: Material changed it or the copy was "
      f"edited; run {UPDATE} to copy it again"]),
    ("the copy was edited", SEARCH_HTML, SEARCH_COPY.replace("</form>", "</form><!-- mine -->"),
     [f"not Material's partials/search.html with the fix: Material changed it or the copy was "
      f"edited; run {UPDATE} to copy it again"]),
    ("the copy is missing", SEARCH_HTML, None,
     [f"the override is missing; run {UPDATE} to write it"]),
    ("Material has no such partial any more", None, SEARCH_COPY,
     ["Material has no partials/search.html any more, so the override no longer applies; "
      "make the fix anew"]),
]


@pytest.mark.unit
@pytest.mark.parametrize("name, material_text, ours, messages", CHECKS, ids=[case[0] for case in CHECKS])
def test_override_check(name, material_text, ours, messages):
    assert check(SEARCH, material_text, ours, "overrides/partials/search.html") == [
        Problem("overrides/partials/search.html", None, f"search dialog name: {m}") for m in messages]


@pytest.mark.unit
def test_the_theme_is_named_by_the_caller_not_rewritten():
    """Zensical's partials get the same edits; a problem names Zensical's partial."""
    assert fixed(NAV, "<nav></nav>", theme="Zensical", file="zensical/templates/partials/nav-item.html")[1] == [
        Problem("zensical/templates/partials/nav-item.html", None,
                f"navigation section names: Zensical's partials/nav-item.html no longer has '{before}', "
                "the place the fix changes") for before, _ in NAV.edits]


# --- the plugin in a build -------------------------------------------------------------------

def site_with_overrides(root: Path, files: dict[str, str], overrides: Path | None = None) -> Path:
    make_site(root, files=files)
    if overrides is not None:
        config = root / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            f"custom_dir: {ROOT}/overrides", f"custom_dir: {overrides}"), encoding="utf-8")
    return root


def warnings(build) -> list[str]:
    return [line.split("-", 1)[1].strip() for line in build.output.splitlines()
            if line.startswith("WARNING")]


@pytest.mark.build
def test_build_names_checkboxes(tmp_path):
    root = site_with_overrides(tmp_path, {"docs/b.md": page("# B\n\n- [ ] **Ja.** A\n- [x] **Nei.** B\n")})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "markdown_extensions:\n", "markdown_extensions:\n  - pymdownx.tasklist:\n      custom_checkbox: true\n", 1))
    build = run_mkdocs(root)
    assert build.returncode == 0, build.output
    boxes = build.html("b/index.html").select("li.task-list-item input[type=checkbox]")
    assert [box["aria-label"] for box in boxes] == ["Ja", "Nei"]


@pytest.mark.build
def test_build_reports_a_fix_that_cannot_apply(tmp_path):
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "partials").mkdir()
    (overrides / "partials" / "search.html").write_text(SEARCH_COPY + "<!-- edited -->", encoding="utf-8")
    root = site_with_overrides(tmp_path / "site-root", {"docs/b.md": page(
        '# B\n\n<ul><li class="task-item"><label><input type="checkbox"></label> Ja</li></ul>\n')},
        overrides=overrides)
    build = run_mkdocs(root)
    assert build.returncode == 1
    assert warnings(build) == [
        f"../overrides/partials/search.html: search dialog name: not Material's partials/search.html "
        f"with the fix: Material changed it or the copy was edited; run {UPDATE} to copy it again",
        f"../overrides/partials/nav-item.html: navigation section names: the override is missing; "
        f"run {UPDATE} to write it",
        f"../overrides/partials/copyright.html: footer language: the override is missing; "
        f"run {UPDATE} to write it",
        "docs/b.md: task-list checkbox names: checkbox 1 of the page is in no task-list item and "
        "has no accessible name (did pymdownx.tasklist's markup change?)",
    ]
    assert "Aborted with 4 warnings in strict mode!" in build.output


@pytest.mark.site
def test_real_site_names_what_material_leaves_unnamed(real_site):
    for path in ["index.html", "verktoy/sjekklister/index.html", "404.html"]:
        soup = real_site.html(path)
        assert soup.select_one("div.md-search[role=dialog]")["aria-label"] == "Søk"
        sections = soup.select("nav.md-nav[aria-labelledby]")
        assert sections
        for nav in sections:
            assert soup.find(id=nav["aria-labelledby"]).get_text(strip=True), nav["aria-labelledby"]
    page = real_site.html("verktoy/sjekklister/index.html")
    boxes = page.select("li.task-list-item input")
    assert len(boxes) == len(page.select("li.task-list-item")) > 20
    for box in boxes:
        assert box["aria-label"] == box.find_parent("li").strong.get_text().rstrip(".")
