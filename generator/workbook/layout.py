"""The shape of the settings workbook: its sheets, their columns, and the words staff choose from.

One definition serves both directions (writing the workbook and reading it back), so a column can never be
written in one place and read from another.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """How a cell is read and checked."""

    TEXT = "text"
    CODE = "code"
    """A key or an id: no spaces at all."""
    PHONE = "phone"
    URL = "url"
    DATE = "date"
    CHOICE = "choice"
    FIXED = "fixed"
    """Written for reading only (a procedure's name, a question): staff do not change it; it is not read back."""


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: Kind = Kind.TEXT
    required: bool = False
    width: int = 24
    choices: tuple[str, ...] = ()


ONLINE = {"yes": "できる", "no": "できない", "unknown": "まだ わからない"}
"""``online`` values and the words in the drop-down list."""
SAMPLE = {True: "はい", False: "いいえ"}
NOTICE_KINDS = {"paused": "一時停止", "counter_only": "窓口だけ", "info": "そのほか"}
ALL_PROCEDURES = "すべて"
"""In the notices sheet: a notice for every procedure (``notices`` at the top of the settings)."""

HELP = "説明"
TOWN = "自治体"
DEPARTMENTS = "問い合わせ先"
PROCEDURES = "手続き"
ANSWERS = "質問への 答え"
NOTICES = "お知らせ"
SOURCES = "出典"
SHEETS = (HELP, TOWN, DEPARTMENTS, PROCEDURES, ANSWERS, NOTICES, SOURCES)

TOWN_ROWS: tuple[Column, ...] = (
    Column("自治体の 名前", "name", required=True),
    Column("名前の よみ（ひらがな。ふりがなに 使います）", "name_kana"),
    Column("都道府県", "prefecture", required=True),
    Column("サイトの 名前（なければ「〇〇町 手続きガイド」）", "site_name"),
    Column("公開先の URL（https://…）", "base_url", Kind.URL),
    Column("見本の サイトか", "sample", Kind.CHOICE, required=True, choices=tuple(SAMPLE.values())),
    Column("見本で ある ことの 説明（見本なら 必須）", "sample_note"),
    Column("オープンデータの ライセンス（なければ CC BY 4.0）", "licence"),
    Column("ふだんの 問い合わせ先（問い合わせ先の キー）", "default_department", Kind.CODE, required=True),
    Column("設定を 確かめた 日", "reviewed", Kind.DATE, required=True),
)
"""The 自治体 sheet has one row per setting: 項目 (A), 値 (B), 説明 (C)."""
TOWN_HEADERS = ("項目", "値", "書き方")

DEPARTMENT_COLUMNS: tuple[Column, ...] = (
    Column("キー（英数字）", "key", Kind.CODE, required=True, width=16),
    Column("名前", "name", required=True, width=28),
    Column("電話番号（0178-88-2111 の 形）", "phone", Kind.PHONE, width=20),
    Column("電話番号の 補足", "phone_note", width=36),
    Column("受付時間", "hours", width=36),
    Column("住所", "address", width=40),
    Column("メールアドレス", "email", Kind.CODE, width=30),
    Column("問い合わせフォームの URL（https://…）", "form_url", Kind.URL, width=40),
    Column("名前の よみ（ひらがな。ふりがなに 使います）", "name_kana", width=28),
)

PROCEDURE_COLUMNS: tuple[Column, ...] = (
    Column("ID", "id", Kind.FIXED, width=8),
    Column("手続き（変えないで ください）", "title", Kind.FIXED, width=36),
    Column("問い合わせ先（キー）", "department", Kind.CODE, width=18),
    Column("オンライン申請", "online", Kind.CHOICE, required=True, width=18, choices=tuple(ONLINE.values())),
    Column("ぴったりサービスの URL", "mynaportal_url", Kind.URL, width=40),
    Column("この 自治体だけの 注意", "note", width=40),
)

ANSWER_COLUMNS: tuple[Column, ...] = (
    Column("ID", "id", Kind.FIXED, width=8),
    Column("手続き（変えないで ください）", "title", Kind.FIXED, width=30),
    Column("質問の キー（変えないで ください）", "key", Kind.FIXED, width=18),
    Column("窓口で たずねる こと", "question", Kind.FIXED, width=44),
    Column("自治体の 答え", "text", width=44),
    Column("答えを 確かめた 日", "checked", Kind.DATE, width=16),
)

NOTICE_COLUMNS: tuple[Column, ...] = (
    Column(f"手続き（ID か「{ALL_PROCEDURES}」）", "procedure", Kind.CODE, required=True, width=18),
    Column("種類", "kind", Kind.CHOICE, required=True, width=14, choices=tuple(NOTICE_KINDS.values())),
    Column("お知らせの 文（「そのほか」では 必須）", "text", width=44),
    Column("出す 日", "since", Kind.DATE, required=True, width=14),
    Column("最後の 日（なければ 消すまで）", "until", Kind.DATE, width=16),
)

SOURCE_COLUMNS: tuple[Column, ...] = (
    Column("出典の 名前", "title", required=True, width=60),
    Column("URL（あれば）", "url", Kind.URL, width=50),
)

TABLES: dict[str, tuple[Column, ...]] = {
    DEPARTMENTS: DEPARTMENT_COLUMNS,
    PROCEDURES: PROCEDURE_COLUMNS,
    ANSWERS: ANSWER_COLUMNS,
    NOTICES: NOTICE_COLUMNS,
    SOURCES: SOURCE_COLUMNS,
}
"""Sheets with a header row and one row per item."""

EMPTY_ROWS = {DEPARTMENTS: 10, NOTICES: 20, SOURCES: 5}
"""Extra empty rows (with their drop-down lists) where staff may add items."""

HELP_TEXT = (
    "この ファイルは {name}の 手続きガイドの 設定です。",
    "白い セルに 書きこんで ください。灰色の セルは 説明です。変えないで ください。",
    "",
    "シートの 使い方",
    "自治体: 名前、公開先、見本か どうか、設定を 確かめた 日。",
    "問い合わせ先: 担当の 課ごとに 1行。キーは 英字で（例: kodomo）。手続きの シートで この キーを えらびます。",
    "手続き: 1手続き 1行。問い合わせ先（空なら ふだんの 問い合わせ先）、オンライン申請が できるか、ぴったりサービスの URL。",
    "質問への 答え: ページで「窓口に おたずねください」と して いる 質問です。自治体の 答えと、確かめた 日を 書くと、ページと チラシに 自治体の 情報と して 出ます。",
    "お知らせ: 「マイナポータル 一時停止（〇日まで）」や「この 町では 窓口だけ」などの お知らせ。出す 日と 最後の 日を 書きます。",
    "出典: 設定の 値を どこで 確かめたか（資料の 名前、URL）。",
    "",
    "書き方の 決まり",
    "電話番号は 市外局番から ハイフンで 区切ります（例: 0178-88-2111）。",
    "日付は 2026-11-29 の 形か、Excel の 日付で 書きます（令和8年11月29日 や R8.11.29 も 読めます）。",
    "▼ の ある セルは 一覧から えらびます。",
    "全角の 空白（　）は 使えません。ことばの 間は 半角の 空白に して ください。",
    "",
    "書きおわったら: tetsuzuki workbook read <この ファイル> で 読みこみます。",
    "まちがいが あると「シート 手続き, 5行目, D列: …」の 形で すべて 表示し、設定ファイルは 変えません。",
)


SETTINGS_MARK = "設定ファイル: "
"""The 説明 sheet's last line names the settings file the workbook was made from (a read into another is refused)."""


def column_letter(index: int) -> str:
    """``0`` → ``A``, ``25`` → ``Z``, ``26`` → ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
