"""A build that fails for any reason (an error, a warning in strict mode, Ctrl-C, SIGTERM)
leaves site/ byte for byte as it was and no staging folder behind; a staging folder left by a
killed build is removed by the next build, and one that a running build uses is not."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import build_site, make_site, page, run_mkdocs

pytestmark = pytest.mark.build

# A test-only hook: at the event named by KB_TEST_PAUSE_AT it writes the folder the build
# writes into to KB_TEST_READY and waits there until the test signals the build.
PAUSE_HOOK = '''
import os
import time
from pathlib import Path

from mkdocs.plugins import event_priority


def _pause(event, config):
    if os.environ.get("KB_TEST_PAUSE_AT") == event:
        ready = Path(os.environ["KB_TEST_READY"])
        ready.with_suffix(".tmp").write_text(config.site_dir)
        ready.with_suffix(".tmp").replace(ready)
        while True:
            time.sleep(1)


def on_post_page(output, *, config, **kwargs):
    _pause("page", config)
    return output


# Every page written, before the plugin's atomic swap (priority -100).
@event_priority(0)
def on_post_build(*, config, **kwargs):
    _pause("post_build", config)
'''
TIMEOUT = 120


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None) under `folder`, by relative path."""
    return {path.relative_to(folder).as_posix(): None if path.is_dir() else path.read_bytes()
            for path in folder.rglob("*")}


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")


def leftovers(root: Path) -> list[str]:
    return sorted(path.name for path in root.iterdir() if path.name.startswith(".site-"))


def problems(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]


def wait_until(predicate, what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def good_site(tmp_path) -> Path:
    """A fixture site built once, with the pause hook listed (idle unless asked)."""
    root = make_site(tmp_path, files={"pause_hook.py": PAUSE_HOOK})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "plugins:\n", f"hooks:\n  - {root / 'pause_hook.py'}\nplugins:\n", 1), encoding="utf-8")
    build = run_mkdocs(root)
    assert build.returncode == 0, build.output
    return root


def _signals_as_from_a_terminal() -> None:
    """In the build, even where pytest runs with them ignored (in the background, under nohup)."""
    for number in (signal.SIGINT, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)


def start_paused_build(root: Path, pause_at: str) -> tuple[subprocess.Popen, Path]:
    """A build in `root` paused at `pause_at`, and the staging folder it is writing into."""
    ready = root / f"ready-{pause_at}"
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_PDF": "false",
             "KB_TEST_PAUSE_AT": pause_at, "KB_TEST_READY": str(ready)},
        preexec_fn=_signals_as_from_a_terminal)
    try:
        wait_until(lambda: ready.exists() or process.poll() is not None, "the build to pause")
    except AssertionError:
        process.kill()
        raise
    assert process.poll() is None, process.communicate()[0]
    staging = Path(ready.read_text())
    ready.unlink()
    assert staging.parent == root and staging.name.startswith(".site-building-")
    return process, staging


# --- a failed build ---------------------------------------------------------------------------

FAILED_BUILDS = [
    ("citation error", {"docs/index.md": page("# Forside\n\n[@djuve2071]\n")},
     ["ERROR   -  docs/index.md:8: unknown citation key 'djuve2071' (did you mean 'djuve2017'?)",
      "ERROR   -  build stopped: 1 bibliography and citation problem (listed above)"],
     "Aborted with a BuildError!"),
    ("strict: page without description", {"docs/b.md": "---\nupdated: 2026-11-23\n---\n\n# B\n"},
     ["WARNING -  docs/b.md: front matter lacks 'description'"],
     "Aborted with 1 warnings in strict mode!"),
    ("strict: broken link", {"docs/index.md": page("# Forside\n\n[Mangler](mangler.md)\n")},
     ["WARNING -  Doc file 'index.md' contains a link 'mangler.md', but the target is not found "
      "among documentation files."],
     "Aborted with 1 warnings in strict mode!"),
    ("strict: broken anchor", {"docs/index.md": page("# Forside\n\n[Mangler](#ingen)\n")},
     ["WARNING -  Doc file 'index.md' contains a link '#ingen', but there is no such anchor on "
      "this page."],
     "Aborted with 1 warnings in strict mode!"),
]


@pytest.mark.parametrize("name, files, messages, verdict", FAILED_BUILDS,
                         ids=[case[0] for case in FAILED_BUILDS])
def test_a_failed_build_leaves_the_site_as_it_was(good_site, name, files, messages, verdict):
    site = good_site / "site"
    before, inode = snapshot(site), site.stat().st_ino
    write(good_site, files)
    build = run_mkdocs(good_site)
    assert build.returncode == 1
    assert problems(build.output) == messages
    assert verdict in build.output and "Traceback" not in build.output
    assert "INFO    -  the last good site, site/, is left as it was" in build.output
    assert site.stat().st_ino == inode and snapshot(site) == before
    assert leftovers(good_site) == []


def test_the_same_build_without_strict_replaces_the_site(good_site):
    write(good_site, {"docs/b.md": "---\nupdated: 2026-11-23\n---\n\n# Ny side\n"})
    build = run_mkdocs(good_site, "--no-strict")
    assert build.returncode == 0, build.output
    assert problems(build.output) == ["WARNING -  docs/b.md: front matter lacks 'description'"]
    assert "Ny side" in build.text("b/index.html")
    assert leftovers(good_site) == []


# --- an interrupted build ---------------------------------------------------------------------

INTERRUPTIONS = [
    # Ctrl-C: click reports "Aborted!" and exits with 1.
    ("Ctrl-C while writing pages", signal.SIGINT, "page", 1),
    ("Ctrl-C with every page written", signal.SIGINT, "post_build", 1),
    # SIGTERM and SIGHUP: the exit status of a process they ended, after the cleaning up.
    ("SIGTERM while writing pages", signal.SIGTERM, "page", 128 + signal.SIGTERM),
    ("SIGTERM with every page written", signal.SIGTERM, "post_build", 128 + signal.SIGTERM),
    ("SIGHUP (the terminal closed) while writing pages", signal.SIGHUP, "page", 128 + signal.SIGHUP),
]


@pytest.mark.parametrize("name, number, pause_at, status", INTERRUPTIONS,
                         ids=[case[0] for case in INTERRUPTIONS])
def test_an_interrupted_build_cleans_up_and_leaves_the_site(good_site, name, number, pause_at, status):
    site = good_site / "site"
    before = snapshot(site)
    write(good_site, {"docs/index.md": page("# Forside\n\nNy tekst.\n")})
    process, staging = start_paused_build(good_site, pause_at)
    assert (staging / "index.html").exists() == (pause_at == "post_build")
    process.send_signal(number)
    output = process.communicate(timeout=TIMEOUT)[0]
    assert process.returncode == status, output
    assert "Traceback" not in output
    assert ("Aborted!" in output) == (number == signal.SIGINT)
    assert snapshot(site) == before
    assert not staging.exists() and leftovers(good_site) == []


def test_the_next_build_removes_the_folder_of_a_killed_build(good_site):
    process, staging = start_paused_build(good_site, "post_build")
    process.kill()
    process.communicate(timeout=TIMEOUT)
    assert process.returncode == -signal.SIGKILL
    assert leftovers(good_site) == [staging.name]
    write(good_site, {"docs/index.md": page("# Forside\n\nNy tekst.\n")})
    build = run_mkdocs(good_site)
    assert build.returncode == 0, build.output
    assert f"INFO    -  removed {staging.name}, left behind by a build that was stopped" in build.output
    assert "Ny tekst." in build.text("index.html")
    assert leftovers(good_site) == []


def test_a_build_keeps_the_folder_of_a_build_still_running(good_site):
    running, staging = start_paused_build(good_site, "page")
    try:
        write(good_site, {"docs/index.md": page("# Forside\n\nNy tekst.\n")})
        build = run_mkdocs(good_site)
        assert build.returncode == 0, build.output
        assert "removed" not in build.output
        assert leftovers(good_site) == [staging.name]
        after = snapshot(good_site / "site")
    finally:
        running.terminate()
        output = running.communicate(timeout=TIMEOUT)[0]
    assert running.returncode == 128 + signal.SIGTERM, output
    assert snapshot(good_site / "site") == after and b"Ny tekst." in after["index.html"]
    assert leftovers(good_site) == []


# --- errors raised in the engine's own code (probe F-11, F-8 d) ------------------------------

def test_a_page_not_saved_as_utf8_is_one_located_line(good_site):
    """Before: MkDocs' 'Error reading page' and a UnicodeDecodeError traceback."""
    site = good_site / "site"
    before = snapshot(site)
    (good_site / "docs" / "b.md").write_bytes(
        "---\ndescription: Side.\nupdated: 2026-11-23\n---\n\n# Bø\n".encode("latin-1"))
    build = run_mkdocs(good_site)
    assert build.returncode == 1
    assert "ERROR   -  docs/b.md:6: not valid UTF-8 (byte 0xf8); save the file as UTF-8" in build.output
    assert "Traceback" not in build.output and "Aborted with a BuildError!" in build.output
    assert snapshot(site) == before and leftovers(good_site) == []


def _small_files_only() -> None:
    """In the build: no file may grow past 20 kB, as on a nearly full disk (EFBIG, not a
    signal; the kernel says 'File too large' where a full disk says 'No space left')."""
    import resource
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def test_a_write_that_fails_is_one_located_line(good_site):
    """Before: MkDocs' 'Error building page' and an OSError traceback."""
    site = good_site / "site"
    before = snapshot(site)
    write(good_site, {"docs/index.md": page("# Forside\n\n" + "Lang tekst. " * 3000 + "\n")})
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=good_site,
                            capture_output=True, text=True, preexec_fn=_small_files_only,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_PDF": "false"})
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    located = [line for line in problems(output) if "file too large (in writing the site" in line]
    assert len(located) == 1 and located[0].startswith("ERROR   -  site/"), output
    assert ".site-building-" not in located[0]
    assert snapshot(site) == before and leftovers(good_site) == []


# --- what the swap keeps, and where it swaps (probe F-26, F-27, F-28) ------------------------

def test_a_failed_dirty_build_writes_nothing_into_the_site(good_site):
    """Before: `--dirty` bypassed the staging folder, and a failed build had already written
    the new work's downloads into site/."""
    site = good_site / "site"
    before = snapshot(site)
    bib = good_site / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@techreport{nyttverk2020, author = {{Org}},"
                   " title = {T}, institution = {I}, year = {2020}}\n", encoding="utf-8")
    write(good_site, {"docs/index.md": page("# Forside\n\n[@nyttverk2020] [@finnesikke]\n")})
    build = run_mkdocs(good_site, "--dirty", "--no-strict")
    assert build.returncode == 1
    assert any("unknown citation key 'finnesikke'" in line for line in build.errors)
    assert snapshot(site) == before and leftovers(good_site) == []


def test_a_dirty_build_that_succeeds_replaces_the_site(good_site):
    write(good_site, {"docs/index.md": page("# Forside\n\nNy tekst.\n")})
    build = run_mkdocs(good_site, "--dirty", "--no-strict")
    assert build.returncode == 0, build.output
    assert "Ny tekst." in build.text("index.html") and leftovers(good_site) == []


def test_the_sites_dotfiles_are_kept(good_site):
    """As plain MkDocs keeps them; before, every build deleted them."""
    site = good_site / "site"
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site / ".htaccess").write_text("Options -Indexes\n")
    (site / ".well-known").mkdir()
    (site / ".well-known" / "security.txt").write_text("Contact: x\n")
    write(good_site, {"docs/index.md": page("# Forside\n\nNy tekst.\n")})
    build = run_mkdocs(good_site)
    assert build.returncode == 0, build.output
    assert (site / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert (site / ".htaccess").is_file() and (site / ".well-known" / "security.txt").is_file()
    assert "Ny tekst." in build.text("index.html") and leftovers(good_site) == []


def test_a_symlinked_site_is_built_behind_the_link(good_site):
    """Before: the link was replaced by a folder, its target left stale, and a '.site-old-*'
    link left behind for good."""
    www = good_site / "www"
    (good_site / "site").rename(www)
    (good_site / "site").symlink_to(www)
    (good_site / ".site-old-stale").symlink_to(www)  # left by a build before this rule
    write(good_site, {"docs/index.md": page("# Forside\n\nNy tekst.\n")})
    build = run_mkdocs(good_site)
    assert build.returncode == 0, build.output
    assert (good_site / "site").is_symlink() and (good_site / "site").resolve() == www
    assert "Ny tekst." in (www / "index.html").read_text(encoding="utf-8")
    assert leftovers(good_site) == [] and www.is_dir()
    assert sorted(p.name for p in good_site.iterdir() if p.name.startswith(".www-")) == []


# --- a build without the plugin (probe F-22) --------------------------------------------------

def test_a_build_without_the_plugin_stops_and_says_what_to_add(tmp_path):
    """Before: with the citation hook removed from mkdocs.yml the build passed and published
    '[@nosuchkey]' as text. The check is a Markdown extension: it runs without the plugin."""
    root = make_site(tmp_path, files={"docs/index.md": page("# Forside\n\nTekst [@finnesikke].\n")})
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - kb_mkdocs.required\n" in text
    config.write_text(text.replace("  - kunnskapsbase\n", ""), encoding="utf-8")
    build = run_mkdocs(root)
    assert build.returncode == 1
    assert ("ERROR   -  mkdocs.yml: citations are not read, so pages would be published with "
            "'[@key]' as text and no check: the 'kunnskapsbase' plugin is not listed; add it "
            "under `plugins:` (`- kunnskapsbase`), after search and offline") in build.output
    assert "Traceback" not in build.output


def test_the_real_config_lists_the_check():
    config = (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  - kb_mkdocs.required\n" in config and "\n  - kunnskapsbase\n" in config


# --- a build for publishing says where it lives ----------------------------------------------

def test_a_build_for_publishing_without_an_address_stops(tmp_path):
    """Before: `make build` published canonical links, the sitemap and every page's citation
    at http://127.0.0.1:8000/. The fixture's site_url is that address; KB_LOCAL unset."""
    build = build_site(tmp_path, env={"KB_LOCAL": ""})
    assert build.returncode == 1
    assert build.errors == [
        "mkdocs.yml: site_url is 'http://127.0.0.1:8000/', an address on this machine, so the "
        "canonical links, the sitemap, 'Slik siterer du denne siden' and the metadata for "
        "reference managers would not point at the published site: set SITE_URL to the address "
        "the site is published at (SITE_URL=https://example.org/kunnskapsbase/ make build), or "
        "KB_LOCAL=true for a build to look at on this machine only"]
    assert not (tmp_path / "site").exists() and leftovers(tmp_path) == []


def test_a_build_with_its_address_is_published_there(tmp_path):
    root = make_site(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_url: http://127.0.0.1:8000/", "site_url: https://example.org/kb/"), encoding="utf-8")
    build = run_mkdocs(root, env={"KB_LOCAL": ""})
    assert build.returncode == 0, build.output
    assert build.html("index.html").select_one('link[rel="canonical"]')["href"] == "https://example.org/kb/"


def test_the_real_config_takes_its_address_from_site_url():
    config = (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]' in config


# --- the Zensical route ends as MkDocs does: located lines, exit 1 ---------------------------

def test_the_zensical_pass_names_a_page_not_saved_as_utf8(tmp_path):
    """Before: a UnicodeDecodeError traceback from the pass."""
    from conftest import fixture_site

    root = fixture_site(tmp_path, {})
    (root / "docs" / "b.md").write_bytes("---\ndescription: Side.\nupdated: 2026-11-23\n---\n\n# Bø\n"
                                         .encode("latin-1"))
    done = subprocess.run([sys.executable, "-m", "kb_zensical", "."], cwd=root, capture_output=True,
                          text=True, timeout=TIMEOUT)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "ERROR   -  docs/b.md:6: not valid UTF-8 (byte 0xf8); save the file as UTF-8",
        "ERROR   -  build stopped: 1 problem (listed above)"]


def test_the_zensical_pass_stops_without_an_address(tmp_path):
    from conftest import fixture_site

    root = fixture_site(tmp_path, {})
    done = subprocess.run([sys.executable, "-m", "kb_zensical", "."], cwd=root, capture_output=True,
                          text=True, timeout=TIMEOUT, env={**os.environ, "KB_LOCAL": ""})
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("ERROR   -  mkdocs.yml: site_url is 'http://127.0.0.1:8000/'")


def test_zensical_alone_stops_with_located_lines_not_tracebacks(tmp_path):
    """Before: Zensical's RuntimeError traceback around the extension's CitationError traceback."""
    from conftest import fixture_site, zensical_build, zensical_pass

    root = fixture_site(tmp_path, {})
    assert zensical_pass(root).returncode == 0
    typo = page("# F\n\nSe [@djuve2071].\n")
    (root / "build/zensical/docs/index.md").write_text(typo, encoding="utf-8")
    (root / "docs/index.md").write_text(typo, encoding="utf-8")
    done = zensical_build(root, skip_pass=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert problems(done.stderr) == [
        "ERROR   -  docs/index.md:8: unknown citation key 'djuve2071' (did you mean 'djuve2017'?)",
        "ERROR   -  build stopped: 1 citation problem (listed above)"]


# --- make offline (probe F-31) ----------------------------------------------------------------

def test_make_offline_zips_the_offline_site(tmp_path):
    """Before: the zip step ran `.venv/bin/python` after `cd site-offline` and failed (Error 127),
    so `make offline` never wrote site-offline.zip. Here, in a fresh copy of the Makefile with
    its relative .venv, on a built offline site."""
    root = Path(__file__).resolve().parent.parent
    shutil.copy(root / "Makefile", tmp_path / "Makefile")
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").symlink_to(sys.executable)
    (tmp_path / "site-offline" / "assets").mkdir(parents=True)
    (tmp_path / "site-offline" / "index.html").write_text("<p>Forside</p>", encoding="utf-8")
    (tmp_path / "site-offline" / "assets" / "x.js").write_text("x", encoding="utf-8")
    done = subprocess.run(["make", "--no-print-directory", "offline-zip"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stdout + done.stderr
    with zipfile.ZipFile(tmp_path / "site-offline.zip") as archive:
        assert archive.testzip() is None
        assert {"site-offline/index.html", "site-offline/assets/x.js"} <= set(archive.namelist())
        assert archive.read("site-offline/index.html") == b"<p>Forside</p>"
