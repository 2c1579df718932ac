"""Which morphological analyser reads our own hard terms right (issue #19): pykakasi, SudachiPy, fugashi.

    python benchmarks/readings_compare.py     # needs: pip install pykakasi==2.3.0 sudachipy==0.7.0
                                              #   sudachidict-core==20261015 fugashi==1.5.2 unidic-lite==1.0.8

The terms are the hard-term list of tests/editions/test_yasashii_edition.py (single words only) plus the five
sample towns and words pykakasi needed synonym patches for. Long vowel marks are ignored. None of these
libraries is a build dependency: the chosen one (SudachiPy) only proposes readings (tetsuzuki readings propose).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST = ROOT / "tests" / "editions" / "test_yasashii_edition.py"


def hard_terms() -> dict[str, str]:
    """The test's HARD_TERMS, read without importing the project (the analysers may live in another venv)."""
    for node in ast.parse(TEST.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "HARD_TERMS":
            return ast.literal_eval(node.value)
    raise SystemExit(f"HARD_TERMS not found in {TEST}")

EXTRA = {
    "上毛町": "こうげまち", "榛東村": "しんとうむら", "勝央町": "しょうおうちょう", "太子町": "たいしちょう",
    "要支援": "ようしえん", "住民票": "じゅうみんひょう", "保育所": "ほいくしょ", "支給認定": "しきゅうにんてい",
    "施設等利用給付": "しせつとうりようきゅうふ", "歩行器": "ほこうき", "引き戸": "ひきど", "介護保険": "かいごほけん",
    "障害児福祉手当": "しょうがいじふくしてあて", "有効期間": "ゆうこうきかん", "被災": "ひさい", "口座": "こうざ",
    "本人確認": "ほんにんかくにん", "世帯": "せたい", "転入": "てんにゅう", "寡婦": "かふ",
}


def _hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def readers() -> dict[str, object]:
    import fugashi
    import pykakasi
    from sudachipy import Dictionary, SplitMode

    kakasi, sudachi, tagger = pykakasi.kakasi(), Dictionary(dict="core").create(), fugashi.Tagger()
    return {
        "pykakasi 2.3.0": lambda t: "".join(x["hira"] for x in kakasi.convert(t)),
        "sudachipy 0.7.0 + sudachidict-core": lambda t: _hiragana("".join(m.reading_form() for m in sudachi.tokenize(t, SplitMode.C))),
        "fugashi 1.5.2 + unidic-lite": lambda t: _hiragana("".join((w.feature.kana or w.surface) for w in tagger(t))),
    }


def main() -> None:
    terms = {word: reading for word, reading in hard_terms().items() if " " not in word} | EXTRA
    for name, read in readers().items():
        wrong = [(word, read(word)) for word, reading in terms.items() if re.sub("ー", "", read(word)) != re.sub("ー", "", reading)]
        print(f"{name}: {len(terms) - len(wrong)}/{len(terms)} right; wrong: {wrong}")


if __name__ == "__main__":
    main()
