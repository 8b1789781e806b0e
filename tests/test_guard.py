"""The hooks' guard: an unforeseen exception is one readable line under `mkdocs build`, and
under `mkdocs serve` a logged error and a marked page while the server goes on."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

import bibstate
from guard import guarded

pytestmark = pytest.mark.unit


@guarded
def on_page_markdown(markdown, *, page, **kwargs):
    raise IndexError("list index out of range")


@guarded
def on_post_build(*, config, **kwargs):
    raise KeyError("forskning/index.md")


@guarded
def on_page_content(html, *, page, **kwargs):
    raise PluginError("docs/x.md:3: a problem the hook reports itself")


PAGE = SimpleNamespace(file=SimpleNamespace(abs_src_path="/site/docs/x.md", src_uri="x.md"))


@pytest.fixture
def serving(monkeypatch, tmp_path):
    state = SimpleNamespace(location=lambda file: "docs/x.md")
    monkeypatch.setattr(bibstate, "current", lambda: state)
    def set_mode(value: bool):
        monkeypatch.setattr(bibstate, "serving", value)
    return set_mode


def test_build_stops_with_one_line(serving):
    serving(False)
    with pytest.raises(PluginError) as error:
        on_page_markdown("# Tittel", page=PAGE, config=None)
    assert str(error.value) == ("hooks/test_guard.py failed in on_page_markdown for docs/x.md: "
                                "IndexError: list index out of range (a bug in the hooks: please report it)")


def test_serve_logs_marks_the_page_and_goes_on(serving, caplog):
    serving(True)
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.guard"):
        out = on_page_markdown("# Tittel", page=PAGE, config=None)
        assert on_post_build(config=None) is None
    assert out == ('!!! failure "Feil under byggingen"\n    hooks/test_guard.py failed in '
                   "on_page_markdown for docs/x.md: IndexError: list index out of range\n\n# Tittel")
    assert [r.getMessage() for r in caplog.records] == [
        "hooks/test_guard.py failed in on_page_markdown for docs/x.md: IndexError: list index out "
        "of range; the page is served without that step",
        "hooks/test_guard.py failed in on_post_build: KeyError: 'forskning/index.md'; the page is "
        "served without that step"]


def test_problems_the_hooks_report_themselves_pass_through(serving):
    serving(True)
    with pytest.raises(PluginError, match="a problem the hook reports itself"):
        on_page_content("<p>x</p>", page=PAGE, config=None)
