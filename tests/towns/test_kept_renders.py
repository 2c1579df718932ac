"""A print page or review sheet is kept between builds by every value its template is given
(generator/cache/renders.py): two renders share a result only when their template, address, string table and
every value — with its type — are the same; a value the key cannot state is rendered each time."""

from __future__ import annotations

import dataclasses
import datetime
import enum

import pytest
from markupsafe import Markup

from generator.cache.renders import Renders, Unkeyable, value_digest
from generator.kept import kept_in
from generator.loading.strings import StringTable, string_table
from generator.model.hours import WeeklyHours
from tests.towns.test_kept_between_builds import Store


class Colour(enum.Enum):
    RED = "red"


@dataclasses.dataclass(frozen=True)
class Card:
    title: str
    lines: list[str]


@dataclasses.dataclass(frozen=True)
class Plate:
    title: str
    lines: list[str]


@dataclasses.dataclass
class Loose:
    title: str


WEEK = dict(mon="8:30-17:15", tue="8:30-17:15", closed=["年末年始（12月29日〜1月3日）"])


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("1", 1),
        (1, True),
        (1, 1.0),
        (1, Markup("1")),
        ("a<b", Markup("a<b")),  # a template escapes one and not the other
        ("red", Colour.RED),
        ([1, 2], (1, 2)),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}),  # a template may loop over a mapping: order is content
        (["ab"], ["a", "b"]),
        (["a", "b"], ["a", "bc"]),
        (datetime.date(2026, 12, 7), datetime.date(2026, 12, 8)),
        (datetime.date(2026, 12, 7), "2026-12-07"),
        (b"\x00", b"\x01"),
        (Card("a", ["x"]), Card("a", ["y"])),
        (Card("a", []), {"title": "a", "lines": []}),
        (Card("a", []), Plate("a", [])),  # another template branch may test the type
        (WeeklyHours(**WEEK), WeeklyHours(**{**WEEK, "tue": "9:00-17:00"})),
        # A text variant of the settings keeps the base file's closed dates in a private attribute
        # (WeeklyHours.with_closed_days): the page's script shows them, so they are part of the key.
        (WeeklyHours(**WEEK), WeeklyHours(**WEEK).with_closed_days(["0101"])),
    ],
)
def test_values_that_a_template_could_tell_apart_have_different_keys(one: object, other: object) -> None:
    assert value_digest(one) != value_digest(other)
    assert value_digest(one) == value_digest(one)


def test_equal_values_made_apart_have_the_same_key() -> None:
    assert value_digest({"card": Card("a", ["x"]), "week": WeeklyHours(**WEEK)}) == value_digest(
        {"card": Card("a", ["x"]), "week": WeeklyHours(**WEEK)}
    )


@pytest.mark.parametrize("value", [lambda: 1, dataclasses, {1, 2}, Loose("a"), object(), [print]])
def test_a_value_the_key_cannot_state_is_refused(value: object) -> None:
    # (a function or module could read anything; a set's order is the process's; an unfrozen object may change)
    with pytest.raises(Unkeyable):
        value_digest({"value": value})


def _table(entry: str) -> StringTable:
    base = string_table()
    return StringTable(base.name, {**base.entries, "frame.find": entry}, base.places)


def test_a_render_is_kept_by_template_address_table_and_values() -> None:
    store = Store()
    renders = Renders("test", string_table())
    made: list[str] = []

    def render(template: str, url: str, table: StringTable | None = None, **data: object) -> str:
        keeper = renders if table is None else Renders("test", table)

        def make() -> str:
            made.append(template)
            return f"{template} {url} {sorted(data)}"

        return keeper.rendered(template, url, data, make)

    with kept_in(store):
        first = render("a.html", "x/", card=Card("a", ["x"]))
        assert render("a.html", "x/", card=Card("a", ["x"])) == first  # an equal value made anew
        assert len(made) == 1
        render("b.html", "x/", card=Card("a", ["x"]))
        render("a.html", "y/", card=Card("a", ["x"]))
        render("a.html", "x/", card=Card("a", ["x", "z"]))
        render("a.html", "x/", table=_table("さがす！"), card=Card("a", ["x"]))  # a project's own table, edited
        assert len(made) == 5
        render("a.html", "x/", table=_table(string_table().entries["frame.find"]), card=Card("a", ["x"]))
        assert len(made) == 5  # the same table's entries: the same key
        render("a.html", "x/", card=Card("a", ["x"]), step=lambda: 1)
        render("a.html", "x/", card=Card("a", ["x"]), step=lambda: 1)
        assert len(made) == 7  # unkeyable: rendered every time, never kept
    assert store.computed == 5


def test_outside_a_build_every_page_is_rendered() -> None:
    renders = Renders("test", string_table())
    for _ in range(2):
        renders.rendered("a.html", "x/", {"card": Card("a", [])}, lambda: "page")
    assert renders.counts.made == 2


def test_strings_in_lists_and_mappings_are_keyed_as_every_other_string_is() -> None:
    # (renders._Digests._feed writes a list's or a mapping's strings without a call each: the same bytes, so kept
    # renders keep their keys, and a string stays apart from a number or a Markup of the same text)
    import hashlib

    from markupsafe import Markup

    def string(text: str) -> bytes:
        data = text.encode("utf-8", "surrogatepass")
        return b"s%d:" % len(data) + data

    value = {"名前": ["あ", "b\ud800", 1], 2: ("c", Markup("d"))}
    expected = (b"D2:" + string("名前") + b"l3:" + string("あ") + string("b\ud800") + b"i1:1"
                + b"i1:2" + b"u2:" + string("c") + b"m1:d")
    assert value_digest(value) == hashlib.sha256(expected).digest()
    assert value_digest(["1"]) != value_digest([1]) != value_digest([Markup("1")]) != value_digest(["1"][0])
