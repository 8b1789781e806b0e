"""Seeded synthetic knowledge bases for the benchmark, written as three MkDocs sites that
differ only in how citations are handled.

One content model (pages of Norwegian-like prose with headings, lists, tables and
admonitions, K citations a page in every syntax our hooks support; a bibliography of M
entries of six types with non-ASCII names, half of them written with LaTeX escapes as in
the real `references.bib`) is rendered three ways:

- `baseline`: every citation written out as the plain text our hooks would show, a plain
  "Kilder" list on citing pages, and the pages our research index generates written out
  beforehand (see `pregenerated_index`), so both build the same pages; no hooks at all.
- `hooks`: Pandoc syntax, our hooks, and `docs/forskning/index.md` with the index marker.
- `bibtex`: mkdocs-bibtex 4.4.0's syntax (see `bibtex_cite`) on the baseline's pages.

Each site's mkdocs.yml is the real one with only nav, hooks, plugins and watch swapped,
so theme, features, markdown extensions and validation stay those of the real site.

The baseline also gets `zensical.yml`, for Zensical (run.py's `zensical-baseline`); the
hooks site is built with Zensical through the whole-site pass (run.py's `zensical`), which
writes its own config.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

from mkdocs.utils import get_relative_url  # noqa: E402

from citekit.bibliography import parse_bibliography  # noqa: E402
from citekit.catalogue import Work, build_catalogue  # noqa: E402
from citekit.entry_page import entry_page  # noqa: E402
from citekit.exports import to_bibtex, to_csl_json, to_ris  # noqa: E402
from citekit.facets import FACETS, build_groups  # noqa: E402
from citekit.index_pages import (  # noqa: E402
    INDEX_MARKER,
    facet_body,
    facet_front,
    group_body,
    group_front,
    index_body,
    list_body,
    list_front,
    page_path,
    pages_of,
)
from citekit.md_writing import front_matter  # noqa: E402
from citekit.site_index import DOWNLOADS  # noqa: E402
from kb_zensical.templates import SHARED_TEMPLATES  # noqa: E402

WORK = ROOT / "benchmarks" / "work"
SEED = 2026
UPDATED = "2026-11-23"
VARIANTS = ("baseline", "hooks", "bibtex")
# Variant (b) uses the kunnskapsbase plugin (hooks/kb_mkdocs) with the PDF off; its offline
# shim does nothing with the offline plugin off, and the atomic build only renames the output
# folder.
PAGES_PER_CHAPTER = 10
CHAPTERS_PER_PART = 10


@dataclass(frozen=True)
class Size:
    pages: int
    entries: int
    cites_per_page: int


SIZES = {
    "small": Size(20, 50, 5),
    "medium": Size(200, 1000, 10),
    "large": Size(1000, 5000, 10),
}

# --- vocabulary ---------------------------------------------------------------------------

SURNAMES = [
    "Ødegård", "Kåsa", "Bråthen", "Sæther", "Løvlie", "Haugen", "Nilsen", "Berg", "Æsøy",
    "Strøm", "Lunde", "Holm", "Dahl", "Bjørnstad", "Grønli", "Hårstad", "Müller", "Ørnes",
    "Tronstad", "Djuve", "Kavli", "Røhnebæk", "Eide", "Espegren", "Guribye", "Lindén",
    "Søvik", "Åsheim", "Fjærli", "Rønning", "Brænne", "Hølaas", "Vågen", "Kjærnes",
    "Thorsen", "Aas", "Næss", "Skrøvset", "Hagen", "Mørk", "Engebrigtsen", "Frøseth",
]
GIVEN = [
    "Åse", "Kjersti", "Øystein", "Bjørn", "Ingrid", "Hans-Christian", "Anne Britt", "Sølvi",
    "Tørris", "Marte", "Jørgen", "Ragnhild", "Ståle", "Hege", "Åsmund", "Liv", "Tord",
    "Eugène", "Sigrún", "Kåre", "Guro", "Pål", "Mona", "Ørjan",
]
INSTITUTES = [
    ("Fafo", "Fafo-rapport"), ("NIBR", "NIBR-rapport"), ("NORCE", "NORCE-rapport"),
    ("Østlandsforskning", "ØF-rapport"), ("Proba samfunnsanalyse", "Proba-rapport"),
    ("Oxford Research", "Rapport"), ("Telemarksforsking", "TF-rapport"),
    ("Agenda Kaupang", "Rapport"), ("Nordlandsforskning", "NF-rapport"),
    ("Høgskulen på Vestlandet", "Rapport"), ("OsloMet", "NOVA-rapport"),
]
ORGANISATIONS = ["Riksrevisjonen", "IMDi", "Arbeids- og velferdsdirektoratet", "KS",
                 "Direktoratet for høyere utdanning og kompetanse", "Kompetanse Norge"]
JOURNALS = ["Tidsskrift for velferdsforskning", "Søkelys på arbeidslivet",
            "Norsk statsvitenskapelig tidsskrift", "Nordisk välfärdsforskning",
            "Tidsskrift for samfunnsforskning"]
PUBLISHERS = ["Universitetsforlaget", "Cappelen Damm Akademisk", "Gyldendal", "Fagbokforlaget"]
TOPICS = ["organisering", "samarbeid", "NAV", "arbeidsrettede tiltak", "norskopplæring",
          "kvalifisering", "brukermedvirkning", "anskaffelser", "frivillige organisasjoner",
          "samskaping", "politisk forankring", "fylkeskommunen", "arbeidsgivere",
          "interkommunalt samarbeid", "språkpraksis", "kompetansekartlegging", "helse",
          "bosetting", "utdanning", "økonomi"]
# Key suffixes; none is a prefix of another, so no key is the start of another key.
KEY_WORDS = ["arbeid", "bosetting", "evaluering", "forankring", "helse", "kartlegging",
             "laering", "modeller", "navkontor", "oppfolging", "plan", "resultater",
             "sprak", "tiltak", "utdanning", "veileder", "xfylke", "yrke", "zsamskaping"]
TITLE_WORDS = [
    "introduksjonsprogrammet", "samarbeid", "kommunene", "flyktninger", "kvalifisering",
    "arbeid", "utdanning", "norskopplæring", "organisering", "erfaringer", "resultater",
    "deltakernes", "tiltak", "oppfølging", "veiledning", "forankring", "bosetting",
    "arbeidsgivere", "frivillig", "sektor", "evaluering", "kartlegging", "virkemidler",
    "overgang", "språkpraksis", "helse", "fylkeskommunen", "brukermedvirkning",
]
SUBJECTS = [
    "kommunen", "flyktningetjenesten", "NAV-kontoret", "voksenopplæringen",
    "fylkeskommunen", "programrådgiveren", "deltakeren", "arbeidsgiveren",
    "den frivillige organisasjonen", "den sosiale entreprenøren", "kontaktpersonen",
    "IMDi", "veilederen", "samarbeidsrådet",
]
VERBS = ["planlegger", "styrer", "kartlegger", "avtaler", "vurderer", "koordinerer",
         "dokumenterer", "tilpasser", "evaluerer", "styrker", "forankrer", "prioriterer"]
OBJECTS = [
    "introduksjonsprogrammet", "den individuelle planen", "arbeidsrettede tiltak",
    "opplæringen i norsk", "samarbeidsavtalen", "kompetansekartleggingen", "språkpraksisen",
    "lønnstilskuddet", "hurtigsporet", "brukermedvirkningen", "ansvarsfordelingen",
    "rutinene for informasjonsdeling", "oppfølgingen etter programmet",
    "kvalifiseringen til arbeid", "tilbudet om grunnskole", "møtene med arbeidsgiverne",
]
ADVERBIALS = [
    "i tett samarbeid med NAV", "fra første måned", "gjennom hele programmet",
    "sammen med deltakeren", "i hver enkelt sak", "før sluttmålet er nådd",
    "når behovene endrer seg", "på tvers av tjenestene", "i løpet av høsten",
    "etter en felles vurdering", "med støtte fra IMDi", "uten å vente på neste møte",
]
CONNECTORS = ["Derfor", "Samtidig", "I tillegg", "Likevel", "Ofte", "I mange kommuner",
              "Etter hvert", "Som regel", "I praksis"]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- the bibliography ---------------------------------------------------------------------

_LATEX = {"ø": r"{\o}", "Ø": r"{\O}", "å": r"{\aa}", "Å": r"{\AA}", "æ": r"{\ae}",
          "Æ": r"{\AE}", "ü": r'{\"u}', "é": r"{\'e}", "è": r"{\`e}", "ú": r"{\'u}"}
_ASCII = str.maketrans({"ø": "o", "å": "a", "æ": "ae", "ü": "u", "é": "e", "è": "e", "ú": "u"})


def _latex(text: str) -> str:
    return "".join(_LATEX.get(char, char) for char in text)


@dataclass
class BibEntry:
    key: str
    type: str
    fields: dict[str, str]

    def bibtex(self, latex: bool, type_map: dict[str, str] | None = None) -> str:
        entry_type = (type_map or {}).get(self.type, self.type)
        lines = [f"@{entry_type}{{{self.key},"]
        width = max(len(name) for name in self.fields)
        for name, value in self.fields.items():
            if latex and name not in ("url", "date", "year"):
                value = _latex(value)
            lines.append(f"  {name.ljust(width)} = {{{value}}},")
        return "\n".join(lines + ["}", ""])


def make_bibliography(count: int, rng: random.Random) -> list[BibEntry]:
    """`count` entries mixing @techreport, @report, @article, @book, @misc and @online."""
    types = ["techreport", "report", "article", "book", "misc", "online"]
    weights = [35, 15, 20, 10, 10, 10]
    taken: set[str] = set()
    entries = []
    for _ in range(count):
        entry_type = rng.choices(types, weights)[0]
        undated = entry_type in ("misc", "online") and rng.random() < 0.1
        year = "" if undated else str(rng.randint(1996, 2026))
        fields: dict[str, str] = {}
        organisation = None
        if entry_type in ("misc", "online") or rng.random() < 0.1:
            organisation = rng.choice(ORGANISATIONS)
            fields["author"] = "{" + organisation + "}"
            first = organisation.split()[0]
        else:
            people = [f"{rng.choice(SURNAMES)}, {rng.choice(GIVEN)}" for _ in range(rng.randint(1, 5))]
            fields["author"] = " and ".join(people)
            first = people[0].split(",")[0]
        stem = re.sub(r"[^a-z]", "", first.lower().translate(_ASCII)) + (year or "ua")
        key = f"{stem}-{rng.choice(KEY_WORDS)}"
        while key in taken:
            stem += rng.choice("abcdefghij")
            key = f"{stem}-{rng.choice(KEY_WORDS)}"
        taken.add(key)
        words = rng.sample(TITLE_WORDS, rng.randint(4, 9))
        title = _cap(" ".join(words))
        if rng.random() < 0.3:
            title += " -- en {NAV}-studie"
        fields["title"] = title
        _type_fields(entry_type, fields, organisation, year, rng)
        if year:
            fields["year"] = year
        fields["langid"] = "norsk"
        fields["keywords"] = ", ".join(rng.sample(TOPICS, rng.randint(1, 3)))
        fields["abstract"] = " ".join(_sentence(rng) + "." for _ in range(rng.randint(2, 4)))
        entries.append(BibEntry(key, entry_type, fields))
    return entries


def _type_fields(entry_type: str, fields: dict, organisation: str | None, year: str,
                 rng: random.Random) -> None:
    if entry_type in ("techreport", "report"):
        name, series = rng.choice(INSTITUTES)
        if rng.random() < 0.5:
            fields["shortauthor"] = "{" + name + "}"  # one name, not given and family names
        fields["type"] = series
        fields["number"] = f"{year or '2020'}:{rng.randint(1, 40)}"
        fields["institution"] = organisation or name
    elif entry_type == "article":
        fields["journal"] = rng.choice(JOURNALS)
        fields["volume"] = str(rng.randint(1, 40))
        fields["number"] = str(rng.randint(1, 4))
        start = rng.randint(1, 300)
        fields["pages"] = f"{start}--{start + rng.randint(5, 30)}"
    elif entry_type == "book":
        fields["publisher"] = rng.choice(PUBLISHERS)
        fields["address"] = "Oslo"
    elif entry_type == "misc":
        fields["organization"] = organisation
        fields["howpublished"] = "Mal"
    else:  # online
        fields["organization"] = organisation
        fields["url"] = f"https://www.example.no/{rng.randint(1000, 99999)}"
        if year:
            fields["date"] = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def bib_text(entries: list[BibEntry], type_map: dict[str, str] | None = None) -> str:
    """Every other entry LaTeX-escaped ({\\o}, {\\aa}), the rest in plain UTF-8."""
    return "\n".join(entry.bibtex(index % 2 == 0, type_map) for index, entry in enumerate(entries))


# --- pages --------------------------------------------------------------------------------

FORMS = ("paren", "locator", "prefix", "multi", "suppress", "narrative", "narrative_locator")
NARRATIVE_FORMS = ("narrative", "narrative_locator")


@dataclass(frozen=True)
class Cite:
    form: str
    keys: tuple[str, ...]
    locator: str = ""


@dataclass
class Sentence:
    """A sentence without its final period; a narrative citation stands at `{cite}`."""

    text: str
    cite: Cite | None = None


@dataclass
class Page:
    path: str  # inside docs/
    title: str
    description: str
    blocks: list = field(default_factory=list)  # ("h2", str) | ("p"|"ul"|"info", [Sentence]) | ("md", str)

    @property
    def cites(self) -> list[Cite]:
        return [s.cite for _, body in self.blocks if isinstance(body, list) for s in body if s.cite]


def _sentence(rng: random.Random) -> str:
    subject, verb = rng.choice(SUBJECTS), rng.choice(VERBS)
    obj, adverbial = rng.choice(OBJECTS), rng.choice(ADVERBIALS)
    shape = rng.randrange(3)
    if shape == 0:
        return f"{_cap(subject)} {verb} {obj} {adverbial}"
    if shape == 1:
        return f"{rng.choice(CONNECTORS)} {verb} {subject} {obj} {adverbial}"
    return f"Det er viktig at {subject} {verb} {obj} {adverbial}"


def _narrative_sentence(rng: random.Random) -> str:
    subject, verb, obj = rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)
    if rng.random() < 0.5:
        return f"{{cite}} fant at {subject} {verb} {obj} {rng.choice(ADVERBIALS)}"
    return f"Ifølge {{cite}} {verb} {subject} {obj}"


def make_pages(size: Size, keys: list[str], rng: random.Random) -> list[Page]:
    """`size.pages` pages in parts of chapters; each carries `size.cites_per_page` citations."""
    pages = []
    for number in range(size.pages):
        chapter, part = number // PAGES_PER_CHAPTER, number // (PAGES_PER_CHAPTER * CHAPTERS_PER_PART)
        title = _cap(rng.choice(OBJECTS))
        page = Page(f"del-{part + 1:02d}/kapittel-{chapter + 1:03d}/side-{number + 1:04d}.md",
                    f"{title} ({number + 1})", _sentence(rng) + ".")
        page.blocks = _blocks(rng, number, size.pages)
        slots = [s for _, body in page.blocks if isinstance(body, list) for s in body]
        for index, sentence in enumerate(rng.sample(slots, min(size.cites_per_page, len(slots)))):
            form = FORMS[(number + index) % len(FORMS)]
            count = 2 if form == "multi" else 1
            cite = Cite(form, tuple(rng.sample(keys, count)),
                        f"s. {rng.randint(1, 120)}" if "locator" in form else "")
            if form in NARRATIVE_FORMS:
                sentence.text = _narrative_sentence(rng)
            sentence.cite = cite
        pages.append(page)
    return pages


def _blocks(rng: random.Random, number: int, total: int) -> list:
    def paragraph(n):
        return [Sentence(_sentence(rng)) for _ in range(n)]

    blocks: list = [("p", paragraph(3))]
    if number % 3 == 0:
        blocks.append(("info", paragraph(2)))
    for section in range(5):
        blocks.append(("h2", _cap(rng.choice(OBJECTS)) + f" {section + 1}"))
        blocks += [("p", paragraph(rng.randint(4, 6))), ("p", paragraph(rng.randint(3, 5)))]
        if section == 1:
            blocks.append(("ul", paragraph(3)))
        if section == 2:
            rows = "\n".join(f"| {_cap(rng.choice(SUBJECTS))} | {rng.choice(OBJECTS)} |" for _ in range(3))
            blocks.append(("md", f"| Hvem | Hva |\n| --- | --- |\n{rows}"))
    following = (number + 1) % total
    blocks.append(("md", f"Les mer på [neste side]({_relative(number, following)}). "
                         "Spørsmål kan sendes til `postmottak@imdi.no` eller "
                         "[IMDi](https://www.imdi.no)."))
    return blocks


def _relative(source: int, target: int) -> str:
    chapter = target // PAGES_PER_CHAPTER
    part = target // (PAGES_PER_CHAPTER * CHAPTERS_PER_PART)
    return f"../../del-{part + 1:02d}/kapittel-{chapter + 1:03d}/side-{target + 1:04d}.md"


# --- citations in each variant's syntax ---------------------------------------------------


def pandoc_cite(cite: Cite) -> str:
    """Our syntax: every form the hooks support."""
    first = cite.keys[0]
    return {
        "paren": f"[@{first}]",
        "locator": f"[@{first}, {cite.locator}]",
        "prefix": f"[se @{first}]",
        "multi": "[" + "; ".join(f"@{k}" for k in cite.keys) + "]",
        "suppress": f"[-@{first}]",
        "narrative": f"@{first}",
        "narrative_locator": f"@{first} [{cite.locator}]",
    }[cite.form]


def bibtex_cite(cite: Cite) -> str:
    """mkdocs-bibtex 4.4.0 without pandoc takes `[@a]`, `[@a; @b]` and a bare `@a`, but no
    prefix, locator or suppressed author inside the brackets (it warns, which fails a strict
    build), so those are written beside the citation as plain text."""
    first = cite.keys[0]
    return {
        "paren": f"[@{first}]",
        "locator": f"[@{first}] ({cite.locator})",
        "prefix": f"se [@{first}]",
        "multi": "[" + "; ".join(f"@{k}" for k in cite.keys) + "]",
        "suppress": f"[@{first}]",
        "narrative": f"@{first}",
        "narrative_locator": f"@{first} ({cite.locator})",
    }[cite.form]


def plain_cite(works: dict[str, Work]) -> Callable[[Cite], str]:
    """The text our hooks show for a citation, as plain text."""
    def render(cite: Cite) -> str:
        labels = [works[key].label for key in cite.keys]
        first = labels[0]
        return {
            "paren": f"({first.parenthetical})",
            "locator": f"({first.parenthetical}, {cite.locator})",
            "prefix": f"(se {first.parenthetical})",
            "multi": _several(labels),
            "suppress": f"({first.year})",
            "narrative": first.narrative,
            "narrative_locator": f"{first.names} ({first.year}, {cite.locator})",
        }[cite.form]
    return render


def _several(labels: list) -> str:
    """Several works in one parenthesis as APA (and the site) writes them: in reference-list
    order, one author's years together ('(IMDi, 2021a, 2021c)')."""
    parts: list[str] = []
    previous = None
    for label in sorted(labels, key=lambda label: label.sort_key):
        if previous is not None and previous.names == label.names:
            parts[-1] += f", {label.year}"
        else:
            parts.append(label.parenthetical)
        previous = label
    return "(" + "; ".join(parts) + ")"


def page_markdown(page: Page, cite: Callable[[Cite], str]) -> str:
    out = [_front({"description": page.description, "updated": UPDATED}), f"# {page.title}", ""]
    for kind_, body in page.blocks:
        if kind_ == "h2":
            out += [f"## {body}", ""]
        elif kind_ == "md":
            out += [body, ""]
        else:
            texts = [_render_sentence(s, cite) for s in body]
            if kind_ == "ul":
                out += [f"- {t}" for t in texts] + [""]
            elif kind_ == "info":
                out += ['!!! info "Kort fortalt"', "    " + " ".join(texts), ""]
            else:
                out += [" ".join(texts), ""]
    return "\n".join(out)


def _render_sentence(sentence: Sentence, cite: Callable[[Cite], str]) -> str:
    if sentence.cite is None:
        return sentence.text + "."
    if sentence.cite.form in NARRATIVE_FORMS:
        return _cap(sentence.text.replace("{cite}", cite(sentence.cite))) + "."
    return f"{sentence.text} {cite(sentence.cite)}."


def _front(values: dict) -> str:
    return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in values.items()) + "---\n"


# --- the research index, pre-generated (baseline and bibtex) -----------------------------


def pregenerated_index(works: dict[str, Work]) -> dict[str, str]:
    """Every file our research index generates (same paths, same Markdown, the .bib/.ris
    downloads), written out before the build, so the baseline builds the same pages with the
    same content and the comparison prices the hooks' work, not the pages' size. What the
    hooks fill in only at build time (citation counts, "cited in" lists, metadata tags,
    katalog.js) is left out."""
    ordered = list(works.values())
    groups = build_groups(ordered)
    pages = pages_of(ordered)
    out: dict[str, str] = {}
    for work in ordered:
        bibtex = to_bibtex([work.entry])
        out[f"{work.slug}.md"] = entry_page(work, bibtex, works)
        out[f"{work.slug}.bib"] = bibtex
        out[f"{work.slug}.ris"] = to_ris([work.entry])
    for facet in FACETS:
        path = f"{facet.folder}/index.md"
        out[path] = front_matter(facet_front(facet)) + facet_body(facet, groups[facet.folder], _href(path))
        for group in groups[facet.folder]:
            out[group.path] = front_matter(group_front(group)) + group_body(group, _href(group.path))
    for number in range(1, len(pages) + 1):
        path = page_path(number)
        head = (_front({"description": "Alle kildene.", "updated": UPDATED}) + "\n# Forskning og kilder\n\n"
                if number == 1 else front_matter(list_front(number, len(pages))) + list_body(number, len(pages)))
        body = index_body(ordered, groups, number, _href(path), DOWNLOADS)
        out[path] = head.replace(INDEX_MARKER, "") + body
    entries = [work.entry for work in ordered]
    out.update({"kilder.bib": to_bibtex(entries), "kilder.ris": to_ris(entries),
                "kilder.json": to_csl_json(entries)})
    return out


def _href(page: str) -> Callable[[str], str]:
    """Links as our hook writes them: the target's URL relative to the page's (directory URLs)."""
    def url(path: str) -> str:
        if not path.endswith(".md"):
            return f"forskning/{path}"
        stem = path[: -len(".md")]
        return f"forskning/{stem[: -len('index')] if stem.endswith('index') else stem + '/'}"
    return lambda path: get_relative_url(url(path), url(page))


def reference_list(page: Page, works: dict[str, Work]) -> str:
    """The baseline's "Kilder" list: the references of the works a page cites, as text."""
    cited = {key for cite in page.cites for key in cite.keys}
    items = [f"- {w.reference_text}" for w in works.values() if w.key in cited]
    return "\n## Kilder\n\n" + "\n".join(items) + "\n" if items else ""


# --- the three sites ----------------------------------------------------------------------


@dataclass
class Content:
    size: Size
    bib: list[BibEntry]
    works: dict[str, Work]
    pages: list[Page]


def make_content(size_name: str, seed: int = SEED) -> Content:
    size = SIZES[size_name]
    rng = random.Random(f"{seed}-{size_name}")
    bib = make_bibliography(size.entries, rng)
    bibliography = parse_bibliography(bib_text(bib), "references.bib")
    if bibliography.problems:
        raise SystemExit(f"generated bibliography has problems: {bibliography.problems[:3]}")
    works, problems = build_catalogue(bibliography)
    if problems:
        raise SystemExit(f"generated bibliography has problems: {problems[:3]}")
    return Content(size, bib, works, make_pages(size, list(works), rng))


def write_sites(size_name: str, features: dict[str, bool] | None = None,
                variants=VARIANTS, seed: int = SEED) -> dict[str, Path]:
    """Generate the content for `size_name` and write each variant's site under work/."""
    content = make_content(size_name, seed)
    roots = {}
    for variant in variants:
        root = WORK / size_name / variant
        if root.exists():
            shutil.rmtree(root)
        (root / "docs").mkdir(parents=True)
        _write_variant(variant, root, content, features or {})
        roots[variant] = root
    return roots


def _write_variant(variant: str, root: Path, content: Content, features: dict[str, bool]) -> None:
    docs = root / "docs"
    if variant == "hooks":
        cite, bib = pandoc_cite, bib_text(content.bib)
    elif variant == "bibtex":
        # pybtex's plain style has no @report or @online and mkdocs-bibtex does not catch the
        # error for a narrative citation, so those become the BibTeX types it knows.
        cite, bib = bibtex_cite, bib_text(content.bib, {"report": "techreport", "online": "misc"})
    else:
        cite, bib = plain_cite(content.works), None
    if bib is not None:
        (root / "references.bib").write_text(bib, encoding="utf-8")
    for page in content.pages:
        text = page_markdown(page, cite)
        if variant == "baseline":
            text += reference_list(page, content.works)
        _write(docs / page.path, text)
    _write(docs / "index.md", f"{_front({'description': 'Forside.', 'updated': UPDATED})}\n# Forside\n\n"
           f"{_sentence(random.Random(0))}.\n")
    research = docs / "forskning"
    if variant == "hooks":
        _write(research / "index.md", _front({"description": "Alle kildene.", "updated": UPDATED})
               + "\n# Forskning og kilder\n\n<!-- kb:research-index -->\n")
    else:
        for path, text in pregenerated_index(content.works).items():
            _write(research / path, text)
    for asset in ("stylesheets/site.css", "javascripts/site.js"):
        _write(docs / asset, (ROOT / "docs" / asset).read_text(encoding="utf-8"))
    for folder in ("overrides", "includes"):
        (root / folder).symlink_to(ROOT / folder)
    (root / "mkdocs.yml").write_text(site_config(variant, content.pages, features), encoding="utf-8")
    if variant == "baseline":
        _zensical_config(root)


def _zensical_config(root: Path) -> None:
    """Zensical reads mkdocs.yml (INHERIT); only the templates both engines render go with it,
    as in `make build-zensical`."""
    for template in SHARED_TEMPLATES:
        target = root / "overrides-zensical" / template
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "overrides" / template, target)
    (root / "zensical.yml").write_text(
        "INHERIT: mkdocs.yml\nsite_dir: zensical-site\ntheme:\n  custom_dir: overrides-zensical\n",
        encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- mkdocs.yml ---------------------------------------------------------------------------


def site_config(variant: str, pages: list[Page], features: dict[str, bool]) -> str:
    """The real mkdocs.yml with nav, hooks, plugins and watch swapped for the variant's.

    Done on the text rather than through a YAML round trip, which would lose the `!ENV`
    and `!!python` tags; MkDocs' own INHERIT cannot add to a list (mkdocs-bibtex needs the
    footnotes extension added to the real ones)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plugins = [{"search": {"lang": ["no"]}}]
    if variant == "bibtex":
        plugins.append({"bibtex": {"bib_file": "references.bib"}})
        # It reads the `@techreport{` of every BibTeX code block as a citation of an unknown
        # key and warns, which would stop a strict build.
        text = text.replace("\nstrict: true\n", "\nstrict: false\n")
        text = _replace_block(text, "markdown_extensions",
                              _block(text, "markdown_extensions") + "  - footnotes\n")
    if variant == "hooks":
        plugins.append({"kunnskapsbase": {"pdf": False}})
    else:
        # The check that stops a build without the plugin (kb_mkdocs.required) is the plugin's
        # partner: a variant without the plugin goes without it too.
        text = "\n".join(line for line in text.split("\n") if line.strip() != "- kb_mkdocs.required")
    text = _replace_block(text, "plugins", _yaml({"plugins": plugins}))
    text = _replace_block(text, "watch", "")
    text = _replace_block(text, "nav", _yaml({"nav": _nav(pages)}))
    if variant != "hooks":
        # The plain research index pages stay out of the navigation, as ours do.
        text += "not_in_nav: |\n  /forskning/**\n  !/forskning/index.md\n"
    for feature, enabled in features.items():
        text = _set_feature(text, feature, enabled)
    return text


def _nav(pages: list[Page]) -> list:
    """Parts of chapters of pages: deep enough that navigation.prune has something to cut."""
    parts: dict[str, dict[str, list]] = {}
    for page in pages:
        part, chapter, _ = page.path.split("/")
        title = f"Kapittel {int(chapter.split('-')[1])}"
        parts.setdefault(f"Del {int(part.split('-')[1])}", {}).setdefault(title, []).append(page.path)
    return ([{"Forside": "index.md"}]
            + [{part: [{c: paths} for c, paths in chapters.items()]} for part, chapters in parts.items()]
            + [{"Forskning og kilder": "forskning/index.md"}])


def _yaml(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_]+):", re.MULTILINE)


def _block_span(text: str, key: str) -> tuple[int, int]:
    starts = [(m.start(), m["key"]) for m in _TOP_KEY.finditer(text)]
    for index, (start, name) in enumerate(starts):
        if name == key:
            end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
            return start, end
    return len(text), len(text)


def _block(text: str, key: str) -> str:
    start, end = _block_span(text, key)
    return text[start:end].rstrip("\n") + "\n"


def _replace_block(text: str, key: str, new: str) -> str:
    start, end = _block_span(text, key)
    return text[:start] + new + ("\n" if new and start < len(text) else "") + text[end:]


def _set_feature(text: str, feature: str, enabled: bool) -> str:
    line = f"    - {feature}\n"
    text = text.replace(line, "")
    if enabled:
        text = text.replace("  features:\n", "  features:\n" + line, 1)
    return text


if __name__ == "__main__":
    for name in sys.argv[1:] or ["small"]:
        print(name, {v: str(p) for v, p in write_sites(name).items()})
