"""The interactive states of the theme that the gate checks, reached the way a user reaches
them (click, type, Tab), each waiting until the page has settled."""

from __future__ import annotations

from .browser import focus_from_top, settle

# A word that is on every organisation page of its language, so the search has results.
SEARCH_WORDS = {"fi": "strategia", "sv": "strategi"}


def open_search(page, query: str) -> list[str]:
    """Open the search, type the query, wait for the results; return the results' links."""
    button = page.locator('label.md-header__button[for="__search"]')
    if button.is_visible():
        button.click()
    else:
        page.locator(".md-search__input").click()
    # Typed key by key as a user does: the theme searches on key events, not on a filled value.
    page.locator(".md-search__input").press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item", state="visible", timeout=15_000)
    settle(page)
    return page.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                     "links => links.map(a => a.href)")


def open_language_menu(page) -> list[str]:
    """Move keyboard focus to the language button, which opens the menu; return its links."""
    page.locator(".md-select > button").focus()
    page.wait_for_selector(".md-select__inner .md-select__link", state="visible", timeout=5_000)
    settle(page)
    return page.eval_on_selector_all(".md-select__link", "links => links.map(a => a.hreflang)")


def open_mobile_navigation(page) -> None:
    page.locator('label.md-header__button[for="__drawer"]').click()
    page.wait_for_function("document.getElementById('__drawer').checked")
    settle(page)


def focus_skip_link(page) -> dict:
    """Press Tab once from the top of the page; return what got focus and whether it shows."""
    focus_from_top(page)
    page.keyboard.press("Tab")
    settle(page)
    return page.evaluate("""() => {
        const el = document.activeElement, r = el.getBoundingClientRect(), s = getComputedStyle(el);
        return {classes: el.className, text: el.textContent.trim(), href: el.getAttribute('href'),
                visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 &&
                         r.bottom <= innerHeight && r.right <= innerWidth && s.visibility === 'visible' &&
                         parseFloat(s.opacity) > 0.9};
    }""")


def open_finder(page, lang: str) -> None:
    """Type the start of a municipality into the home page's finder and move to the first suggestion."""
    field = page.locator("#ss-finder-input")
    field.click()
    field.press_sequentially("kor", delay=20)
    page.wait_for_selector(".ss-finder__option", state="visible", timeout=5_000)
    field.press("ArrowDown")
    settle(page)


STATES = {
    "search open with results": lambda page, lang: open_search(page, SEARCH_WORDS[lang]),
    "language menu open": lambda page, lang: open_language_menu(page),
    "skip link focused": lambda page, lang: focus_skip_link(page),
}
# States of the home page only.
HOME_STATES = {"municipality finder open": open_finder}
PHONE_STATES = {**STATES, "mobile navigation open": lambda page, lang: open_mobile_navigation(page)}
