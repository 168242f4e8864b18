"""Debian's chromium under Playwright, with every request and console message logged.

Requests to any host other than the site's own are aborted before they leave the machine
and recorded: the gate must pass offline, and a page that needs a third party fails it.
Every Content-Security-Policy violation a page reports (its securitypolicyviolation events,
collected by a script that runs before the page's own) is recorded too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
NARROWEST = {"width": 320, "height": 640}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}


# The gate's own scripts and styles (axe-core, a sheet that stops animations) are put into a page
# as files of the page's own origin, under /__gate/, answered by the context's route: the site's
# Content-Security-Policy allows no inline script or style (what add_script_tag(content=...) and
# add_style_tag(content=...) write), and bypassing the policy would hide what it blocks.
GATE_PATH = "/__gate/"
_GATE_FILES: dict[str, tuple[str, bytes]] = {}


def _gate_url(page, name: str, content_type: str, body: bytes) -> str:
    _GATE_FILES[name] = (content_type, body)
    parts = urlsplit(page.url)
    return f"{parts.scheme}://{parts.netloc}{GATE_PATH}{name}"


def add_gate_script(page, name: str, body: bytes) -> None:
    page.add_script_tag(url=_gate_url(page, name, "text/javascript; charset=utf-8", body))


def add_gate_style(page, name: str, body: str) -> None:
    page.add_style_tag(url=_gate_url(page, name, "text/css; charset=utf-8", body.encode("utf-8")))


def launch_chromium(playwright):
    # Playwright gives each context a fresh profile, the equivalent of a new --user-data-dir.
    return playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)


@dataclass
class NetLog:
    """What a browser context asked for and what its pages complained about."""

    origin: str
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_reports: list[dict] = field(default_factory=list)
    current: str = ""

    def own(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return True
        return f"{parts.scheme}://{parts.netloc}" == self.origin

    def problems(self) -> list[str]:
        return ([f"request to another host: {u}" for u in self.foreign]
                + [f"failed request: {u}" for u in self.failed]
                + [f"console error: {m}" for m in self.console_errors]
                + [f"JavaScript error: {m}" for m in self.page_errors]
                + [f"Content-Security-Policy violation: {describe_csp(r)}" for r in self.csp_reports])


# Runs in every document before its own scripts: each violation of the page's policy is handed
# to Python at once (a report kept in the page would be lost when the next page loads).
_CSP_LISTENER = """document.addEventListener("securitypolicyviolation", function (e) {
  window.__ssCspReport({page: location.href, directive: e.effectiveDirective, blocked: e.blockedURI,
                        sample: e.sample, source: e.sourceFile, line: e.lineNumber, disposition: e.disposition});
}, true);"""


def describe_csp(report: dict) -> str:
    return (f"{report['directive']} blocked {report['blocked'] or '?'} at {report['source']}:{report['line']} "
            f"({report['sample']!r}, on {report['page']})")


def new_context(browser, origin: str, viewport: dict, **options):
    """A fresh context whose requests and console are logged into context.netlog."""
    context = browser.new_context(viewport=viewport, **options)
    log = NetLog(origin.rstrip("/"))
    context.netlog = log

    def route(route_):
        url = route_.request.url
        log.requests.append(url)
        try:
            gate_file = _GATE_FILES.get(urlsplit(url).path.removeprefix(GATE_PATH)) \
                if urlsplit(url).path.startswith(GATE_PATH) else None
            if log.own(url) and gate_file:
                route_.fulfill(status=200, content_type=gate_file[0], body=gate_file[1])
            elif log.own(url):
                route_.continue_()
            else:
                log.foreign.append(f"{url} (from {log.current})")
                route_.abort("blockedbyclient")
        except Exception:
            pass

    context.route("**/*", route)
    context.expose_binding("__ssCspReport", lambda source, report: log.csp_reports.append(report))
    context.add_init_script(_CSP_LISTENER)

    def on_page(page):
        def on_console(message):
            if message.type == "error":
                log.console_errors.append(f"{message.text} (on {page.url})")

        def on_response(response):
            if response.status >= 400:
                log.failed.append(f"{response.status} {response.url} (from {page.url})")

        def on_failed(request):
            # ERR_ABORTED: the page was left before the request finished (the next visit began).
            if log.own(request.url) and request.failure != "net::ERR_ABORTED":
                log.failed.append(f"{request.failure} {request.url} (from {page.url})")

        page.on("console", on_console)
        page.on("pageerror", lambda error: log.page_errors.append(f"{error} (on {page.url})"))
        page.on("response", on_response)
        page.on("requestfailed", on_failed)

    context.on("page", on_page)
    return context


def settle(page) -> None:
    """Wait until the page has loaded, fonts are ready and no CSS transition is running."""
    page.wait_for_load_state("load")
    page.evaluate("""async () => {
        await document.fonts.ready;
        const running = () => document.getAnimations().filter(a => a.playState === 'running');
        for (let i = 0; i < 40 && running().length; i++) await new Promise(r => setTimeout(r, 50));
        await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    }""")


def focus_from_top(page) -> None:
    """Make the next Tab start from the top of the page, whatever was focused or printed before.

    (After page.pdf() chromium starts the next sequential focus navigation where the last one
    ended, even on a newly loaded page; a focused and removed element at the top resets that.)
    """
    page.evaluate("""() => {
        if (document.activeElement) document.activeElement.blur();
        const start = document.createElement('span');
        start.tabIndex = -1;
        document.body.prepend(start);
        start.focus({preventScroll: true});
        start.blur();
        start.remove();
        window.scrollTo(0, 0);
    }""")
