"""The fixed vocabularies of the catalog: categories, life events and PIN kinds.

They are code, not data, because pages, flyers and the open data all depend on them and a typo in a
settings file must not be able to invent a new category.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    """The three groups of the 27 procedures (national numbering prefix in brackets)."""

    KOSODATE = "kosodate"  # k01–k15
    KAIGO = "kaigo"  # c01–c11
    HISAI = "hisai"  # d01


@dataclass(frozen=True)
class CategoryInfo:
    label: str
    id_prefix: str
    description: str


CATEGORIES: dict[Category, CategoryInfo] = {
    Category.KOSODATE: CategoryInfo("子育て", "k", "妊娠、児童手当、保育園などの 手続きです。"),
    Category.KAIGO: CategoryInfo("介護", "c", "介護保険の 認定や、払い戻しなどの 手続きです。"),
    Category.HISAI: CategoryInfo("災害", "d", "災害で 家が 被害を うけた ときの 手続きです。"),
}


class LifeEvent(StrEnum):
    """Moments in life that residents recognise, used to group procedures on the home page."""

    BIRTH = "birth"
    CHILDCARE = "childcare"
    MOVING = "moving"
    CARE = "care"
    DISASTER = "disaster"
    DEATH = "death"


LIFE_EVENTS: dict[LifeEvent, str] = {
    LifeEvent.BIRTH: "赤ちゃんが できた・うまれた",
    LifeEvent.CHILDCARE: "保育園・幼稚園を つかいたい",
    LifeEvent.MOVING: "引っ越して きた・引っ越す",
    LifeEvent.CARE: "家族の 介護が 必要に なった",
    LifeEvent.DISASTER: "災害で 家が 被害を うけた",
    LifeEvent.DEATH: "家族が 亡くなった",
}


class PinKind(StrEnum):
    """The My Number Card PINs a procedure can ask for."""

    SIGNATURE = "signature"
    LOGIN = "login"
    CARD_INFO = "card_info"


@dataclass(frozen=True)
class PinInfo:
    """One PIN, under the one everyday name used on every page, flyer and help page."""

    name: str
    """The everyday name (「ログイン用の 暗証番号」): the only name residents see, except once beside ``official``."""
    official: str
    """The name in official documents and on the card's envelope, shown once where the PIN is first explained."""
    form: str
    lock: str

    @property
    def name_with_official(self) -> str:
        """The everyday name with the official one in brackets, for the first mention on a page."""
        return f"{self.name}（正式には {self.official}）"


# Lengths and lock counts: J-LIS JPKI FAQ and municipal pages cited in shared/reference/procedures.md §1.4
# (signature PIN: upper-case letters and digits mixed — あま市, 福島市, Digital Agency support).
PINS: dict[PinKind, PinInfo] = {
    PinKind.SIGNATURE: PinInfo(
        "署名用の 暗証番号",
        "署名用電子証明書の 暗証番号",
        "英字（大文字）と 数字を まぜた 6〜16文字",
        "5回 続けて まちがえると ロックされます",
    ),
    PinKind.LOGIN: PinInfo(
        "ログイン用の 暗証番号",
        "利用者証明用電子証明書の 暗証番号",
        "数字 4けた",
        "3回 続けて まちがえると ロックされます",
    ),
    PinKind.CARD_INFO: PinInfo(
        "券面事項入力補助用の 暗証番号",
        "券面事項入力補助用の 暗証番号",
        "数字 4けた",
        "3回 続けて まちがえると ロックされます",
    ),
}
