"""Turn BibTeX field values that use LaTeX ({\\o}, \\&, --, {Braces}) into plain Unicode."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .brackets import balanced

# Values without any of these characters are already plain text; skipping pylatexenc for them
# keeps loading a bibliography of thousands of entries fast.
_LATEX_MARKERS = re.compile(r"[\\{}~$%]|--|``|''")
_WHITESPACE = re.compile(r"\s+")
_GROUPS = re.compile(r"(?=[{}])(?:(?P<open>\{)|(?P<close>\}))")

# The LaTeX that Norwegian bibliographies are made of ({\o}, {\aa}, \'e, \&, --, {Braces}) is
# decoded by the few substitutions below; pylatexenc, which is slow for a bibliography of
# thousands of entries (benchmarks/README.md), is asked only about values holding anything
# else. The fast path gives exactly what pylatexenc gives: tests/test_latex.py compares the
# two on every value of the real and fixture bibliographies and on generated values.
_LETTERS = {"o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ",
            "OE": "Œ", "ss": "ß", "l": "ł", "L": "Ł"}
_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
            "=": "\u0304", ".": "\u0307"}
_SIMPLE_MACRO = re.compile(r"""
      \{\\(?P<letter>aa|AA|ae|AE|oe|OE|ss|o|O|l|L)\}
    | \{\\(?P<accent>['`^"~=.])(?:(?P<char>[A-Za-z])|\{(?P<braced>[A-Za-z])\})\}
    | \\(?P<bare_accent>['`^"~=.])(?:(?P<bare_char>[A-Za-z])|\{(?P<bare_braced>[A-Za-z])\})
    | \\(?P<escaped>[&%$\#_])
""", re.VERBOSE)
# Anything the fast path does not know: other macros, math, comments, line breaks, and the
# ligatures pylatexenc reads (!` ?` ---- ''' ```).
_NOT_SIMPLE = re.compile(r"\\\\|(?<!\\)[$%]|----|'''|```|[!?]`")


def _simple_macro(match: re.Match) -> str:
    if match["letter"]:
        return _LETTERS[match["letter"]]
    if match["escaped"]:
        return match["escaped"]
    accent = match["accent"] or match["bare_accent"]
    char = match["char"] or match["braced"] or match["bare_char"] or match["bare_braced"]
    return unicodedata.normalize("NFC", char + _ACCENTS[accent])


def _fast_latex_to_text(value: str) -> str | None:
    """pylatexenc's reading of `value`, or None when the value is not simple enough."""
    if _NOT_SIMPLE.search(value):
        return None
    text = _SIMPLE_MACRO.sub(_simple_macro, value)
    if "\\" in text or not balanced(text, _GROUPS):
        return None
    text = text.replace("---", "\u2014").replace("--", "\u2013")
    text = text.replace("``", "\u201c").replace("''", "\u201d").replace("~", "\u00a0")
    return text.replace("{", "").replace("}", "")


# Commands pylatexenc drops or garbles that a bibliography uses, read so that no text is lost:
# name -> (the arguments the walker must read, the text; %(n)s is argument n).
_EXTRA_MACROS = {
    "mbox": ("{", "%(1)s"), "hbox": ("{", "%(1)s"), "texttt": ("{", "%(1)s"),
    "textsf": ("{", "%(1)s"), "textrm": ("{", "%(1)s"), "textnormal": ("{", "%(1)s"),
    "textup": ("{", "%(1)s"), "textmd": ("{", "%(1)s"), "textsuperscript": ("{", "%(1)s"),
    "textsubscript": ("{", "%(1)s"), "nolinkurl": ("{", "%(1)s"),
    "url": ("{", "%(1)s"), "href": ("{{", "%(2)s (%(1)s)"),
    "S": ("", "§"), "P": ("", "¶"), "euro": ("", "€"), "texteuro": ("", "€"),
    "textsection": ("", "§"), "copyright": ("", "©"), "LaTeX": ("", "LaTeX"), "TeX": ("", "TeX"),
}
# Commands whose meaning the site cannot show in a reference: pylatexenc prints '<cit.>' or
# '[…]' for them, which is not what the writer meant.
_REFUSED = {"cite": "a citation", "citep": "a citation", "citet": "a citation",
            "parencite": "a citation", "textcite": "a citation", "autocite": "a citation",
            "footcite": "a citation", "nocite": "a citation", "ref": "a cross-reference",
            "eqref": "a cross-reference", "label": "a label", "footnote": "a footnote",
            "input": "an input file", "include": "an input file"}


@lru_cache(maxsize=1)
def _contexts():
    # Imported only when a value needs it: pylatexenc's tables take memory.
    from pylatexenc import latex2text, latexwalker, macrospec

    walker = latexwalker.get_default_latex_context_db()
    walker.add_context_category("kunnskapsbase", prepend=True, macros=[
        macrospec.MacroSpec(name, args) for name, (args, _) in _EXTRA_MACROS.items()])
    text = latex2text.get_default_latex_context_db()
    text.add_context_category("kunnskapsbase", prepend=True, macros=[
        latex2text.MacroTextSpec(name, shown) for name, (_, shown) in _EXTRA_MACROS.items()])
    return walker, text


@lru_cache(maxsize=1)
def _converter():
    from pylatexenc.latex2text import LatexNodes2Text

    # math_mode="verbatim" keeps $...$ as written instead of guessing at a rendering.
    return LatexNodes2Text(latex_context=_contexts()[1], math_mode="verbatim",
                           strict_latex_spaces=True)


def _nodes(value: str):
    from pylatexenc.latexwalker import LatexWalker

    return LatexWalker(value, latex_context=_contexts()[0], tolerant_parsing=True).get_latex_nodes()[0]


def latex_problem(value: str) -> str | None:
    """What in `value` cannot be shown faithfully as text (an unknown command, a citation, a
    command pylatexenc cannot read), or None. Checked per field by citekit.entries."""
    if not _LATEX_MARKERS.search(value):
        return None
    prepared = _prepared(value)
    if _fast_latex_to_text(prepared) is not None:
        return None
    return _read(prepared)[1]


def latex_to_text(value: str) -> str:
    fast = _fast_latex_to_text(value)
    return fast if fast is not None else _read(value)[0]


# A bibliography's values are read twice, checked (citekit.entries) and then decoded: one
# parse serves both.
@lru_cache(maxsize=4096)
def _read(value: str) -> tuple[str, str | None]:
    """pylatexenc's text of `value` and what in it cannot be shown faithfully, or None."""
    from pylatexenc.latexwalker import LatexMacroNode

    try:
        nodes = list(_nodes(value))
        text = _converter().nodelist_to_text(nodes)
    except Exception as error:  # noqa: BLE001 (pylatexenc's own bugs, such as \href's IndexError)
        return (value.replace("{", "").replace("}", ""),
                f"LaTeX the site cannot read ({type(error).__name__}: {str(error)[:60]})")
    known = _contexts()[1]
    while nodes:
        node = nodes.pop()
        if node is None:
            continue
        if isinstance(node, LatexMacroNode):
            name = node.macroname
            if name in _REFUSED:
                return text, (f"'\\{name}', {_REFUSED[name]}, which a reference on the site "
                              "cannot show: write the text out")
            if known.get_macro_spec(name) is None:
                return text, (f"the LaTeX command '\\{name}', which the site does not know: "
                              "write the text without it (the site shows plain text)")
            nodes.extend(arg for arg in (node.nodeargd.argnlist if node.nodeargd else []) if arg is not None)
        nodes.extend(getattr(node, "nodelist", None) or [])
    return text, None


_BARE_PERCENT = re.compile(r"(?<!\\)%")


def _prepared(value: str) -> str:
    return _BARE_PERCENT.sub(r"\\%", value.replace("\\@", "@"))


def decode(value: str) -> str:
    """Decode LaTeX markup to Unicode and collapse whitespace (BibTeX wraps long values).

    Two readings differ from LaTeX's on purpose: a bare '%' is a percent sign, not the start
    of a comment that swallows the rest of the value ("50 % av deltakerne"), and '\\@' is an
    at-sign, as it is in the site's Markdown."""
    if _LATEX_MARKERS.search(value):
        value = latex_to_text(_prepared(value))
    return _WHITESPACE.sub(" ", value).strip()
