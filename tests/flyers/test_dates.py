"""The printed 作成日 comes from SOURCE_DATE_EPOCH when it is set, else from the input's newest reviewed date.

Never from the clock: the same input must give byte-identical output on any day (issue #6).
"""

from __future__ import annotations

import datetime

import pytest

from generator.errors import BadEnvironment, BuildError
from generator.dates import build_date
from generator.environment import build_options

INPUT_DATE = datetime.date(2026, 11, 1)


def _printed_date(environ: dict[str, str]) -> datetime.date:
    """The date a build prints: the environment read at the edge, the value passed on (``BuildOptions``)."""
    return build_date(INPUT_DATE, build_options(environ).source_date)


def test_source_date_epoch_sets_the_printed_date() -> None:
    assert _printed_date({"SOURCE_DATE_EPOCH": "1790000000"}) == datetime.date(2026, 9, 21)


def test_without_it_the_date_is_the_inputs_own_date() -> None:
    assert _printed_date({}) == INPUT_DATE
    assert _printed_date({"SOURCE_DATE_EPOCH": " "}) == INPUT_DATE


def test_a_bad_value_is_a_clear_build_error() -> None:
    with pytest.raises(BuildError, match="SOURCE_DATE_EPOCH"):
        _printed_date({"SOURCE_DATE_EPOCH": "yesterday"})


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
def test_a_value_that_is_not_plain_digits_of_a_sensible_date_is_refused_naming_the_variable(value: str) -> None:
    with pytest.raises(BadEnvironment) as raised:
        _printed_date({"SOURCE_DATE_EPOCH": value})
    assert str(raised.value).startswith("環境変数 SOURCE_DATE_EPOCH の 値が 使えません")
    assert "設定ファイルの 問題では ありません" in str(raised.value)
