"""「手続きを さがす」 finds the right page for what residents type, best first, and is never a dead end.

Checked in real Chromium on the built site: the benchmark of tests/browser/finder_queries.py, typing with real
key events and with committed IME text, the first result above the phone keyboard, Enter, the "nothing
matched" state, results in place within each keystroke's event (their speed is a budget measured by
benchmarks/finder_benchmark.py timing), and the complete list without JavaScript.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Route

from generator.model import Catalog
from generator.site import urls
from generator.loading.strings import string_table
from generator.site.finder import QUERY_WORDS, examples
from tests.browser.conftest import ARTIFACTS, new_context, squash
from tests.browser.finder_queries import ALL, HELD_OUT, TUNING, Query

FINDER = "sagasu/"
QUERY_WORDS_FILE = "/" + QUERY_WORDS.rsplit("/", 1)[-1]  # finder.json, beside finder.js
KEYBOARD_OPEN = {"width": 390, "height": 400}  # a 390×844 phone with its keyboard up shows about 400 px of page

# Types into the box the way the page's own listener sees it, for each query, and reads the result order.
_RANK_ALL = """queries => {
  const input = document.getElementById('finder-query');
  return queries.map(query => {
    input.value = query;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return [...document.querySelectorAll('[data-finder-list] > li')].map(item => item.dataset.id);
  });
}"""


@pytest.fixture(scope="module")
def finder_page(browser: Browser, base_url: str) -> Iterator[Page]:
    """The finder as a resident has it once typing has begun: with the everyday words it fetches then."""
    context = new_context(browser)
    page = context.new_page()
    page.goto(base_url + FINDER)
    with page.expect_response(lambda response: response.url.endswith(QUERY_WORDS_FILE)):
        page.fill("#finder-query", "a")
    page.fill("#finder-query", "")
    yield page
    context.close()


def findable(catalog: Catalog) -> set[str]:
    """Ids the finder can show: procedures, life-event guides (``kurashi-<event>``), help pages (``help-<name>``)."""
    helps = {"help-" + url.removeprefix(urls.HELP).strip("/") for url in urls.HELP_PAGES}
    return {p.id for p in catalog.procedures} | {f"kurashi-{e.value}" for e in catalog.life_events} | helps


def results(page: Page, query: str) -> list[str]:
    return page.evaluate(_RANK_ALL, [query])[0]


def hit_rate(queries: list[Query], ranked: dict[str, list[str]], k: int) -> float:
    return sum(bool(q.answers & set(ranked[q.text][:k])) for q in queries) / len(queries)


def test_the_benchmark_has_150_queries_50_sentences_and_a_held_out_part(catalog: Catalog) -> None:
    assert len(ALL) >= 150
    assert sum(q.sentence for q in ALL) >= 50
    # HELD_OUT is empty between a spent blind set and the next one (finder_queries.py); when set, it is big enough.
    assert not HELD_OUT or len(HELD_OUT) >= 40
    assert not {q.text for q in HELD_OUT} & {q.text for q in TUNING}
    unknown = {answer for q in ALL for answer in q.answers} - findable(catalog)
    assert not unknown, f"answers that are no page of the site: {sorted(unknown)}"


def test_residents_queries_find_the_right_page_first(finder_page: Page) -> None:
    ranked = dict(zip([q.text for q in ALL], finder_page.evaluate(_RANK_ALL, [q.text for q in ALL])))
    lines = []
    for name, queries in (("tuning", TUNING), ("held-out", HELD_OUT), ("all", ALL)):
        if not queries:
            lines.append(f"{name}: none")
            continue
        rates = {k: hit_rate(queries, ranked, k) for k in (1, 3, 5)}
        lines.append(f"{name}: {len(queries)} queries, " + ", ".join(f"hit@{k} {rate:.1%}" for k, rate in rates.items()))
    # A held-out miss is counted, never written out: the artifacts are read while tuning (as the benchmark hides them).
    misses = [
        f"「{q.text}」 → {ranked[q.text][:3]} (want {sorted(q.answers)})" if q not in HELD_OUT else "(a held-out query)"
        for q in ALL
        if not q.answers & set(ranked[q.text][:3])
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "finder-hit-rate.txt").write_text("\n".join(lines + ["missed in the first 3:", *misses]) + "\n", encoding="utf-8")
    print("\n".join(lines))
    # Issue #12's bar on the whole benchmark, and a floor for the queries nobody tuned for.
    assert hit_rate(ALL, ranked, 3) >= 0.95 and hit_rate(ALL, ranked, 1) >= 0.80, "\n".join(lines + misses)
    if HELD_OUT:
        assert hit_rate(HELD_OUT, ranked, 3) >= 0.85 and hit_rate(HELD_OUT, ranked, 1) >= 0.70, "\n".join(lines + misses)


def test_real_key_events_and_committed_ime_text_update_the_results(browser: Browser, base_url: str) -> None:
    context = new_context(browser, has_touch=True, is_mobile=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    page.goto(base_url + FINDER)
    page.click("#finder-query")
    # Letters on the keyboard: keydown, keypress, input and keyup for each one.
    page.keyboard.type("NFC", delay=30)
    assert first_result(page) == "help-card-reading"
    for _ in range(3):
        page.keyboard.press("Backspace")
    assert first_result(page) is None
    # A Japanese keyboard: the reading is composed, then the converted words are committed (Input.insertText).
    cdp.send("Input.imeSetComposition", {"text": "かいごほけんしょう", "selectionStart": 9, "selectionEnd": 9})
    cdp.send("Input.insertText", {"text": "介護保険証を"})
    cdp.send("Input.imeSetComposition", {"text": "なくした", "selectionStart": 4, "selectionEnd": 4})
    cdp.send("Input.insertText", {"text": "なくした"})
    assert page.input_value("#finder-query") == "介護保険証をなくした"
    assert first_result(page) == "c06"
    page.keyboard.press("Backspace")
    assert first_result(page) == "c06"
    context.close()


def test_the_everyday_words_come_when_typing_starts_and_the_page_works_without_them(browser: Browser, base_url: str) -> None:
    """finder/everyday.yml is not part of the first visit: one request when the resident starts typing, then the
    results are ranked with it (「申請に 必要な もの」 → 「申請の 前に 用意する もの」). When it cannot be loaded, the
    page ranks from its own index as before."""
    context = new_context(browser)
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(base_url + FINDER)
    page.wait_for_load_state("networkidle")
    assert not [url for url in asked if url.endswith(QUERY_WORDS_FILE)]
    page.click("#finder-query")
    with page.expect_response(lambda response: response.url.endswith(QUERY_WORDS_FILE)) as response:
        page.keyboard.insert_text("申請に必要なもの")
    assert response.value.ok
    page.wait_for_function("() => document.querySelector('[data-finder-list] > li').dataset.id === 'help-prepare'")
    page.fill("#finder-query", "父がぼけてきた")
    assert first_result(page) == "c01"
    assert len([url for url in asked if url.endswith(QUERY_WORDS_FILE)]) == 1
    assert all(url.startswith(base_url) for url in asked), asked
    context.close()

    context = new_context(browser)
    page = context.new_page()
    page.route("**" + QUERY_WORDS_FILE, lambda route: route.abort())
    page.goto(base_url + FINDER)
    page.click("#finder-query")
    page.keyboard.insert_text("台風で家が壊れた")
    page.wait_for_timeout(300)
    assert first_result(page) == "d01"
    page.fill("#finder-query", "申請に必要なもの")
    assert first_result(page) not in (None, "help-prepare")  # ranked from the page's own index
    context.close()


def first_result(page: Page) -> str | None:
    return page.evaluate("() => { const item = document.querySelector('[data-finder-list] > li'); return item && item.dataset.id; }")


@pytest.mark.parametrize("query", ["介護 認定", "台風で家が壊れた", "保育園に入れたい"])
def test_the_first_result_shows_above_the_phone_keyboard(browser: Browser, base_url: str, query: str) -> None:
    context = new_context(browser, viewport=KEYBOARD_OPEN, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + FINDER)
    page.click("#finder-query")
    with page.expect_response(lambda response: response.url.endswith(QUERY_WORDS_FILE)):
        page.keyboard.insert_text(query)
    page.wait_for_timeout(100)  # the results are ranked again when the everyday words come
    box = page.locator("[data-finder-list] > li a").first.bounding_box()
    context.close()
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= KEYBOARD_OPEN["height"], box


def test_enter_opens_the_first_result_only_when_it_surely_answers(browser: Browser, base_url: str) -> None:
    context = new_context(browser)
    page = context.new_page()
    page.goto(base_url + FINDER)
    page.click("#finder-query")
    with page.expect_response(lambda response: response.url.endswith(QUERY_WORDS_FILE)):  # Enter opens none before
        page.keyboard.insert_text("暗証番号を忘れた")
    page.wait_for_timeout(200)  # read once it has come
    with page.expect_navigation():
        page.keyboard.press("Enter")
    heading = page.text_content("h1")
    address = page.url
    context.close()
    assert address.endswith("/" + urls.HELP_PIN) and "暗証番号" in heading


def press_enter(page: Page) -> tuple[str, bool]:
    """Presses Enter in the box and reads what the page said (its status) and whether the focus moved to the list."""
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    # The script writes the standard edition's text: its phrase spaces are U+200B (generator/editions/spacing.py).
    status = (page.text_content("#finder-status") or "").replace("\u200b", " ")
    focused = page.evaluate("document.activeElement && document.activeElement.closest('[data-finder-list]') !== null")
    return status, focused


def test_enter_before_the_everyday_words_come_opens_no_page(browser: Browser, base_url: str) -> None:
    """The first key fetches finder.json; until it has come the order lacks the everyday words, and 「電子証明書が
    きれた」 led with the page of スマホ用電子証明書, which Enter opened. Now Enter brings the resident to the list
    while the file is on its way or when it never comes, even for words it would otherwise open (「暗証番号を
    忘れた」); once the file has come, Enter opens the sure result as before."""
    for query in ("電子証明書が きれた", "暗証番号を忘れた"):
        for arrives in (False, True):
            context = new_context(browser)
            page = context.new_page()
            held: list[Route] = []
            page.route("**" + QUERY_WORDS_FILE, (lambda route: held.append(route)) if arrives else (lambda route: route.abort()))
            page.goto(base_url + FINDER)
            page.click("#finder-query")
            page.keyboard.insert_text(query)
            page.wait_for_timeout(200)
            address = page.url
            status, focused = press_enter(page)
            assert page.url == address, f"Enter opened a page for 「{query}」 before the everyday words came"
            assert focused and "えらんで ください" in status, (focused, status)
            if arrives:
                assert len(held) == 1
                with page.expect_response(lambda response: response.url.endswith(QUERY_WORDS_FILE)):
                    held[0].continue_()
                page.wait_for_timeout(200)  # read once it has come
                page.fill("#finder-query", "")
                page.click("#finder-query")
                page.keyboard.insert_text(query)
                if query == "暗証番号を忘れた":
                    with page.expect_navigation():
                        page.keyboard.press("Enter")
                    assert page.url.endswith("/" + urls.HELP_PIN)
                else:
                    page.keyboard.press("Enter")
                    page.wait_for_timeout(300)
                    assert page.url == address, "Enter opened a page for 「電子証明書が きれた」"
            context.close()


# The review's queries whose Enter opened a wrong page, and everyday errands no page answers.
UNSURE = ["育児 お金", "児童手当 申し込み 方法", "子育て 給付金", "介護認定", "児童手当", "児童手当を やめたい"]
# 「犬の登録」: help-family holds 登録 but no page knows 犬 (held() in finder.js), with or without the space.
NOT_ANSWERED = ["バスの時刻表", "建築確認の申請", "家を建てたい", "パスポートを作りたい", "犬の登録", "犬の 登録"]


@pytest.mark.parametrize("query", UNSURE + NOT_ANSWERED)
def test_enter_never_opens_a_page_the_resident_did_not_choose(browser: Browser, base_url: str, query: str) -> None:
    context = new_context(browser)
    page = context.new_page()
    page.goto(base_url + FINDER)
    page.click("#finder-query")
    # Once the everyday words have come: before, Enter opens no page at all.
    with page.expect_response(lambda response: response.url.endswith(QUERY_WORDS_FILE)):
        page.keyboard.insert_text(query)
    page.wait_for_timeout(200)
    address = page.url
    status, focused = press_enter(page)
    listed = page.eval_on_selector_all("[data-finder-list] > li", "items => items.map(i => i.dataset.id)")
    context.close()
    assert page.url == address, f"Enter opened a page for 「{query}」"
    if query in NOT_ANSWERED:
        assert "ぴったり 合う ものは 見つかりませんでした" in status, status
    else:
        assert listed and focused and "えらんで ください" in status, (listed, focused, status)


# A noun the first result lacks keeps the notice away when the site knows it (「何」, an everyday word's), and so
# does a verb's stem (「落」 of 「落ちた」): only an unknown noun standing alone (「犬」 of 「犬の登録」) brings it.
@pytest.mark.parametrize(
    ("query", "first"),
    [("児童手当 期限", "k01"), ("出生 手当", "k01"), ("児童手当の申請をしたい", "k01"), ("何を用意すればいい", "help-prepare"),
     ("保育園に落ちた", "kurashi-childcare")],
)
def test_no_notice_of_an_inexact_match_when_the_first_result_holds_the_words(finder_page: Page, query: str, first: str) -> None:
    # The status is written 400 ms after the last keystroke: emptied first, so the one read is this query's,
    # not the one of the query typed before (the module shares one page).
    finder_page.evaluate("document.getElementById('finder-status').textContent = ''")
    assert results(finder_page, query)[0] == first
    finder_page.wait_for_function("document.getElementById('finder-status').textContent !== ''")
    assert "見つかりませんでした" not in finder_page.text_content("#finder-status")
    assert finder_page.locator("[data-finder-fallback]").is_hidden()


# 「赤ちゃん が うまれた」 (typed with spaces, as the example under the box): a lone particle is no word, so
# 「が」 in k02's title 「子どもの 人数が かわった」 does not lift it above k01. Nor does 「子どもが」 of k02's keyword
# 「子どもが ふえた」: a pair that ends in が counts only with the letter typed after it (issue #20, sixth round).
# 「出生届」: k02's official name says 届出 (read とどけで), which is no 出生届: a form's 届 counts only where a page has the
# whole name (queryTerms in finder.js).
@pytest.mark.parametrize(
    "query", ["子供が生まれた", "子ども手当", "こども手当", "赤ちゃんが生まれた", "赤ちゃん が うまれた", "子どもが生まれた", "こどもがうまれた",
              "子どもが 生まれた", "こどもが うまれた てあて", "こどもが うまれて", "出生届", "出生 届", "出生届 出したい", "しゅっせいとどけ",
              "しゅっせい とどけ"]
)
def test_birth_words_list_the_first_child_before_the_second(finder_page: Page, query: str) -> None:
    found = results(finder_page, query)
    assert "k01" in found and ("k02" not in found or found.index("k01") < found.index("k02")), found


def test_nothing_matched_says_so_and_offers_the_life_events_and_the_phone(finder_page: Page, catalog: Catalog) -> None:
    assert results(finder_page, "ぜったいにないxyz") == []
    finder_page.wait_for_function("document.getElementById('finder-status').textContent.includes('見つかりませんでした')")
    fallback = finder_page.locator("[data-finder-fallback]")
    assert fallback.is_visible()
    links = finder_page.eval_on_selector_all(
        "main a", "links => links.filter(a => a.offsetParent).map(a => a.getAttribute('href'))"
    )
    for event in catalog.life_events:
        assert urls.relative(FINDER, urls.life_event_url(event)) in links
    # The life events, not the whole list: no procedure card is offered except as a close match.
    assert not any(urls.relative(FINDER, urls.procedure_url(p)) in links for p in catalog.procedures)
    phone = catalog.municipality.departments[catalog.municipality.default_department].phone
    if phone:
        assert any(link.startswith("tel:") for link in links)
    # A query that half matches still shows the closest pages above the same help: the support money itself is
    # no page of the site, the certificate it needs is. (「名字が変わった」 was the example until 名字 joined the
    # dictionary and found k03 exactly.)
    assert results(finder_page, "被災者生活再建支援金")[0] == "d01"
    assert fallback.is_visible()


def test_clearing_the_box_shows_the_complete_list_again(finder_page: Page, catalog: Catalog) -> None:
    results(finder_page, "介護")
    assert not finder_page.is_visible("[data-finder-all]")
    assert results(finder_page, "") == []
    assert finder_page.is_visible("[data-finder-all]")
    shown = finder_page.eval_on_selector_all("[data-finder-all] [data-search]", "items => items.map(i => i.dataset.id)")
    assert set(shown) == findable(catalog)
    assert not finder_page.is_visible("[data-finder-fallback]")


def test_the_examples_shown_under_the_box_find_a_good_match(finder_page: Page) -> None:
    for example in examples(string_table()):
        assert results(finder_page, example), f"the example 「{example}」 finds nothing"
        assert not finder_page.is_visible("[data-finder-fallback]"), example


def test_the_ranked_and_the_empty_states_are_accessible_too(finder_page: Page) -> None:
    """axe checks the page as loaded; the states the script makes are checked here."""
    from tests.browser.conftest import AXE
    from tests.browser.test_axe import RUN_AXE, WCAG_TAGS

    finder_page.add_script_tag(path=str(AXE))
    for query in ("介護", "ぜったいにないxyz", "名字が変わった"):
        results(finder_page, query)
        finder_page.wait_for_timeout(500)  # the count is announced after a short pause
        violations = finder_page.evaluate(RUN_AXE, WCAG_TAGS)
        assert not violations, f"「{query}」: {violations}"


def test_results_follow_every_keystroke_within_its_own_input_event(browser: Browser, base_url: str) -> None:
    """Each key's results are on the page when that key's input event ends: no pause, no waiting for typing to
    stop or for the network (the everyday words, fetched on the first key, rank the list again when they come).
    How long that takes on a slow phone is a time budget, so it is measured
    by ``benchmarks/finder_benchmark.py timing`` (median of runs, CPU 4× slower), not here: a shared CI machine's
    clock would make this test fail at random."""
    context = new_context(browser, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + FINDER)
    page.evaluate(WATCH_KEYSTROKES)
    page.click("#finder-query")
    with page.expect_response(lambda response: response.url.endswith(QUERY_WORDS_FILE)):
        page.keyboard.type("たいふうでいえがこわれた", delay=20)
    page.wait_for_timeout(100)
    seen = page.evaluate("window.__finderKeys")
    typed_first = page.eval_on_selector_all("[data-finder-list] > li", "items => items.map(i => i.dataset.id)")
    page.goto(base_url + FINDER + "?q=" + "たいふうでいえがこわれた")
    page.wait_for_load_state("networkidle")  # the everyday words, fetched for the query in the address too
    loaded_first = page.eval_on_selector_all("[data-finder-list] > li", "items => items.map(i => i.dataset.id)")
    context.close()
    assert len(seen) == len("たいふうでいえがこわれた")
    late = [key for key in seen if not key["changed"]]
    assert not late, f"these keys' results were not in place when their input event ended: {late}"
    assert [key["value"] for key in seen][-1] == "たいふうでいえがこわれた"
    assert typed_first == loaded_first and typed_first[0] in {"d01", "kurashi-disaster"}


# Registered after the page's own listener (on the window, so it runs after the box's listeners): for each
# input event, whether the results list had already changed by the time the event ended.
WATCH_KEYSTROKES = """() => {
  window.__finderKeys = [];
  const list = document.querySelector('[data-finder-list]');
  const input = document.getElementById('finder-query');
  // A real key's event runs the microtasks between listeners, so the observer's callback has usually already had
  // the page's changes; takeRecords() catches any still queued.
  let changes = 0;
  const observer = new MutationObserver(records => { changes += records.length; });
  observer.observe(list, { childList: true });
  // Only the changes made while this key is handled: not a ranking again when the everyday words arrive.
  input.addEventListener('beforeinput', () => { observer.takeRecords(); changes = 0; }, true);
  window.addEventListener('input', event => {
    if (event.target !== input) return;
    changes += observer.takeRecords().length;
    window.__finderKeys.push({ value: input.value, changed: changes > 0 });
    changes = 0;
  });
}"""


# Time from a key event to a frame after the results list changed, and the browser's own input-to-paint
# durations (used by benchmarks/finder_benchmark.py timing).
WATCH_UPDATES = """() => {
  window.__finderTimes = [];
  const list = document.querySelector('[data-finder-list]');
  const input = document.getElementById('finder-query');
  let start = 0;
  input.addEventListener('keydown', () => { start = performance.now(); }, true);
  // Kana typed by Playwright (and committed IME text) arrive without a keydown.
  input.addEventListener('beforeinput', () => { if (!start) start = performance.now(); }, true);
  new MutationObserver(() => {
    if (!start) return;
    const began = start;
    start = 0;
    requestAnimationFrame(() => setTimeout(() => window.__finderTimes.push(performance.now() - began), 0));
  }).observe(list, { childList: true });
  // The browser's own measure (Event Timing, as in INP): from an input event to the next paint. It only
  // reports events of 16 ms or more.
  window.__finderEvents = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (entry.name === 'input') window.__finderEvents.push(entry.duration);
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
}"""


def test_a_query_in_the_address_is_applied(browser: Browser, base_url: str) -> None:
    context = new_context(browser)
    page = context.new_page()
    page.goto(base_url + FINDER + "?q=" + "たいふう")
    shown = page.eval_on_selector_all("[data-finder-list] > li", "items => items.map(i => i.dataset.id)")
    value = page.input_value("#finder-query")
    context.close()
    assert value == "たいふう" and shown[0] in {"d01", "kurashi-disaster"}


def test_without_javascript_the_page_lists_everything_and_hides_the_useless_box(
    browser: Browser, base_url: str, catalog: Catalog
) -> None:
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + FINDER)
    shown = page.eval_on_selector_all("main [data-search]", "items => items.filter(i => i.offsetParent).map(i => i.dataset.id)")
    box_visible = page.is_visible("#finder-query")
    fallback_visible = page.is_visible("[data-finder-results]")
    context.close()
    assert not box_visible and not fallback_visible
    assert set(shown) == findable(catalog)


def test_the_header_links_every_page_to_the_finder(browser: Browser, base_url: str) -> None:
    context = new_context(browser)
    page = context.new_page()
    page.goto(base_url)
    page.click("header >> text=さがす")
    heading = page.text_content("h1")
    context.close()
    assert squash(heading) == squash("手続きを さがす")
