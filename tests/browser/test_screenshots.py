"""Full-page screenshots of a procedure page on a phone and at 200 % text, saved under test-artifacts/ to look at.

The test checks the files are real pictures of the page at the expected width; a person looks at them
(README: "Look at what you build").
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image, ImageDraw
from playwright.sync_api import Browser, Page

from generator.editions import declared
from generator.model import Catalog
from generator.site import urls
from tests.browser.conftest import ARTIFACTS, clean_artifacts, new_context
from tests.browser.test_layout import double_text_size

SHOTS = {
    "procedure-phone-390.png": (urls.procedure_url, False),
    "procedure-text-200.png": (urls.procedure_url, True),
}


def full_page_shot(page: Page, path: Path) -> int:
    """A screenshot of the whole page; returns its height in CSS pixels.

    Why not ``full_page=True``: Chromium drops the emulated text size while Playwright resizes for a full-page
    shot, so the picture would show normal text. Growing the viewport to the page height keeps it.
    """
    width = page.viewport_size["width"]
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": width, "height": height})
    page.screenshot(path=str(path))
    return height


_SHOT: dict[tuple, tuple[Path, int, float]] = {}
"""Full-page shots taken in this module, by page, width and text size: a picture two tests save (the first
procedure, c01, at 390 px and at 200 % text is also a start page) is taken once and copied (2 page loads and
shots less)."""


def procedure_shot(browser: Browser, url: str, path: Path, *, width: int = 390, text_200: bool = False) -> tuple[int, float]:
    """A full-page shot of ``url`` in a fresh 390×844 (or ``width``) context, saved as ``path``: its height in CSS
    pixels and the text size of the page's main text."""
    key = (id(browser), url, width, text_200)
    if key in _SHOT and _SHOT[key][0].is_file():
        taken, height, text_size = _SHOT[key]
        if taken != path:
            shutil.copyfile(taken, path)
        return height, text_size
    context = new_context(browser, viewport={"width": width, "height": 844})
    page = context.new_page()
    if text_200:
        double_text_size(page)
    page.goto(url)
    height = full_page_shot(page, path)
    text_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main .md-typeset')).fontSize)")
    context.close()
    _SHOT[key] = (path, height, text_size)
    return height, text_size


def test_screenshots_of_a_procedure_page_on_a_phone_and_at_200_percent_text(browser: Browser, base_url: str, catalog: Catalog) -> None:
    folder = clean_artifacts("screenshots")
    procedure = catalog.procedures[0]
    heights = {}
    for name, (address, text_200) in SHOTS.items():
        heights[name], text_size = procedure_shot(browser, base_url + address(procedure), folder / name, text_200=text_200)
        assert text_size == (40 if text_200 else 20)
        with Image.open(folder / name) as image:
            assert image.size == (390, heights[name])
    # Doubled text makes the same page much longer, never wider.
    assert heights["procedure-text-200.png"] > 1.5 * heights["procedure-phone-390.png"]
    # The finder and a life-event page are saved too, for the same look.
    context = new_context(browser)
    page = context.new_page()
    page.goto(base_url + "sagasu/?q=" + "赤ちゃん")
    page.screenshot(path=str(folder / "finder-phone-390.png"), full_page=True)
    for event in catalog.life_events:
        page.goto(base_url + urls.life_event_url(event))
        page.screenshot(path=str(folder / f"life-event-{event.value}-phone-390.png"), full_page=True)
    page.emulate_media(color_scheme="dark")
    page.goto(base_url + urls.procedure_url(procedure))
    page.screenshot(path=str(folder / "procedure-dark-390.png"), full_page=True)
    context.close()


START_PAGES = ("k01", "c01", "d01")
"""The pages issue #11 asks a person to look at after every change to the start page."""


def test_screenshots_of_the_start_pages_at_390_320_and_200_percent(browser: Browser, base_url: str, catalog: Catalog) -> None:
    """k01, c01 and d01 at 390 px, 320 px and 200 % text (test-artifacts/screenshots/start-*.png), to look at."""
    folder = screenshot_folder()
    for procedure_id in START_PAGES:
        procedure = catalog.get(procedure_id)
        for width, text_200 in ((390, False), (320, False), (390, True)):
            name = f"start-{procedure_id}-{width}{'-text200' if text_200 else ''}.png"
            height, _ = procedure_shot(browser, base_url + urls.procedure_url(procedure), folder / name, width=width, text_200=text_200)
            with Image.open(folder / name) as image:
                assert image.size == (width, height)


FIRST_SCREEN_PAGES = ("k01", "d01")
"""Procedure pages whose first two screens issue #20 asks to look at (k01 is in three life-event guides)."""


def test_screenshots_of_the_first_two_screens_in_each_edition(browser: Browser, base_url: str, catalog: Catalog) -> None:
    """The home page, k01 and d01 of every edition, at 100 % and 200 % text: the first two screens of a 390×844
    phone in one picture with a red line at the fold (test-artifacts/screenshots/first-screens-*.png), to look at."""
    folder = screenshot_folder()
    paths = {"home": urls.HOME} | {procedure_id: urls.procedure_url(catalog.get(procedure_id)) for procedure_id in FIRST_SCREEN_PAGES}
    for edition in declared(catalog):
        for text_200 in (False, True):
            # Two screens tall: the theme sizes nothing by the viewport's height, so the layout is the phone's.
            context = new_context(browser, viewport={"width": 390, "height": 2 * 844})
            page = context.new_page()
            if text_200:
                double_text_size(page)
            for name, path in paths.items():
                page.goto(base_url + edition.prefix + path)
                text_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main .md-typeset')).fontSize)")
                assert text_size == (40 if text_200 else 20), (edition.key, name, text_size)
                file = folder / f"first-screens-{edition.key}-{name}-{'200' if text_200 else '100'}.png"
                page.screenshot(path=str(file))
                with Image.open(file) as image:
                    assert image.size == (390, 2 * 844)
                    ImageDraw.Draw(image).line([(0, 844), (390, 844)], fill="red", width=2)
                    image.save(file)
            context.close()


def screenshot_folder() -> Path:
    """test-artifacts/screenshots/, kept as it is (the other test cleans it first; both add to it)."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
