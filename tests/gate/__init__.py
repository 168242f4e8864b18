"""The public-site gate: real checkers run against the built site.

Each module wraps one checker and returns plain findings (lists of dicts or strings), so the
gate (tests/test_gate.py) and the tests of the gate itself (tests/test_gate_selftest.py) use
them the same way:

    axe.py      axe-core (node_modules/axe-core), WCAG 2.1 A and AA rules, inside the page
    vnu.py      the Nu Html Checker (node_modules/vnu-jar, run with Java): HTML and CSS errors
    links.py    internal links and #fragments over the built files, and the sitemap's URLs
    browser.py  Debian's chromium under Playwright; every request and console message logged,
                requests to other hosts blocked and reported
    states.py   interactive states: search with results, language menu, mobile navigation, skip link
    layout.py   reflow at 320 px, text zoom 200 %, visible focus (every element, and a real Tab
                walk), printing to A4
    meta.py     <html lang>, description, canonical, hreflang, sitemap; language of text blocks
    text.py     a page's text in blocks with the language its markup gives them
    server.py   python3 -m http.server on a free port of 127.0.0.1
    report.py   counts per checker for the summary at the end of the test run

Run only the gate:  python3 build.py test tests/test_gate.py tests/test_gate_selftest.py
Without a browser:   python3 build.py test -m "not browser"
"""
