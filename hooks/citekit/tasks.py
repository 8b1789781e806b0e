"""The collaboration's tasks as data (`docs/verktoy/ansvar.yml`): who does what, how binding it
is (skal, bør, kan, gjør) and on which source; loaded and checked against the bibliography, and
rendered as Markdown where a page holds a marker (`<!-- kb:ansvar tabell -->`).

The rendering is Markdown with Pandoc citations, which the citation extension reads like any
other text of the page (numbered, listed in "Kilder", counted in "cited by"), so it is the same
on every engine. Problems come back as data, located `docs/verktoy/ansvar.yml:12: message`: a
task without a source, or a duty that no act imposes, stops the build.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .cite_syntax import Citation, read_at
from .entry_types import is_act
from .library import Library
from .model import Problem
from .resolve import unknown_key_message
from .urls import relative_url

TASK_FILE = "docs/verktoy/ansvar.yml"  # relative to the project root (the working folder)
MODALITIES = ("skal", "bør", "kan", "gjør")
_MODALITY_LIST = ", ".join(MODALITIES)
FIRST_YEAR = 1900

_ID = re.compile(r"[a-z0-9-]+")
# A key written into `what` (its sources belong in `cite`); "post@imdi.no" is not one.
_OWN_CITATION = re.compile(r"(?:^|[\s\[(;])-?@[\w{]")
# A line that is only a marker: `<!-- kb:ansvar tabell -->`, `<!-- kb:ansvar aktør=nav -->`.
# At the start of the line, so an indented code block never holds one.
MARKER = re.compile(r"<!--[ \t]*kb:ansvar[ \t]+(?P<spec>[^\n]*?)[ \t]*-->[ \t]*")
_MARKER_SPEC = re.compile(r"(?P<kind>[^\s=]+)(?:=(?P<id>\S*))?")

_SECTIONS = {"actors": "actor", "areas": "area", "checklists": "checklist", "tasks": "task"}
_OPTIONAL_SECTIONS = frozenset({"checklists"})
_NAMED_FIELDS = ("id", "name")
_TASK_FIELDS = ("id", "area", "who", "modality", "what", "cite", "year")
_TASK_OPTIONAL = ("more", "checklist", "lead")


@dataclass(frozen=True)
class Named:
    """An actor (a column of the matrix), an area (a row) or a checklist."""

    id: str
    name: str
    line: int


@dataclass(frozen=True)
class Task:
    """One checked task; `cite` is Pandoc citation items without the brackets, `keys` the
    works they name."""

    id: str
    area: str
    who: str
    modality: str
    what: str
    cite: str
    keys: tuple[str, ...]
    year: int
    line: int
    more: str = ""
    checklist: str = ""
    lead: str = ""


@dataclass(frozen=True)
class Tasks:
    """The task file's checked content (a task with a problem is left out: the build stops on
    the problem anyway). `found` is False when there is no file: only a marker needs one."""

    name: str = TASK_FILE
    found: bool = True
    actors: tuple[Named, ...] = ()
    areas: tuple[Named, ...] = ()
    checklists: tuple[Named, ...] = ()
    tasks: tuple[Task, ...] = ()


# --- loading and checking ----------------------------------------------------------------


def load_tasks(path: Path, display_name: str, library: Library) -> tuple[Tasks, tuple[Problem, ...]]:
    """The task file at `path`, checked against `library`; from cache while neither the file
    nor the library changed (as citekit.library caches the bibliography). No file: no tasks,
    no problem (a page's marker says what is missing)."""
    try:
        stat = path.stat()
    except OSError:
        return Tasks(display_name, found=False), ()
    signature = (stat.st_mtime_ns, stat.st_size)
    # Kept with the library it was checked against, so a new bibliography means a new check.
    cache_key = f"tasks:{path.resolve()}"  # one key however the path is written
    cached = library.derived.get(cache_key)
    if isinstance(cached, tuple) and cached[0] == signature:
        return cached[1]
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return Tasks(display_name), (Problem(display_name, None, f"cannot read the task file ({error})"),)
    tasks, problems = parse_tasks(text, display_name, library, datetime.date.today().year)
    result = (tasks, tuple(problems))
    library.derived[cache_key] = (signature, result)
    return result


def parse_tasks(text: str, display_name: str, library: Library, this_year: int) -> tuple[Tasks, list[Problem]]:
    """Read and check the task file's text: the tasks that pass, and every problem, located."""
    problems: list[Problem] = []

    def report(line: int | None, message: str) -> None:
        problems.append(Problem(display_name, line, message))

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        report(mark.line + 1 if mark else None, f"not valid YAML: {error.problem or error.context}")
        return Tasks(display_name), problems
    except yaml.YAMLError as error:
        report(None, f"not valid YAML: {error}")
        return Tasks(display_name), problems
    if not isinstance(root, yaml.MappingNode):
        report(_line(root) if root else None,
               "the task file must be a mapping with actors, areas, tasks and (optionally) checklists")
        return Tasks(display_name), problems
    sections = _mapping(root, "the task file", report)
    for name, (key_node, _) in sections.items():
        if name not in _SECTIONS:
            report(_line(key_node), f"unknown top-level key '{name}'{_hint(name, _SECTIONS)} "
                                    f"(one of {', '.join(_SECTIONS)})")
    for name in _SECTIONS:
        if name not in sections and name not in _OPTIONAL_SECTIONS:
            report(_line(root), f"missing top-level key '{name}'")
    items = {name: _items(sections.get(name, (None, None))[1], name, report) for name in _SECTIONS}
    actors = _named(items["actors"], "actor", report)
    areas = _named(items["areas"], "area", report)
    checklists = _named(items["checklists"], "checklist", report)
    context = _TaskContext(library, this_year, frozenset(a.id for a in actors),
                           frozenset(a.id for a in areas), frozenset(c.id for c in checklists))
    seen: dict[str, int] = {}
    tasks = []
    for node in items["tasks"]:
        task = context.check(node, seen, report)
        if task is not None:
            tasks.append(task)
    return Tasks(display_name, True, actors, areas, checklists, tuple(tasks)), problems


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _hint(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _mapping(node: yaml.MappingNode, what: str, report) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """A mapping's fields by name: (key node, value node). yaml.compose keeps a repeated
    field silently (the last one wins when loaded): here it is a problem."""
    fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        name = str(key_node.value)
        if name in fields:
            report(_line(key_node), f"{what} has '{name}' twice (first at line {_line(fields[name][0])})")
            continue
        fields[name] = (key_node, value_node)
    return fields


def _items(node: yaml.Node | None, section: str, report) -> list[yaml.MappingNode]:
    """The section's items that are mappings (the others reported)."""
    if node is None or _is_null(node):
        return []
    if not isinstance(node, yaml.SequenceNode):
        report(_line(node), f"'{section}' must be a list (each item starting with '- ')")
        return []
    kind = _SECTIONS[section]
    good: list[yaml.MappingNode] = []
    for item in node.value:
        if isinstance(item, yaml.MappingNode):
            good.append(item)
        else:
            report(_line(item), f"each item of '{section}' must be {kind} fields (id: …, name: …)")
    return good


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _text(fields, name: str) -> str:
    """A field's text ('' when absent or empty); a list or mapping reads as '' too, and is
    reported by `_check_fields`."""
    node = fields.get(name, (None, None))[1]
    if node is None or not isinstance(node, yaml.ScalarNode) or _is_null(node):
        return ""
    return str(node.value).strip()


def _check_fields(fields, what: str, allowed, report) -> None:
    for name, (key_node, value_node) in fields.items():
        if name not in allowed:
            report(_line(key_node), f"{what} has an unknown field '{name}'{_hint(name, allowed)} "
                                    f"(one of {', '.join(allowed)})")
        elif not isinstance(value_node, yaml.ScalarNode):
            report(_line(value_node), f"{what}: '{name}' must be a single value, not a list or mapping")


def _checked_id(fields, kind: str, line: int, seen: dict[str, int], report) -> str:
    """The item's id, or '' after reporting why it cannot be used."""
    identifier = _text(fields, "id")
    where = _line(fields["id"][1]) if "id" in fields else line
    if not identifier:
        report(where, f"{kind} has no id")
        return ""
    if not _ID.fullmatch(identifier):
        report(where, f"{kind} id '{identifier}' is not of the form [a-z0-9-]+")
        return ""
    if identifier in seen:
        report(where, f"duplicate {kind} id '{identifier}' (first defined at line {seen[identifier]})")
        return ""
    seen[identifier] = where
    return identifier


def _named(nodes: list[yaml.MappingNode], kind: str, report) -> tuple[Named, ...]:
    seen: dict[str, int] = {}
    named = []
    for node in nodes:
        line = _line(node)
        fields = _mapping(node, kind, report)
        identifier = _checked_id(fields, kind, line, seen, report)
        what = f"{kind} '{identifier}'" if identifier else kind
        _check_fields(fields, what, _NAMED_FIELDS, report)
        name = _text(fields, "name")
        if not name:
            report(line, f"{what} has no name")
        if identifier and name:
            named.append(Named(identifier, name, line))
    return tuple(named)


@dataclass(frozen=True)
class _TaskContext:
    """What a task is checked against."""

    library: Library
    this_year: int
    actors: frozenset[str]
    areas: frozenset[str]
    checklists: frozenset[str]

    def check(self, node: yaml.MappingNode, seen: dict[str, int], report) -> Task | None:
        """The task, or None when it has a problem (each one reported, located)."""
        found: list[tuple[int | None, str]] = []

        def note(line: int | None, message: str) -> None:
            found.append((line, message))

        task = self._read(node, seen, note)
        for line, message in found:
            report(line, message)
        return None if found else task

    def _read(self, node: yaml.MappingNode, seen: dict[str, int], report) -> Task | None:
        line = _line(node)
        fields = _mapping(node, "task", report)
        identifier = _checked_id(fields, "task", line, seen, report)
        what = f"task '{identifier}'" if identifier else "task"
        _check_fields(fields, what, _TASK_FIELDS + _TASK_OPTIONAL, report)

        def at(name: str) -> int:
            return _line(fields[name][1]) if name in fields else line

        values = {name: _text(fields, name) for name in _TASK_FIELDS + _TASK_OPTIONAL}
        for name in ("area", "who", "what"):
            if not values[name]:
                report(at(name), f"{what} has no '{name}'")
        for name, known, noun in (("area", self.areas, "area"), ("who", self.actors, "actor"),
                                  ("checklist", self.checklists, "checklist")):
            if values[name] and values[name] not in known:
                report(at(name), f"{what} names an unknown {noun} '{values[name]}'"
                                 f"{_hint(values[name], known)}")
        modality = values["modality"]
        if not modality:
            report(at("modality"), f"{what} has no modality: one of {_MODALITY_LIST}")
        elif modality not in MODALITIES:
            report(at("modality"), f"{what} has modality '{modality}': one of {_MODALITY_LIST}")
        text = values["what"]
        if text[:1].isupper():
            report(at("what"), f"{what}: 'what' starts with a capital letter, but it follows the "
                               "modality word (\"**Bør** holde …\")")
        if text.endswith("."):
            report(at("what"), f"{what}: 'what' ends with a full stop, which the rendering adds")
        if _OWN_CITATION.search(text):
            report(at("what"), f"{what}: 'what' holds a citation; its sources go in 'cite'")
        keys = self._check_cite(values["cite"], modality, what, at("cite"), report)
        year = self._check_year(fields, what, at("year"), report)
        if values["lead"] and not values["checklist"]:
            report(at("lead"), f"{what} has a lead but no checklist (a lead begins a checklist item)")
        if not identifier:
            return None
        return Task(identifier, values["area"], values["who"], modality, text, values["cite"],
                    keys, year, line, values["more"], values["checklist"], values["lead"])

    def _check_cite(self, cite: str, modality: str, what: str, line: int, report) -> tuple[str, ...]:
        if not cite:
            report(line, f"{what} has no source (cite)")
            return ()
        bracketed = f"[{cite}]"
        reading = read_at(bracketed, 0)
        if not isinstance(reading, Citation) or reading.end != len(bracketed):
            report(line, f"{what} has a cite that does not read as Pandoc citation items: '{cite}' "
                         "(write \"@key\", \"@key, s. 3\" or \"@a; @b\")")
            return ()
        keys = tuple(item.key for item in reading.items)
        works = self.library.works
        for key in keys:
            if key not in works:
                message = unknown_key_message(self.library, key)
                if message:
                    report(line, message)
        known = [key for key in keys if key in works]
        if modality == "skal" and len(known) == len(keys):
            acts = [key for key in known if is_act(works[key].entry.type)]
            if not acts:
                report(line, f"{what} says 'skal' but cites no act (@legislation): a duty needs "
                             "the act that imposes it, or say 'bør'")
            elif len(acts) == len(known):
                report(line, f"{what} says 'skal' but cites only the act: cite also the work "
                             "where the duty was read")
        return keys

    def _check_year(self, fields, what: str, line: int, report) -> int:
        node = fields.get("year", (None, None))[1]
        if node is None or _is_null(node):
            report(line, f"{what} has no 'year'")
            return 0
        raw = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
        if node.tag == "tag:yaml.org,2002:int" and raw.isdigit() and FIRST_YEAR <= int(raw) <= self.this_year:
            return int(raw)
        report(line, f"{what} has year '{raw}': a whole number from {FIRST_YEAR} to {self.this_year}")
        return 0


# --- rendering ---------------------------------------------------------------------------

_TABLE = "tabell"
_CHECKLIST = "sjekkliste"
_ACTOR = "aktør"
_MARKERS = f"{_TABLE}, {_CHECKLIST}=<id> or {_ACTOR}=<id>"
EMPTY_CELL = "–"


@dataclass(frozen=True)
class Marker:
    """A marker as written (`spec`: 'tabell', 'aktør=nav'), read into its kind and id."""

    spec: str
    kind: str
    id: str = ""


def read_marker(line: str) -> Marker | None:
    """The marker that is all of `line`, or None."""
    match = MARKER.fullmatch(line)
    if match is None:
        return None
    spec = match["spec"]
    parts = _MARKER_SPEC.fullmatch(spec)
    if parts is None:
        return Marker(spec, "")
    return Marker(spec, parts["kind"], parts["id"] or "")


def render_marker(marker: Marker, tasks: Tasks, library: Library, page_path: str) -> tuple[list[str], str | None]:
    """The marker's Markdown lines (links relative to `page_path`, docs-relative), or no lines
    and a message saying why not."""
    written = f"'kb:ansvar {marker.spec}'"
    if not (marker.kind == _TABLE and not marker.id
            or marker.kind in (_CHECKLIST, _ACTOR) and marker.id):
        return [], f"unknown marker {written} (write {_MARKERS})"
    if not tasks.found:
        return [], f"marker {written}, but there is no task file '{tasks.name}'"
    if marker.kind == _TABLE:
        return ["", *_matrix(tasks, library, page_path), ""], None
    noun, named = (("checklist", tasks.checklists) if marker.kind == _CHECKLIST
                   else ("actor", tasks.actors))
    known = [item.id for item in named]
    if marker.id not in known:
        return [], f"unknown {noun} '{marker.id}' in marker {written}{_hint(marker.id, known)}"
    if marker.kind == _CHECKLIST:
        return ["", *_checklist(marker.id, tasks, library, page_path), ""], None
    return ["", *_actor(marker.id, tasks, library), ""], None


def statement(task: Task, library: Library) -> str:
    """`**Bør** holde møter … [@key, s. 3]`: the modality word, the task and its source; when
    every work it cites (acts aside) is replaced by a newer one, the year of the advice
    follows the word, so a reader sees it is not today's."""
    dated = _replaced_only(task, library)
    if task.modality == "gjør":
        head = f"**I praksis** ({task.year}):" if dated else "**I praksis:**"
    else:
        # A duty is no advice: what is dated there is where it was read, not the duty itself.
        note = "kilde" if task.modality == "skal" else "råd"
        head = f"**{task.modality.capitalize()}**" + (f" ({note} fra {task.year})" if dated else "")
    return f"{head} {task.what} [{task.cite}]"


def _replaced_only(task: Task, library: Library) -> bool:
    works = [library.works[key].entry for key in task.keys if key in library.works]
    sources = [entry for entry in works if not is_act(entry.type)]
    return bool(sources) and all(entry.get("newer") for entry in sources)


def _link(more: str, page_path: str) -> str:
    path, hash_sign, anchor = more.partition("#")
    return (relative_url(path, page_path) if path else "") + hash_sign + anchor


def _matrix(tasks: Tasks, library: Library, page_path: str) -> list[str]:
    header = ["Oppgave", *(f"{actor.name} {{ #kolonne-{actor.id} }}" for actor in tasks.actors)]
    lines = [_row(header), _row(["---"] * len(header))]
    for area in tasks.areas:
        cells = [_cell(area.name)]
        for actor in tasks.actors:
            entries = []
            for task in tasks.tasks:
                if task.area == area.id and task.who == actor.id:
                    more = f" ([mer]({_link(task.more, page_path)}))" if task.more else ""
                    entries.append(_cell(statement(task, library)) + more)
            # <br>: a table cell holds one line of Markdown
            cells.append("<br>".join(entries) or EMPTY_CELL)
        lines.append(_row(cells))
    return lines


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _checklist(checklist: str, tasks: Tasks, library: Library, page_path: str) -> list[str]:
    lines = []
    for task in tasks.tasks:
        if task.checklist == checklist:
            lead = f"**{task.lead}** " if task.lead else ""
            more = f" [Les mer]({_link(task.more, page_path)})" if task.more else ""
            lines.append(f"- [ ] {lead}{statement(task, library)}.{more}")
    return lines


def _actor(actor: str, tasks: Tasks, library: Library) -> list[str]:
    lines = []
    for area in tasks.areas:
        done = [f"{statement(task, library)}." for task in tasks.tasks
                if task.who == actor and task.area == area.id]
        if done:
            lines.append(f"- **{area.name}:** " + " ".join(done))
    return lines
