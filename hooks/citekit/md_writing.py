"""Writing generated Markdown safely: escaped text and YAML front matter."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]#!{}@])")


def md_text(text: str) -> str:
    r"""Plain text made safe inside Markdown: its special characters escaped (\@ included, so
    the citation hook never reads an e-mail address in an abstract as a citation)."""
    return html.escape(_MARKDOWN_SPECIALS.sub(r"\\\1", text), quote=False)


def front_matter(values: Mapping) -> str:
    """YAML front matter; JSON strings are valid YAML and need no further quoting."""
    lines = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in values.items()]
    return "\n".join(lines + ["---", "", ""])
