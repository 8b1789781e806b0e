"""What Pandoc itself reads as citations in a Markdown text (`pandoc -f markdown -t json`,
the program shipped by the pypandoc-binary package), in the form our extension records them:
groups of (key, mode, prefix text, locator text)."""

from __future__ import annotations

import json
import subprocess

import pypandoc

from citekit.locators import norwegian_locator

PANDOC = pypandoc.get_pandoc_path()
# Without `smart`, Pandoc leaves quotes and dashes as typed, as Python-Markdown does.
READER = "markdown-smart"

Item = tuple[str, str, str, str]


def pandoc_citations(markdown: str) -> list[tuple[Item, ...]]:
    result = subprocess.run([PANDOC, "-f", READER, "-t", "json"], input=markdown,
                            capture_output=True, text=True, check=True, timeout=60)
    groups: list[tuple[Item, ...]] = []
    _walk(json.loads(result.stdout)["blocks"], groups)
    return groups


def _walk(node, groups) -> None:
    if isinstance(node, dict):
        if node.get("t") == "Cite":
            groups.append(tuple(
                (c["citationId"], c["citationMode"]["t"], _plain(c["citationPrefix"]),
                 " ".join(norwegian_locator(_plain(c["citationSuffix"])).split()))
                for c in node["c"][0]))
        for value in node.values():
            _walk(value, groups)
    elif isinstance(node, list):
        for value in node:
            _walk(value, groups)


def _plain(inlines) -> str:
    """Pandoc's inlines as plain text; a nested citation as ⟨key,...⟩."""
    out = []
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind == "Cite":
            out.append("⟨" + ",".join(c["citationId"] for c in content[0]) + "⟩")
        elif kind in ("Emph", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps",
                      "Underline"):
            out.append(_plain(content))
        elif kind in ("Link", "Span", "Quoted"):
            out.append(_plain(content[1]))
        elif kind == "Code":
            out.append(content[1])
        elif kind == "RawInline":
            out.append("")
    return " ".join("".join(out).replace("\xa0", " ").split())
