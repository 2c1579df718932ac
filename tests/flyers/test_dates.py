"""The printed 作成日 comes from SOURCE_DATE_EPOCH when it is set, else from the input's newest reviewed date.

Never from the clock: the same input must give byte-identical output on any day (issue #6).
"""

from __future__ import annotations

import datetime

import pytest

from generator.errors import BuildError
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
