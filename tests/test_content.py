"""The guidance content of the real site.

Reader questions are answered on the right page: the facts (terms) stand there, and the page
cites the work they come from. The checks look for facts, citations and modality words, never
for whole sentences, so a better wording does not break them. Data checks that need no build
read the Markdown, references.bib and docs/verktoy/ansvar.yml directly: the tasks' modality and
sources, 2021 advice dated in the sentence that gives it, own explanations marked, and the age
of each page's sources stated with the dates the bibliography gives."""

import os
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from citekit.bibliography import load_bibliography
from conftest import ROOT

SHARED = ROOT.parent / "shared"
DOCS = ROOT / "docs"
GUIDANCE_PAGES = sorted(DOCS.rglob("*.md"))
ABBREVIATIONS = ROOT / "includes" / "abbreviations.md"
OUR_TEXT = GUIDANCE_PAGES + [ABBREVIATIONS]
MARK = "(kunnskapsbasens forklaring)"
OWN_CLASS = "kb-own"  # `{ .kb-own }`: a paragraph about the site itself, not about the programme
TASKS_FILE = DOCS / "verktoy" / "ansvar.yml"


@pytest.fixture(scope="module")
def library():
    return load_bibliography(ROOT / "references.bib", "references.bib")


def url_of(path: Path) -> str:
    page = path.relative_to(DOCS).with_suffix("").as_posix()
    return "" if page == "index" else (page[: -len("index")] if page.endswith("/index") else page + "/")


# --- reader questions: facts on the right page, cited to the right work ---------------------

# (question, page, facts that must stand on it, key of a work it must cite)
QUESTIONS = [
    ("Hva har kommunen ansvar for i programmet?", "kommunen/",
     ["plan", "introduksjonsstønad", "kontaktperson"], "imdi2021"),
    ("Må kommunen gi opplæring i norsk og samfunnskunnskap?", "kommunen/",
     ["norsk og samfunnskunnskap", "sørge for"], "imdi2021"),
    ("Hvem gir grunnskole til deltakerne?", "kommunen/", ["grunnskole", "opplæringsloven"], "imdi2021"),
    ("Hva skjer når en deltaker ikke når målet før programmet er slutt?", "kommunen/",
     ["sluttmål", "brudd", "Nav"], "imdi2023-kommunen"),
    ("Betyr det noe for resultatene hvem som har hovedansvaret?", "kommunen/organisering/",
     ["hovedansvar", "påvist"], "tronstad2015"),
    ("Hva fant Fafo om politisk forankring?", "kommunen/organisering/", ["politisk", "forankr"], "djuve2017"),
    ("Hjelper en samarbeidsavtale med Nav?", "kommunen/organisering/",
     ["samarbeidsavtale", "årsak"], "proba2017"),
    ("Hvilke oppgaver har Nav etter integreringsloven?", "nav/", ["integreringsloven", "konkrete oppgaver"], "imdi2021"),
    ("Finnes det en mal for samarbeidsavtale med Nav?", "nav/", ["mal", "AVDir", "Word"], "imdiua-samarbeidsavtale"),
    ("Når kom veilederen om samarbeid med Nav?", "nav/", ["april 2021"], "imdi2021-veileder"),
    ("Hva er hurtigspor?", "nav/", ["hurtigspor"], "imdi2021"),
    ("Kan vi dele opplysninger om en deltaker med Nav?", "nav/", ["tjenstlig behov"], "imdi2021"),
    ("Hvilke av Navs tiltak virker best?", "nav/arbeidsrettede-tiltak/", ["Lønnstilskudd", "AMO"], "riksrevisjonen2019"),
    ("Hvorfor bør Nav komme inn tidlig?", "nav/arbeidsrettede-tiltak/", ["tidlig"], "imdi2021"),
    ("Hva mangler i Navs tilbud til deltakerne?", "nav/arbeidsrettede-tiltak/",
     ["tilpassede", "innvandrerbakgrunn", "norskferdigheter"], "riksrevisjonen2019"),
    ("Hva har fylkeskommunen ansvar for?", "fylkeskommunen/", ["videregående opplæring", "planer"], "imdi2021"),
    ("Hvilke tilskudd forvalter fylkeskommunen?", "fylkeskommunen/",
     ["Tilskudd til etablereropplæring for innvandrere", "Tilskudd til mentor- og traineeordninger"], "imdi2021"),
    ("Hvilke oppgaver fikk fylkeskommunen i regionreformen?", "fylkeskommunen/",
     ["regionreformen", "negativ sosial kontroll"], "imdi2021"),
    ("Hva kan små kommuner samarbeide om?", "interkommunalt-samarbeid/",
     ["få deltakere", "ferieavvikling"], "imdi2021"),
    ("Kan kommuner kjøpe tjenester av hverandre?", "interkommunalt-samarbeid/", ["kjøpe"], "imdiua-kravspesifikasjon"),
    ("Hvordan jobber kommunene med gode resultater med arbeidsgivere?", "arbeidsgivere/",
     ["Østlandsforskning", "KS", "arbeidsmarkedsteam", "stilling"], "imdi2021"),
    ("Hvilke ikke-offentlige aktører finnes?", "ikke-offentlige-aktorer/",
     ["sosiale entreprenører", "frivillige organisasjoner", "kommunalt eide"], "espegren2019"),
    ("Hvorfor lar noen kommuner være å bruke private aktører?", "ikke-offentlige-aktorer/",
     ["kontroll", "økonomi"], "espegren2019"),
    ("Hva er de tre samarbeidsmodellene?", "ikke-offentlige-aktorer/samarbeidsmodeller/",
     ["autonomi", "bilateralt", "samskaping"], "espegren2019"),
    ("Hva er den største utfordringen i samarbeidet?", "ikke-offentlige-aktorer/utfordringer/",
     ["koordinering", "møteplasser"], "espegren2019"),
    ("Hva er fløteskumming og parkering?", "ikke-offentlige-aktorer/utfordringer/",
     ["fløteskumming", "parkering"], "espegren2019"),
    ("Hvordan kan deltakerne få medvirke?", "ikke-offentlige-aktorer/brukermedvirkning-og-rammer/",
     ["brukermedvirkning", "evaluering"], "espegren2019"),
    ("Hva betyr modulbaserte læringsplaner for samarbeidet?", "ikke-offentlige-aktorer/brukermedvirkning-og-rammer/",
     ["modulbaserte"], "espegren2019"),
    ("Hvordan lager vi en kravspesifikasjon?", "anskaffelser/", ["kravspesifikasjon", "DFØ"], "imdiua-kravspesifikasjon"),
    ("Bør vi dele opp tiltak i flere anbud?", "anskaffelser/", ["anbud", "hører naturlig sammen"], "imdi2021"),
    ("Hva kjennetegner et godt supplement?", "verktoy/sjekklister/", ["supplement"], "espegren2019"),
    ("Hvem gjør hva i programmet?", "verktoy/hvem-gjor-hva/", ["Fylkeskommunen", "Nav", "Skal", "Bør"], "imdi2021"),
]

# The newer guidance: IMDi's guide on the municipality and Nav (2023-2024) and its rules page.
NEWER_QUESTIONS = [
    ("Hva har kommunen ansvar for ifølge veilederen?", "kommunen/",
     ["kartlegge kompetansen", "NIR", "personopplysninger"], "imdi2023-kommunen"),
    ("Hva kaller veilederen enheten som har ansvaret for programmet?", "kommunen/",
     ["flyktningenheten", "Arbeids- og velferdsetaten"], "imdi2023-veilederen"),
    ("Hvem er programrådgiveren, og hvem lager integreringsplanen?", "kommunen/",
     ["programrådgiver", "integreringsplanen", "sluttmålet"], "imdi2021-roller"),
    ("Hvorfor nevner kildene både introduksjonsloven og integreringsloven?", "kommunen/",
     ["1. januar 2021", "introduksjonsloven", "G-27/2017"], "imdi2021-veileder"),
    ("Hvor ofte bør lederne i kommunen og Nav møtes?", "nav/",
     ["minst én gang i året", "evaluere"], "imdi2023-nav"),
    ("Bør programmet ha en samarbeidsavtale eller samarbeidsrutiner?", "nav/",
     ["samarbeidsrutiner", "tjenestene"], "imdi2023-veilederen"),
    ("Hva bør Nav-kontoret bidra med for hver deltaker?", "nav/",
     ["kartleggingen", "integreringsplanen", "jobbmesser", "jobbmatching"], "imdi2023-nav"),
    ("Kan Nav hjelpe med Livsmestring i et nytt land?", "nav/", ["karrierekompetanse"], "imdi2023-nav"),
    ("Hvor mye kan vi dele om en deltaker med Nav?", "nav/",
     ["tjenstlig behov", "oppgaven krever"], "imdi2024-personopplysninger"),
    ("Hvilke regler gir grunnlag for å dele personopplysninger?", "nav/",
     ["§ 41", "§ 42", "§ 43", "25 a", "§ 13 b"], "imdi2024-personopplysninger"),
    ("Når bør Nav-kontoret vurdere arbeidsmarkedstiltak?", "nav/arbeidsrettede-tiltak/",
     ["arbeidsmarkedstiltak", "integreringsplanen", "sluttmålet er arbeid"], "imdi2023-nav"),
    ("Hvordan kan Navs arbeidsgivere hjelpe deltakerne?", "arbeidsgivere/",
     ["nettverk", "formidler"], "imdi2023-nav"),
    ("Hva er endret siden IMDis side fra 2021?", "hva-er-nytt/",
     ["ledermøter", "tjenstlig behov", "NIR"], "imdi2023-veilederen"),
    ("Hva skjedde med deltakere som alt var omfattet av introduksjonsloven?", "kommunen/",
     ["1. januar 2021", "den gamle loven"], "integreringsloven2020"),
    ("Gir lovene Nav konkrete oppgaver?", "nav/", ["konkrete oppgaver"], "introduksjonsloven2003"),
]
QUESTIONS += NEWER_QUESTIONS


def article_text(site, page):
    soup = site.html(page + "index.html")
    return " ".join(soup.select_one("article").get_text(" ").split()), soup


def cited_keys_on(soup):
    return {a["href"].rstrip("/").split("/")[-1] for a in soup.select("a.kb-cite")}


@pytest.mark.site
@pytest.mark.parametrize("question, page, facts, key", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_question_is_answered_on_its_page(real_site, question, page, facts, key):
    text, soup = article_text(real_site, page)
    for fact in facts:
        assert fact.lower() in text.lower(), f"{question}: '{fact}' is not on {page}"
    assert key in cited_keys_on(soup), f"{question}: {page} does not cite {key}"


@pytest.mark.unit
def test_at_least_25_questions_and_8_on_the_newer_guidance():
    newer = {"imdi2023-veilederen", "imdi2023-kommunen", "imdi2023-nav", "imdi2024-personopplysninger",
             "imdi2021-roller", "imdi2021-veileder"}
    assert len(QUESTIONS) >= 25
    assert len([q for q in NEWER_QUESTIONS if q[3] in newer]) >= 8


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«(])", text) if s]


# Where the modality matters: on `page`, every sentence that states `fact` uses one of the
# words in `said` (the source's modality) and none in `never` (a stronger one).
MODALITY = [
    # F2/F13: the yearly leadership meeting is a recommendation of the 2023 guide
    ("nav/", "minst én gang i året", ("anbefal", "bør", "råd"), (" skal ", " må ")),
    ("kommunen/", "minst én gang i året", ("anbefal", "bør", "råd"), (" skal ", " må ")),
    # F7: the duty is to see to (sørge for) the training, not to give it
    ("kommunen/", "plikt", ("sørge for", "trenger ikke"), ("plikt til å gi",)),
    # F13: a contact person for each participant was IMDi's advice in 2021
    ("kommunen/", "egen kontaktperson", ("2021",), ()),
    # F8: tjenstlig behov is a condition, not the only one
    ("nav/", "vilkår", ("et vilkår", "vilkåret om tjenstlig behov"), ("Vilkåret er at",)),
    # F9: an intention of the act that more can complete upper secondary education
    ("fylkeskommunen/", "videregående opplæring", (), ("formålene",)),
    # F6: NORCE's components are not NORCE recommendations
    ("anskaffelser/", "NORCE", (), ("NORCE anbefal",)),
    ("verktoy/ordliste/", "NORCE", (), ("NORCE anbefal",)),
    # F11: cooperation contributes to (bidrar til) a targeted programme
    ("kommunen/", "målrettet", ("bidra",), ()),
]


@pytest.mark.site
@pytest.mark.parametrize("page, fact, said, never", MODALITY, ids=[f"{m[0]}{m[1]}" for m in MODALITY])
def test_modality_is_the_sources(real_site, page, fact, said, never):
    text, _ = article_text(real_site, page)
    stating = [s for s in sentences(text) if fact.lower() in s.lower()]
    assert stating, f"nothing on {page} states '{fact}'"
    for sentence in stating:
        if said:
            assert any(word.lower() in sentence.lower() for word in said), sentence
        assert not any(word in f" {sentence} " for word in never), sentence


# --- every paragraph is cited or marked as the site's own -----------------------------------

ABOUT_THE_SITE = ("om/", "forskning/")  # pages about the site and its sources


def _cited(element):
    return element is not None and bool(element.select("a.kb-cite"))


def _own(element):
    return element is not None and (MARK in element.get_text(" ") or OWN_CLASS in (element.get("class") or []))


def _only_links(element):
    text = " ".join(element.get_text(" ").split())
    links = " ".join(" ".join(a.get_text(" ").split()) for a in element.find_all("a"))
    return bool(element.find("a")) and len(text) - len(links) < 30


def uncited_blocks(site, page):
    """Paragraphs, lists, tables and glossary entries on a page that neither cite a work nor are
    marked as the site's own (MARK in the text, or the class kb-own), leaving out lead-ins to a
    cited list, lists whose lead-in is cited or own, and lists or paragraphs of links."""
    soup = site.html(page + "index.html")
    article = soup.select_one("article")
    for screen_only in article.select("ul.kb-references, .kb-page-facts, p.kb-page-dates, details.kb-cite-page, "
                                      "p.kb-currency-note"):
        screen_only.decompose()
    found = []
    for block in article.find_all(["p", "ul", "ol", "table", "dl"]):
        if block.find_parent(["li", "td", "dd", "dl", "table"]):
            continue
        if block.name == "p" and "admonition-title" in (block.get("class") or []):
            continue
        if _cited(block) or _own(block) or _only_links(block):
            continue
        previous = block.find_previous_sibling()
        following = block.find_next_sibling()
        if block.name == "p":
            if following is not None and following.name in ("ul", "ol", "table", "dl") and _cited(following):
                continue  # the lead-in to a cited list
        elif block.name == "dl":
            found += [" ".join(dd.get_text(" ").split()) for dd in block.find_all("dd")
                      if not (_cited(dd) or _own(dd) or _only_links(dd))]
            continue
        elif block.name == "table":
            if previous is not None and previous.name == "p" and _cited(previous):
                continue  # a table introduced by a cited paragraph
        elif block.name in ("ul", "ol"):
            items = block.find_all("li", recursive=False)
            if items and all(_only_links(li) or _own(li) or (li.find("a") is not None and li.find("a") is li.contents[0])
                             for li in items):
                continue  # a list of pointers to other pages
            if previous is not None and previous.name == "p" and (_cited(previous) or _own(previous)):
                continue
        found.append(" ".join(block.get_text(" ").split()))
    return found


@pytest.mark.site
def test_every_paragraph_is_cited_or_marked_as_our_own(real_site):
    unexplained = []
    for path in GUIDANCE_PAGES:
        url = url_of(path)
        if url.startswith(ABOUT_THE_SITE):
            continue
        unexplained += [f"{url or 'index'}: {text[:100]}" for text in uncited_blocks(real_site, url)]
    assert unexplained == []


@pytest.mark.site
def test_text_is_our_own():
    tool = SHARED / "tools" / "check-originality"
    if not tool.exists():
        if os.environ.get("CI"):
            pytest.fail("../shared/tools/check-originality is missing, and CI requires it")
        pytest.skip("../shared is not beside the project")
    result = subprocess.run([str(tool), str(ROOT)], capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


# --- pages: description, date, navigation ---------------------------------------------------

def front_matter(path: Path) -> dict:
    match = re.match(r"^---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.S)
    return yaml.safe_load(match.group(1)) if match else {}


@pytest.mark.unit
@pytest.mark.parametrize("path", GUIDANCE_PAGES, ids=[str(p.relative_to(DOCS)) for p in GUIDANCE_PAGES])
def test_page_has_description_and_date(path):
    meta = front_matter(path)
    assert 20 < len(meta.get("description", "")) <= 160
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(meta.get("updated")))


@pytest.mark.site
@pytest.mark.parametrize("path", GUIDANCE_PAGES, ids=[str(p.relative_to(DOCS)) for p in GUIDANCE_PAGES])
def test_page_shows_its_description_and_date(real_site, path):
    meta = front_matter(path)
    soup = real_site.html(url_of(path) + "index.html")
    assert soup.select_one('meta[name="description"]')["content"] == meta["description"]
    assert soup.select_one(".kb-updated time")["datetime"] == str(meta["updated"])


@pytest.mark.site
def test_every_page_is_reachable_from_the_navigation(real_site):
    links = {a["href"] for a in real_site.html("index.html").select("nav.md-nav--primary a[href]")}
    reached = {("" if href in (".", "./") else href.lstrip("./")) for href in links}
    for path in GUIDANCE_PAGES:
        assert url_of(path) in reached, f"{url_of(path)} is not in the navigation"


# --- how old the sources are: stated with the bibliography's own dates -------------------------

MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember"]


def norwegian_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def source_text(path: Path) -> str:
    """A page's Markdown without front matter, comments or code, with runs of space as one."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"<!--.*?-->|```.*?```", " ", text, flags=re.S)
    return " ".join(text.split())


def age_note(path: Path) -> str:
    """The text of the page's 'Hvor gammel er veiledningen?' box ('' if it has none)."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r'^!!! \w+ "Hvor gammel er veiledningen\?"\n((?:    .*\n|\n)+)', text, re.M)
    return " ".join(match.group(1).split()) if match else ""


KEY = re.compile(r"@([a-z]+(?:\d{4}|ua)(?:-[a-z]+)?)")


def keys_in(text: str) -> set[str]:
    return set(KEY.findall(text))


# Pages whose guidance rests on IMDi's 2021 page: each says near the top how old that is.
PAGES_ON_THE_2021_PAGE = ["index.md", "kommunen/index.md", "nav/index.md", "fylkeskommunen.md",
                          "interkommunalt-samarbeid.md", "anskaffelser.md", "arbeidsgivere.md"]


@pytest.mark.unit
@pytest.mark.parametrize("name", PAGES_ON_THE_2021_PAGE)
def test_page_says_how_old_its_guidance_is_with_the_bibliographys_dates(library, name):
    """The box gives the date of the 2021 page as references.bib has it, and the date of every
    newer IMDi page it cites (so a changed date in the bib fails here until the box says it)."""
    note = age_note(DOCS / name)
    assert note, f"{name} has no 'Hvor gammel er veiledningen?' box"
    assert norwegian_date(library.entries["imdi2021"].get("date")) in note
    for key in keys_in(note) - {"imdi2021"}:
        when = library.entries[key].get("date")
        if library.entries[key].type == "online" and re.fullmatch(r"\d{4}-\d\d-\d\d", when or ""):
            assert norwegian_date(when) in note, f"{name}: the box cites {key} but not its date"


@pytest.mark.unit
def test_front_page_links_to_whats_new():
    assert "(hva-er-nytt.md)" in (DOCS / "index.md").read_text(encoding="utf-8")


# --- 2021 advice is dated where it is given (F13) -----------------------------------------------

MODAL = re.compile(r"\b(anbefaler|mener|råder|bør|skal|må)\b", re.I)
CITATION = re.compile(r"\[[^\[\]]*@[^\[\]]*\]|-?@[a-z]+(?:\d{4}|ua)(?:-[a-z]+)?")


def sentences_with_keys(path: Path):
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"<!--.*?-->|```.*?```", " ", text, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets are not prose
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.|\|)\s)", text):
        for sentence in sentences(" ".join(block.split())):
            yield sentence, keys_in(sentence), CITATION.sub("", sentence)


def undated_replaced_advice(paths, library) -> list[str]:
    """Sentences citing only works that a newer one replaces (`newer` in the bib; acts aside)
    that say anbefaler, mener, råder, bør, skal or må without the year of that advice."""
    replaced = {key for key, entry in library.entries.items() if entry.get("newer")}
    acts = {key for key, entry in library.entries.items() if entry.type == "legislation"}
    undated = []
    for path in paths:
        for sentence, keys, prose in sentences_with_keys(path):
            works = keys - acts
            if works and works <= replaced and MODAL.search(prose):
                years = {str(library.entries[k].get("date") or library.entries[k].get("year"))[:4]
                         for k in works}
                if not any(year in prose for year in years):
                    undated.append(f"{path.name}: {sentence[:120]}")
    return undated


@pytest.mark.unit
def test_no_sentence_gives_replaced_advice_without_its_year(library):
    assert [k for k, e in library.entries.items() if e.get("newer")], "no work is replaced: check the bib"
    assert undated_replaced_advice(GUIDANCE_PAGES, library) == []


@pytest.mark.unit
def test_the_2021_check_finds_an_undated_recommendation(library, tmp_path):
    """The check above is not vacuous: it flags the kind of sentence the review found (F13),
    and passes the same advice dated, or cited to the newer guide too."""
    page = tmp_path / "side.md"
    page.write_text("---\ndescription: x\n---\n\n"
                    "IMDi anbefaler at hver deltaker har en kontaktperson [@imdi2021]. "
                    "I 2021 anbefalte IMDi det samme [@imdi2021]. "
                    "Kommunen bør ta initiativ til en avtale [@imdi2021; @imdi2023-kommunen].\n"
                    "\n- Kommunen skal administrere stønaden [@imdi2021; @integreringsloven2020]\n",
                    encoding="utf-8")
    flagged = undated_replaced_advice([page], library)
    assert [f.split(": ", 1)[1][:14] for f in flagged] == ["IMDi anbefaler", "- Kommunen ska"]


# --- the employer study (F1) --------------------------------------------------------------------

@pytest.mark.unit
def test_the_ks_study_is_cited_to_imdi_and_never_to_oef_report_04_2018():
    """IMDi's employer text cites a study Østlandsforskning did for KS; ØF-rapport 04/2018
    (rohnebaek2018) is another study. No sentence ties the employer findings to it."""
    findings = re.compile(r"arbeidsmarkedsteam|gode resultater|deler en stilling|delte en stilling|"
                          r"arbeidsmarkedskonsulent", re.I)
    for path in GUIDANCE_PAGES:
        for sentence, keys, prose in sentences_with_keys(path):
            if "rohnebaek2018" in keys:
                assert not findings.search(prose), f"{path.relative_to(DOCS)}: {sentence[:100]}"
    employers = source_text(DOCS / "arbeidsgivere.md")
    assert "KS" in employers and "@imdi2021" in employers


# --- the tasks (docs/verktoy/ansvar.yml): data checks, no build ---------------------------------

MODALITIES = {"skal", "bør", "kan", "gjør"}


@pytest.fixture(scope="module")
def tasks_data():
    return yaml.safe_load(TASKS_FILE.read_text(encoding="utf-8"))


def cite_keys(task) -> list[str]:
    return [part.strip().split(",")[0].lstrip("@").strip() for part in task["cite"].split(";")]


@pytest.mark.unit
def test_tasks_file_has_its_parts_and_unique_ids(tasks_data):
    assert {"actors", "areas", "tasks"} <= set(tasks_data)
    for part in ("actors", "areas", "checklists", "tasks"):
        ids = [item["id"] for item in tasks_data.get(part, [])]
        assert len(ids) == len(set(ids)), part
        assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids), part
    actors = {a["id"] for a in tasks_data["actors"]}
    areas = {a["id"] for a in tasks_data["areas"]}
    checklists = {c["id"] for c in tasks_data["checklists"]}
    assert actors == {"kommunen", "fylkeskommunen", "nav", "imdi", "ikke-offentlige-aktorer"}
    for task in tasks_data["tasks"]:
        assert {"id", "area", "who", "modality", "what", "cite", "year"} <= set(task), task["id"]
        assert task["area"] in areas and task["who"] in actors, task["id"]
        assert task.get("checklist", next(iter(checklists))) in checklists, task["id"]
        assert "lead" not in task or "checklist" in task, task["id"]
        assert 1900 <= task["year"] <= date.today().year, task["id"]


@pytest.mark.unit
def test_every_task_has_one_of_the_four_modalities(tasks_data):
    assert {t["modality"] for t in tasks_data["tasks"]} <= MODALITIES
    assert {t["modality"] for t in tasks_data["tasks"]} == MODALITIES  # all four are used


@pytest.mark.unit
def test_every_task_cites_known_works_and_is_written_as_the_spec_says(tasks_data, library):
    for task in tasks_data["tasks"]:
        keys = cite_keys(task)
        assert keys and all(key in library.entries for key in keys), task["id"]
        what = task["what"]
        assert what[0].islower() and not what.endswith(".") and "@" not in what, task["id"]


@pytest.mark.unit
def test_every_skal_cites_an_act_and_where_the_duty_was_read(tasks_data, library):
    for task in tasks_data["tasks"]:
        if task["modality"] == "skal":
            types = [library.entries[key].type for key in cite_keys(task)]
            assert "legislation" in types, f"{task['id']}: a duty needs the act"
            assert any(t != "legislation" for t in types), f"{task['id']}: where was the duty read?"


@pytest.mark.unit
def test_only_skal_tasks_cite_acts_as_a_duty(tasks_data, library):
    """A task citing an act is a duty (skal) or an option the act gives (kan), never a bør."""
    for task in tasks_data["tasks"]:
        if any(library.entries[key].type == "legislation" for key in cite_keys(task)):
            assert task["modality"] in ("skal", "kan"), task["id"]


# The cells of the old matrix that the fidelity review (F2) found stated as fact or duty,
# though the source recommends them: each is a `bør`.
F2_RECOMMENDATIONS = [
    "kommunen-kartlegging-nav",       # hvem-gjor-hva.md:20
    "kommunen-integreringsplan-nav",  # :21
    "kommunen-nav-underveis",         # :22 (the advice is to the municipality)
    "kommunen-hurtigspor", "nav-hurtigspor",  # :31
    "kommunen-livsmestring",          # :32
    "kommunen-overgang-nav",          # :33
    "kommunen-samarbeidsavtale",      # :34
    "kommunen-ledermoter",            # :35
    "kommunen-fora",                  # :36
    "kommunen-dfo", "kommunen-faglige-anbefalinger",  # :43
]


@pytest.mark.unit
@pytest.mark.parametrize("task_id", F2_RECOMMENDATIONS)
def test_the_recommendations_review_f2_found_are_bor(tasks_data, task_id):
    task = next(t for t in tasks_data["tasks"] if t["id"] == task_id)
    assert task["modality"] == "bør"


@pytest.mark.unit
def test_norces_components_are_findings_unless_imdi_made_them_advice(tasks_data):
    """F6: NORCE (2019) identified components and took no stand; a task resting on NORCE alone
    is a finding (gjør), except where NORCE itself wrote 'bør' (co-creation between equals)."""
    for task in tasks_data["tasks"]:
        if cite_keys(task) == ["espegren2019"] and task["modality"] != "gjør":
            assert task["id"] == "kommunen-likeverdige" and task["modality"] == "bør", task["id"]


@pytest.mark.unit
def test_the_employer_tasks_cite_imdi_not_rohnebaek2018(tasks_data):
    employer = [t for t in tasks_data["tasks"] if "KS" in t["what"] or "Østlandsforskning" in t["what"]]
    assert len(employer) >= 2
    for task in employer:
        assert "imdi2021" in cite_keys(task), task["id"]
    assert not [t["id"] for t in tasks_data["tasks"] if "rohnebaek2018" in cite_keys(t)]


@pytest.mark.unit
def test_each_checklist_has_items_with_leads(tasks_data):
    for checklist in tasks_data["checklists"]:
        items = [t for t in tasks_data["tasks"] if t.get("checklist") == checklist["id"]]
        assert len(items) >= 5, checklist["id"]
        assert all(t.get("lead", "").endswith(".") for t in items), checklist["id"]
    assert {c["id"] for c in tasks_data["checklists"]} == {"ikke-offentlige", "supplement", "nav"}


@pytest.mark.unit
def test_each_more_link_names_a_page_and_a_heading_on_it(tasks_data):
    for task in tasks_data["tasks"]:
        if "more" not in task:
            continue
        page, _, anchor = task["more"].partition("#")
        text = (DOCS / page).read_text(encoding="utf-8")
        slugs = {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
                 for h in re.findall(r"^#{2,6} (.+?)\s*$", text, re.M)}
        assert not anchor or anchor in slugs, f"{task['id']}: no heading '{anchor}' on {page}"


MARKER = re.compile(r"^<!-- kb:ansvar (tabell|sjekkliste=[a-z0-9-]+|aktør=[a-z0-9-]+) -->$", re.M)


@pytest.mark.unit
def test_pages_carry_the_task_markers_for_known_ids(tasks_data):
    markers = {}
    for path in GUIDANCE_PAGES:
        for found in MARKER.findall(path.read_text(encoding="utf-8")):
            markers.setdefault(found, []).append(path.relative_to(DOCS).as_posix())
    assert markers.get("tabell") == ["verktoy/hvem-gjor-hva.md"]
    for checklist in tasks_data["checklists"]:
        assert markers.get(f"sjekkliste={checklist['id']}") == ["verktoy/sjekklister.md"]
    for actor, page in [("kommunen", "kommunen/index.md"), ("nav", "nav/index.md"),
                        ("fylkeskommunen", "fylkeskommunen.md"),
                        ("ikke-offentlige-aktorer", "ikke-offentlige-aktorer/index.md")]:
        assert markers.get(f"aktør={actor}") == [page]
    known = ({"tabell"} | {f"sjekkliste={c['id']}" for c in tasks_data["checklists"]}
             | {f"aktør={a['id']}" for a in tasks_data["actors"]})
    assert set(markers) <= known


@pytest.mark.unit
def test_the_matrix_and_checklists_are_no_longer_hand_written():
    assert not re.search(r"^\| Oppgave", (DOCS / "verktoy" / "hvem-gjor-hva.md").read_text(encoding="utf-8"), re.M)
    assert "- [ ]" not in (DOCS / "verktoy" / "sjekklister.md").read_text(encoding="utf-8")


@pytest.mark.unit
def test_the_table_page_explains_the_modality_words():
    text = (DOCS / "verktoy" / "hvem-gjor-hva.md").read_text(encoding="utf-8")
    how_to_read = text[text.index("## Slik leser du tabellen"):]
    for word in ("**Skal**", "**Bør**", "**Kan**", "**I praksis**", "(råd fra 2021)", "loven"):
        assert word in how_to_read, word


# --- language and own explanations --------------------------------------------------------------

@pytest.mark.unit
def test_nav_is_spelled_nav_in_our_text():
    for path in OUR_TEXT:
        assert not re.search(r"\bNAV(?!\s*–\s*kommune)", path.read_text(encoding="utf-8")), path
    assert not re.search(r"\bNAV\b", TASKS_FILE.read_text(encoding="utf-8"))
    assert "*[Nav]:" in ABBREVIATIONS.read_text(encoding="utf-8")


@pytest.mark.unit
def test_own_explanations_are_never_cited():
    for path in OUR_TEXT + [TASKS_FILE]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(re.escape(MARK) + r"[^.\n]*\[-?@", text), path
    about = (DOCS / "om" / "index.md").read_text(encoding="utf-8")
    assert f"«{MARK}»" in about


def tooltips() -> dict[str, str]:
    return dict(re.findall(r"^\*\[(.+?)\]: (.+)$", ABBREVIATIONS.read_text(encoding="utf-8"), re.M))


@pytest.mark.unit
def test_every_hover_text_is_marked_or_says_only_what_a_source_says():
    """Hover texts cannot cite: each is marked as the site's own, or is a name the sources give
    in those words (checked against ../shared/sources when it is there)."""
    sources = SHARED / "sources"
    known = " ".join(p.read_text(encoding="utf-8") for p in sorted(sources.glob("*"))) if sources.exists() else None
    assert tooltips()
    for word, text in tooltips().items():
        if MARK in text:
            continue
        assert len(text.split()) <= 6 and "." not in text, f"{word}: an unmarked hover text is a name only"
        if known is not None:
            assert text.lower() in known.lower(), f"{word}: '{text}' is not in the sources; mark it {MARK}"


@pytest.mark.unit
def test_glossary_entries_are_cited_or_marked():
    glossary = (DOCS / "verktoy" / "ordliste.md").read_text(encoding="utf-8")
    entries = re.findall(r"^\*\*(.+?)\*\*.*\n((?::   |    ).*(?:\n    .*)*)", glossary, re.M)
    assert len(entries) > 30
    for word, body in entries:
        assert KEY.search(body) or MARK in " ".join(body.split()), word


@pytest.mark.parametrize("wrong, right", [
    (r"\but over\b", "utover"), (r"\bfasilit", "legge til rette for"), (r"\bVent ikke\b", "Ikke vent"),
    (r"\blista\b", "listen"), (r"\bsupplerende tiltak", "supplement"),
])
@pytest.mark.unit
def test_plain_language_word_choices(wrong, right):
    for path in OUR_TEXT + [TASKS_FILE]:
        assert not re.search(wrong, path.read_text(encoding="utf-8")), f"{path}: write '{right}'"


@pytest.mark.site
def test_no_statement_cites_a_work_known_second_hand_without_saying_so(real_site, library):
    """Every citation, on every page of the real site, of a work the site knows only through
    IMDi ('citedin' in references.bib) is in the secondary form, with IMDi's page linked."""
    second_hand = {key: entry.get("citedin") for key, entry in library.entries.items() if entry.get("citedin")}
    assert second_hand
    seen = 0
    for path in sorted(real_site.site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("a.kb-cite"):
            key = link["href"].rstrip("/").rsplit("/", 1)[-1]
            if key in second_hand:
                seen += 1
                secondary = link.find_next_sibling(class_="kb-cite-secondary")
                via = secondary and secondary.find(class_="kb-cite-via")
                assert via is not None and secondary.get_text().startswith(", sitert i"), (path, link)
                assert via["href"].rstrip("/").endswith(second_hand[key]), (path, link)
    assert seen >= 20
