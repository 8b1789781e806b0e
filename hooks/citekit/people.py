"""Parse BibTeX name lists into people and organisations, and write them out the APA way."""

from __future__ import annotations

import re

from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts

from .latex import decode
from .model import Person

# "{{Riksrevisjonen}}" in the bib reaches us as "{Riksrevisjonen}": one braced token is an
# organisation whose name must not be split into given and family names.
_ORGANISATION = re.compile(r"^\{(?P<name>(?:[^{}]|\{[^{}]*\})*)\}$")
_INITIAL_SPLIT = re.compile(r"(-)")
_STRAY_AND = re.compile(r"^and\s+|\s+and$", re.IGNORECASE)
# A name list that begins or ends with 'and', or has 'and and' (outside braces, roughly).
_EMPTY_NAME = re.compile(r"^\s*and\s|\sand\s*$|\sand\s+and\s|^\s*and\s*$", re.IGNORECASE)


# 'and' between names: a word of its own, outside braces (BibTeX's rule, any case).
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_BRACE_DEPTH = re.compile(r"(?<!\\)[{}]")


def split_names(value: str) -> list[str]:
    """The names of a name list, split at each ' and ' outside braces. bibtexparser's own
    splitter drops a control sequence that starts a name after ' and ' ('\\o{}stby' became
    'stby', '\\v{S}koda' 'Skoda'); this one does not look inside a name at all."""
    names, start = [], 0
    for match in _AND.finditer(value):
        if _depth(value, match.start()) == 0:
            names.append(value[start : match.start()])
            start = match.end()
    names.append(value[start:])
    return [name.strip() for name in names if name.strip()]


def _depth(value: str, end: int) -> int:
    depth = 0
    for brace in _BRACE_DEPTH.finditer(value, 0, end):
        depth += 1 if brace.group() == "{" else -1
    return depth


# A LaTeX accent with its letter, or a letter command ('\\v S', '\\"U', '\\o{}', '{\\'\\i}'
# inside): decoded before a name is split into words, so that the space in '\\v S' does not
# split a letter from its accent.
_LETTER_COMMAND = re.compile(r"""
      \\['`^"~=.](?:\s*\{[^{}]*\}|\s*\\[A-Za-z]+|[A-Za-z])
    | \\[uvHckdbrt](?:\s*\{[^{}]*\}|\s+\\[A-Za-z]+|\s+[A-Za-z])
    | \\(?:aa|AA|ae|AE|oe|OE|ss|o|O|l|L|i|j)(?![A-Za-z])(?:\{\}|[ \t]*)
""", re.VERBOSE)


def _letters_decoded(name: str) -> str:
    return _LETTER_COMMAND.sub(lambda match: decode(match.group()) or match.group(), name)


def empty_names(value: str) -> bool:
    """True when a name list holds an empty name (a stray 'and')."""
    return bool(_EMPTY_NAME.search(value))


def parse_names(value: str) -> tuple[Person, ...]:
    """Split an `author`/`editor` value ("A and B and {{Org}}") into people, decoded."""
    people = []
    for name in split_names(value):
        name = _STRAY_AND.sub("", name.strip())
        if not name:
            continue
        if name.casefold() == "others":
            people.append(Person(family="", is_others=True))
            continue
        name = _letters_decoded(name)
        organisation = _ORGANISATION.match(name)
        if organisation:
            people.append(Person(family=decode(organisation["name"]), is_organisation=True))
            continue
        try:
            parts = parse_single_name_into_parts(name, strict=False)
        except InvalidNameError:
            people.append(Person(family=decode(name), is_organisation=True))
            continue
        people.append(
            Person(
                family=decode(" ".join(parts.last)),
                given=decode(" ".join(parts.first)),
                von=decode(" ".join(parts.von)),
                suffix=decode(" ".join(parts.jr)),
            )
        )
    return tuple(people)


def initials(given: str) -> str:
    """'Anne Britt' -> 'A. B.', 'Hans-Christian' -> 'H.-C.', 'A.B.' -> 'A. B.'."""
    out = []
    for word in given.replace(".", ". ").split():
        pieces = [p for p in _INITIAL_SPLIT.split(word) if p]
        out.append("".join(p if p == "-" else p[0] + "." for p in pieces))
    return " ".join(out)


def surname(person: Person) -> str:
    """The name used in citations: 'Tronstad', 'de la Fontaine', 'Riksrevisjonen'."""
    return f"{person.von} {person.family}".strip()


def inverted(person: Person) -> str:
    """The name in a reference list: 'Tronstad, K. R.'; an organisation as written."""
    if person.is_organisation:
        return person.family
    name = surname(person)
    if person.given:
        name += ", " + initials(person.given)
    if person.suffix:
        name += ", " + person.suffix
    return name


def join_names(names: list[str], conjunction: str = "og") -> str:
    """Norwegian list: 'A', 'A og B', 'A, B og C' (no comma before 'og'); APA's reference
    lists and parentheses join with '&' instead: 'A, B & C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {conjunction} " + names[-1]


def same_party(people: tuple[Person, ...], name: str) -> bool:
    """True when a single author is the named organisation (its report needs no publisher)."""
    return len(people) == 1 and surname(people[0]).casefold() == name.casefold()
