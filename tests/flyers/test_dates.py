"""The printed 作成日 comes from SOURCE_DATE_EPOCH when it is set, else from the input's newest reviewed date.

Never from the clock: the same input must give byte-identical output on any day (issue #6).
"""

from __future__ import annotations

import datetime

import pytest

from generator.errors import BadEnvironment, BuildError
from generator.dates import build_date

INPUT_DATE = datetime.date(2026, 11, 1)


def test_source_date_epoch_sets_the_printed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    assert build_date(INPUT_DATE) == datetime.date(2026, 9, 21)


def test_without_it_the_date_is_the_inputs_own_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_date(INPUT_DATE) == INPUT_DATE


def test_a_bad_value_is_a_clear_build_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(BuildError, match="SOURCE_DATE_EPOCH"):
        build_date(INPUT_DATE)


@pytest.mark.parametrize(
    "value",
    [
        "-86400",  # 1969: Python's int() took it (P12 of the December review)
        "４００００００００",  # full-width digits: int() took them too
        "1_790_000_000",
        "+1790000000",
        "1e9",
        "abc",
        "0",  # 1970
        "99999999999999",
        "253402300800",  # the year 10000
        "1" + "0" * 5000,  # longer than int() converts
    ],
)
def test_a_value_that_is_not_plain_digits_of_a_sensible_date_is_refused_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(BadEnvironment) as raised:
        build_date(INPUT_DATE)
    assert str(raised.value).startswith("環境変数 SOURCE_DATE_EPOCH の 値が 使えません")
    assert "設定ファイルの 問題では ありません" in str(raised.value)
