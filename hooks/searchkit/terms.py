"""The sector's words (includes/terms.yml): the glossary's hover texts and the groups of words
the search treats as the same. One file, read here for both uses; no site generator known.

    python -m searchkit --write   # rewrite includes/abbreviations.md from the data
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from citekit.model import Problem

TERMS_FILE = Path("includes") / "terms.yml"
ABBREVIATIONS_FILE = Path("includes") / "abbreviations.md"


@dataclass(frozen=True)
class Term:
    word: str
    hover: str = ""
    same: tuple[str, ...] = ()
    line: int | None = None


def parse_terms(text: str, name: str = str(TERMS_FILE)) -> tuple[list[Term], list[Problem]]:
    """The terms of `text` and the problems found, located (file, line)."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [], [Problem(name, mark.line + 1 if mark else None, f"not valid YAML: {error}")]
    if node is None:
        return [], []
    if not isinstance(node, yaml.SequenceNode):
        return [], [Problem(name, node.start_mark.line + 1, "expected a list of terms")]
    terms: list[Term] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for item in node.value:
        line = item.start_mark.line + 1
        data = yaml.safe_load(yaml.serialize(item))
        if not isinstance(data, dict) or not isinstance(data.get("word"), str) or not data["word"].strip():
            problems.append(Problem(name, line, "a term needs a 'word'"))
            continue
        unknown = sorted(set(data) - {"word", "hover", "same"})
        if unknown:
            problems.append(Problem(name, line, f"unknown field '{unknown[0]}' of '{data['word']}' "
                                                "(fields: word, hover, same)"))
        same = data.get("same") or []
        if not isinstance(same, list) or not all(isinstance(s, str) and s.strip() for s in same):
            problems.append(Problem(name, line, f"'same' of '{data['word']}' must be a list of words"))
            same = []
        term = Term(data["word"].strip(), str(data.get("hover") or "").strip(),
                    tuple(s.strip() for s in same), line)
        if term.hover and term.word in seen:
            problems.append(Problem(name, line, f"duplicate hover text for '{term.word}' "
                                                f"(first given at line {seen[term.word]})"))
        if term.hover:
            seen.setdefault(term.word, line)
        terms.append(term)
    return terms, problems


def load_terms(root: Path) -> tuple[list[Term], list[Problem]]:
    """The terms of the project at `root`; none if it keeps no terms file."""
    path = root / TERMS_FILE
    if not path.is_file():
        return [], []
    return parse_terms(path.read_text(encoding="utf-8"))


def abbreviations_markdown(terms: list[Term]) -> str:
    """The hover texts as Python-Markdown abbreviations (`*[NIR]: ...`), in the data's order."""
    return "".join(f"*[{t.word}]: {t.hover}\n" for t in terms if t.hover)


def search_groups(terms: list[Term]) -> list[list[str]]:
    """Each group of words the search treats as one: the word and what a reader may type for
    it, lower-cased, each once."""
    groups = []
    for term in terms:
        words = []
        for word in (term.word, *term.same):
            if word.lower() not in words:
                words.append(word.lower())
        if len(words) > 1:
            groups.append(words)
    return groups


def script_data(terms: list[Term]) -> str:
    """The groups as a JavaScript statement for the search scripts."""
    return f"self.KB_SEARCH_TERMS = {json.dumps(search_groups(terms), ensure_ascii=False)};\n"


def main(argv: list[str]) -> int:
    root = Path.cwd()
    terms, problems = load_terms(root)
    for problem in problems:
        print(f"ERROR   -  {problem}", file=sys.stderr)
    if problems:
        return 1
    if "--write" in argv:
        (root / ABBREVIATIONS_FILE).write_text(abbreviations_markdown(terms), encoding="utf-8")
        print(f"Wrote {ABBREVIATIONS_FILE} from {TERMS_FILE}")
    return 0
