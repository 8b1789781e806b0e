"""A citation's locator in Norwegian: Pandoc's locator labels ("p.", "chap.", "para.", and the
rest of the CSL terms citeproc recognises, in English and Norwegian) become the short forms of
the CSL nb-NO locale ("s.", "kap.", "avsn."); a bare number is a page; everything else is
kept as written."""

from __future__ import annotations

import functools
import re

from .fields import en_dash_ranges

# CSL locator terms (long, short and symbol forms, singular and plural) -> nb-NO short form.
_TERMS = {
    "s.": ("p", "pp", "page", "pages", "s", "side", "sider"),
    "kap.": ("chap", "chaps", "chapter", "chapters", "kap", "kapittel", "kapitler", "kapitlene"),
    "avsn.": ("para", "paras", "paragraph", "paragraphs", "¶", "¶¶", "avsn", "avsnitt"),
    "§": ("sec", "secs", "section", "sections", "§", "§§", "pargr", "paragraf", "paragrafer"),
    "b.": ("bk", "bks", "book", "books", "b", "bok", "bøker"),
    "kol.": ("col", "cols", "column", "columns", "kol", "kolonne", "kolonner"),
    "fig.": ("fig", "figs", "figure", "figures", "figur", "figurer"),
    "fol.": ("fol", "fols", "folio", "folios", "folioer"),
    "nr.": ("no", "nos", "number", "numbers", "issue", "nr", "nummer", "numre"),
    "l.": ("l", "ll", "line", "lines", "linje", "linjer"),
    "n.": ("n", "nn", "note", "notes", "noter"),
    "op.": ("op", "opp", "opus", "opera"),
    "d.": ("pt", "pts", "part", "parts", "d", "del", "deler"),
    "v.": ("v", "vv", "verse", "verses", "vers"),
    "bd.": ("vol", "vols", "volume", "volumes", "bd", "bind"),
}
_LABELS = {variant: short for short, variants in _TERMS.items() for variant in variants}
_LABEL = re.compile(
    r"^(?P<label>¶¶?|§§?|[^\W\d_]+)\.?\s*"
    # A value is a number or a roman numeral, so "del av funnene" keeps its "del".
    r"(?P<value>(?:\d|[ivxlcdm]+(?![\w.])).*)$",
    re.IGNORECASE | re.DOTALL)
# "sub verbo" takes a word, not a number.
_SUB_VERBO = re.compile(r"^(?:s\.\s?vv?\.|sub verb(?:o|is))\s*(?P<value>\S.*)$",
                        re.IGNORECASE | re.DOTALL)
_BRACED = re.compile(r"^\{(?P<locator>[^{}]*)\}(?P<rest>.*)$", re.DOTALL)


@functools.lru_cache(maxsize=4096)  # a page repeats its locators; this runs per citation
def norwegian_locator(suffix: str) -> str:
    """'p. 33' -> 's. 33', '12-14' -> 's. 12–14', 'chap. 3' -> 'kap. 3', '¶ 4' -> 'avsn. 4';
    ', blant andre' -> 'blant andre'. The suffix is Markdown source, kept as written apart
    from the label."""
    text = suffix.strip()
    if text.startswith(","):
        text = text[1:].lstrip()
    if not text:
        return ""
    braced = _BRACED.match(text)
    if braced:  # Pandoc's "{pp. iv, vi-xi}": the braces say where the locator ends
        locator = norwegian_locator(braced["locator"])
        rest = braced["rest"]
        return f"{locator}{rest}".strip() if locator else rest.strip().removeprefix(",").strip()
    if text[0].isdigit():
        return "s. " + en_dash_ranges(text)
    match = _SUB_VERBO.match(text)
    if match:
        return f"s.v. {match['value']}"
    match = _LABEL.match(text)
    if match:
        label = match["label"].lower().rstrip(".")
        short = _LABELS.get(label)
        if short:
            value = match["value"]
            if short == "s.":
                value = en_dash_ranges(value)
            return f"{short} {value}"
    return text

