"""Characters that never belong in text a resident reads: invisible controls and direction overrides.

Why refuse rather than strip: they come from pasting (a form feed from a PDF, a NUL from a broken export)
or from someone hiding text (U+202E shows 「1112-88-8710」 for 「0178-88-2111」). Either way the person who
wrote the file should see it and decide; quietly dropping it could change what a sentence says. XML 1.0
cannot carry most of them at all, so one would also break the Atom feed.
"""

from __future__ import annotations

import re

_NAMES = {
    "\x00": "NUL",
    "\x07": "ベル",
    "\x08": "バックスペース",
    "\x0b": "垂直タブ",
    "\x0c": "改ページ",
    "\x1b": "エスケープ",
    "\x7f": "削除",
    "\u061c": "アラビア文字の 向き指定",
    "\u200e": "左から右への 向き指定",
    "\u200f": "右から左への 向き指定",
    "\u2028": "行区切り",
    "\u2029": "段落区切り",
    "\u202a": "向きの 埋め込み",
    "\u202b": "向きの 埋め込み",
    "\u202c": "向き指定の 終わり",
    "\u202d": "向きの 強制",
    "\u202e": "向きの 逆転",
    "\u2066": "向きの 分離",
    "\u2067": "向きの 分離",
    "\u2068": "向きの 分離",
    "\u2069": "向きの 分離の 終わり",
    "\ufeff": "BOM（ゼロ幅の 空白）",
}

UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
    "\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]"
)
"""C0/C1 controls (tab and line breaks aside), bidi controls, line/paragraph separators, a BOM inside the
text, interlinear annotations, non-characters and lone surrogates. Zero-width joiners stay allowed: emoji
sequences such as 👨‍👩‍👧 need them."""

_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def first_unsafe(text: str) -> int | None:
    """Index of the first unsafe character in ``text``, or ``None``."""
    match = UNSAFE.search(text)
    return match.start() if match else None


def describe(char: str) -> str:
    """A Japanese sentence saying which character it is and what to do about it."""
    code = f"U+{ord(char):04X}"
    name = _NAMES.get(char)
    label = f"{code} {name}" if name else code
    if char in _BIDI:
        return (
            f"文字の 向きを 変える 見えない 文字（{label}）が あります。表示を いつわる ことに 使えるため、"
            "使えません。消して ください。"
        )
    return (
        f"見えない 制御文字（{label}）が あります。Word や PDF から コピーした ときに 入る ことが あります。"
        "消して ください。"
    )
