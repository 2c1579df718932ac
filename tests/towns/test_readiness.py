"""Ready to publish: check says per town what is still unknown, and a town cannot leave sample mode while a
value residents need (online status, department, phone, hours) is missing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.errors import InputError
from generator.loading import load_catalog
from generator.model import Municipality
from generator.workbook import settings_yaml
from generator.workbook.yaml_out import header_of
from tests.towns.conftest import MUNICIPALITIES, PROCEDURES, ROOT


def _publish(path: Path, edit=lambda data: None) -> None:
    """Turn the copy at ``path`` into a published town (sample: false), after ``edit``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["sample"] = False
    data.pop("sample_note", None)
    edit(data)
    path.write_text(settings_yaml(Municipality.model_validate(data), header_of(path.read_text(encoding="utf-8"))), encoding="utf-8")


def test_publishing_refuses_each_missing_value_by_name_and_line(town_copy: Path) -> None:
    _publish(town_copy)
    with pytest.raises(InputError) as raised:
        load_catalog(PROCEDURES, town_copy)
    problems = raised.value.problems
    online = [p for p in problems if p.field.endswith(".online")]
    assert len(online) == 27
    lines = town_copy.read_text(encoding="utf-8").splitlines()
    for problem in online:
        procedure_id = problem.field.split(".")[1]
        assert lines[problem.line - 1].strip() == "online: unknown"
        assert f"手続き {procedure_id} を オンラインで 申請 できるか（online: yes か no）が 必要です" in problem.message
    [hours] = [p for p in problems if p.field == "departments.daihyo"]
    assert "問い合わせ先「daihyo」の 受付時間（hours）が 必要です" in hours.message
    assert len(problems) == 28


def test_a_town_missing_procedure_settings_and_a_phone_is_told_which(tmp_path: Path) -> None:
    town = tmp_path / "koge.yml"
    town.write_text((MUNICIPALITIES / "koge.yml").read_text(encoding="utf-8"), encoding="utf-8")
    _publish(town)
    with pytest.raises(InputError) as raised:
        load_catalog(PROCEDURES, town)
    messages = [str(p) for p in raised.value.problems]
    [unset] = [m for m in messages if "手続きごとの 設定" in m]
    assert "k02、k03" in unset and "c02" in unset and "k01、" not in unset  # koge sets k01, c01, d01
    assert any("問い合わせ先「yakuba」の 電話番号（phone）が 必要です" in m for m in messages)


def test_a_complete_town_may_publish(town_copy: Path) -> None:
    def complete(data: dict) -> None:
        data["departments"]["daihyo"]["hours"] = "平日 8時30分から 17時15分まで"
        for index, entry in enumerate(data["procedures"].values()):
            entry["online"] = "no" if index % 2 else "yes"

    _publish(town_copy, complete)
    catalog = load_catalog(PROCEDURES, town_copy)
    assert catalog.municipality.sample is False


def test_check_reports_per_town_what_is_still_unknown(run) -> None:
    result = run(ROOT, "check")
    assert result.exit_code == 0
    report = result.stdout
    assert "公開までに 町が 書く こと" in report
    section = report[report.index("上毛町（見本）:"):]
    section = section[: section.index("（見本）:", len("上毛町（見本）:"))]
    assert "オンライン申請が できるか わからない 手続き: 27 / 27（すべて）" in section
    assert re.search(r"担当の 課が 決まって いない 手続き: 24 / 27（c02、c03、", section)
    assert "受付時間が ない 問い合わせ先: 1（yakuba）" in section
    assert "電話番号が ない 問い合わせ先: 1（yakuba）" in section
    assert re.search(r"自治体の 答えが まだ ない 質問.*: (\d+) / \1\n", section)


def test_check_warns_about_a_notice_past_its_last_day(run, town_copy: Path) -> None:
    data = yaml.safe_load(town_copy.read_text(encoding="utf-8"))
    data["procedures"]["k01"]["notices"] = [{"kind": "paused", "since": "2020-01-01", "until": "2020-01-03"}]
    town_copy.write_text(settings_yaml(Municipality.model_validate(data), header_of(town_copy.read_text(encoding="utf-8"))), encoding="utf-8")
    result = run(ROOT, "check", "--settings", str(town_copy))
    assert result.exit_code == 0
    assert re.search(r"procedures\.k01\.notices\[1\]\.until: お知らせの 最後の 日（2020-01-03）を 過ぎて います", result.stdout)
