"""Check that the fast LaTeX decoder in hooks/citekit/latex.py reads every value exactly as
pylatexenc does: random values built from LaTeX pieces (simple and not), and every field
value of the real, the fixture and the generated bibliographies. Run it after changing the
decoder: `.venv/bin/python benchmarks/check_latex.py [values]`.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402  (puts hooks/ on sys.path)

from citekit import latex  # noqa: E402

SIMPLE = ["a", "Z", "é", "ø", " ", "\n", "{", "}", "{}", "-", "--", "---", "~", "`", "'", "``",
          "''", ",", "{\\o}", "{\\O}", "{\\aa}", "{\\AA}", "{\\ae}", "{\\AE}", "{\\oe}", "{\\ss}",
          "{\\l}", "{\\L}", "{\\'e}", "\\'e", "\\'{e}", "{\\'{e}}", '{\\"u}', '\\"o', "{\\`e}",
          "{\\^o}", "{\\~n}", "\\~n", "{\\=o}", "\\.z", "\\&", "\\%", "\\$", "\\#", "\\_", "{H}",
          "{{X}}"]
# Pieces the fast path must hand over to pylatexenc.
OTHER = ["\\", "\\\\", "$", "%", "!`", "?`", "----", "'''", "\\{", "\\-", "{\\i}", "\\o", "\\aa{}",
         "\\o ", "{\\H o}", "{\\c c}", "\\'", "\\'{}", "\\'å", "{\\' e}", "\\textit{x}", "{\\o }",
         "{ \\o}"]
_BRACED_VALUE = re.compile(r"=\s*\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}")


def mismatches(values) -> tuple[int, list[str]]:
    """How many values took the fast path, and those it read differently from pylatexenc."""
    converter = latex._converter()
    fast, wrong = 0, []
    for value in values:
        result = latex._fast_latex_to_text(value)
        if result is None:
            continue
        fast += 1
        if result != converter.latex_to_text(value):
            wrong.append(value)
    return fast, wrong


def random_values(count: int, pieces: list[str], rng: random.Random):
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))


def bib_values() -> set[str]:
    root = generate.ROOT
    texts = [p.read_text(encoding="utf-8") for p in [root / "references.bib",
                                                     *root.glob("tests/fixtures/*/references.bib")]]
    texts.append(generate.bib_text(generate.make_bibliography(5000, random.Random(generate.SEED))))
    return {m[1] for text in texts for m in _BRACED_VALUE.finditer(text)}


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    rng = random.Random(1)
    failed = False
    for name, values in [("random, simple pieces", random_values(count, SIMPLE, rng)),
                         ("random, all pieces", random_values(count, SIMPLE + OTHER, rng)),
                         ("bibliography values", bib_values())]:
        fast, wrong = mismatches(values)
        print(f"{name}: fast path took {fast}, read differently: {len(wrong)}")
        for value in wrong[:10]:
            print(f"  {value!r}")
        failed |= bool(wrong)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
