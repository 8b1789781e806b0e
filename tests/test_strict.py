"""kb_mkdocs.strict: a strict build's warnings counted whatever the verbosity, on the engine's
own top logger (MkDocs' or ProperDocs'), and the loggers put back as the command line set them."""

from __future__ import annotations

import logging

import pytest

from kb_mkdocs.strict import ENGINE, StrictCount

pytestmark = pytest.mark.unit


@pytest.fixture
def engine():
    """A top logger as an engine's command line leaves it, under a name of the test's own."""
    top = logging.getLogger("kbtest-engine")
    pages = logging.getLogger("kbtest-engine.structure.pages")
    saved = top.level, pages.level, top.propagate
    top.propagate = False
    yield top, pages
    top.setLevel(saved[0])
    pages.setLevel(saved[1])
    top.propagate = saved[2]


@pytest.mark.parametrize("level, flag", [(logging.ERROR, "-q"), (logging.INFO, None),
                                         (logging.DEBUG, "-v")])
def test_warnings_count_whatever_the_verbosity(engine, level, flag):
    top, pages = engine
    top.setLevel(level)
    count = StrictCount("kbtest-engine")
    count.start(strict=True)
    logging.getLogger("kbtest-engine.plugins.kunnskapsbase").warning("docs/b.md: a warning")
    assert count.warnings() == 1
    # -v: the pages logger says DEBUG is off, so MkDocs 1.6.1 collects links to anchors
    assert pages.getEffectiveLevel() > logging.DEBUG
    count.stop()
    assert top.level == level and pages.level == logging.NOTSET
    assert count.warnings() == 0


def test_a_build_that_is_not_strict_changes_nothing(engine):
    top, _ = engine
    top.setLevel(logging.ERROR)
    count = StrictCount("kbtest-engine")
    count.start(strict=False)
    logging.getLogger("kbtest-engine.x").warning("ignored")
    assert count.warnings() == 0 and top.level == logging.ERROR and count.counter is None


def test_the_engine_is_whatever_module_stands_for_mkdocs():
    assert ENGINE in ("mkdocs", "properdocs")
