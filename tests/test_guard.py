"""The plugin's guard: an unforeseen exception is one readable line under `mkdocs build`, and
under `mkdocs serve` a logged error and a marked page while the server goes on. The guard
needs nothing but the object it guards (its `serving` flag and how it names a page)."""

from __future__ import annotations

import errno
import logging
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from kb_mkdocs.guard import engine_failure, guarded

pytestmark = pytest.mark.unit
PAGE = SimpleNamespace(file=SimpleNamespace(abs_src_path="/site/docs/x.md", src_uri="x.md"))


class Owner:
    def __init__(self, serving: bool) -> None:
        self.serving = serving

    def where(self, page) -> str:
        return "docs/x.md"

    @guarded("on_page_markdown")
    def on_page_markdown(self, markdown, *, page, **kwargs):
        raise IndexError("list index out of range")

    @guarded("on_post_build")
    def on_post_build(self, *, config, **kwargs):
        raise KeyError("forskning/index.md")

    @guarded("on_page_content")
    def on_page_content(self, html, *, page, **kwargs):
        raise PluginError("docs/x.md:3: a problem the plugin reports itself")


def test_build_stops_with_one_line():
    with pytest.raises(PluginError) as error:
        Owner(serving=False).on_page_markdown("# Tittel", page=PAGE, config=None)
    assert str(error.value) == ("the kunnskapsbase plugin failed in on_page_markdown for docs/x.md: "
                                "IndexError: list index out of range (a bug in the plugin: please report it)")


def test_serve_logs_marks_the_page_and_goes_on(caplog):
    owner = Owner(serving=True)
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.kunnskapsbase"):
        out = owner.on_page_markdown("# Tittel", page=PAGE, config=None)
        assert owner.on_post_build(config=None) is None
    assert out == ('!!! failure "Feil under byggingen"\n    the kunnskapsbase plugin failed in '
                   "on_page_markdown for docs/x.md: IndexError: list index out of range\n\n# Tittel")
    assert [r.getMessage() for r in caplog.records] == [
        "the kunnskapsbase plugin failed in on_page_markdown for docs/x.md: IndexError: list index "
        "out of range; the page is served without that step",
        "the kunnskapsbase plugin failed in on_post_build: KeyError: 'forskning/index.md'; the page "
        "is served without that step"]


def test_the_marked_page_shows_the_message_as_text():
    class Markup(Owner):
        @guarded("on_page_content")
        def on_page_content(self, html, *, page, **kwargs):
            raise ValueError("<b>&</b>")
    out = Markup(serving=True).on_page_content("<p>x</p>", page=PAGE)
    assert out.startswith('<p class="kb-build-error" role="alert">the kunnskapsbase plugin failed in '
                          "on_page_content for docs/x.md: ValueError: &lt;b&gt;&amp;&lt;/b&gt;</p>")


def test_problems_the_plugin_reports_itself_pass_through():
    with pytest.raises(PluginError, match="a problem the plugin reports itself"):
        Owner(serving=True).on_page_content("<p>x</p>", page=PAGE, config=None)


def test_a_full_disk_in_a_step_is_the_machines_problem_not_a_bug():
    """Before: 'OSError: [Errno 28] No space left on device (a bug in the hooks: please report
    it)' when the PDF filled the disk (probe F-8 d)."""
    class Full(Owner):
        @guarded("on_post_build")
        def on_post_build(self, *, config, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device", "site/pdf/kunnskapsbase.pdf")
    with pytest.raises(PluginError) as error:
        Full(serving=False).on_post_build(config=None)
    assert str(error.value) == ("site/pdf/kunnskapsbase.pdf: no space left on device (in the "
                                "kunnskapsbase plugin's on_post_build); free some space and build again")


# error, the page being read, the file being written -> the line (None: the engine's own report)
ENGINE_FAILURES = [
    (UnicodeDecodeError("utf-8", b"---\ndescription: B\xf8.\n", 18, 19, "invalid start byte"),
     "docs/b.md", None, "docs/b.md:2: not valid UTF-8 (byte 0xf8); save the file as UTF-8"),
    (OSError(errno.ENOSPC, "No space left on device"), None, "site/index.html",
     "site/index.html: no space left on device (in writing the site); free some space and build again"),
    (OSError(errno.EACCES, "Permission denied", "site/assets/x.js"), None, None,
     "site/assets/x.js: permission denied (in writing the site)"),
    (OSError(errno.EFBIG, "File too large", "/venv/material/bundle.js", None, "site/b.js"),
     None, None, "site/b.js: file too large (in writing the site)"),
    (KeyError("x"), "docs/b.md", None, None),
]


@pytest.mark.parametrize("error, reading, writing, line", ENGINE_FAILURES)
def test_engine_failure(error, reading, writing, line):
    assert engine_failure(error, reading, writing) == line
