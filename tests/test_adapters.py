"""The seams between the core and the two adapters, read from the code itself (no build):

- no module under hooks/ keeps mutable state at module level, so nothing of one build can
  linger into the next, and state has one owner (the plugin's BuildState);
- citekit imports nothing outside itself but the standard library and its own libraries, so
  it knows no site generator;
- one plugin object, two builds: the second shares nothing with the first.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from conftest import ROOT, make_site

HOOKS = ROOT / "hooks"
# What citekit may import besides itself and the standard library (pyproject's dependencies).
CORE_LIBRARIES = frozenset({"markdown", "bibtexparser", "pylatexenc", "yaml", "babel"})
# Methods that change a list, dict, set or object in place.
MUTATORS = frozenset({"append", "extend", "insert", "remove", "pop", "popitem", "clear", "update",
                      "setdefault", "add", "discard", "sort", "reverse", "__setitem__"})
FIRST_PARTY = frozenset({"citekit", "themefix", "buildkit", "book", "kb_mkdocs", "kb_zensical"})
# Module-level state that another branch owns and is removing (issue 21); each entry must
# still be found, so this list only shrinks.
OWNED_ELSEWHERE = {
}


def _modules(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.py") if "__pycache__" not in path.parts)


def _module_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            names.add(node.target.id)
    return names


def _root_name(node: ast.expr) -> str | None:
    while isinstance(node, (ast.Subscript, ast.Attribute)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def module_state(path: Path) -> list[str]:
    """Module-level mutable state in `path`, found in its AST. The rule:

    - a `global` statement (a module-level name rebound at run time) is state;
    - a module-level name bound to a list, dict, set or object is state if the code changes
      it: an item or attribute assigned or deleted (`CACHE[key] = ...`, `STATE.x = ...`), an
      augmented assignment, or a mutating method called on it (`.append`, `.update`, ...);
    - an attribute of another first-party module assigned (`bibstate.serving = True`) is state.

    Allowed: constants, that is anything bound once and only read: strings, numbers, tuples,
    frozensets, compiled regexes, loggers, paths, lookup tables nobody writes to, class and
    function definitions, type aliases. (A per-build value belongs on an object that owns it:
    kb_mkdocs' BuildState.)"""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    where = path.relative_to(ROOT).as_posix()
    found = [f"{where}: global {', '.join(node.names)}" for node in ast.walk(tree)
             if isinstance(node, ast.Global)]
    names = _module_names(tree)
    modules = {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree)
               if isinstance(node, ast.Import) for alias in node.names
               if alias.name.split(".")[0] in FIRST_PARTY}
    modules |= {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                and (node.level or (node.module or "").split(".")[0] in FIRST_PARTY) for alias in node.names}
    changed = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Subscript, ast.Attribute)) and isinstance(node.ctx, (ast.Store, ast.Del)):
            changed.add(_root_name(node.value))
        elif isinstance(node, ast.AugAssign):
            changed.add(_root_name(node.target))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in MUTATORS):
            changed.add(_root_name(node.func.value))
    found += [f"{where}: {name}" for name in sorted(n for n in changed if n in names or n in modules)]
    return found


@pytest.mark.unit
def test_no_module_under_hooks_keeps_mutable_state():
    """Mutable state at module level outlives a build (MkDocs never reloads a module under
    `mkdocs serve`) and has no owner; a build's state belongs on kb_mkdocs' BuildState."""
    found = [line for path in _modules(HOOKS) for line in module_state(path)]
    assert [line for line in found if line not in OWNED_ELSEWHERE] == []
    assert sorted(OWNED_ELSEWHERE) == sorted(line for line in found if line in OWNED_ELSEWHERE), \
        "state owned elsewhere is gone: remove it from OWNED_ELSEWHERE"


@pytest.mark.parametrize("source, expected", [
    ("CACHE = {}\ndef f(k):\n    CACHE[k] = 1\n", ["CACHE"]),
    ("ITEMS: list[int] = []\ndef f():\n    ITEMS.append(1)\n", ["ITEMS"]),
    ("STATE = State()\ndef f():\n    STATE.current = 1\n", ["STATE"]),
    ("COUNT = 0\ndef f():\n    global COUNT\n    COUNT += 1\n", ["global COUNT", "COUNT"]),
    ("import citekit.library\ndef f():\n    citekit.library.serving = True\n", ["citekit"]),
    ("from . import state\ndef f():\n    state.serving = True\n", ["state"]),
    ("import re\nPATTERN = re.compile('x')\nNAMES = ('a', 'b')\nTABLE = {'a': 1}\n"
     "__all__ = ['f']\nlog = logging.getLogger('x')\n"
     "def f(local={}):\n    items = []\n    items.append(TABLE['a'])\n    local['x'] = 1\n", []),
], ids=["item assigned", "appended to", "attribute assigned", "global", "another module's", "a sibling module's", "constants"])
@pytest.mark.unit
def test_the_state_rule(tmp_path, source, expected):
    path = ROOT / "tests" / f"_probe_{tmp_path.name}.py"
    try:
        path.write_text(source, encoding="utf-8")
        assert [line.split(": ", 1)[1] for line in module_state(path)] == expected
    finally:
        path.unlink()


@pytest.mark.unit
def test_citekit_imports_nothing_outside_itself():
    """The core knows no site generator and none of the packages beside it (adapters,
    themefix, buildkit, book): only itself, the standard library and its own libraries."""
    found = []
    for path in _modules(HOOKS / "citekit"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "citekit" and top not in CORE_LIBRARIES and top not in sys.stdlib_module_names:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    assert found == []


@pytest.mark.build
def test_one_plugin_object_two_builds_share_nothing(tmp_path):
    """`mkdocs serve` keeps the plugin between rebuilds: each build gets its own state."""
    from mkdocs.config import load_config

    root = make_site(tmp_path)
    states = []
    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["kunnskapsbase"]
    plugin.on_startup(command="serve", dirty=False)
    for _ in range(2):
        config = load_config(str(root / "mkdocs.yml"))
        for step in sorted(plugin.on_config.methods, key=lambda m: -getattr(m, "mkdocs_priority", 0)):
            config = step(config)  # the one object's on_config, as serve calls it each rebuild
        states.append(plugin.state)
        plugin.state.problems.append("from this build")
        plugin.state.cited["x.md"] = ()
    first, second = states
    assert first is not second and second.serving and first.serving
    assert second.problems == ["from this build"] and first.problems is not second.problems
    assert first.cited is not second.cited and first.library is second.library  # cached by file
    assert not any(isinstance(value, (list, dict, set)) and value for name, value in vars(plugin).items()
                   if name not in ("state", "atomic", "config"))
    plugin.on_shutdown()
    assert plugin.state is None


@pytest.mark.build
def test_the_plugins_extensions_read_the_current_build_and_page(tmp_path):
    from mkdocs.config import load_config

    from citekit.markdown_ext import CitationExtension, PageContext
    from themefix.markdown_ext import TaskListNamesExtension

    config = load_config(str(make_site(tmp_path) / "mkdocs.yml"))
    plugin = config.plugins["kunnskapsbase"]
    plugin.on_startup(command="build", dirty=True)
    for step in sorted(plugin.on_config.methods, key=lambda m: -getattr(m, "mkdocs_priority", 0)):
        config = step(config)
    citations = next(e for e in config.markdown_extensions if isinstance(e, CitationExtension))
    names = next(e for e in config.markdown_extensions if isinstance(e, TaskListNamesExtension))
    plugin.state.current_page = PageContext("b.md", "docs/b.md")
    assert citations.library is plugin.state.library
    assert citations.page_context(None) is plugin.state.current_page
    assert names.page_location(None) == "docs/b.md"
    plugin.on_shutdown()


class _ZensicalContext:
    """What Zensical registers as `rendering_context` (zensical.extensions.context)."""

    def __init__(self, md, page, config) -> None:
        self.md, self.page, self.config = md, page, config

    def run(self, lines):
        return lines


@pytest.mark.build
def test_the_zensical_extension_reads_zensical_s_page(tmp_path, monkeypatch):
    """Zensical's own build: the page from its rendering context, problems located and stopping it."""
    from types import SimpleNamespace

    import markdown

    from citekit.markdown_ext import CitationError
    from kb_zensical.markdown_ext import KnowledgeBaseExtension, PageError, zensical_page

    root = make_site(tmp_path, files={"docs/b.md": "---\ndescription: D.\nupdated: 2026-11-23\n---\n\n# B\n\n[@djuve2071]\n"})
    monkeypatch.chdir(root)
    page = SimpleNamespace(path="b.md", url="b/", meta={"updated": "2026-11-23"})
    site = {"site_url": "https://example.org/", "site_name": "Testside"}

    def converter(*extensions):
        md = markdown.Markdown(extensions=list(extensions))
        md.preprocessors.register(_ZensicalContext(md, page, site), "rendering_context", 0)
        return md

    md = converter()
    context = zensical_page(md, "docs")
    assert (context.path, context.location, context.line_offset, context.url, str(context.updated)) == (
        "b.md", "docs/b.md", 5, "https://example.org/b/", "2026-11-23")
    with pytest.raises(CitationError, match=r"docs/b\.md:8: unknown citation key 'djuve2071'"):
        converter(KnowledgeBaseExtension()).convert("# B\n\n[@djuve2071]\n")
    with pytest.raises(PageError, match=r"docs/b\.md: task-list checkbox names: checkbox 1 of the page"):
        converter(KnowledgeBaseExtension()).convert('<p><input type="checkbox"></p>\n')
