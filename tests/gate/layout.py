"""Reflow, text zoom, visible focus and print: checks of what a page looks like, in the browser."""

from __future__ import annotations

import re

from .browser import add_gate_style, focus_from_top, settle

_OVERFLOW = r"""() => {
    const doc = document.documentElement, width = doc.clientWidth;
    const out = {scrollWidth: doc.scrollWidth, width, wide: []};
    if (doc.scrollWidth > width + 1) {
        for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.right > width + 1 && r.width > 0 && getComputedStyle(el).visibility !== 'hidden') {
                let inScroller = false;
                for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                    const o = getComputedStyle(p).overflowX;
                    if ((o === 'auto' || o === 'scroll' || o === 'hidden') && p.getBoundingClientRect().right <= width + 1) { inScroller = true; break; }
                }
                if (!inScroller) out.wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
                    ' right=' + Math.round(r.right));
                if (out.wide.length > 8) break;
            }
        }
    }
    return out;
}"""


def horizontal_overflow(page) -> list[str]:
    """Elements that make the page scroll sideways (content in its own scroll box is fine)."""
    result = page.evaluate(_OVERFLOW)
    if result["scrollWidth"] <= result["width"] + 1:
        return []
    return [f"page is {result['scrollWidth']} px wide in a {result['width']} px window: "
            + (", ".join(result["wide"]) or "no single element found")]


_CLIPPED_TEXT = r"""() => {
    const found = [];
    for (const el of document.querySelectorAll('main *, footer *')) {
        if (el.scrollWidth <= el.clientWidth + 2 && el.scrollHeight <= el.clientHeight + 2) continue;
        const s = getComputedStyle(el);
        if (s.display === 'none' || s.visibility !== 'visible') continue;
        const clips = ['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY);
        if (!clips || !el.textContent.trim()) continue;
        // Visually hidden text for screen readers, and collapsed sections (a closed menu), clip on purpose.
        if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;
        if (el.scrollWidth > el.clientWidth + 2 || el.scrollHeight > el.clientHeight + 2)
            found.push(el.tagName.toLowerCase() + '.' + String(el.className).trim().split(/\s+/).join('.') +
                       ' "' + el.textContent.trim().slice(0, 40) + '"');
    }
    return found;
}"""


def zoom_text(page, percent: int = 200) -> None:
    """Text-only zoom: every font size grows, the layout width stays (like a browser's text zoom)."""
    page.evaluate("""(factor) => {
        document.documentElement.style.fontSize = (parseFloat(getComputedStyle(document.documentElement).fontSize) * factor) + 'px';
    }""", percent / 100)
    settle(page)


def clipped_text(page) -> list[str]:
    return page.evaluate(_CLIPPED_TEXT)


_VISIBLE_LOOK = r"""const VISIBLE_LOOK = s => {
    // What of a computed style can be seen: an outline or border only when it is drawn.
    const drawn = (style, width) => style !== 'none' && style !== 'hidden' && parseFloat(width) > 0;
    const outline = drawn(s.outlineStyle, s.outlineWidth)
        ? [s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset].join(' ') : 'none';
    const border = ['Top', 'Right', 'Bottom', 'Left'].map(side =>
        drawn(s['border' + side + 'Style'], s['border' + side + 'Width'])
            ? s['border' + side + 'Width'] + ' ' + s['border' + side + 'Color'] : 'none').join(',');
    const decoration = s.textDecorationLine === 'none' ? 'none'
        : [s.textDecorationLine, s.textDecorationThickness, s.textDecorationColor].join(' ');
    return [outline, border, decoration, s.boxShadow, s.color, s.backgroundColor, s.opacity, s.content].join('|');
};"""


def _with_look(function: str) -> str:
    """A page function that can call VISIBLE_LOOK."""
    return "(arg) => { " + _VISIBLE_LOOK + " return (" + function + ")(arg); }"


_FOCUS_STEP = r"""() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const r = el.getBoundingClientRect();
    let hidden = false;
    for (let p = el; p; p = p.parentElement) {
        const ps = getComputedStyle(p);
        if (ps.visibility === 'hidden' || ps.display === 'none' || parseFloat(ps.opacity) < 0.1) { hidden = true; break; }
    }
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (typeof el.className === 'string' && el.className.trim()
            ? '.' + el.className.trim().split(/\s+/).filter(c => c !== 'focus-visible').join('.') : '') +
        (el.getAttribute('href') ? '[href="' + el.getAttribute('href') + '"]' : '');
    const look = () => [el, el.parentElement].filter(Boolean).flatMap(e =>
        [getComputedStyle(e), getComputedStyle(e, '::before'), getComputedStyle(e, '::after')])
        .map(VISIBLE_LOOK).join('||');
    const focused = look();
    el.blur();
    const unfocused = look();
    el.focus({preventScroll: true});
    return {name, x: r.left, y: r.top, w: r.width, h: r.height, hidden, scrollY: window.scrollY,
            inView: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
            changes: focused !== unfocused};
}"""

# Transitions off while walking: a style read right after blur must give the unfocused look, not
# the first frame of a fade. What is focused, and how it looks when it is, stays the same.
_NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"


_FOCUS_ALL = r"""(args) => {
    const [selector] = args;
    const look = el => [el, el.parentElement].filter(Boolean).flatMap(e =>
        [getComputedStyle(e), getComputedStyle(e, '::before'), getComputedStyle(e, '::after')])
        .map(VISIBLE_LOOK).join('||');
    const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (typeof el.className === 'string' && el.className.trim()
            ? '.' + el.className.trim().split(/\s+/).filter(c => c !== 'focus-visible').join('.') : '') +
        (el.getAttribute('href') ? '[href="' + el.getAttribute('href') + '"]' : '');
    const out = {checked: 0, problems: [], same: []};
    const candidates = [...document.querySelectorAll(selector)]
        .filter(el => el.tabIndex >= 0 && !el.disabled && !el.closest('.md-search'));
    candidates.forEach((el, i) => {
        el.focus();
        if (document.activeElement !== el) return;  // not a Tab stop as the page is now (hidden, inert)
        out.checked++;
        const r = el.getBoundingClientRect();
        let hidden = false;
        for (let p = el; p; p = p.parentElement) {
            const ps = getComputedStyle(p);
            if (ps.visibility === 'hidden' || ps.display === 'none' || parseFloat(ps.opacity) < 0.1) { hidden = true; break; }
        }
        const inView = r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
        if (hidden || !r.width || !r.height || !inView) {
            out.problems.push(`focus is on ${describe(el)}, which is not visible on the screen ` +
                              `(box ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)})`);
            return;
        }
        const focused = look(el);
        el.blur();
        if (focused === look(el)) {
            el.setAttribute('data-ss-focus-check', String(i));
            out.same.push({index: i, name: describe(el)});
        }
    });
    document.activeElement && document.activeElement.blur();
    return out;
}"""
_FOCUSABLE = ('a[href], area[href], button, input:not([type="hidden"]), select, textarea, iframe, summary, '
              '[tabindex], [contenteditable]')

def focus_check_all(page) -> tuple[int, list[str]]:
    """Focus every focusable element of the page in turn (after one real Tab, so the browser is in
    keyboard mode): each must be on the screen when focused and look different from unfocused.

    The fast companion of focus_walk(): one round trip per page instead of two per Tab stop. It
    skips the search box, whose opening and closing focus_walk() and the interactive states cover.
    """
    add_gate_style(page, "no-motion.css", _NO_MOTION)
    focus_from_top(page)
    page.keyboard.press("Tab")
    result = page.evaluate(_with_look(_FOCUS_ALL), [_FOCUSABLE])
    problems = list(result["problems"])
    looked: dict[str, bool] = {}
    for item in result["same"]:
        if item["name"] not in looked:
            element = page.locator(f'[data-ss-focus-check="{item["index"]}"]')
            element.focus()
            state = page.evaluate(_with_look(_FOCUS_STEP))
            looked[item["name"]] = state is not None and _looks_focused(page, state)
        if not looked[item["name"]]:
            problems.append(f"focus on {item['name']} does not change how it looks")
    return result["checked"], problems


def focus_walk(page, limit: int = 600) -> tuple[int, list[str]]:
    """Tab through the whole page; every stop must be on screen and look different when focused.

    "Looks different" is decided from the computed style of the element, its parent and their
    ::before and ::after, focused and unfocused; when those are equal, from the pixels of the
    element's box (with a margin for outlines) in two screenshots.
    """
    problems: list[str] = []
    add_gate_style(page, "no-motion.css", _NO_MOTION)
    focus_from_top(page)
    looked: dict[str, bool] = {}  # element description -> its focus showed in screenshots
    first = None
    stops = 0
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(_with_look(_FOCUS_STEP))
        if state is None:
            break
        key = f"{state['name']}@{round(state['x'])},{round(state['y'] + state['scrollY'])}"
        if key == first:
            break  # wrapped around to the first stop
        first = first or key
        stops += 1
        if state["hidden"] or state["w"] == 0 or state["h"] == 0 or not state["inView"]:
            page.wait_for_timeout(300)  # the page may still be bringing it into view
            state = page.evaluate(_with_look(_FOCUS_STEP))
            if state["hidden"] or state["w"] == 0 or state["h"] == 0 or not state["inView"]:
                where = f"box {round(state['x'])},{round(state['y'])} {round(state['w'])}x{round(state['h'])}"
                problems.append(f"focus is on {state['name']}, which is not visible on the screen ({where})")
                continue
        if state["changes"]:
            continue
        if state["name"] not in looked:
            looked[state["name"]] = _looks_focused(page, state)
        if not looked[state["name"]]:
            problems.append(f"focus on {state['name']} does not change how it looks")
    return stops, problems


def _looks_focused(page, state: dict) -> bool:
    viewport = page.viewport_size
    margin = 6
    clip = {"x": max(state["x"] - margin, 0), "y": max(state["y"] - margin, 0)}
    clip["width"] = min(state["w"] + 2 * margin, viewport["width"] - clip["x"])
    clip["height"] = min(state["h"] + 2 * margin, viewport["height"] - clip["y"])
    handle = page.evaluate_handle("() => document.activeElement")
    focused = page.screenshot(clip=clip, animations="disabled", caret="hide")
    page.evaluate("(el) => el.blur()", handle)
    unfocused = page.screenshot(clip=clip, animations="disabled", caret="hide")
    page.evaluate("(el) => el.focus({preventScroll: true})", handle)
    return focused != unfocused


def pdf_pages(pdf: bytes) -> int:
    """Number of pages in a PDF that chromium wrote."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


_PRINT_STATE = """() => {
    const shown = sel => { const el = document.querySelector(sel); return !!el && getComputedStyle(el).display !== 'none'; };
    const sources = [...document.querySelectorAll('.ss-sources a[href^="http"]')];
    return {
        header: shown('.md-header'), sidebar: shown('.md-sidebar--primary'), footer: shown('.md-footer'),
        sources: shown('.ss-sources'),
        urlsPrinted: sources.every(a => getComputedStyle(a, '::after').content.includes(a.getAttribute('href'))),
        links: sources.length,
    };
}"""


def print_state(page) -> dict:
    page.emulate_media(media="print")
    try:
        return page.evaluate(_PRINT_STATE)
    finally:
        page.emulate_media(media="null")  # "null" ends the emulation; None would leave it on
