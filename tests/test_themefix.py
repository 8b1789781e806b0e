"""hooks/themefix over the markup of the pinned versions (mkdocs-material 9.8.1, pymdown-extensions
13.1): task-list checkboxes get their item's words as a name, what cannot be named is reported,
and the template overrides are Material's partials with exactly the listed edits."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from conftest import ROOT, make_site, page, run_mkdocs
from themefix.overrides import OVERRIDES, UPDATE, check, fixed, header
from themefix.problem import Problem
from themefix.tasklist import FIX, name_checkboxes

MATERIAL = Path(material.__file__).resolve().parent / "templates"

# pymdownx.tasklist's markup with `custom_checkbox` and `clickable_checkbox`, as in mkdocs.yml.
BOX = '<label class="task-list-control"><input type="checkbox"/><span class="task-list-indicator"></span></label>'
CHECKED = BOX.replace("/>", " checked/>")


def named(name: str, box: str = BOX) -> str:
    return box.replace("/>", f' aria-label="{name}"/>', 1)


def items(*bodies: str) -> str:
    return "".join(f'<li class="task-list-item">{body}</li>\n' for body in bodies)


def task_list(*bodies: str) -> str:
    return f'<ul class="task-list">\n{items(*bodies)}</ul>'


# The first item of docs/verktoy/sjekklister.md as the hook receives it.
REAL_ITEM = (
    ' <strong>Én enhet koordinerer.</strong> Flyktningetjenesten samler alle aktørene som leverer\n'
    '  programmet. Faste møteplasser, fora eller arenaer for <abbr title="At kommunen og andre '
    'aktører utvikler tiltak sammen">samskaping</abbr> er måter å gjøre det\n  på <span '
    'class="kb-citation" data-cites="espegren2019">(<a class="kb-cite" href="../../forskning/'
    'espegren2019/" id="sitering-5" title="Espegren, A. (2019). Samarbeid. NORCE.">NORCE, 2019</a>)'
    '</span>.\n  <a href="../../ikke-offentlige-aktorer/samarbeidsmodeller/">Les mer</a>')
LONG = "Ord " * 40

NAMED = [
    ("bold lead-in names the checkbox (the real checklist)",
     task_list(BOX + REAL_ITEM), task_list(named("Én enhet koordinerer") + REAL_ITEM)),
    # The regex this replaces searched 400 characters after each checkbox for its words, and
    # that window swallowed the next checkbox, which then got no name.
    ("short checklist: every checkbox named",
     task_list(f"{BOX} <strong>Ja.</strong> A", f"{CHECKED} <strong>Nei.</strong> B", f"{BOX} C"),
     task_list(f"{named('Ja')} <strong>Ja.</strong> A", f"{named('Nei', CHECKED)} <strong>Nei.</strong> B",
               f"{named('C')} C")),
    ("no lead-in: the item's words, entities decoded and escaped again",
     task_list(f"{BOX} Også kort &amp; <em>fin</em>", f'{BOX} Et "sitat" og <strong>fet</strong> skrift.'),
     task_list(f"{named('Også kort &amp; fin')} Også kort &amp; <em>fin</em>",
               f'{named("Et &quot;sitat&quot; og fet skrift")} Et "sitat" og <strong>fet</strong> skrift.')),
    ("long item: its first 120 characters",
     task_list(f"{BOX} {LONG}"), task_list(f"{named(LONG[:120].rstrip())} {LONG}")),
    ("loose list, items in paragraphs",
     '<ul class="task-list">\n' + items(f"\n<p>{BOX} <strong>Tiltak.</strong> Tekst</p>\n",
                                         f"\n<p>{BOX} <strong>Neste.</strong> Mer</p>\n") + "</ul>",
     '<ul class="task-list">\n' + items(f"\n<p>{named('Tiltak')} <strong>Tiltak.</strong> Tekst</p>\n",
                                         f"\n<p>{named('Neste')} <strong>Neste.</strong> Mer</p>\n") + "</ul>"),
    ("nested list: each item named by its own words",
     task_list(f"{BOX} Forelder" + task_list(f"{BOX} <strong>Barn.</strong> tekst") + "\n"),
     task_list(f"{named('Forelder')} Forelder" + task_list(f"{named('Barn')} <strong>Barn.</strong> tekst") + "\n")),
    ("plain checkboxes (custom_checkbox off)",
     task_list('<input type="checkbox" disabled/> Kort', '<input type="checkbox" disabled checked/> Ferdig'),
     task_list('<input type="checkbox" disabled aria-label="Kort"/> Kort',
               '<input type="checkbox" disabled checked aria-label="Ferdig"/> Ferdig')),
    ("attributes in any order, HTML void tags, end tags left out",
     '<ul><li id="a" class="x task-list-item"><input checked type="checkbox" > A\n'
     '<li class="task-list-item"><input type="checkbox"> B</ul>',
     '<ul><li id="a" class="x task-list-item"><input checked type="checkbox" aria-label="A"> A\n'
     '<li class="task-list-item"><input type="checkbox" aria-label="B"> B</ul>'),
    ("Windows line ends",
     task_list(f"{BOX} <strong>En.</strong>\r\n  to", f"{BOX} tre").replace("\n", "\r\n"),
     task_list(f"{named('En')} <strong>En.</strong>\r\n  to", f"{named('tre')} tre").replace("\n", "\r\n")),
    ("a checkbox named already is left alone",
     task_list(BOX.replace("/>", ' aria-label="Eget navn"/>') + " Tekst"),
     task_list(BOX.replace("/>", ' aria-label="Eget navn"/>') + " Tekst")),
    ("checkboxes outside task lists that have a name are no concern",
     '<label><input type="checkbox"> Godta</label> <input type="checkbox" id="v"><label for="v">Ja</label>'
     ' <input type="checkbox" aria-labelledby="t">',
     '<label><input type="checkbox"> Godta</label> <input type="checkbox" id="v"><label for="v">Ja</label>'
     ' <input type="checkbox" aria-labelledby="t">'),
    ("a page without checkboxes is returned as it is", "<p>Tekst</p><ul><li>Punkt</li></ul>",
     "<p>Tekst</p><ul><li>Punkt</li></ul>"),
]


@pytest.mark.unit
@pytest.mark.parametrize("name, html, expected", NAMED, ids=[case[0] for case in NAMED])
def test_task_list_checkboxes_are_named(name, html, expected):
    assert name_checkboxes(html) == (expected, [])


NOT_NAMED = [
    ("markup changed: the items lost their class",
     task_list(f"{BOX} Ja", f"{BOX} Nei").replace("task-list-item", "task-item"),
     ["checkbox 1 of the page is in no task-list item and has no accessible name "
      "(did pymdownx.tasklist's markup change?)",
      "checkbox 2 of the page is in no task-list item and has no accessible name "
      "(did pymdownx.tasklist's markup change?)"]),
    ("markup changed: the checkbox is no input",
     task_list('<span class="task-list-control" role="checkbox"></span> <strong>Ja.</strong> A'),
     ["a task-list item has no checkbox where pymdownx.tasklist writes one (did its markup "
      "change?): 'Ja. A'"]),
    ("an item with no words", task_list(f"{BOX} <img src='x.png' alt=''>"),
     ["a task-list item has no words to name its checkbox by: write some after its '[ ]'"]),
    ("a bare checkbox in raw HTML", '<p><input type="checkbox"> <input type="checkbox" id="z"></p>',
     ["checkbox 1 of the page is in no task-list item and has no accessible name "
      "(did pymdownx.tasklist's markup change?)",
      "checkbox 2 of the page is in no task-list item and has no accessible name "
      "(did pymdownx.tasklist's markup change?)"]),
]


@pytest.mark.unit
@pytest.mark.parametrize("name, html, messages", NOT_NAMED, ids=[case[0] for case in NOT_NAMED])
def test_what_cannot_be_named_is_reported_and_left_as_it_is(name, html, messages):
    assert name_checkboxes(html) == (html, [Problem(FIX, message) for message in messages])


# --- template overrides ---------------------------------------------------------------------

SEARCH, NAV, FOOTER = OVERRIDES
SEARCH_TAG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_HTML = (MATERIAL / SEARCH.template).read_text(encoding="utf-8")
NAV_HTML = (MATERIAL / NAV.template).read_text(encoding="utf-8")


@pytest.mark.unit
@pytest.mark.parametrize("override", OVERRIDES, ids=lambda o: o.template)
def test_each_override_is_the_pinned_materials_partial_with_its_edits(override):
    material_text = (MATERIAL / override.template).read_text(encoding="utf-8")
    ours = (ROOT / "overrides" / override.template).read_text(encoding="utf-8")
    assert check(override, material_text, ours) == []
    for before, after in override.edits:
        material_text = material_text.replace(before, after)
    assert ours == header(override) + material_text


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
    assert check(SEARCH, material_text, ours) == [Problem("search dialog name", m) for m in messages]


# --- the hook in a build --------------------------------------------------------------------

def site_with_accessibility(root: Path, files: dict[str, str], overrides: Path | None = None) -> Path:
    make_site(root, files=files)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "hooks:\n", f"hooks:\n  - {ROOT}/hooks/accessibility.py\n", 1)
    if overrides is not None:
        text = text.replace(f"custom_dir: {ROOT}/overrides", f"custom_dir: {overrides}")
    config.write_text(text, encoding="utf-8")
    return root


def warnings(build) -> list[str]:
    return [line.split("-", 1)[1].strip() for line in build.output.splitlines()
            if line.startswith("WARNING")]


@pytest.mark.build
def test_build_names_checkboxes(tmp_path):
    root = site_with_accessibility(tmp_path, {"docs/b.md": page("# B\n\n- [ ] **Ja.** A\n- [x] **Nei.** B\n")})
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
    root = site_with_accessibility(tmp_path / "site-root", {"docs/b.md": page(
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
