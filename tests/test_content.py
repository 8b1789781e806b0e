"""The guidance content of the real site: questions a municipal adviser asks are answered on
the right page with the right source, every page has a description and a date and can be
reached from the navigation, facts are cited, and the text is our own."""

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT

pytestmark = pytest.mark.slow
SHARED = ROOT.parent / "shared"
GUIDANCE_PAGES = [p for p in sorted((ROOT / "docs").rglob("*.md"))]

# (question, page, words that must stand on it, key of a work it must cite)
QUESTIONS = [
    ("Hva har kommunen ansvar for i programmet?", "kommunen/",
     ["plan", "introduksjonsstønad", "kontaktperson"], "imdi2021"),
    ("Må kommunen gi opplæring i norsk og samfunnskunnskap?", "kommunen/",
     ["norsk og samfunnskunnskap"], "imdi2021"),
    ("Hvem gir grunnskole til deltakerne?", "kommunen/", ["grunnskole"], "imdi2021"),
    ("Hva skjer når en deltaker ikke når målet før programmet er slutt?", "kommunen/",
     ["sluttmål", "Nav"], "imdi2021"),
    ("Betyr det noe for resultatene hvem som har hovedansvaret?", "kommunen/organisering/",
     ["hovedansvar"], "tronstad2015"),
    ("Hva fant Fafo om politisk forankring?", "kommunen/organisering/", ["politisk", "forankr"], "djuve2017"),
    ("Hjelper en samarbeidsavtale med Nav?", "kommunen/organisering/", ["samarbeidsavtale"], "proba2017"),
    ("Hvilke oppgaver har Nav etter integreringsloven?", "nav/", ["integreringsloven", "konkrete oppgaver"], "imdi2021"),
    ("Finnes det en mal for samarbeidsavtale med Nav?", "nav/", ["mal", "AVDir"], "imdiua-samarbeidsavtale"),
    ("Når er veilederen om samarbeid med Nav fra?", "nav/", ["8. april 2021"], "imdi2021-veileder"),
    ("Hva er hurtigspor?", "nav/", ["hurtigspor"], "imdi2021"),
    ("Kan vi dele opplysninger om en deltaker med Nav?", "nav/", ["tjenstlig behov"], "imdi2021"),
    ("Hvilke av Navs tiltak virker best?", "nav/arbeidsrettede-tiltak/", ["Lønnstilskudd", "AMO"], "riksrevisjonen2019"),
    ("Hvorfor bør Nav komme inn tidlig?", "nav/arbeidsrettede-tiltak/", ["tidlig"], "imdi2021"),
    ("Hva mangler i Navs tilbud til deltakerne?", "nav/arbeidsrettede-tiltak/",
     ["tilpassede", "rettet mot utdanning"], "riksrevisjonen2019"),
    ("Hva har fylkeskommunen ansvar for?", "fylkeskommunen/", ["videregående opplæring", "planer"], "imdi2021"),
    ("Hvilke tilskudd forvalter fylkeskommunen?", "fylkeskommunen/",
     ["Tilskudd til etablereropplæring for innvandrere", "Tilskudd til mentor- og traineeordninger"], "imdi2021"),
    ("Hvilke oppgaver fikk fylkeskommunen i regionreformen?", "fylkeskommunen/",
     ["regionreformen", "negativ sosial kontroll"], "imdi2021"),
    ("Hva kan små kommuner samarbeide om?", "interkommunalt-samarbeid/",
     ["få deltakere", "ferieavvikling"], "imdi2021"),
    ("Kan kommuner kjøpe tjenester av hverandre?", "interkommunalt-samarbeid/", ["kjøpe"], "imdiua-kravspesifikasjon"),
    ("Hvordan jobber kommunene med gode resultater med arbeidsgivere?", "arbeidsgivere/",
     ["arbeidsmarkedsteam", "Nav"], "rohnebaek2018"),
    ("Hvilke ikke-offentlige aktører finnes?", "ikke-offentlige-aktorer/",
     ["sosiale entreprenører", "frivillige organisasjoner", "kommunalt eide"], "espegren2019"),
    ("Hvorfor lar noen kommuner være å bruke private aktører?", "ikke-offentlige-aktorer/",
     ["kontroll", "økonomi"], "espegren2019"),
    ("Hva er de tre samarbeidsmodellene?", "ikke-offentlige-aktorer/samarbeidsmodeller/",
     ["autonomi", "bilateralt", "samskaping"], "espegren2019"),
    ("Hva er den største utfordringen i samarbeidet?", "ikke-offentlige-aktorer/utfordringer/",
     ["koordinering", "møteplasser"], "espegren2019"),
    ("Hva er fløteskumming og parkering?", "ikke-offentlige-aktorer/utfordringer/",
     ["fløteskumming og parkering"], "espegren2019"),
    ("Hvordan kan deltakerne få medvirke?", "ikke-offentlige-aktorer/brukermedvirkning-og-rammer/",
     ["brukermedvirkning", "evaluering"], "espegren2019"),
    ("Hva betyr modulbaserte læringsplaner for samarbeidet?", "ikke-offentlige-aktorer/brukermedvirkning-og-rammer/",
     ["modulbaserte"], "espegren2019"),
    ("Hvordan lager vi en kravspesifikasjon?", "anskaffelser/", ["kravspesifikasjon", "DFØ"], "imdiua-kravspesifikasjon"),
    ("Bør vi dele opp tiltak i flere anbud?", "anskaffelser/", ["anbud"], "espegren2019"),
    ("Hva kjennetegner et godt supplement?", "verktoy/sjekklister/", ["supplement"], "espegren2019"),
    ("Hvem gjør hva i programmet?", "verktoy/hvem-gjor-hva/", ["Fylkeskommunen", "IMDi", "Nav"], "imdi2021"),
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
     ["1. januar 2021", "introduksjonsloven"], "imdi2021-veileder"),
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
     ["arbeidsmarkedstiltak", "integreringsplanen"], "imdi2023-nav"),
    ("Hvordan kan Navs arbeidsgivere hjelpe deltakerne?", "arbeidsgivere/",
     ["nettverk", "formidler"], "imdi2023-nav"),
    ("Hva er endret siden IMDis side fra 2021?", "hva-er-nytt/",
     ["ledermøter", "tjenstlig behov", "11. desember 2023"], "imdi2023-veilederen"),
    ("Hvor gammel er veiledningen om Nav?", "", ["11. desember 2023", "21. september 2021"],
     "imdi2023-veilederen"),
    ("Hva skjedde med deltakere som alt var omfattet av introduksjonsloven?", "kommunen/",
     ["1. januar 2021", "fortsatte etter reglene i den gamle loven"], "integreringsloven2020"),
    ("Gir lovene Nav konkrete oppgaver?", "nav/", ["konkrete oppgaver"], "introduksjonsloven2003"),
]
QUESTIONS += NEWER_QUESTIONS


def article_text(site, page):
    soup = site.html(page + "index.html")
    return " ".join(soup.select_one("article").get_text(" ").split()), soup


@pytest.mark.parametrize("question, page, words, key", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_question_is_answered_on_its_page(real_site, question, page, words, key):
    text, soup = article_text(real_site, page)
    for word in words:
        assert word.lower() in text.lower(), f"{question}: '{word}' is not on {page}"
    cited = {a["href"].rstrip("/").split("/")[-1] for a in soup.select("a.kb-cite")}
    assert key in cited, f"{question}: {page} does not cite {key}"


def test_at_least_25_questions():
    assert len(QUESTIONS) >= 25


def test_at_least_eight_questions_on_the_newer_guidance():
    newer = {"imdi2023-veilederen", "imdi2023-kommunen", "imdi2023-nav", "imdi2024-personopplysninger",
             "imdi2021-roller", "imdi2021-veileder"}
    assert len([q for q in NEWER_QUESTIONS if q[3] in newer]) >= 8


def front_matter(path: Path) -> dict:
    match = re.match(r"^---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.S)
    return yaml.safe_load(match.group(1)) if match else {}


@pytest.mark.parametrize("path", GUIDANCE_PAGES, ids=[str(p.relative_to(ROOT / "docs")) for p in GUIDANCE_PAGES])
def test_page_has_description_and_date(real_site, path):
    meta = front_matter(path)
    assert 20 < len(meta.get("description", "")) <= 160
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(meta.get("updated")))
    url = path.relative_to(ROOT / "docs").with_suffix("").as_posix()
    url = "" if url == "index" else (url[: -len("index")] if url.endswith("/index") else url + "/")
    soup = real_site.html(url + "index.html")
    assert soup.select_one('meta[name="description"]')["content"] == meta["description"]
    assert soup.select_one(".kb-updated time")["datetime"] == str(meta["updated"])


def test_every_page_is_reachable_from_the_navigation(real_site):
    links = {a["href"] for a in real_site.html("index.html").select("nav.md-nav--primary a[href]")}
    reached = {("" if href in (".", "./") else href.lstrip("./")) for href in links}
    for path in GUIDANCE_PAGES:
        url = path.relative_to(ROOT / "docs").with_suffix("").as_posix()
        url = "" if url == "index" else (url[: -len("index")] if url.endswith("/index") else url + "/")
        assert url in reached, f"{url} is not in the navigation"


# Paragraphs that state no fact of the sources: how to use the site, lead-ins, pointers.
ALLOWED_WITHOUT_CITATION = [
    ("index", "Kunnskapsbasen er skrevet for deg som"),
    ("index", "er rådgiver eller veileder i flyktningetjenesten"),
    ("index", "Søk. Skriv et ord i søkefeltet"),
    ("ikke-offentlige-aktorer/utfordringer", "Sammendraget av rapporten nevner bare disse temaene"),
    ("ikke-offentlige-aktorer/samarbeidsmodeller", "De andre komponentene handler om anbud og kontrakter"),
    ("verktoy/ordliste", "Her forklarer vi ord og forkortelser"),
    ("verktoy/sjekklister", "Gå gjennom listene sammen"),
]
# Pages about the site and its sources, not about the programme.
ABOUT_THE_SITE = ("om/", "forskning/")
_POINTER = re.compile(r"^(Les mer|Vil du vite mer|Vil dere vite mer|Les også|Se også|Alle rapportene|Dem finner du)", re.I)


def _cited(element):
    return element is not None and bool(element.select("a.kb-cite"))


def _only_links(element):
    text = " ".join(element.get_text(" ").split())
    links = " ".join(" ".join(a.get_text(" ").split()) for a in element.find_all("a"))
    return bool(element.find("a")) and len(text) - len(links) < 30


def uncited_blocks(site, page):
    """Paragraphs, lists, tables and glossary entries on a page that cite nothing."""
    soup = site.html(page + "index.html")
    article = soup.select_one("article")
    for screen_only in article.select("ul.kb-references, .kb-page-facts, p.kb-page-dates, details.kb-cite-page"):
        screen_only.decompose()
    found = []
    for block in article.find_all(["p", "ul", "ol", "table", "dl"]):
        if block.find_parent(["li", "td", "dd", "dl", "table"]):
            continue
        if block.name == "p" and "admonition-title" in (block.get("class") or []):
            continue
        text = " ".join(block.get_text(" ").split())
        following = block.find_next_sibling()
        previous = block.find_previous_sibling()
        if block.name == "p":
            lead_in = following is not None and following.name in ("ul", "ol", "table", "dl") and _cited(following)
            if _cited(block) or _only_links(block) or _POINTER.match(text) or (lead_in and len(text) < 120):
                continue
        elif block.name == "dl":
            found += [" ".join(dd.get_text(" ").split()) for dd in block.find_all("dd")
                      if not _cited(dd) and not _only_links(dd)]
            continue
        else:
            items = block.find_all("li", recursive=False)
            if items and all(_only_links(li) or li.find("a") and li.find("a") is li.contents[0] for li in items):
                continue  # a list of pointers to other pages
            if _cited(block) or (previous is not None and previous.name == "p" and _cited(previous)):
                continue
        found.append(text)
    return found


def test_every_fact_is_cited(real_site):
    allowed = {(page, prefix) for page, prefix in ALLOWED_WITHOUT_CITATION}
    unexplained = []
    used = set()
    for path in GUIDANCE_PAGES:
        page = path.relative_to(ROOT / "docs").with_suffix("").as_posix()
        page_key = page[: -len("/index")] if page.endswith("/index") else page
        url = "" if page == "index" else (page[: -len("index")] if page.endswith("/index") else page + "/")
        if url.startswith(ABOUT_THE_SITE):
            continue
        for text in uncited_blocks(real_site, url):
            match = next(((p, prefix) for p, prefix in allowed if p == page_key and text.startswith(prefix)), None)
            if match:
                used.add(match)
            else:
                unexplained.append(f"{page}: {text[:100]}")
    assert unexplained == []
    assert used == allowed, f"allow-list entries no longer needed: {allowed - used}"


def test_text_is_our_own():
    tool = SHARED / "tools" / "check-originality"
    if not tool.exists():
        if os.environ.get("CI"):
            pytest.fail("../shared/tools/check-originality is missing, and CI requires it")
        pytest.skip("../shared is not beside the project")
    result = subprocess.run([str(tool), str(ROOT)], capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_front_page_says_how_current_and_links_to_whats_new(real_site):
    text, soup = article_text(real_site, "")
    assert "11. desember 2023" in text and "11. januar 2024" in text
    assert any(a["href"].rstrip("/").endswith("hva-er-nytt") for a in soup.select("article a[href]"))


@pytest.mark.parametrize("page", ["", "kommunen/", "nav/", "fylkeskommunen/"])
def test_page_says_imdis_2021_text_was_being_updated(real_site, page):
    text, _ = article_text(real_site, page)
    assert "21. september 2021" in text and "under oppdatering" in text


def test_whats_new_links_each_change_and_cites_old_and_new(real_site):
    soup = real_site.html("hva-er-nytt/index.html")
    heading = soup.find("h2", id="hva-er-endret-eller-lagt-til")
    items = heading.find_next_sibling("ol").find_all("li", recursive=False)
    assert len(items) >= 8
    newer = {"imdi2023-veilederen", "imdi2023-kommunen", "imdi2023-nav", "imdi2024-personopplysninger"}
    for item in items:
        cited = {a["href"].rstrip("/").split("/")[-1] for a in item.select("a.kb-cite")}
        pages = [a for a in item.find_all("a") if "kb-cite" not in (a.get("class") or [])]
        assert "imdi2021" in cited and cited & newer, item.get_text(" ")[:60]
        assert pages, item.get_text(" ")[:60]


OUR_TEXT = sorted((ROOT / "docs").rglob("*.md")) + [ROOT / "includes" / "abbreviations.md"]
MARK = "(kunnskapsbasens forklaring)"


def test_nav_is_spelled_nav_in_our_text():
    for path in OUR_TEXT:
        assert not re.search(r"\bNAV(?!\s*–\s*kommune)", path.read_text(encoding="utf-8")), path
    assert "*[Nav]:" in (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8")


def test_own_explanations_are_marked_and_never_cited():
    for path in OUR_TEXT:
        text = path.read_text(encoding="utf-8")
        assert not re.search(re.escape(MARK) + r"[^.\n]*\[-?@", text), path
    tooltips = dict(re.findall(r"^\*\[(.+?)\]: (.+)$", (ROOT / "includes" / "abbreviations.md")
                               .read_text(encoding="utf-8"), re.M))
    for word in ["fløteskumming", "bestillerkompetanse", "parkering", "jobbmatching", "KS", "NIBR"]:
        assert MARK in tooltips[word], word
    glossary = (ROOT / "docs" / "verktoy" / "ordliste.md").read_text(encoding="utf-8")
    entries = dict(re.findall(r"^\*\*(.+?)\*\*.*\n((?::   |    ).*(?:\n    .*)*)", glossary, re.M))
    for word in ["Bestillerkompetanse", "Fløteskumming", "Forsvarlig", "Konkurransegrunnlag",
                 "Kravspesifikasjon", "Parkering", "Sosiale entreprenører"]:
        assert MARK in " ".join(entries[word].split()), word
    about = (ROOT / "docs" / "om" / "index.md").read_text(encoding="utf-8")
    assert f"«{MARK}»" in about


@pytest.mark.parametrize("wrong, right", [
    (r"\but over\b", "utover"), (r"\bfasilit", "legge til rette for"), (r"\bVent ikke\b", "Ikke vent"),
    (r"\blista\b", "listen"), (r"\bsupplerende tiltak", "supplement"),
])
def test_plain_language_word_choices(wrong, right):
    for path in OUR_TEXT:
        assert not re.search(wrong, path.read_text(encoding="utf-8")), f"{path}: write '{right}'"


def test_no_statement_cites_a_work_known_second_hand_without_saying_so(real_site):
    """Every citation, on every page of the real site, of a work the site knows only through
    IMDi ('citedin' in references.bib) is in the secondary form, with IMDi's page linked."""
    from citekit.bibliography import load_bibliography

    library = load_bibliography(ROOT / "references.bib", "references.bib")
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
