"""The tiers are enforced: a test has exactly one, and a unit test that starts a process,
builds a site or reads the real one fails, whatever the code under test catches."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import subprocess
import sys
from contextlib import contextmanager

import pytest

from conftest import TIER, UnitTierError, build_site, make_site, run_mkdocs, tier_problem

pytestmark = pytest.mark.unit


@contextmanager
def refused(match: str):
    """The refusal raised here, and forgiven: a unit test that was refused fails at the end of
    its call even when it caught the refusal."""
    with pytest.raises(UnitTierError, match=match):
        yield
    assert TIER.refused
    TIER.refused.clear()


@pytest.mark.parametrize("name, start", [
    ("subprocess.run", lambda: subprocess.run([sys.executable, "-c", "pass"], check=False)),
    ("subprocess.Popen", lambda: subprocess.Popen(["true"])),
    ("subprocess.check_output", lambda: subprocess.check_output(["true"])),
    ("os.system", lambda: os.system("true")),
    ("os.popen", lambda: os.popen("true")),
    ("os.spawnv", lambda: os.spawnv(os.P_WAIT, "/bin/true", ["true"])),
    ("os.spawnlp", lambda: os.spawnlp(os.P_WAIT, "true", "true")),
    ("os.posix_spawn", lambda: os.posix_spawn("/bin/true", ["true"], {})),
    ("asyncio", lambda: asyncio.run(asyncio.create_subprocess_exec("true"))),
    ("multiprocessing", lambda: multiprocessing.get_context("spawn").Process(target=print).start()),
])
def test_a_unit_test_cannot_start_a_process(name, start):
    with refused("a unit test may not start a process"):
        start()


def test_fork_and_exec_are_refused_too():
    """Not called: were the refusal broken, the test would fork or replace pytest itself."""
    refusing = {getattr(os, name).__qualname__ for name in dir(os)
                if name in ("system", "fork", "forkpty", "posix_spawn", "posix_spawnp")
                or name.startswith(("spawn", "exec"))}
    assert refusing == {"_refusing.<locals>.refuse"}


def test_catching_exception_does_not_hide_it():
    """Code that treats any failure to run a program as "not installed" cannot swallow it."""
    def tolerant():
        try:
            subprocess.run(["pandoc", "--version"], check=True)
        except Exception:  # the point of the test
            return "not installed"
        return "installed"
    with refused("a unit test may not start a process"):
        assert tolerant() == "not installed"


@pytest.mark.parametrize("name, helper", [
    ("make_site", lambda tmp: make_site(tmp)),
    ("run_mkdocs", lambda tmp: run_mkdocs(tmp)),
    ("build_site", lambda tmp: build_site(tmp)),
])
def test_a_unit_test_cannot_make_or_build_a_site(tmp_path, name, helper):
    with refused("a unit test may not (make a fixture|build a) site"):
        helper(tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("markers, fixtures, problem", [
    (["unit"], ["tmp_path"], None),
    (["parametrize", "build"], ["tmp_path"], None),
    (["site", "site"], ["real_site"], None),  # a module's mark and the test's own, the same
    (["browser"], ["real_site", "served", "browser"], None),
    ([], [], "has no tier: mark it (or its module, with pytestmark) with one of unit, build, site, browser"),
    (["parametrize", "skipif"], [], "has no tier: mark it (or its module, with pytestmark) with one of "
                                    "unit, build, site, browser"),
    (["unit", "build"], [], "has two tiers (build and unit): a test has exactly one"),
    (["unit"], ["real_site"], "is a unit test using the fixture 'real_site', which only site and browser "
                              "tests may use"),
    (["build"], ["zensical_site"], "is a build test using the fixture 'zensical_site', which only site and "
                                   "browser tests may use"),
    (["site"], ["browser"], "is a site test using the fixture 'browser', which only browser tests may use"),
])
def test_tier_problem(markers, fixtures, problem):
    assert tier_problem(markers, fixtures) == problem


def test_this_module_runs_as_unit(request):
    assert [m.name for m in request.node.iter_markers() if m.name in ("unit", "build", "site", "browser")] == ["unit"]
