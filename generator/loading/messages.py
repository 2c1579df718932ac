"""Turn pydantic's validation errors into Japanese sentences that say what is wrong and what was expected."""

from __future__ import annotations

from typing import Any

from pydantic_core import ErrorDetails

# Messages of our own validators, keyed by the code they raise.
_VALUE_ERRORS = {
    "https_url": "https:// で始まる URL を 書いて ください（http:// や javascript: などは 使えません）。",
    "deadline_text": "kind: fixed の ときは、期限を text に 書いて ください。",
    "ask_locally_key_duplicate": "ask_locally の key が 重なって います。質問ごとに ちがう key を つけて ください。",
    "id_category": "id の 頭文字が category と 合いません（kosodate は k、kaigo は c、hisai は d）。",
    "sample_note": "sample: true の ときは、見本で ある ことを sample_note に 説明して ください。",
    "deadline_rule_not_fixed": "deadline.rule は kind: fixed の ときだけ 書けます。",
    "flow_date_question": "kind: date の 質問には date_of を 書き、options は 書きません。",
    "flow_choice_question": "kind: one と many の 質問には options を 2つ 以上 書き、date_of は 書きません。",
    "flow_option_values": "options の value が 重なって いるか、unknown が あります（「わからない」は 自動で 足されるので 書きません）。",
    "guide_step_empty": "text、procedures、counter の どれかを 書いて ください。",
}

# Messages for pattern mismatches, keyed by a fragment of the pattern that tells the field kind apart.
_PATTERNS = {
    "https://": "https:// で始まる URL を 書いて ください（http:// や javascript: などは 使えません）。",
    "k(0[1-9]": "手続き ID は k01〜k15、c01〜c11、d01 の どれかです。",
    "^0\\d": "電話番号は 市外局番から ハイフン区切りで 書いて ください（例: 0178-88-2111）。",
    "^[a-z][a-z0-9]*(-": "key は 英小文字で はじめ、英小文字・数字と ハイフンだけで 書いて ください（例: post-originals）。",
    "[a-z0-9]+(-": "slug は 英小文字・数字と ハイフンだけで 書いて ください（例: jidou-teate-nintei-seikyu）。",
}


def explain(error: ErrorDetails) -> str:
    """One Japanese sentence for one pydantic error."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    given = _show(error.get("input"))
    if kind == "missing":
        return "必須の 項目が ありません。書き足して ください。"
    if kind == "extra_forbidden":
        return "この 項目名は 使えません（つづりの まちがいでは ありませんか）。"
    if kind in ("string_type",):
        return f"文字を 書いて ください（いまは {given}）。"
    if kind in ("string_too_short",):
        return "空に なって います。文章を 書いて ください。"
    if kind in ("list_type", "tuple_type"):
        return f"「- 」で 始まる 箇条書き（リスト）で 書いて ください（いまは {given}）。"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"「項目名: 値」の 形で 書いて ください（いまは {given}）。"
    if kind == "too_short":
        return f"少なくとも {ctx.get('min_length', 1)} 個 書いて ください。"
    if kind in ("bool_type", "bool_parsing"):
        return f"true か false を 書いて ください（いまは {given}）。"
    if kind.startswith("date"):
        return f"日付は 2026-11-23 の 形で、ある 日付を 書いて ください（いまは {given}）。"
    if kind in ("enum", "literal_error"):
        return f"使える 値は {ctx.get('expected', '')} です（いまは {given}）。"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        for fragment, message in _PATTERNS.items():
            if fragment in pattern:
                return f"{message}（いまは {given}）"
        return f"書き方が ちがいます（いまは {given}）。"
    if kind == "value_error":
        code = str(ctx.get("error", "")).strip()
        return _VALUE_ERRORS.get(code, code)
    return error["msg"]


def _show(value: Any) -> str:
    if value is None:
        return "空"
    if isinstance(value, dict):
        return "「項目名: 値」の 形"
    if isinstance(value, list):
        return "リスト"
    text = str(value)
    return f"「{text[:40]}{'…' if len(text) > 40 else ''}」"
