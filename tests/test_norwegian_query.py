"""The engine-neutral query script (searchkit/assets/norwegian-query.js), run in Node: the
Snowball stemmer gives lunr-languages' stems (the oracle Material's search uses), the root
takes a verbal noun's "-ing" off, stop words go, and the sector's words form slots."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import material
import pytest

from conftest import ROOT
from searchkit import NORWEGIAN_QUERY, query_script

pytestmark = pytest.mark.build

NODE = shutil.which("node")
MATERIAL_JS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"


def run_node(source: str) -> object:
    if NODE is None:
        pytest.fail("Node.js is needed: run `make test` (as root it installs nodejs)")
    done = subprocess.run([NODE, "-e", source], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def call(expression: str) -> object:
    script = query_script(ROOT)[0]
    return run_node(f"globalThis.self = globalThis;\n{script}\n"
                    f"process.stdout.write(JSON.stringify({expression}));")


@pytest.mark.parametrize("word, stem", [
    ("lønnstilskuddet", "lønnstilskudd"), ("samarbeidsavtalen", "samarbeidsavtal"),
    ("samarbeidsavtaler", "samarbeidsavtal"), ("fylkeskommunens", "fylkeskommun"),
    ("kommunene", "kommun"), ("tiltakene", "tiltak"), ("anbudene", "anbud"),
    ("samarbeidsavtala", "samarbeidsavtal"),  # nynorsk definite
    ("deltakarane", "deltakar"),               # nynorsk definite plural
    ("tiltaka", "tiltak"),                     # nynorsk plural
    ("forsvarlige", "forsvar"), ("sitert", "siter"), ("tilskudds", "tilskudd"),
])
def test_stem(word, stem):
    assert call(f"self.KB_SEARCH.stem({json.dumps(word)})") == stem


@pytest.mark.parametrize("word, root", [
    ("registrering", "registrer"), ("kartleggingen", "kartlegg"), ("samskapingen", "samskap"),
    ("ting", "ting"), ("lønnstilskuddet", "lønnstilskudd"),
])
def test_root(word, root):
    assert call(f"self.KB_SEARCH.root({json.dumps(word)})") == root


def test_the_stemmer_is_lunrs_on_every_word_of_the_pages():
    """Our stemmer serves Zensical, lunr's serves Material: they must agree."""
    words = sorted({w.lower() for path in (ROOT / "docs").rglob("*.md")
                    for w in re.findall(r"[^\W\d_]+", path.read_text(encoding="utf-8"))})
    lunr_js = {name: (MATERIAL_JS / name).as_posix() for name in
               ("lunr/min/lunr.stemmer.support.min.js", "lunr/min/lunr.no.min.js")}
    worker = sorted((MATERIAL_JS / "workers").glob("search.*.min.js"))[0].as_posix()
    source = f"""
const fs = require("fs");
globalThis.self = globalThis; globalThis.importScripts = () => {{}}; globalThis.addEventListener = () => {{}};
eval(fs.readFileSync({json.dumps(worker)}, "utf8"));
const lunr = self.lunr;
for (const file of [{json.dumps(lunr_js["lunr/min/lunr.stemmer.support.min.js"])},
                    {json.dumps(lunr_js["lunr/min/lunr.no.min.js"])}]) {{
  const module = {{exports: null}};
  new Function("module", "exports", "define", fs.readFileSync(file, "utf8"))(module, {{}}, undefined);
  module.exports(lunr);
}}
eval(fs.readFileSync({json.dumps(NORWEGIAN_QUERY.as_posix())}, "utf8"));
const words = {json.dumps(words, ensure_ascii=False)};
process.stdout.write(JSON.stringify(words.filter(
  w => lunr.no.stemmer(new lunr.Token(w, {{}})).toString() !== self.KB_SEARCH.stem(w))));
"""
    assert len(words) > 1000
    assert run_node(source) == []


@pytest.mark.parametrize("word, stop", [("hvem", True), ("kva", True), ("for", True), ("Nav", False)])
def test_stop_words(word, stop):
    assert call(f"self.KB_SEARCH.isStopWord({json.dumps(word)})") is stop


@pytest.mark.parametrize("typed, expected", [
    (["nir"], [[["nir"], ["introduksjonsregisteret"], ["introduksjonsregister"]]]),
    (["registrering", "nir"], [[["registrering"]], [["nir"], ["introduksjonsregisteret"], ["introduksjonsregister"]]]),
    (["fylkeskommunens"], [[["fylkeskommunens"], ["fylket"], ["fylke"]]]),  # same stems once
    (["interkommunalt", "samarbeid"],  # a phrase of the data is one slot
     [[["interkommunalt", "samarbeid"], ["samarbeid", "kommuner"], ["interkommunale"]]]),
    (["tilskot"], [[["tilskot"], ["tilskudd"], ["tilskott"]]]),
])
def test_slots(typed, expected):
    slots = call(f"self.KB_SEARCH.slots({json.dumps(typed)})")
    assert [slot["alternatives"] for slot in slots] == expected
