"""The words templates write themselves live in one string table per language (generator/strings/<name>.yml),
not in the templates: a new edition adds a table and text variants, never a copy of a template."""

from __future__ import annotations

import ast
import dataclasses
import datetime
import re
import shutil
from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes
from markupsafe import Markup

from generator.editions import default_editions
from generator import sentences, vocabulary_words
from generator.errors import InputError
from generator.loading import strings
from generator.loading.strings import REFERENCE, load_table, slots, string_table
from generator.model import Category, LifeEvent, PinKind
from generator.site import accessibility, criteria, review_sheet
from generator.site.pages import render_pages
from generator.templating import TEMPLATES, shared_environment

ROOT = Path(__file__).resolve().parents[2]
THEME = ROOT / "theme"

JAPANESE = re.compile("[\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
COMMENT = re.compile(r"\{#.*?#\}", re.S)
IDENTIFIER = re.compile(r'\b(?:id|for|href|aria-labelledby)="[^"]*"')
"""Anchors are identifiers, the same in every edition (printed links and help pages point at them): not words."""

NOT_YET_MOVED = {
    # Template lines that still write Japanese themselves, per file. This list only shrinks: move a file's
    # words into generator/strings/ja.yml, then lower its number here (the test says when it is too high).
}


def templates() -> list[Path]:
    return sorted([*TEMPLATES.rglob("*.html"), *THEME.glob("*.html")])


def japanese_lines(path: Path) -> list[tuple[int, str]]:
    """The lines of a template that write Japanese themselves (comments and anchors left out)."""
    text = COMMENT.sub(lambda comment: "\n" * comment.group(0).count("\n"), path.read_text(encoding="utf-8"))
    return [
        (number, line.strip())
        for number, line in enumerate(text.splitlines(), start=1)
        if JAPANESE.search(IDENTIFIER.sub("", line))
    ]


def test_templates_write_no_japanese_outside_the_string_table() -> None:
    found = {str(path.relative_to(ROOT)): japanese_lines(path) for path in templates()}
    grown = [
        f"{name}:{number}: {line}"
        for name, lines in found.items()
        if len(lines) > NOT_YET_MOVED.get(name, 0)
        for number, line in lines
    ]
    assert not grown, "Words belong in generator/strings/ja.yml, written with t(\"area.key\"):\n" + "\n".join(grown)
    counts = {name: len(found.get(name, [])) for name in NOT_YET_MOVED}
    shrunk = {name: count for name, count in counts.items() if count < NOT_YET_MOVED[name]}
    assert not shrunk, f"Fewer lines to move than NOT_YET_MOVED allows: lower it to {shrunk} (0: remove the entry)"


def test_the_check_sees_words_and_ignores_anchors_and_comments(tmp_path: Path) -> None:
    template = tmp_path / "t.html"
    template.write_text(
        '{#- 説明 -#}\n<h2 id="出典">{{ t("procedure.sources") }}</h2>\n<a href="#ほかの方法">{{ x }}</a>\n<p>大事な こと</p>\n',
        encoding="utf-8",
    )
    assert japanese_lines(template) == [(4, "<p>大事な こと</p>")]


# Every module under generator/ writes its words for residents (and open-data users) from the string table, so
# an edition in another language never meets Japanese in code. Japanese may stay only where the webmaster or the
# town's staff read it whatever the edition (the settings files, the workbook and the commands are Japanese),
# listed here by module with one reason per group, and in the few literals below that are not words.
WEBMASTER = {
    "the input files' checks: file:line errors for the editors": (
        "generator/loading/", "generator/model/characters.py", "generator/model/url_rule.py",
        "generator/model/patterns.py", "generator/collisions.py", "generator/confinement.py", "generator/errors.py",
    ),
    "the settings workbook: an input form, read back by its Japanese headers": ("generator/workbook/",),
    "the commands and the build's progress, errors and notices (a flyer that does not fit, PDFs not made)": (
        "generator/cli.py", "generator/check.py", "generator/scaffold.py", "generator/readiness.py",
        "generator/feedback_report.py", "generator/build_towns.py", "generator/export.py", "generator/cache/towns.py",
        "generator/dates.py", "generator/environment.py", "generator/output_lock.py", "generator/output_swap.py",
        "generator/mkdocs_plugin/", "generator/flyers/feature.py", "generator/flyers/fit.py", "generator/flyers/pdf.py",
        "generator/flyers/pdf_check.py", "generator/flyers/pdf_pool.py", "generator/flyers/safety.py",
    ),
    "the editors' tools for Japanese text (readings, ふりがな coverage, the reading level) and the やさしい日本語 "
    "edition's rules for reading Japanese numbers": (
        "generator/editions/ruby.py", "generator/editions/coverage.py", "generator/editions/propose.py",
        "generator/editions/reading_level.py",
    ),
}

NOT_WORDS = {
    # Japanese literals of the other modules that are not words for residents: module → (why, the literals).
    "generator/model/hours.py": (
        "input syntax: the settings' time range (8:30〜17:15), 祝日 and dates in `closed`",
        {"〜", "祝日", ")月(?P<d1>", ")日(?:[〜~\\-](?P<m2>", ")月(?P<d2>", ")日)?"},
    ),
    "generator/model/municipality.py": ("input syntax: the name's last character says the kind", {"市", "区", "町", "村"}),
    "generator/model/common.py": (
        "input syntax: a source's title carries its label (「…の 例」「参考」); an editor's error", {"の 例", "参考", "（いまは「", "」）"},
    ),
    "generator/model/guide.py": ("input check: a step's own text states its rule", {"日以内", "次の 日から"}),
    "generator/site/journey.py": ("an anchor (#ステップ2): an identifier, the same in every edition", {"ステップ"}),
    "generator/site/my_procedures.py": ("an anchor (#ステップ2): an identifier, the same in every edition", {"#ステップ"}),
    "generator/site/open_data.py": ("the full-width characters a spreadsheet reads as a formula", {"=+-@\t\r＝＋－＠"}),
    "generator/site/finder.py": (
        "patterns the finder reads out of the Japanese text: a form handed in at the counter (死亡届); a kanji, "
        "written as search_text's class so re compiles it once",
        {"[\\u3400-\\u9fff]+届", "[\\u3400-\\u9fff々]"},
    ),
    "generator/site/search_text.py": (
        "the finder's character classes", {"[\\u3400-\\u9fff々]", "[、。・,.!?「」『』()\\[\\]【】:;/\\\"'〜~…]+"},
    ),
    "generator/templating.py": ("where Japanese punctuation lets a line break", {"(?<=[。、])(?=[^\\s。、）」・])|(?<=[^\\s（「])(?=[（「])"}),
    "generator/flyers/typst_markup.py": (
        "where a printed line may break, and the brackets kept outside a phrase's box (character classes)",
        {"(?<=[。、])(?=[^。、）」』】])|(?<=[^（「『【])(?=[（「『【])", "^[（「『【〔［｛〈《]+", "[、。，．）」』】〕］｝〉》！？]+$"},
    ),
    "generator/editions/spacing.py": ("the character class of Japanese", {"\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"}),
    "generator/editions/edition.py": (
        "the webmaster's errors about the help pages' text variants",
        {" が ないので、この ページの 言いかえは 使えません。", " の 言いかえが ありません。この 版には 要ります。"},
    ),
}


def _webmaster(name: str) -> bool:
    return any(name == entry or (entry.endswith("/") and name.startswith(entry)) for entries in WEBMASTER.values() for entry in entries)


def japanese_literals(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module that hold Japanese: docstrings (comments are not literals) and the
    ``description=`` of pydantic's ``Field`` (the JSON Schema's help for editors) left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "Field":
            skipped |= {id(node) for keyword in call.keywords if keyword.arg == "description" for node in ast.walk(keyword.value)}
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and id(node) not in skipped and JAPANESE.search(node.value)
    )


def words_in_code(root: Path) -> list[str]:
    """``module:line: literal`` for every Japanese literal of a module under ``root/generator`` that is neither
    the webmaster's (``WEBMASTER``) nor listed as not words (``NOT_WORDS``)."""
    found = []
    for path in sorted((root / "generator").rglob("*.py")):
        name = path.relative_to(root).as_posix()
        if _webmaster(name):
            continue
        allowed = NOT_WORDS.get(name, ("", set()))[1]
        found += [f"{name}:{line}: {text!r}" for line, text in japanese_literals(path) if text not in allowed]
    return found


def test_no_module_writes_words_for_residents_outside_the_string_table() -> None:
    found = words_in_code(ROOT)
    assert not found, (
        "Words for residents belong in generator/strings/ja.yml, written with string_table(catalog.strings)"
        ".plain(\"area.key\") (or, if only the webmaster reads them, list the module in WEBMASTER):\n" + "\n".join(found)
    )


def test_every_exception_is_still_needed() -> None:
    """An entry of NOT_WORDS whose literal is gone, or of WEBMASTER whose module is gone, is removed."""
    modules = {path.relative_to(ROOT).as_posix() for path in (ROOT / "generator").rglob("*.py")}
    stale = [entry for entries in WEBMASTER.values() for entry in entries if not any(m == entry or m.startswith(entry) for m in modules)]
    for name, (_, allowed) in NOT_WORDS.items():
        present = {text for _, text in japanese_literals(ROOT / name)} if name in modules else set()
        stale += [f"{name}: {text!r}" for text in sorted(allowed - present)]
    assert not stale, "No longer needed: " + ", ".join(stale)


def test_the_python_check_sees_literals_and_ignores_docstrings_comments_and_field_help(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        '"""説明"""\n# 注意\ndef f(x):\n    """説明"""\n    return f"{x}の 手続き" if x else "すべて"\n'
        'name: str = Field(description="名前。")\n',
        encoding="utf-8",
    )
    assert japanese_literals(module) == [(5, "すべて"), (5, "の 手続き")]


def test_the_words_check_fails_on_a_japanese_word_in_a_resident_facing_module(tmp_path: Path) -> None:
    """A copy of generator/ with one word put back into code (plain_text.py's 「受付時間」) fails; the same
    word in a webmaster's module does not."""
    shutil.copytree(ROOT / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    assert words_in_code(tmp_path) == []
    plain_text = tmp_path / "generator" / "site" / "plain_text.py"
    text = plain_text.read_text(encoding="utf-8")
    plain_text.write_text(text.replace("words.plain('plain_text.hours')", "'受付時間'"), encoding="utf-8")
    cli = tmp_path / "generator" / "cli.py"
    cli.write_text(cli.read_text(encoding="utf-8") + '\nEXTRA = "受付時間"\n', encoding="utf-8")
    assert [line.split(": ", 1)[1] for line in words_in_code(tmp_path)] == ["'受付時間'"]


SCRIPTS = {
    # The site's scripts and the area of the table their words come from (a template writes the area into the
    # page with script_words("area"); the script fills an entry with say("key", {slot: value})). A Japanese
    # string literal in a script means words came back into the code (comments and regular expressions are fine).
    "generator/site/flow.js": "flow_script",
    "generator/site/finder.js": "finder_script",
    "generator/site/flow-start.js": None,  # its words are in the page it starts (my_procedures.*)
}


def _script(path: Path):  # noqa: ANN202 (a calmjs Program)
    from calmjs.parse import es5

    return es5(path.read_text(encoding="utf-8"))


def _script_nodes(path: Path, kind: type) -> list:
    from calmjs.parse.walkers import Walker

    return list(Walker().filter(_script(path), lambda node: isinstance(node, kind)))


def script_literals(path: Path) -> list[tuple[int, str]]:
    """The string literals of a script that hold Japanese (its comments and regular expressions left out)."""
    from calmjs.parse.asttypes import String

    return sorted((node.lineno, node.value) for node in _script_nodes(path, String) if JAPANESE.search(node.value))


def test_scripts_write_no_japanese_outside_the_string_table() -> None:
    found = [f"{name}:{line}: {text}" for name in SCRIPTS for line, text in script_literals(ROOT / name)]
    assert not found, "Words belong in generator/strings/ja.yml, written with say(\"key\"):\n" + "\n".join(found)


def test_the_script_check_sees_literals_and_ignores_comments_and_regular_expressions(tmp_path: Path) -> None:
    script = tmp_path / "s.js"
    script.write_text(
        '// 説明\nvar PUNCTUATION = /[、。「」]+/;\nfunction f(n) { return n + "件 見つかりました"; }\n', encoding="utf-8"
    )
    assert script_literals(script) == [(3, '"件 見つかりました"')]


def _script_calls(path: Path) -> list[tuple[str, frozenset[str], int]]:
    """Every ``say("key", {name: …})`` of a script (``say(test ? "a" : "b")`` gives both keys): key, slot names, line."""
    from calmjs.parse.asttypes import Conditional, FunctionCall, Object, String

    def literal(node) -> str:  # noqa: ANN001 (a calmjs String)
        return node.value[1:-1]

    found = []
    for call in _script_nodes(path, FunctionCall):
        if getattr(call.identifier, "value", None) != "say":
            continue
        first, *rest = call.args.items
        keys = [first] if isinstance(first, String) else [first.consequent, first.alternative]
        assert all(isinstance(key, String) for key in keys), f"{path}:{call.lineno}: say() needs literal keys"
        names = frozenset(
            literal(item.left) if isinstance(item.left, String) else item.left.value
            for item in (rest[0].properties if rest and isinstance(rest[0], Object) else [])
        )
        found += [(literal(key), names, call.lineno) for key in keys]
    return found


def _calls(path: Path) -> list[tuple[str, frozenset[str], int]]:
    """Every ``t("key", name=…)`` of a template: its key, the names of its values and its line."""
    tree = jinja2.Environment().parse(path.read_text(encoding="utf-8"))
    found = []
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "t":
            assert call.args and isinstance(call.args[0], nodes.Const), f"{path}:{call.lineno}: t() needs a literal key"
            found.append((call.args[0].value, frozenset(keyword.key for keyword in call.kwargs), call.lineno))
    return found


def _script_areas(path: Path) -> list[tuple[str, int]]:
    """Every ``script_words("area")`` of a template: the areas whose words it writes into the page for a script."""
    tree = jinja2.Environment().parse(path.read_text(encoding="utf-8"))
    return [
        (call.args[0].value, call.lineno) for call in tree.find_all(nodes.Call)
        if isinstance(call.node, nodes.Name) and call.node.name == "script_words"
    ]


def _python_calls(path: Path) -> list[tuple[str, frozenset[str], int, str]]:
    """Every ``<table>.plain("key", name=…)`` / ``.text("key", …)`` of a module: key, value names, line, method."""
    found = []
    for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in ("plain", "text")
            and call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)
            and re.fullmatch(r"[a-z_]+\.[a-z0-9_.]+", call.args[0].value)
        ):
            names = frozenset(keyword.arg for keyword in call.keywords if keyword.arg)
            found.append((call.args[0].value, names, call.lineno, call.func.attr))
    return found


def test_every_key_the_code_writes_is_in_the_table_with_its_slots_and_every_entry_is_used() -> None:
    table = string_table(REFERENCE)
    used: set[str] = set()
    wrong = []
    calls = [(path, key, names, line, "t") for path in templates() for key, names, line in _calls(path)]
    calls += [(path, *call) for path in sorted((ROOT / "generator").rglob("*.py")) for call in _python_calls(path)]
    calls += [
        (ROOT / name, f"{area}.{key}", names, line, "script")
        for name, area in SCRIPTS.items() if area for key, names, line in _script_calls(ROOT / name)
    ]
    written = {area for path in templates() for area, _ in _script_areas(path)}
    wrong += [f"{name}: no template writes {area} for it" for name, area in SCRIPTS.items() if area and area not in written]
    for path, key, names, line, method in calls:
        used.add(key)
        where = f"{path.relative_to(ROOT)}:{line}"
        if key not in table.entries:
            wrong.append(f"{where}: {key} is not in ja.yml")
        elif names != slots(table.entries[key]):
            wrong.append(f"{where}: {key} is given {sorted(names)}, its entry has {sorted(slots(table.entries[key]))}")
        elif method in ("plain", "script") and re.search(r"[<>&]", table.entries[key]):
            wrong.append(f"{where}: {key} holds markup; write it with t() in a template or .text()")
        elif method == "script" and re.search(r"\{\{|\}\}", table.entries[key]):
            wrong.append(f"{where}: {key}: a script fills {{slots}} only; write no {{{{ or }}}}")
    assert not wrong, "\n".join(wrong)
    # Areas whose keys the code builds, each checked by a test of its own (below; the review sheet's in
    # tests/content/test_review_sheet.py).
    built = (sentences.AREA, vocabulary_words.AREA, review_sheet.FIELD_AREA, review_sheet.KIND_AREA, criteria.AREA)
    used |= {key for key in table.entries if key.startswith(tuple(f"{area}." for area in built))}
    # The links to the editions: each edition's `link` in the declaration (generator/editions/editions.yml).
    used |= {edition.link for edition in default_editions()}
    unused = sorted(f"{table.places[key]}: {key}" for key in set(table.entries) - used)
    assert not unused, "Entries no template writes:\n" + "\n".join(unused)


def test_every_template_sentence_has_its_words_and_the_area_holds_no_others() -> None:
    """generator/sentences.py builds its keys (``template_sentence.<key>.text``), so the check above cannot see them."""
    table = string_table(REFERENCE)
    expected = {
        f"{sentences.AREA}.{sentence.key.replace('-', '_')}.{part}"
        for sentence in sentences.SENTENCES for part in ("where", "text", "condition")
    }
    area = {key for key in table.entries if key.startswith(f"{sentences.AREA}.")}
    assert area == expected, f"missing: {sorted(expected - area)}; no sentence has: {sorted(area - expected)}"
    assert not [key for key in area if slots(table.entries[key]) or re.search(r"[<>&]", table.entries[key])]
    assert sentences.SENTENCES[0].words(table).text.startswith("アプリで さがす ときは")


def test_every_key_of_the_vocabularies_has_its_words_and_the_area_holds_no_others() -> None:
    """generator/vocabulary_words.py builds its keys from the model's enums (``vocabulary.pin.login.name``)."""
    table = string_table(REFERENCE)
    area = vocabulary_words.AREA
    expected = {f"{area}.category.{c.value}.{part}" for c in Category for part in ("label", "description")}
    expected |= {f"{area}.life_event.{event.value}" for event in LifeEvent}
    expected |= {f"{area}.pin.{pin.value}.{part}" for pin in PinKind for part in ("name", "official", "form", "lock")}
    found = {key for key in table.entries if key.startswith(f"{area}.")}
    assert found == expected, f"missing: {sorted(expected - found)}; no key of the model has: {sorted(found - expected)}"
    assert not [key for key in found if slots(table.entries[key]) or re.search(r"[<>&]", table.entries[key])]
    words = vocabulary_words.vocabulary(REFERENCE)
    assert words.pins[PinKind.LOGIN].form == "数字 4けた" and words.categories[Category.KAIGO].label == "介護"


def test_every_jis_criterion_has_its_name_and_reason_and_the_area_holds_no_others() -> None:
    """generator/site/criteria.py builds its keys from the criteria's numbers (``jis_criterion.c1_4_3.name``)."""
    table = string_table(REFERENCE)
    expected = {f"{criteria.AREA}.{c.key}.name" for c in criteria.CRITERIA}
    expected |= {f"{criteria.AREA}.{c.key}.why" for c in criteria.CRITERIA if c.manual or c.not_applicable}
    found = {key for key in table.entries if key.startswith(f"{criteria.AREA}.")}
    assert found == expected, f"missing: {sorted(expected - found)}; no criterion has: {sorted(found - expected)}"
    assert not [key for key in found if slots(table.entries[key]) or re.search(r"[<>&]", table.entries[key])]
    assert accessibility.named(criteria.CRITERIA[0], table).name == "非テキストコンテンツ"


def test_every_table_has_every_key_of_the_reference_with_the_same_slots() -> None:
    names = sorted(path.stem for path in strings.TABLES.glob("*.yml"))
    assert REFERENCE in names
    for name in names:
        assert set(string_table(name).entries) == set(string_table(REFERENCE).entries)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_table_missing_or_adding_a_key_or_a_slot_is_an_error_with_file_and_line(tmp_path: Path) -> None:
    reference = load_table(_write(tmp_path, "ja", "start:\n  title: \"{town}で 申し込む には\"\n  call: 電話する\n"))
    path = _write(tmp_path, "en", "start:\n  title: Apply\n  cal: Call\n")
    with pytest.raises(InputError) as raised:
        load_table(path, reference)
    report = [str(problem) for problem in raised.value.problems]
    assert any("en.yml:1:1: start.call: " in line and "ja.yml:3" in line for line in report), report  # the area's line
    assert any("en.yml:3:3: start.cal: " in line for line in report), report
    assert any("en.yml:2:3: start.title: " in line and "{town}" in line for line in report), report


def test_a_value_that_is_not_words_is_an_error_with_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "ja", "start:\n  count: 3\n  Title: x\n  slot: \"{0}件\"\n  spec: \"{n:>3}件\"\n  ok: \"{n}件\"\n")
    with pytest.raises(InputError) as raised:
        load_table(path)
    lines = sorted(problem.line for problem in raised.value.problems)
    assert lines == [2, 3, 4, 5]


def test_an_edition_writes_the_words_of_the_table_it_names(
    example_catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001 (a Catalog fixture)
) -> None:
    # The recipe for a new language: copy ja.yml to <name>.yml, translate, name it in the edition's catalog.
    shutil.copy(strings.TABLES / "ja.yml", tmp_path / "ja.yml")
    english = (tmp_path / "ja.yml").read_text(encoding="utf-8").replace(
        'title: "{town}で 申し込む には"', 'title: "How to apply in {town}"'
    )
    _write(tmp_path, "en", english)
    monkeypatch.setattr(strings, "TABLES", tmp_path)
    try:
        pages = {page.url: page.html for page in render_pages(dataclasses.replace(example_catalog, strings="en"))}
        standard = {page.url: page.html for page in render_pages(example_catalog)}
    finally:
        shared_environment.cache_clear()
    town = example_catalog.municipality.name
    assert f"How to apply in {town}" in pages["kosodate/jidou-teate-nintei-seikyu/"]
    assert f"{town}で 申し込む には" not in pages["kosodate/jidou-teate-nintei-seikyu/"]
    assert f"{town}で 申し込む には" in standard["kosodate/jidou-teate-nintei-seikyu/"]


def test_words_built_from_data_come_from_the_table_the_edition_names(
    example_catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001 (a Catalog fixture)
) -> None:
    """The opening hours, the site's name, the plain-text copies and the accessibility statement are written by
    Python from data: a translated table reaches them with no code change."""
    from generator.hours_words import hours_line
    from generator.model.hours import WeeklyHours
    from generator.site.accessibility import accessibility_page
    from generator.site.plain_text import plain_text

    english = (strings.TABLES / "ja.yml").read_text(encoding="utf-8")
    for before, after in (
        ("    mon: 月曜\n", "    mon: Mon\n"), ("    fri: 金曜\n", "    fri: Fri\n"), ("    sat: 土曜\n", "    sat: Sat\n"),
        ("    sun: 日曜\n", "    sun: Sun\n"), ('  run: "{first}〜{last}"', '  run: "{first}–{last}"'),
        ('  time: "{opening}〜{closing}"', '  time: "{opening}–{closing}"'), ("  and: ・", '  and: ", "'),
        ('  closed: "{days}は 休みです。"', '  closed: " Closed: {days}."'), ("  sentence_end: 。", "  sentence_end: ."),
        ("  list_join: \"、\"", "  list_join: \"; \""), ('  site_name: "{town} 手続きガイド"', '  site_name: "{town} procedures guide"'),
        ("  data: データ\n", "  data: Data\n"), ('    name: "非テキストコンテンツ"', '    name: "Non-text Content"'),
    ):
        assert before in english, before
        english = english.replace(before, after, 1)
    shutil.copy(strings.TABLES / "ja.yml", tmp_path / "ja.yml")
    _write(tmp_path, "en", english)
    monkeypatch.setattr(strings, "TABLES", tmp_path)
    catalog = dataclasses.replace(example_catalog, strings="en")
    week = WeeklyHours(mon="8:30-17:15", tue="8:30-17:15", wed="8:30-17:15", thu="8:30-17:15", fri="8:30-17:15", sat="9:00-12:00")
    try:
        assert hours_line(week, string_table("en")) == "Mon–Fri 8:30–17:15; Sat 9:00–12:00. Closed: Sun."
        llms = next(file.content.decode() for file in plain_text(catalog).files if file.path == "llms.txt")
        statement = accessibility_page(catalog).html
    finally:  # the "en" table of this test must not reach another test's "en"
        shared_environment.cache_clear()
    assert llms.startswith(f"# {catalog.municipality.name} procedures guide\n") and "\n## Data\n" in llms
    assert "Non-text Content" in statement and "非テキストコンテンツ" not in statement


def test_an_edition_naming_a_table_that_does_not_exist_is_told_which_file(example_catalog) -> None:  # noqa: ANN001
    with pytest.raises(InputError, match="xx.yml"):
        render_pages(dataclasses.replace(example_catalog, strings="xx"))


@pytest.mark.parametrize(
    "value", ["<a href='x'>&amp;</a>", Markup("<b>太字</b>"), 3, datetime.date(2026, 1, 2), None, "{town}", '"'],
)
def test_an_entry_with_slots_is_written_as_markupsafe_formats_it(value: object) -> None:
    # StringTable.text splits each entry once into its text and slots (a town's pages fill ~10,000 slots) and
    # writes each value with MarkupSafe's own formatter: the same markup, escaped the same way, as Markup.format.
    table = string_table()
    filled = 0
    for key, entry in table.entries.items():
        names = slots(entry)
        if names:
            values = {name: value for name in names} | {"unused": "<i>"}
            for _ in range(2):  # (the second time from the split kept in the table)
                written = table.text(key, **values)
                assert type(written) is Markup and written == Markup(entry).format(**values), key
            filled += 1
    assert filled > 100
