"""The finder folds text the same way at build time (Python, the index) and in the phone (finder.js, the query).

If the two disagree, a word that is on the page stops being found; nothing else would notice.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.site.search_text import pieces

SCRIPT = Path(__file__).resolve().parents[2] / "generator" / "site" / "finder.js"

CASES = [
    "児童手当を はじめて もらう ときの 申請",
    "カイゴ ホケン",  # katakana → hiragana
    "ｶﾞｲﾄﾞ ﾌﾞｯｸ",  # half-width katakana with voiced marks → one character each
    "ヴァイオリン　ヰヱヲ",  # ヴ and old kana; an ideographic space
    "ＱＲ　コード １２３",  # full-width letters and digits
    "Ｍｙｎａ　Ｐｏｒｔａｌ",
    "マイナポータル（ぴったりサービス）",  # brackets split pieces
    "「台風」で 家が こわれた。罹災証明書、被災",
    "0178-88-2111",
    "①②　㈱　㍻",  # NFKC compatibility characters
    "要介護・要支援/認定:更新;変更!?",
    "ー〜~…　スマホ",
    "  前後の 空白  ",
    "",
]


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node")
def test_python_and_the_page_script_cut_and_fold_text_into_the_same_pieces(tmp_path: Path) -> None:
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps(CASES, ensure_ascii=False), encoding="utf-8")
    program = (
        "const finder = require(process.argv[1]);"
        "const cases = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));"
        "console.log(JSON.stringify(cases.map(text => finder.fieldPieces(text))));"
    )
    output = subprocess.run(["node", "-e", program, str(SCRIPT), str(cases)], capture_output=True, text=True, check=True)
    in_script = json.loads(output.stdout)
    in_python = [pieces(text) for text in CASES]
    different = [(text, py, js) for text, py, js in zip(CASES, in_python, in_script, strict=True) if py != js]
    assert different == []
    assert in_python[1] == ["かいごほけん"] and in_python[4] == ["qrこーど123"]
