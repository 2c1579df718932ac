"""Turn pydantic's validation errors into Japanese sentences that say what is wrong and what was expected."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic_core import ErrorDetails

from generator.errors import Problem
from generator.model import patterns

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
    "flow_rule_deadline": "deadline と deadline_local は どちらか 1つだけ 書けます。",
    "flow_option_values": "options の value が 重なって いるか、unknown が あります（「わからない」は 自動で 足されるので 書きません）。",
    "source_supports_missing": "sources の supports が、ページに ない 文を さして います（例: important.2 は important の 2番目。数は 1から）。",
    "source_example_label": "kind: municipal_example の 出典は、題名を「〇〇市の 例: …」の 形に して ください。",
    "source_secondary_label": "kind: secondary の 出典は、題名を「参考（…）: …」の 形で はじめて ください。",
    "notice_text": "kind: info の お知らせには text（お知らせの 文）を 書いて ください。",
    "notice_until": "until（最後の 日）が since（出す 日）より 前です。",
    "guide_step_empty": "text、procedures、counter の どれかを 書いて ください。",
    "guide_step_deadline": "deadline は counter に その とおり 書いた 期限だけに 使えます（「15日以内」などの 日数と、「次の 日から」か どうかを counter に 合わせて ください）。",
    "editions_standard_first": "最初の 版は key: standard、prefix: \"\"（今の アドレス）に して ください。",
    "editions_prefix_empty": "prefix が 空なのは 最初の 版（standard）だけです。ほかの 版には yasashii/ の ような 頭を つけて ください。",
    "editions_key_duplicate": "同じ key の 版が 2つ あります。",
    "editions_prefix_duplicate": "同じ prefix の 版が 2つ あります。",
    "unsafe_character": "見えない 制御文字か、文字の 向きを 変える 文字が あります。消して ください。",
    "hours_order": "しめる 時刻が あける 時刻より 前か 同じです（例: 8:30-17:15）。",
    "hours_holiday_closed": "holiday に 祝日の 受付時間が あるのに、closed に「祝日」も あります。祝日に あけるなら closed から「祝日」を 消し、休みなら holiday を 消して ください。",
    "hours_no_day": "受付を する 曜日が ありません。mon〜sun の どれかに 時刻を 書いて ください（1行の 文で 書く ときは hours: 平日 8:30〜17:15 の ように 書けます）。",
}

# Messages for pattern mismatches, keyed by the code of the pattern (generator/model/patterns.py).
PATTERN_MESSAGES = {
    "https_url": "https:// で始まる URL を 書いて ください（http:// や javascript: などは 使えません）。",
    "procedure_id": f"手続き ID は {patterns.ID_RANGES} の どれかです。",
    "phone": "電話番号は 市外局番から ハイフン区切りで 書いて ください（例: 0178-88-2111）。",
    "key": "key は 英小文字で はじめ、英小文字・数字と ハイフンだけで 書いて ください（例: post-originals）。",
    "statement_ref": "supports には、summary、important.1、deadline、prepare.3、steps.6 などを 書いて ください。",
    "email": "メールアドレスは 半角の 英数字と . _ + - で 書いて ください（例: kosodate@town.example.lg.jp）。",
    "slug": "slug は 英小文字・数字と ハイフンだけで 書いて ください（例: jidou-teate-nintei-seikyu）。",
    "edition_key": "版の key は 英小文字で はじめ、英小文字・数字と _ で 書いて ください（例: en）。",
    "edition_prefix": "prefix は 英小文字で はじめ、/ で 終えて ください（例: en/）。最初の 版だけ 空（\"\"）です。",
    "string_table": "strings には generator/strings/ の 表の 名前（例: ja）か、strings/ の 中の ファイル（例: strings/en.yml）を 書いて ください。",
    "string_key": "文字の 表の キーを 点で つないで 書いて ください（例: edition.to_standard）。",
    "time_range": "受付時間は「8:30-17:15」の 形で、あける 時刻と しめる 時刻を 書いて ください。",
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
    if kind == "string_too_long":
        return f"長すぎます。{ctx.get('max_length')} 文字までに して ください（いまは {len(str(error.get('input', '')))} 文字）。"
    if kind == "too_long":
        return f"多すぎます。{ctx.get('max_length')} 個までに して ください。"
    if kind == "too_short":
        return f"少なくとも {ctx.get('min_length', 1)} 個 書いて ください。"
    if kind in ("bool_type", "bool_parsing"):
        return f"true か false を 書いて ください（いまは {given}）。"
    if kind.startswith("date"):
        return f"日付は 2026-11-23 の 形で、ある 日付を 書いて ください（いまは {given}）。"
    if kind in ("enum", "literal_error"):
        # pydantic lists the choices in English ("'a', 'b' or 'c'"): 「a」、「b」、「c」 reads as Japanese.
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        listed = "、".join(f"「{choice}」" for choice in choices) or str(ctx.get("expected", ""))
        return f"使える 値は {listed} の どれかです（いまは {given}）。"
    if kind == "string_pattern_mismatch":
        message = PATTERN_MESSAGES.get(patterns.code_of(str(ctx.get("pattern", ""))) or "")
        if message:
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


# PyYAML's problem texts, in the words of someone editing a file by hand. Checked in order; first match wins.
_SYNTAX = (
    ("could not find expected ':'", "「項目名: 値」の 「:」が 見つかりません。"),
    ("cannot start any token", "タブ文字は 使えません。字下げは 半角スペースで して ください。"),
    ("mapping values are not allowed here", "ここには 「項目名:」を 書けません。字下げが ずれて いるか、値の 中の 「: 」が 原因です（値は \"…\" で 囲めます）。"),
    ("expected <block end>", "字下げが そろって いません。同じ 階層の 項目は 同じ 数の スペースで 始めて ください。"),
    ("expected <block mapping start>", "字下げが そろって いません。同じ 階層の 項目は 同じ 数の スペースで 始めて ください。"),
    ("found unexpected end of stream", "引用符（\" や '）が 閉じて いません。"),
    ("found unknown escape character", "\"…\" の 中の 「\\」の 使い方が ちがいます。「\\」を 書く ときは '…' で 囲んで ください。"),
    ("expected ',' or ']'", "かっこ [ ] が 閉じて いないか、「,」が 足りません。"),
    ("expected ',' or '}'", "かっこ { } が 閉じて いないか、「,」が 足りません。"),
    ("expected a single document", "1つの ファイルに 書ける 内容は 1つだけです（「---」で 区切らないで ください）。"),
    ("found undefined tag handle", "タグ（!）は 使えません。消して ください。"),
    ("found character '@' that cannot start any token", "「@」や 「`」で 始まる 値は \"…\" で 囲んで ください。"),
    ("found character '`' that cannot start any token", "「@」や 「`」で 始まる 値は \"…\" で 囲んで ください。"),
    ("could not determine a constructor", "タグ（!）は 使えません。消して ください。"),
)


def syntax_problem(path: Path, text: str, error: Exception) -> Problem:
    """One Japanese problem, at the place a person would look, for any error PyYAML raises.

    A missing ``:`` is found only where the next key starts, often lines later; the key that lacks it is
    where the scanner began (``context_mark``), so that is the line reported.
    """
    problem = str(getattr(error, "problem", "") or error)
    context = str(getattr(error, "context", "") or "")
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if "simple key" in context and getattr(error, "context_mark", None) is not None:
        mark = error.context_mark  # type: ignore[attr-defined]
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    sentence = next((japanese for english, japanese in _SYNTAX if english in problem or english in context), None)
    if sentence is None:
        sentence = f"（くわしくは: {problem}）"
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    hints = []
    if "：" in here:
        hints.append("この 行に 全角の 「：」が あります。半角の 「:」に して ください。")
    if "\u3000" in here[: len(here) - len(here.lstrip(" \u3000"))] or ("\u3000" in here and "simple key" in context):
        hints.append("この 行に 全角スペースが あります。字下げや 「:」の 後ろは 半角スペースに して ください。")
    return Problem(path, line, column, "", " ".join(["YAML の 書き方に 誤りが あります。" + sentence, *hints]))
