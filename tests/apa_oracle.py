"""Pandoc's citeproc with the Norsk APA CSL style as the oracle for our APA formatter: the
reference-list text and the in-text citations (parenthetical and narrative, with a locator) of
a batch of entries, from our formatter and from Pandoc fed our own CSL-JSON export, so that the
oracle sees exactly the fields we format. One Pandoc process formats a whole batch.

Where the site deliberately differs from the style, `DIFFERENCES` says how, one row per line
of README's table; a row either changes what Pandoc is given (the style cannot express the
rule) or what it returns (the style's own slip), and nothing else is normalised but
whitespace and markup.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pypandoc

from citekit.apa import format_reference
from citekit.bibliography import Bibliography
from citekit.exports import csl_item
from citekit.fields import derived
from citekit.labels import IN_TEXT, Label, assign_labels, creators
from citekit.library import make_library
from citekit.locators import norwegian_locator
from citekit.model import Entry

PANDOC = pypandoc.get_pandoc_path()
STYLE = Path(__file__).resolve().parents[2] / "shared" / "csl" / "norsk-apa-manual.csl"
# Locators as a writer types them in Norwegian (Pandoc reads the labels of the document's
# language only); the n-th work of a batch is cited with the n-th, in turn.
LOCATORS = ("s. 4", "s. 12-14", "side 7", "kap. 3", "avsn. 4", "bd. 2", "fig. 2", "12-14")


def locator(index: int) -> str:
    return LOCATORS[index % len(LOCATORS)]


@dataclass(frozen=True)
class Formatted:
    """One work as a reader sees it: its reference, and how the text cites it."""

    reference: str | None  # None: not the style's to judge (a difference says why)
    parenthetical: str  # with a locator (apa_oracle.LOCATORS): (Tronstad, 2015, s. 4)
    narrative: str  # with a locator: Tronstad (2015, s. 4)


@dataclass(frozen=True)
class Difference:
    """A deliberate difference from the style (README, "Where we differ from the style")."""

    name: str
    applies: Callable[[Entry], bool]
    # what Pandoc is given: the CSL item for the reference list, and for the citations
    item: Callable[[dict, Entry], dict] = lambda item, entry: item
    cite_item: Callable[[dict, Entry], dict] = lambda item, entry: item
    # what it returns
    result: Callable[[Formatted, Entry], Formatted] = lambda found, entry: found


def _is_act(entry: Entry) -> bool:
    return derived(entry).kind.style == "legislation"


def _short_authors(item: dict, entry: Entry) -> dict:
    return {**item, "author": [{"literal": p.family} for p in entry.short_authors]}


def _without_publisher(item: dict, entry: Entry) -> dict:
    return {name: value for name, value in item.items() if name != "publisher"}


_NARRATIVE_NAMES = re.compile(r"^(?P<names>.*?)(?P<rest> \(.*)$")
_MONTH_AFTER_YEAR = re.compile(r"^(?P<head>[^(]*\(\d{4}[a-z]?)\. (?P<month>\w+\))")
_RANGE_DATE = re.compile(r"\((?P<years>\d{4}–\d{4}[a-z]?)\. [^)]*\)")
_ACT_NARRATIVE = re.compile(r"^\((?P<names>.*?), (?P<rest>.*)\)$")


def _og_in_running_text(found: Formatted, entry: Entry) -> Formatted:
    match = _NARRATIVE_NAMES.match(found.narrative)
    if not match:
        return found
    names = match["names"].replace(" & ", f" {IN_TEXT} ")
    return Formatted(found.reference, found.parenthetical, names + match["rest"])


def _act_narrative(found: Formatted, entry: Entry) -> Formatted:
    match = _ACT_NARRATIVE.match(found.narrative)
    narrative = f"{match['names']} ({match['rest']})" if match else found.narrative
    return Formatted(found.reference, found.parenthetical, narrative)


def _act_reference(found: Formatted, entry: Entry) -> Formatted:
    return Formatted(None, found.parenthetical, found.narrative)


def _month_with_comma(found: Formatted, entry: Entry) -> Formatted:
    if found.reference is None:
        return found
    reference = _MONTH_AFTER_YEAR.sub(r"\g<head>, \g<month>", found.reference)
    return Formatted(_RANGE_DATE.sub(r"(\g<years>)", reference), found.parenthetical, found.narrative)


def _chapter_short(found: Formatted, entry: Entry) -> Formatted:
    return Formatted(found.reference, found.parenthetical.replace(", Kapittel ", ", kap. "),
                     found.narrative.replace("(Kapittel ", "(kap. ").replace(", Kapittel ", ", kap. "))


DIFFERENCES = (
    # The sector cites institutes by the short name (shortauthor): 'Fafo (2017)'.
    Difference("institute label", lambda e: bool(e.short_authors), cite_item=_short_authors),
    # The manual: 'og' in running text; the style knows no running text and writes '&'.
    Difference("og in running text", lambda e: True, result=_og_in_running_text),
    # APA 7 leaves the publisher out when it is the author; the style repeats it.
    Difference("publisher is the author",
               lambda e: bool(derived(e).publisher) and not derived(e).shown_publisher,
               item=_without_publisher),
    # The style writes a month without a day as '(2021. april)' and a range of web-page
    # dates as '(2019–2020. mai–januar)'; APA: '(2021, april)', and the years of a range.
    Difference("web page month", lambda e: derived(e).kind.full_date, result=_month_with_comma),
    # An act: the style formats US legislation ('Pub. L. No.'); the manual's form is pinned in
    # tests/test_apa.py. In running text: 'integreringsloven (2020)', where Pandoc writes the
    # parenthetical form.
    # A chapter locator: the style spells it out, 'Kapittel 3'; the site writes every locator
    # in the nb locale's short form, 'kap. 3' (README, the citation syntax table).
    Difference("chapter locator", lambda e: True, result=_chapter_short),
    Difference("act", _is_act, result=lambda found, entry: _act_narrative(_act_reference(found, entry), entry)),
)


def groups(entries: list[Entry]) -> list[list[str]]:
    """Parentheses of three works each, written in the reverse of the bibliography's order:
    the order they are shown in, and one author's works sharing the names, are the
    formatter's. Aside: works the site read second-hand ('sitert i' is the site's own), acts
    (citeproc joins two acts with a comma, as if one author's), and works with a year
    suffix (citeproc sometimes leaves 'Berg et al., u.å.; Berg et al., 2021b' apart; README),
    and works whose names are shown alike while their authors differ (citeproc left 'Berg et
    al., 2020; Berg et al., 2020–2021' apart in one run and collapsed such works in another:
    not understood, so not compared; README)."""
    labels = assign_labels(entries)
    authors: dict[str, set[tuple]] = {}
    for entry in entries:
        authors.setdefault(labels[entry.key].names, set()).add(tuple(creators(entry)))
    keys = [entry.key for entry in entries if not entry.get("citedin") and not _is_act(entry)
            and not labels[entry.key].year[-1:].isalpha()
            and len(authors[labels[entry.key].names]) == 1]
    return [keys[i : i + 3][::-1] for i in range(0, len(keys) - 2, 3)]


def group_text(keys: list[str]) -> str:
    return "[" + "; ".join(f"@{key}" for key in keys) + "]"


def our_groups(entries: list[Entry]) -> list[str]:
    """The parentheses as the site renders them: the citation extension over these works."""
    from bs4 import BeautifulSoup

    from conftest import convert

    if not groups(entries):
        return []
    library = make_library(Bibliography(MappingProxyType({e.key: e for e in entries}), (), frozenset(),
                                        "generated.bib"))
    html, _ = convert("\n\n".join(group_text(keys) for keys in groups(entries)), library)
    soup = BeautifulSoup(html, "html.parser")
    return [normalise(span.get_text()) for span in soup.select("p > span.kb-citation")]


def oracle_groups(entries: list[Entry]) -> list[str]:
    texts = [group_text(keys) for keys in groups(entries)]
    if not texts:
        return []
    items = [_item(csl_item(entry), entry, "cite_item") for entry in entries]
    return _pandoc(items, [], "groups", texts)["groups"]


def ours(entries: Iterable[Entry]) -> dict[str, Formatted]:
    entries = list(entries)
    labels = assign_labels(entries)
    return {entry.key: _ours(entry, labels[entry.key], norwegian_locator(locator(index)))
            for index, entry in enumerate(entries)}


def _ours(entry: Entry, label: Label, shown: str) -> Formatted:
    return Formatted(format_reference(entry, label).text,
                     f"({label.parenthetical}, {shown})", f"{label.in_text} ({label.year}, {shown})")


def oracle(entries: Iterable[Entry], items: dict[str, dict] | None = None) -> dict[str, Formatted]:
    """What Pandoc's citeproc makes of the entries, the differences applied: of our CSL-JSON
    export (`exports.csl_item`), or of `items` by key (a CSL-JSON file the site wrote)."""
    entries = list(entries)
    given = items or {entry.key: csl_item(entry) for entry in entries}
    # Both runs cite every work in the bibliography's order: citeproc breaks ties between works
    # of one author, year and title by the order of first citation, as labels.py does.
    keys = [entry.key for entry in entries]
    references = _pandoc([_item(given[entry.key], entry, "item") for entry in entries], keys, "reference")
    citations = _pandoc([_item(given[entry.key], entry, "cite_item") for entry in entries], keys, "cite")
    found = {}
    for entry in entries:
        parenthetical, narrative = citations[entry.key]
        result = Formatted(references[entry.key][0], parenthetical, narrative)
        for difference in DIFFERENCES:
            if difference.applies(entry):
                result = difference.result(result, entry)
        found[entry.key] = result
    return found


def _item(item: dict, entry: Entry, stage: str) -> dict:
    for difference in DIFFERENCES:
        if difference.applies(entry):
            item = getattr(difference, stage)(item, entry)
    return item


def _pandoc(items: list[dict], cited: list[str], kind: str, extra: Iterable[str] = ()) -> dict[str, list[str]]:
    """key -> [reference] (kind 'reference') or [parenthetical, narrative] (kind 'cite'), and
    'groups' -> the citations of `extra`, one a paragraph."""
    body = "".join(f"::: {{#groups}}\n{text}\n:::\n\n" for text in extra)
    body += "".join(f"::: {{#c-{key}}}\n[@{key}, {locator(i)}] @{key} [{locator(i)}]\n:::\n\n"
                   for i, key in enumerate(cited))
    document = '---\nnocite: "@*"\n---\n\n' + body + "::: {#refs}\n:::\n"
    with tempfile.TemporaryDirectory() as folder:
        bibliography = Path(folder) / "items.json"
        bibliography.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        result = subprocess.run([PANDOC, "--citeproc", "--csl", str(STYLE), "-M", "lang=nb-NO",
                                 "--bibliography", str(bibliography), "-f", "markdown", "-t", "json"],
                                input=document, capture_output=True, text=True, check=True, timeout=120)
    out: dict[str, list[str]] = {}
    for block in json.loads(result.stdout)["blocks"]:
        if block["t"] != "Div":
            continue
        ident, inner = block["c"][0][0], block["c"][1]
        if ident == "refs" and kind == "reference":
            for ref in inner:
                out[ref["c"][0][0].removeprefix("ref-")] = [_plain(ref["c"][1])]
        elif ident.startswith("c-"):
            cites: list = []
            _collect_cites(inner, cites)
            out[ident.removeprefix("c-")] = [_plain(c) for c in cites]
        elif ident == "groups":
            found: list = []
            _collect_cites(inner, found)
            out.setdefault("groups", []).extend(_plain(c) for c in found)
    return out


def _collect_cites(node, found: list) -> None:
    if isinstance(node, dict):
        if node.get("t") == "Cite":
            found.append(node["c"][1])
            return
        for value in node.values():
            _collect_cites(value, found)
    elif isinstance(node, list):
        for value in node:
            _collect_cites(value, found)


def _plain(node) -> str:
    """Pandoc's blocks or inlines as text: markup gone, whitespace normalised."""
    out: list[str] = []
    _text(node, out)
    return normalise("".join(out))


def _text(node: Any, out: list[str]) -> None:
    if isinstance(node, list):
        for value in node:
            _text(value, out)
    elif isinstance(node, dict):
        kind, content = node.get("t"), node.get("c", [])
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Link", "Span", "Div", "Quoted"):
            _text(content[1], out)
        elif kind in ("Code", "RawInline"):
            out.append(content[1])
        elif content is not None:
            _text(content, out)


def normalise(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())
