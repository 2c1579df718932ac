"""What a flyer says is this town's truth: its online status, the fixed deadline, the most important
「大事な こと」, and (for a town that does not take the procedure online) the counter and phone first."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from generator.site import urls
from tests.flyers.conftest import Built


def _flyer(built: Built, procedure_id: str) -> BeautifulSoup:
    return BeautifulSoup(built.page(urls.flyer_url(procedure_id)).html, "html.parser")


def _text(node) -> str:  # noqa: ANN001
    return re.sub(r"\s+", "", node.get_text())


def _position(soup: BeautifulSoup, fragment: str) -> int:
    return _text(soup).index(re.sub(r"\s+", "", fragment))


def test_online_town_says_it_is_done_on_the_phone_and_keeps_the_counter_last(fixture_flyers: Built) -> None:
    flyer = _flyer(fixture_flyers, "k01")  # テスト町: online: yes
    assert "スマートフォンでできる手続き" in _text(flyer.select_one(".f-kicker"))
    assert not flyer.select(".f-status")
    assert flyer.select(".f-steps li")
    assert _position(flyer, "0123-45-0001") > _position(flyer, "手順1／")


def test_town_without_online_leads_with_the_counter_and_phone_and_prints_no_phone_steps(fixture_flyers: Built) -> None:
    flyer = _flyer(fixture_flyers, "d01")  # テスト町: online: no
    assert "窓口でする手続き" in _text(flyer.select_one(".f-kicker"))
    status = _text(flyer.select_one(".f-status"))
    assert "スマートフォンでは受け付けていません" in status and "0123-45-6789" in status
    assert not flyer.select(".f-steps"), "no smartphone steps for a procedure the town does not take online"
    assert "暗証番号" not in _text(flyer.select_one("#prepare").parent)
    procedure = fixture_flyers.catalog.get("d01")
    for way in procedure.other_ways:
        assert re.sub(r"\s+", "", way.text) in _text(flyer)


def test_status_unknown_says_so_first_and_puts_the_phone_above_everything_else(example_flyers: Built) -> None:
    phone = example_flyers.catalog.municipality.department_for("k01").phone
    for procedure in example_flyers.catalog.procedures:  # 階上町: online unknown for all 27
        flyer = _flyer(example_flyers, procedure.id)
        kicker = _text(flyer.select_one(".f-kicker"))
        assert "スマートフォンでする" not in kicker and "スマートフォンでできる" not in kicker
        status = _text(flyer.select_one(".f-status"))
        assert "まだたしかめていません" in status and phone in status
        assert _position(flyer, phone) < _position(flyer, "用意するもの") < _position(flyer, "手順1／")


def test_fixed_deadlines_are_printed_and_no_other_kind_is(example_flyers: Built) -> None:
    fixed = [p for p in example_flyers.catalog.procedures if p.deadline.kind == "fixed"]
    assert {p.id for p in fixed} >= {"k01", "c11"}
    for procedure in example_flyers.catalog.procedures:
        deadline = _flyer(example_flyers, procedure.id).select_one(".f-deadline")
        if procedure.deadline.kind == "fixed":
            first = procedure.deadline.text.split("。")[0]
            assert deadline is not None and re.sub(r"\s+", "", first) in _text(deadline), procedure.id
        else:
            assert deadline is None, procedure.id
    assert "15日以内" in _text(_flyer(example_flyers, "k01").select_one(".f-deadline"))


def test_the_first_important_point_survives_onto_the_flyer(example_flyers: Built) -> None:
    for procedure in example_flyers.catalog.procedures:
        if procedure.important:
            box = _flyer(example_flyers, procedure.id).select_one(".f-important")
            assert re.sub(r"\s+", "", procedure.important[0]) in _text(box), procedure.id
    assert "片付けや修理をする前に" in _text(_flyer(example_flyers, "d01").select_one(".f-important"))


def test_pins_use_the_one_everyday_name_with_the_official_one_beside_it(example_flyers: Built) -> None:
    from generator.model import PinKind
    from generator.vocabulary_words import vocabulary

    text = _text(_flyer(example_flyers, "k01").select_one(".f-check"))
    for kind in (PinKind.SIGNATURE, PinKind.LOGIN):
        pin = vocabulary().pins[kind]
        assert re.sub(r"\s+", "", f"{pin.name}（{pin.form}）") in text
        assert re.sub(r"\s+", "", f"正式には {pin.official}") in text
    assert "何度もためさずに窓口へ" in _text(_flyer(example_flyers, "k01"))


def test_every_flyer_says_what_to_do_when_the_code_does_not_scan(built: Built) -> None:
    for procedure in built.catalog.procedures:
        box = _flyer(built, procedure.id).select_one(".f-noscan")
        assert "QRコードが読めないとき" in _text(box)
        assert built.short_url(procedure.id) in _text(box)
        assert re.sub(r"\s+", "", procedure.official_name) in _text(box)


def test_printed_addresses_break_only_after_a_slash() -> None:
    from generator.flyers.pages import url_breaks

    html = str(url_breaks("https://hashikami.example/tetsuzuki/p/k01/"))
    assert html.replace("<wbr>", "") == "https://hashikami.example/tetsuzuki/p/k01/"
    pieces = html.split("<wbr>")
    assert pieces[0] == "https://hashikami.example/" and all(piece.endswith("/") or not piece for piece in pieces)
    long_host = str(url_breaks("https://www.town.example-long-name.aomori.jp/p/k01/"))
    assert "<wbr>.aomori" in long_host and "https:/<wbr>" not in long_host
