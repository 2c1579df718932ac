"""「この ページは 役に 立ちましたか」 works in a real browser with JavaScript off and leaves nothing behind."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Browser

from generator.editions.spacing import respace as natural  # the standard edition's text
from generator.model import Catalog
from generator.site import urls
from tests.browser.conftest import new_context


def test_answering_without_javascript_opens_the_thank_you_page_and_stores_nothing(browser: Browser, base_url: str, catalog: Catalog) -> None:
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    origins: set[str] = set()
    page.on("request", lambda request: origins.add(urlsplit(request.url).netloc))
    procedure = catalog.get("k01")
    for start, key, answer, label in [
        (urls.procedure_url(procedure), "k01", "yes", "はい"),
        (urls.life_event_url(catalog.life_events[0]), catalog.life_events[0].value, "no", "いいえ"),
    ]:
        page.goto(base_url + start, wait_until="load")
        page.locator("section.t-feedback").get_by_role("link", name=label, exact=True).click()
        page.wait_for_load_state("load")
        assert page.url == base_url + urls.feedback_url(key, answer)
        assert page.locator("h1").inner_text() == natural("お答え ありがとう ございました")
        # The next step: back to the page the answer was about.
        page.get_by_role("link", name=natural("に もどる")).first.click()
        page.wait_for_load_state("load")
        assert page.url == base_url + start
    assert origins == {urlsplit(base_url).netloc}
    assert context.cookies() == []
    context.close()
