"""The 38 success criteria of JIS X 8341-3:2016 levels A and AA, and how this site's test decides each one.

JIS X 8341-3:2016 is identical to WCAG 2.0 (ISO/IEC 40500:2012); the names are the JIS ones. For each criterion
this module says one of three things, and the 達成基準チェックリスト of the accessibility page shows it:

- not applicable (適用 なし): the generator never makes that kind of content (no audio, video, time limits,
  moving or flashing content, images of text or transactions), with the reason;
- decided by the automated checks of ``generator.model.audit.CHECKS`` (○ when every tested page passed them);
- not decidable by automated tools: a person has to judge it, with the reason. The page marks these as such
  and never shows ○ for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["A", "AA"]


@dataclass(frozen=True)
class Criterion:
    number: str
    name: str
    level: Level
    checks: tuple[str, ...] = ()
    """The automated checks (``CHECKS`` keys) that decide it; empty when a person must."""
    not_applicable: str | None = None
    """Why the site has no content this criterion applies to (``None``: it applies)."""
    manual: str | None = None
    """Why automated tools cannot decide it (when ``checks`` is empty and it applies)."""


_NO_MEDIA = "音声や 動画は ありません。"
_AXE = ("axe_light", "axe_dark")

CRITERIA: tuple[Criterion, ...] = (
    Criterion("1.1.1", "非テキストコンテンツ", "A", manual="画像の 代わりの 文章が 内容に 合って いるかは、人が 読んで 決めます。"),
    Criterion("1.2.1", "音声のみ及び映像のみ（収録済み）", "A", not_applicable=_NO_MEDIA),
    Criterion("1.2.2", "キャプション（収録済み）", "A", not_applicable=_NO_MEDIA),
    Criterion("1.2.3", "音声解説、又はメディアに対する代替（収録済み）", "A", not_applicable=_NO_MEDIA),
    Criterion("1.3.1", "情報及び関係性", "A", manual="見出しや 一覧の 作りは 調べられますが、内容に 合って いるかは 人が 決めます。"),
    Criterion("1.3.2", "意味のある順序", "A", manual="読み上げの 順番が 意味の とおりかは、人が 聞いて 決めます。"),
    Criterion("1.3.3", "感覚的な特徴", "A", manual="「右の ボタン」の ような 書き方が ないかは、人が 読んで 決めます。"),
    Criterion("1.4.1", "色の使用", "A", manual="色だけで 意味を 伝えて いないかは、人が 見て 決めます。"),
    Criterion("1.4.2", "音声の制御", "A", not_applicable="音が 自動で 鳴る ものは ありません。"),
    Criterion("2.1.1", "キーボード", "A", manual="Tab キーでの 移動は 試験しましたが、すべての 操作が できるかは 人が 決めます。"),
    Criterion("2.1.2", "キーボードトラップなし", "A", manual="Tab キーで 本文へ 移動できる ことは 試験しましたが、どこかで 抜けられなく ならないかは 人が 決めます。"),
    Criterion("2.2.1", "タイミング調整可能", "A", not_applicable="時間の 制限が ある ものは ありません。"),
    Criterion("2.2.2", "一時停止、停止及び非表示", "A", not_applicable="動く もの、点滅する もの、自動で 変わる ものは ありません。"),
    Criterion("2.3.1", "3回のせん（閃）光、又はしきい（閾）値以下", "A", not_applicable="光る もの、点滅する ものは ありません。"),
    Criterion("2.4.1", "ブロックスキップ", "A", checks=("keyboard", *_AXE)),
    Criterion("2.4.2", "ページタイトル", "A", manual="どの ページにも 題名が ある ことは 試験しましたが、内容を 表して いるかは 人が 決めます。"),
    Criterion("2.4.3", "フォーカス順序", "A", manual="Tab キーで 進む 順番が 意味の とおりかは、人が 決めます。"),
    Criterion("2.4.4", "リンクの目的（コンテキスト内）", "A", manual="リンクの 文字で 行き先が わかるかは、人が 読んで 決めます。"),
    Criterion("3.1.1", "ページの言語", "A", checks=_AXE),
    Criterion("3.2.1", "フォーカス時", "A", manual="フォーカスが 移った だけで 画面が 変わらないかは、人が 操作して 決めます。"),
    Criterion("3.2.2", "入力時", "A", manual="入力した だけで 画面が 変わらないかは、人が 操作して 決めます。"),
    Criterion("3.3.1", "エラーの特定", "A", manual="入力の まちがいが 文章で 伝わるかは、人が 操作して 決めます。"),
    Criterion("3.3.2", "ラベル又は説明", "A", manual="入力欄の 説明が わかりやすいかは、人が 決めます。"),
    Criterion("4.1.1", "構文解析", "A", checks=("html",)),
    Criterion("4.1.2", "名前（name）、役割（role）及び値（value）", "A", checks=_AXE),
    Criterion("1.2.4", "キャプション（ライブ）", "AA", not_applicable=_NO_MEDIA),
    Criterion("1.2.5", "音声解説（収録済み）", "AA", not_applicable=_NO_MEDIA),
    Criterion("1.4.3", "コントラスト（最低限レベル）", "AA", checks=_AXE),
    Criterion("1.4.4", "テキストのサイズ変更", "AA", checks=("text_200",)),
    Criterion("1.4.5", "文字画像", "AA", not_applicable="文字を 画像に した ものは ありません（QR コードは 文字の 画像では ありません）。"),
    Criterion("2.4.5", "複数の手段", "AA", manual="ページを 見つける 道（メニュー、さがす、くらしの できごと）が あるかは、人が たしかめます。"),
    Criterion("2.4.6", "見出し及びラベル", "AA", manual="見出しが 内容を 表して いるかは、人が 読んで 決めます。"),
    Criterion("2.4.7", "フォーカスの可視化", "AA", checks=("keyboard",)),
    Criterion("3.1.2", "一部分の言語", "AA", manual="日本語 以外の ことばに 言語の 指定が 要るかは、人が 決めます。"),
    Criterion("3.2.3", "一貫したナビゲーション", "AA", manual="どの ページも 同じ 作りで 作って いますが、人が 見て 確かめます。"),
    Criterion("3.2.4", "一貫した識別性", "AA", manual="同じ 働きの ものが 同じ 名前かは、人が 見て 決めます。"),
    Criterion("3.3.3", "エラー修正の提案", "AA", manual="まちがいの 直し方が 伝わるかは、人が 操作して 決めます。"),
    Criterion("3.3.4", "エラー回避（法的、金融及びデータ）", "AA", not_applicable="この サイトから 申し込みや 支払いは しません（申請は マイナポータルで します）。"),
)
"""Level A (25) then level AA (13), each in the standard's order."""

MANUAL = tuple(criterion for criterion in CRITERIA if criterion.manual)
"""The applicable criteria that automated tools cannot decide."""
