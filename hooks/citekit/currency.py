"""Currency: advice that a newer work has replaced must not be given in the present tense.

When the works a piece of advice rests on are all replaced (`newer = {...}` in the bib), a
present-tense advice word ("anbefaler", "bør", …) tells the reader that this is today's advice,
which nobody has checked. The writer either dates it ("i 2021", "IMDi skrev i 2021") or cites
the newer work. Pure: a block's text and citations in, warnings out.

Which citation an advice word rests on: the first one after it in its sentence, else the last
one before it in its sentence, else the first citation of the following sentences of the block
(a citation at the end of a passage covers the sentences before it, as in "X bør ha støtte i
ledelsen. Et politisk vedtak er én måte [@imdi2021]."). The advice stands when, for every
replaced work it rests on, the text from its sentence to that citation's either gives the
work's year, outside the citations themselves (whose own text always holds it), or cites the
newer work.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .catalogue import Work
from .model import Problem

ADVICE_WORDS = ("anbefaler", "mener", "råder", "bør", "skal", "må")
_ADVICE = re.compile(r"(?<!\w)(?:" + "|".join(ADVICE_WORDS) + r")(?!\w)", re.IGNORECASE)

# Where a citation stands in a sentence's text (a character no prose holds).
CITE_MARK = "\ufffc"
# A sentence ends at '.', '!', '?' or '…' (and any closing quote or bracket), before a space
# and a capital, a digit, an opening quote or a citation.
_SENTENCE_END = re.compile(r"[.!?…][»”’\"')\]]*\s+(?=[«“\"'(\[]?[A-ZÆØÅ\d" + CITE_MARK + "])")
# Abbreviations that end in a full stop without ending the sentence ("jf. Nav", "s. 3"), and
# any single letter (an initial; a number is no abbreviation: "på s. 3. Kommunen").
_ABBREVIATION = re.compile(
    r"(?:^|[\s(\[/])(?:bl\.\s?a|f\.\s?eks|m\.\s?a|m\.\s?m|m\.\s?fl|o\.\s?l|d\.\s?v\.\s?s|t\.\s?o\.\s?m|"
    r"f\.\s?o\.\s?m|dvs|jf|jfr|mfl|nr|kap|ca|evt|inkl|osv|pkt|avsn|ref|[^\W\d_])\.$", re.IGNORECASE)
_ABBREVIATION_REACH = 16  # characters before a full stop that an abbreviation can take


@dataclass(frozen=True)
class Cite:
    """A citation in a block: the keys it cites, and its line in the page."""

    keys: tuple[str, ...]
    line: int | None = None


Segment = str | Cite


@dataclass(frozen=True)
class Sentence:
    """A sentence's text with CITE_MARK where each of its citations stands, and those citations."""

    text: str
    cites: tuple[Cite, ...]

    @property
    def prose(self) -> str:
        """The text without the citations."""
        return self.text.replace(CITE_MARK, " ")


def split_sentences(segments: Sequence[Segment]) -> list[Sentence]:
    """A block's text and citations, in reading order, as sentences; a citation is never split
    (it is one mark), nor is a sentence after "bl.a.", "f.eks.", "s.", "nr.", "kap.", "jf."."""
    cites = [segment for segment in segments if isinstance(segment, Cite)]
    text = "".join(CITE_MARK if isinstance(segment, Cite) else segment for segment in segments)
    sentences, start, used = [], 0, 0
    for end in _ends(text):
        piece = text[start:end]
        count = piece.count(CITE_MARK)
        sentences.append(Sentence(piece, tuple(cites[used : used + count])))
        start, used = end, used + count
    if text[start:].strip():
        sentences.append(Sentence(text[start:], tuple(cites[used:])))
    return sentences


def _ends(text: str):
    for match in _SENTENCE_END.finditer(text):
        stop = match.start() + 1
        if text[match.start()] == "." and _ABBREVIATION.search(text[max(0, stop - _ABBREVIATION_REACH) : stop]):
            continue
        yield match.end()


def stale_advice(segments: Sequence[Segment], works: Mapping[str, Work], location: str) -> list[Problem]:
    """Warnings, located at the citation, for advice in the present tense that rests only on
    replaced works and does not say when it was given."""
    sentences = split_sentences(segments)
    # citation (by position in the block) -> the advice word to name: one in the citation's
    # own sentence rather than one before it ("når den skal kjøpe …. IMDi anbefaler …")
    stale: dict[int, tuple[bool, str, Cite, list[tuple[str, str]], list[str]]] = {}
    for index, sentence in enumerate(sentences):
        for word in _ADVICE.finditer(sentence.text):
            support = _support(sentences, index, word.start())
            if support is None:
                continue
            through, cite, position = support
            replaced = _replaced(cite, works)
            if not replaced:
                continue
            passage = sentences[index : through + 1]
            prose = " ".join(s.prose for s in passage)
            cited = {key for s in passage for c in s.cites for key in c.keys}
            if all(newer in cited or _has_year(prose, works[key].entry.year) for key, newer in replaced):
                continue
            years = sorted({works[key].entry.year for key, _ in replaced})
            own = through == index
            if position not in stale or (own and not stale[position][0]):
                stale[position] = (own, word.group(), cite, replaced, years)
    return [Problem(location, cite.line, _message(word, replaced, years), warning=True)
            for _, word, cite, replaced, years in (stale[position] for position in sorted(stale))]


def _has_year(prose: str, year: str) -> bool:
    return bool(year) and re.search(rf"(?<!\d){year}(?!\d)", prose) is not None


def _support(sentences: list[Sentence], index: int, at: int) -> tuple[int, Cite, int] | None:
    """The citation the advice word at `at` in sentence `index` rests on: (the index of its
    sentence, the citation, its position among the block's citations)."""
    before = sum(len(s.cites) for s in sentences[:index])
    sentence = sentences[index]
    marks = [i for i, char in enumerate(sentence.text) if char == CITE_MARK]
    after = [n for n, mark in enumerate(marks) if mark > at]
    if after:
        return index, sentence.cites[after[0]], before + after[0]
    if marks:
        return index, sentence.cites[len(marks) - 1], before + len(marks) - 1
    before += len(sentence.cites)
    for later in range(index + 1, len(sentences)):
        if sentences[later].cites:
            return later, sentences[later].cites[0], before
        before += len(sentences[later].cites)
    return None


def _replaced(cite: Cite, works: Mapping[str, Work]) -> list[tuple[str, str]]:
    """(key, the key of the newer work) for each work cited, when every one is replaced."""
    pairs = []
    for key in cite.keys:
        newer = works[key].entry.get("newer") if key in works else ""
        if not newer:
            return []
        pairs.append((key, newer))
    return pairs


def _message(word: str, replaced: list[tuple[str, str]], years: list[str]) -> str:
    works = ", and ".join(f"{key}, which {newer} replaces" for key, newer in replaced)
    plural = len(replaced) > 1
    dates = ", ".join(f'"i {year}"' for year in years)
    return (f"advice in the present tense rests only on {'replaced works' if plural else 'a replaced work'}: "
            f"'{word}' cites {works}; date it ({dates}) or cite the newer "
            f"{'works' if plural else 'work'}")
