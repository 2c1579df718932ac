"""「わたしの 手続き」 in real Chromium: every question screen and the result pass axe, the Nu checker and the
phone layout rules (390 px with 44 px targets, 320 px, 200 % text); three journeys walked with the keyboard
only (focus on the new question, error summary, one heading per step); the printed memo as a PDF (A4, its QR
codes scan); the .ics files; no request to another origin; without JavaScript the page leads to the guides.

Screenshots and the memo (PDF and PNG) are kept in test-artifacts/flow/ for a person to look at.
"""

from __future__ import annotations

import json
import subprocess
import urllib.parse
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from generator.loading.flow import walks
from generator.model import Catalog
from generator.model.flow import UNKNOWN, Flow
from tests.browser.site_pages import structure
from tests.browser.conftest import AXE, NO_TRANSITIONS, VNU, clean_artifacts, loose, new_context, squash, with_axe
from tests.browser.test_axe import RUN_AXE, SCHEMES, WCAG_TAGS
from tests.browser.test_layout import double_text_size, run_layout

URL = "watashi/"

# Three complete journeys, answered the way a resident would (the keys of the screens they see, in order).
JOURNEYS = {
    "birth": [("topic", "child"), ("child", "born"), ("allowance-before", "no"), ("birth-date", "2026-11-20")],
    "care": [("topic", "care"), ("care", "no"), ("care-place", "home")],
    "typhoon": [
        ("topic", "disaster"), ("disaster-home", "yes"), ("disaster-lost", "yes"), ("disaster-childcare", "yes"),
        ("lost-which", ["card"]), ("nursery-kind", "hoikuen"),
    ],
}
COUNTER_BIRTH = ["赤ちゃんが うまれたら 出生届を 出す", "赤ちゃんの 健康保険に 入る", "子どもの 医療費の 助成を 申し込む"]
EXPECTED_TITLES = {
    "birth": [*COUNTER_BIRTH, "児童手当を はじめて もらう ときの 申請"],
    "care": ["介護の 認定（要介護・要支援）を たのむ", "ケアプランを 作って もらう 事業所を 市区町村に 知らせる"],
    "typhoon": [
        "災害で 家が こわれた ときの 証明書（り災証明書）", "介護保険証を なくした・よごれた とき",
        "保育園や 幼稚園を 使う ための 認定の 申請", "保育園などの 申し込み",
    ],
}


# The three situations of the December 2026 review, printed as memos (with the journeys above).
MEMOS = {
    "birth2": ([("topic", "child"), ("child", "born"), ("allowance-before", "yes"), ("birth-date", "2026-12-03")],
               [*COUNTER_BIRTH, "児童手当の 子どもの 人数が かわった とき"]),
    "care-moved": ([("topic", "care"), ("care", "moved"), ("moved-in-date", "2026-11-25")],
                   ["窓口で 引っ越しの 届けを 出す", "ほかの 市区町村から 引っ越して きた 人の 介護認定"]),
    "death": ([("topic", "death"), ("death-allowance", "yes"), ("death-children", "yes"), ("death-date", "2026-11-30")],
              ["窓口で 死亡の 届けを 出す", "児童手当を もらって いた 人が 亡くなった とき", "児童手当を はじめて もらう ときの 申請"]),
}


def fragment(flow: Flow, answers: dict) -> str:
    parts = ["s"] + [
        f"{q.id}={'.'.join(answers[q.id]) if isinstance(answers[q.id], list) else answers[q.id]}"
        for q in flow.questions if q.id in answers
    ]
    return "#" + "&".join(parts)


def screens(flow: Flow) -> dict[str, str]:
    """One address per question screen (the shortest answers that reach it) and a few results."""
    found: dict[str, str] = {}
    for walk in sorted(walks(flow), key=lambda w: len(w.asked)):
        for position, question_id in enumerate(walk.asked):
            if question_id not in found:
                found[question_id] = fragment(flow, {k: walk.answers[k] for k in walk.asked[:position]})
    for name, steps in JOURNEYS.items():
        found[f"result-{name}"] = fragment(flow, dict(steps))
    found["result-unknown"] = fragment(flow, {"topic": UNKNOWN})
    found["result-maybe"] = fragment(flow, {"topic": "move", "move": UNKNOWN})
    return found


@pytest.fixture(scope="module")
def flow(catalog: Catalog) -> Flow:
    assert catalog.flow is not None
    return catalog.flow


def open_screen(page: Page, base_url: str, hash_: str) -> None:
    page.goto(base_url + URL + hash_, wait_until="load")
    page.wait_for_selector("#flow-app h1")


@pytest.fixture(scope="module")
def screen_markup() -> dict[str, str]:
    """Each screen's DOM as the script built it (by name), serialised by the axe test, which opens every screen at
    390 px anyway: the Nu checker's test opens only the screens not found here (all of them when run alone)."""
    return {}


def test_every_screen_passes_axe_and_the_phone_layout_rules(
    browser: Browser, base_url: str, flow: Flow, screen_markup: dict[str, str]
) -> None:
    all_screens = screens(flow)
    assert set(q.id for q in flow.questions) <= set(all_screens)
    failures = []
    # Each screen is opened once: every rule in the light scheme, then only the rules that depend on colour in
    # the dark one (it changes colours only: test_axe.test_the_dark_scheme_changes_colours_only). axe runs on each
    # screen whose markup shows a part or a nesting no screen before it showed (site_pages.markup_cover's reason:
    # axe judges markup and colours, not how long a text is); the layout rules judge every screen.
    context = with_axe(new_context(browser, color_scheme="light", **NO_TRANSITIONS))
    page = context.new_page()
    seen: frozenset[str] = frozenset()
    judged = 0
    for name, hash_ in all_screens.items():
        page.emulate_media(color_scheme="light")
        open_screen(page, base_url, hash_)
        screen_markup[name] = "<!doctype html>\n" + page.evaluate("document.documentElement.outerHTML")
        shape = structure(screen_markup[name])
        if not (shape.parts | shape.nesting) - seen:
            failures += [f"{name} at 390 px: {p}" for p in run_layout(page, True, True)]
            assert page.locator("h1:visible").count() == 1, f"{name}: one heading per step"
            continue
        seen |= shape.parts | shape.nesting
        judged += 1
        for scheme, only in SCHEMES.items():
            page.emulate_media(color_scheme=scheme)
            violations = page.evaluate(RUN_AXE, only)
            failures += [f"{name} ({scheme}): {v['id']}: {v['help']} — {node}" for v in violations for node in v["nodes"]]
        page.emulate_media(color_scheme="light")
        failures += [f"{name} at 390 px: {p}" for p in run_layout(page, True, True)]
        assert page.locator("h1:visible").count() == 1, f"{name}: one heading per step"
    context.close()
    assert judged >= 5, f"axe ran on {judged} screens only"
    for label, options, text_200 in (("320 px", {"viewport": {"width": 320, "height": 640}}, False), ("200 % text", {}, True)):
        context = new_context(browser, **options)
        page = context.new_page()
        if text_200:
            double_text_size(page)
        for name, hash_ in all_screens.items():
            open_screen(page, base_url, hash_)
            failures += [f"{name} at {label}: {p}" for p in run_layout(page, False, False)]
        context.close()
    assert not failures, "\n".join(failures)


def test_every_screen_is_valid_html(
    browser: Browser, base_url: str, flow: Flow, tmp_path: Path, screen_markup: dict[str, str]
) -> None:
    """The DOM the script builds, serialised after each screen, passes the Nu checker."""
    context = new_context(browser)
    page = context.new_page()
    files = []
    for name, hash_ in screens(flow).items():
        if name in screen_markup:
            html = screen_markup[name]
        else:
            open_screen(page, base_url, hash_)
            html = "<!doctype html>\n" + page.evaluate("document.documentElement.outerHTML")
        files.append(tmp_path / f"{name}.html")
        files[-1].write_text(html, encoding="utf-8")
    context.close()
    completed = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    messages = json.loads(completed.stderr or completed.stdout or '{"messages": []}')["messages"]
    assert not messages, "\n".join(f"{Path(m.get('url', '')).name}: {m.get('message')}" for m in messages)


def keyboard_answer(page: Page, question_id: str, answer: object) -> None:
    """Answer the current question with the keyboard only: Tab to the answer, Space to choose, Enter to go on."""
    focused_id = "document.activeElement && document.activeElement.id"
    if isinstance(answer, str) and len(answer) == 10 and answer[4] == "-":
        page.keyboard.press("Tab")
        while page.evaluate(focused_id) != "flow-date":
            page.keyboard.press("Tab")
        page.evaluate("(value) => { document.getElementById('flow-date').value = value; }", answer)
        page.keyboard.press("Enter")
        return
    radio = not isinstance(answer, list)
    for value in [answer] if radio else answer:
        target = f"flow-{question_id}-{value}"
        # Tab reaches a radio group once (its first button); the arrow keys move inside it, as in every browser.
        for _ in range(40):
            page.keyboard.press("ArrowDown" if radio and _in_group(page, question_id) else "Tab")
            if page.evaluate(focused_id) == target:
                break
        assert page.evaluate(focused_id) == target, f"the keyboard never reached {target}"
        page.keyboard.press("Space")
        assert page.evaluate("document.activeElement.checked")
    page.keyboard.press("Enter")


def _in_group(page: Page, question_id: str) -> bool:
    return page.evaluate("(name) => document.activeElement && document.activeElement.name === name", question_id)


@pytest.mark.parametrize("journey", list(JOURNEYS))
def test_three_journeys_with_the_keyboard_only(browser: Browser, base_url: str, journey: str) -> None:
    folder = clean_artifacts(f"flow/{journey}")
    context = new_context(browser)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base_url + URL, wait_until="load")
    page.screenshot(path=str(folder / "00-start.png"), full_page=True)
    start = page.get_by_role("button", name=loose("質問に 答える"))
    start.focus()
    page.keyboard.press("Enter")
    step = 1
    for question_id, answer in JOURNEYS[journey]:
        page.wait_for_function("document.activeElement && document.activeElement.tagName === 'H1'")
        # One heading per step, inside the legend of the question's fieldset, and the focus is on it.
        assert page.evaluate("document.activeElement.closest('fieldset legend') !== null")
        assert page.locator("h1:visible").count() == 1
        assert page.evaluate("document.querySelectorAll('fieldset input').length") >= 1
        if step == 1:
            # Going on without an answer: an error summary takes the focus and its link leads to the first answer.
            page.keyboard.press("Tab")
            while page.evaluate("document.activeElement.textContent") != "次へ":
                page.keyboard.press("Tab")
            page.keyboard.press("Enter")
            summary = page.locator(".t-flow__summary")
            assert summary.is_visible() and summary.get_attribute("role") == "alert"
            assert page.evaluate("document.activeElement.classList.contains('t-flow__summary')")
            assert "わからない" in page.locator(".t-flow__error").inner_text()
            page.screenshot(path=str(folder / "01-error.png"), full_page=True)
            page.keyboard.press("Tab")
            page.keyboard.press("Enter")
            assert page.evaluate("document.activeElement.id") == "flow-topic-child"
            page.locator("#flow-app h1").focus()
        # Every choice question offers 「わからない」.
        if page.locator("fieldset input[type=radio], fieldset input[type=checkbox]").count():
            assert page.locator(f"#flow-{question_id}-unknown").count() == 1
        else:
            assert page.get_by_role("button", name=loose("日付が わからない")).is_visible()
        page.screenshot(path=str(folder / f"{step + 1:02d}-{question_id}.png"), full_page=True)
        keyboard_answer(page, question_id, answer)
        step += 1
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'H1'")
    assert squash(page.locator("h1:visible").inner_text()) == squash("あなたの 手続き")
    page.screenshot(path=str(folder / f"{step + 1:02d}-result.png"), full_page=True)
    titles = [squash(t) for t in page.locator(".t-flow__result-title a").all_inner_texts()]
    assert titles == [squash(title) for title in EXPECTED_TITLES[journey]]
    # The address holds the answers, so the same list opens elsewhere (a family member's phone).
    shared = page.url
    other = new_context(browser).new_page()
    other.goto(shared, wait_until="load")
    other.wait_for_selector("#flow-app h1")
    assert [squash(t) for t in other.locator(".t-flow__result-title a").all_inner_texts()] == titles
    other.context.close()
    # Nothing left this machine: every request went to the site itself (or data: for the .ics).
    origin = urllib.parse.urlsplit(base_url)
    foreign = [u for u in requests if not u.startswith("data:") and urllib.parse.urlsplit(u).netloc != origin.netloc]
    assert not foreign, foreign
    assert all(urllib.parse.urlsplit(u).query == "" for u in requests if not u.startswith("data:")), "answers must never be sent"
    context.close()


def test_the_result_gives_the_date_and_a_calendar_file(browser: Browser, base_url: str, flow: Flow) -> None:
    context = new_context(browser)
    page = context.new_page()
    open_screen(page, base_url, fragment(flow, dict(JOURNEYS["birth"])))
    # The counter step 出生届 counts the day of birth as day 1; 児童手当 counts from the next day.
    assert page.locator(".t-flow__due").all_inner_texts() == ["2026年12月3日（木）までに", "2026年12月5日（土）までに"]
    links = page.get_by_role("link", name=loose("期限を カレンダーに 入れる（.ics）"))
    assert [a.get_attribute("download") for a in links.all()] == ["kigen-birth-registration.ics", "kigen-k01.ics"]
    counter_ics = urllib.parse.unquote(links.first.get_attribute("href").split(",", 1)[1]).replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20261203" in counter_ics and squash("SUMMARY:期限: 赤ちゃんが うまれたら 出生届を 出す") in squash(counter_ics)
    link = links.last
    href = link.get_attribute("href")
    assert href.startswith("data:text/calendar;charset=utf-8,")
    ics = urllib.parse.unquote(href.split(",", 1)[1])
    lines = ics.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert "DTSTART;VALUE=DATE:20261205" in lines and "DTEND;VALUE=DATE:20261206" in lines
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    unfolded = ics.replace("\r\n ", "")
    assert squash("SUMMARY:期限: 児童手当を はじめて もらう ときの 申請") in squash(unfolded)
    # A deadline that is not fixed by a rule is shown as its text, never as a date.
    open_screen(page, base_url, fragment(flow, dict(JOURNEYS["typhoon"])))
    assert page.locator(".t-flow__due").count() == 0
    assert squash("市区町村や 災害に よって ちがいます") in squash(page.locator(".t-flow__result").first.inner_text())
    context.close()


def test_the_printed_memo_is_a4_with_scannable_codes(browser: Browser, base_url: str, flow: Flow, catalog: Catalog) -> None:
    from pypdf import PdfReader

    from tests.flyers.conftest import decode, render_pages

    folder = clean_artifacts("flow/memo")
    context = new_context(browser)
    page = context.new_page()
    for name in JOURNEYS:
        open_screen(page, base_url, fragment(flow, dict(JOURNEYS[name])))
        page.wait_for_function("[...document.images].every((img) => img.complete && img.naturalWidth > 0)")
        page.emulate_media(media="print")
        assert squash(page.locator("h1:visible").inner_text()) == squash("わたしの 手続き メモ")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(RUN_AXE, WCAG_TAGS)
        assert not violations, violations
        assert not run_layout(page, False, False)
        pdf = folder / f"memo-{name}.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        page.emulate_media(media="screen")
        reader = PdfReader(pdf)
        width, height = (float(v) * 25.4 / 72 for v in reader.pages[0].mediabox.upper_right)
        assert (round(width), round(height)) == (210, 297)
        # About two procedures (or four counter steps) a sheet, with the answers and the counter questions.
        counters = sum(title in COUNTER_BIRTH for title in EXPECTED_TITLES[name])
        most = 1 + -(-(len(EXPECTED_TITLES[name]) - counters + -(-counters // 2)) // 2)
        assert len(reader.pages) <= max(2, most), f"{name}: the memo takes {len(reader.pages)} pages"
        images = render_pages(pdf)
        codes = {code.text for image in images for code in decode(image)}
        expected = {catalog.municipality.base_url.rstrip("/") + f"/p/{p}/" for p in _ids(catalog, EXPECTED_TITLES[name])}
        assert codes == expected, f"{name}: {codes} != {expected}"
        text = "".join(p.extract_text() for p in reader.pages)
        assert all(squash(words) in squash(text) for words in ("わたしの 手続き メモ", "窓口で きく こと", "あなたの 答え"))
    context.close()


def test_the_printed_memo_is_large_whole_and_paper_only(browser: Browser, base_url: str, flow: Flow, catalog: Catalog) -> None:
    """Every text of the memo is at least 12 pt on paper, a procedure never splits across sheets, nothing meant
    for the screen prints, and the answers open the first sheet (a second sheet never holds only them)."""
    from pypdf import PdfReader

    from tests.flyers.conftest import render_pages

    folder = clean_artifacts("flow/memo-review")
    context = new_context(browser)
    page = context.new_page()
    for name, (steps, titles) in MEMOS.items():
        open_screen(page, base_url, fragment(flow, dict(steps)))
        assert [squash(t) for t in page.locator(".t-flow__result-title a").all_inner_texts()] == [squash(t) for t in titles]
        page.wait_for_function("[...document.images].every((img) => img.complete && img.naturalWidth > 0)")
        page.emulate_media(media="print")
        small = page.evaluate("""() => [...document.querySelectorAll('body *')].filter((e) => {
            const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
            return own && e.getClientRects().length && parseFloat(getComputedStyle(e).fontSize) < 16;
        }).map((e) => e.className + ': ' + e.textContent.trim().slice(0, 30))""")
        assert not small, f"{name}: under 12 pt on paper: {small}"
        pdf = folder / f"memo-{name}.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        page.emulate_media(media="screen")
        render_pages(pdf, dpi=100, png=True)  # kept beside the PDF for a person to look at
        sheets = [p.extract_text().replace("\n", "") for p in PdfReader(pdf).pages]
        assert all(text.strip() for text in sheets), f"{name}: a blank sheet"
        assert squash("あなたの 答え") in squash(sheets[0])
        for title in titles:
            on = [i for i, text in enumerate(sheets) if squash(title) in squash(text)]
            assert len(on) == 1, f"{name}: 「{title}」 is on sheets {on}"
        for item_id in _ids(catalog, titles):
            address = f"p/{item_id}/"
            title = next(p.title for p in catalog.procedures if p.id == item_id)
            pages_with = {i for i, text in enumerate(sheets) if address in text.replace(" ", "")}
            assert pages_with == {i for i, text in enumerate(sheets) if title.replace(" ", "") in text.replace(" ", "")}, (
                f"{name}: {item_id} is split across sheets"
            )
        every = "".join(sheets)
        for screen_only in ("くわしく", "かえる", "カレンダーに", "アドレスを コピー"):
            assert screen_only.replace(" ", "") not in every.replace(" ", ""), f"{name}: 「{screen_only}」 printed"
    context.close()


def _ids(catalog: Catalog, titles: list[str]) -> list[str]:
    return [p.id for title in titles for p in catalog.procedures if p.title == title]


def test_without_javascript_the_page_leads_to_the_life_event_guides(browser: Browser, base_url: str, catalog: Catalog) -> None:
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + URL, wait_until="load")
    assert not page.get_by_role("button", name=loose("質問に 答える")).is_visible()
    assert page.locator("[data-flow-nojs]").is_visible()
    guides = page.locator("#flow-intro a.t-card")
    assert guides.count() == len(catalog.life_events) + 1
    guides.first.click()
    assert "/kurashi/" in page.url
    context.close()


def test_going_back_and_changing_an_answer_keep_what_was_chosen(browser: Browser, base_url: str, flow: Flow) -> None:
    context = new_context(browser)
    page = context.new_page()
    open_screen(page, base_url, fragment(flow, dict(JOURNEYS["birth"])))
    # 「かえる」 beside an answer opens that question with the old answer chosen; later answers are asked again.
    page.get_by_role("button", name=loose("「子どもの どんな ことですか。」の 答えを かえる")).click()
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'H1'")
    assert squash(page.locator("#flow-app h1").inner_text()) == squash("子どもの どんな ことですか。")
    assert page.locator("#flow-child-born").is_checked()
    page.locator("#flow-child-pregnant").click()  # the radio button covers its whole box, as a finger taps it
    page.get_by_role("button", name=loose("次へ")).click()
    page.wait_for_selector(".t-flow__results")
    assert [squash(t) for t in page.locator(".t-flow__result-title a").all_inner_texts()] == [squash("赤ちゃんが できた ときの 届け（母子健康手帳）")]
    # 「前の 質問に もどる」 on a question shows the previous question with its answer chosen.
    open_screen(page, base_url, fragment(flow, {"topic": "care", "care": "no"}))
    page.get_by_role("button", name=loose("前の 質問に もどる")).click()
    page.wait_for_function("document.querySelector('#flow-app h1') && document.querySelector('#flow-app h1').textContent.startsWith('介護が')")
    assert page.locator("#flow-care-no").is_checked()
    # The browser's own back button works too: each answer is a step in the history.
    page.go_back()
    page.wait_for_function("document.querySelector('#flow-app h1') && document.querySelector('#flow-app h1').textContent.replace(/[\\s\\u200b]/g, '').startsWith('認定のあと')")
    context.close()


def test_the_skip_link_keeps_the_answers_in_the_address(browser: Browser, base_url: str, flow: Flow) -> None:
    context = new_context(browser)
    page = context.new_page()
    open_screen(page, base_url, fragment(flow, {"topic": "care"}))
    before = page.url
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.url == before and page.locator("#flow-app h1").inner_text().startswith("介護が")
    context.close()
