"""The finder's everyday-word dictionary (``finder/synonyms.yml``): words residents type that the pages do
not use, such as okurigana and kanji/kana variants (引越し, 壊れた), old and everyday names (子ども手当,
老人ホーム) and common slips (暗唱番号).

``finder/synonyms.yml`` is applied at build time, to the index: a page whose words contain one of ``means`` is
also found by every word in ``words``. ``finder/everyday.yml`` (same model) is applied to the query instead: the
page script fetches it when the resident starts typing (``generator/site/finder.py``, ``query_words``) and looks
for the ``means`` of the ``words`` a query holds, so it adds nothing to the page.
"""

from __future__ import annotations

from pydantic import Field

from generator.model.common import Strict, Text


class WordGroup(Strict):
    """Words that find the same pages."""

    words: list[Text] = Field(min_length=1, description="住民が 入れる ことば（例: 引越し、引越）。")
    means: list[Text] = Field(
        default_factory=list,
        description="ページに 書いて ある ことば（例: 引っ越し）。書かない ときは words どうしが 同じ 意味です。",
    )
    note: Text | None = Field(None, description="なぜ この ことばを 足したか（レビュー用）。")

    @property
    def page_words(self) -> list[str]:
        """What a page must contain to be found by ``words``."""
        return self.means or self.words


class FinderWords(Strict):
    """The whole dictionary (``finder/synonyms.yml``)."""

    groups: list[WordGroup] = Field(default_factory=list, description="ことばの まとまり。")


class QueryWords(FinderWords):
    """``finder/everyday.yml``: the groups, and the ways of asking, which only the query side reads — a
    ``fillers`` written in ``synonyms.yml`` is refused as an unknown field, not silently ignored."""

    fillers: list[Text] = Field(
        default_factory=list,
        description="たずね方の ことば（教えて、やり方、できますか）。さがす 手がかりに しません。",
    )
