"""The open data's JSON lists as ``json.dumps(items, ensure_ascii=False, indent=2)`` writes them, each item's text
kept between builds (``generator/kept.py``) by the item's compact JSON text.

Why: with ``indent`` the standard library writes JSON in Python, not C (the HSDS file of one town, ≈ 470 KB, took
≈ 0.009 s of every build; the compact text ≈ 0.003 s). A one-procedure edit changes one item of each list.

Why the compact text is a safe key: both texts come from the same encoder walking the same value; they differ
only in the whitespace between tokens, which the compact text fixes too. So the same compact text always means
the same indented text, whatever Python types gave it (a tuple and a list, a key ``1`` and ``"1"``: written alike
in both). A JSON string never holds a raw line break (it is written ``\\n``), so an item's lines are indented one
level by adding two spaces after each line break, as the encoder does inside a list.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from generator.kept import kept, keeping


def indented_json(items: Sequence[object]) -> str:
    """``json.dumps(list(items), ensure_ascii=False, indent=2)``, the same text (see the module's docstring)."""
    if not keeping():
        return json.dumps(list(items), ensure_ascii=False, indent=2)
    return indented_list([_item_text(item) for item in items])


def indented_list(texts: Sequence[str]) -> str:
    """The list whose items' texts (``item_text``) are ``texts``, as ``indented_json`` writes it."""
    if not texts:
        return "[]"
    return "[\n  " + ",\n  ".join(texts) + "\n]"


def item_text(item: object) -> str:
    """``item`` as ``json.dumps(items, ensure_ascii=False, indent=2)`` writes it inside a list."""
    return json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")


def _item_text(item: object) -> str:
    compact = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
    return kept(
        b"json.indented\0" + compact.encode("utf-8", errors="surrogatepass"), lambda: item_text(item).encode("utf-8")
    ).decode("utf-8")
