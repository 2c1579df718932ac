"""Class topics: how staff group the procedures when they plan a smartphone class (「明日は 児童手当の 教室」).

A category is too coarse for a class (子育て mixes 児童手当, 保育園 and 妊娠), so the staff page, the QR card
sheets and the print bundles use these topics. They are code, like the categories: a topic lists procedure
ids; a procedure of the catalog that no topic names lands in 「そのほかの 手続き」, so nothing is ever lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.loading.strings import StringTable, string_table
from generator.model import Catalog, Procedure


@dataclass(frozen=True)
class Topic:
    key: str
    """Stable ASCII name: part of the addresses ``chirashi/pdf/bundle-<key>.pdf`` and ``chirashi/cards-<key>/``;
    its name for people is in the string table (``labels``)."""
    ids: tuple[str, ...]
    core: tuple[str, ...] = ()
    """What a class on the topic is about: printed for every participant unless staff untick it (at least the
    first procedure). A 児童手当 class teaches 「はじめて もらう」 (k01); 寄附 or 給食費 are rare questions."""
    common: tuple[str, ...] = ()
    """Often asked about in such a class too: the second prebuilt choice adds them."""


TOPICS: tuple[Topic, ...] = (
    Topic("jidou-teate", ("k01", "k02", "k03", "k04", "k05", "k10", "k06", "k07", "k08", "k09"),
          core=("k01",), common=("k02", "k10")),
    Topic("hoiku", ("k11", "k12", "k13"), core=("k11", "k12"), common=("k13",)),
    Topic("ninshin", ("k15",), core=("k15",)),
    Topic("jidou-fuyou", ("k14",), core=("k14",)),
    Topic("kaigo-nintei", ("c01", "c02", "c03", "c11"), core=("c01",), common=("c02", "c03")),
    Topic("kaigo-shou", ("c04", "c05", "c06"), core=("c04",), common=("c06",)),
    Topic("kaigo-okane", ("c07", "c08", "c09", "c10"), core=("c07",), common=("c09", "c10")),
    Topic("saigai", ("d01",), core=("d01",)),
)

OTHER = Topic("sonota", ())


def labels(words: StringTable) -> dict[str, str]:
    """Each topic's name, by key, from the edition's string table (area ``topic``)."""
    return {
        "jidou-teate": words.plain("topic.jidou_teate"),
        "hoiku": words.plain("topic.hoiku"),
        "ninshin": words.plain("topic.ninshin"),
        "jidou-fuyou": words.plain("topic.jidou_fuyou"),
        "kaigo-nintei": words.plain("topic.kaigo_nintei"),
        "kaigo-shou": words.plain("topic.kaigo_shou"),
        "kaigo-okane": words.plain("topic.kaigo_okane"),
        "saigai": words.plain("topic.saigai"),
        "sonota": words.plain("topic.sonota"),
    }


@dataclass(frozen=True)
class TopicGroup:
    topic: Topic
    procedures: list[Procedure]
    label: str
    """The topic's name (``labels``)."""

    @property
    def key(self) -> str:
        return self.topic.key

    @property
    def core(self) -> list[Procedure]:
        """The procedures every participant gets (the topic's ``core``, else its first procedure)."""
        return [p for p in self.procedures if p.id in self.topic.core] or self.procedures[:1]

    @property
    def common(self) -> list[Procedure]:
        core = {p.id for p in self.core}
        return [p for p in self.procedures if p.id in self.topic.common and p.id not in core]


def topic_groups(catalog: Catalog) -> list[TopicGroup]:
    """The topics that have procedures in this catalog, in class order; then the rest, if any."""
    present = {procedure.id: procedure for procedure in catalog.procedures}
    names = labels(string_table(catalog.strings))
    groups = []
    for topic in TOPICS:
        # Core first, then the common ones, then the rest in the topic's order.
        ordered = sorted(topic.ids, key=lambda pid: (pid not in topic.core, pid not in topic.common))
        members = [present[pid] for pid in ordered if pid in present]
        if members:
            groups.append(TopicGroup(topic, members, names[topic.key]))
    named = {pid for topic in TOPICS for pid in topic.ids}
    rest = [procedure for procedure in catalog.procedures if procedure.id not in named]
    if rest:
        groups.append(TopicGroup(OTHER, rest, names[OTHER.key]))
    return groups
