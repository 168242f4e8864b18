"""Validated model → Markdown pages (front matter + escaped HTML) for MkDocs to build.

Pages are plain files so any Markdown tool can build them and static-i18n treats them as
hand-written pages (generated in-memory pages are dropped or crash it). The body is one
raw HTML block: Python-Markdown passes it through untouched, so text from YAML is never
read as Markdown, and Jinja's autoescape makes sure it is never read as HTML either.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import hashlib
import json
import re
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..input.dates import build_date, on_day
from ..input.history import History
from ..input.labels import format_date, format_number, label, label_counted
from ..input.load import Catalogue
from ..input.model import LANGS, Organisation, Strategy
from ..input.vocabulary import VOCABULARY_FILE
from ..views.municipalities import municipalities_of, municipality_sources
from ..views.queries import latest_strategy, newest_source, plain, view
from .drawn import KeptDrawings, of_organisation
from .links import PageLinks
from .sections import SECTIONS

TEMPLATES = Path(__file__).with_name("templates")
GENERATED_MARK = "<!-- generated from strategies/ by hooks/strategy_site: edit the YAML, not this file -->"


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between builds, in Jinja's per-user cache folder.

    Compiling was half of a small site's render time. Jinja recompiles a template whose
    source changed; the file names carry a digest of this module, whose options the
    compiled code depends on, so changing them cannot bring back old code.
    """
    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    try:
        return jinja2.FileSystemBytecodeCache(pattern=f"strategy-site-{digest}-%s.cache")
    except (OSError, RuntimeError):  # no writable temporary folder: compile every time
        return None


@functools.cache  # one per process
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # templates do not change during a build; checking their mtimes on every import
        # statement was the renderer's largest cost
        auto_reload=False,
        finalize=_keep_newlines,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["date"] = lambda d, lang: format_date(d, lang) if d else ""
    env.filters["number"] = format_number
    env.filters["lines"] = _lines
    env.filters["quoted"] = _quoted
    env.filters["full_stop"] = _full_stop
    env.filters["heading_case"] = _heading_case
    env.globals["LANGS"] = LANGS
    return env


def compile_templates() -> None:
    """Compile (or load from the bytecode cache) every page template in this process, so that
    processes forked afterwards (mkdocs/parallel.py) share the compiled code instead of each
    compiling its own."""
    env = _environment()
    for name in env.list_templates(filter_func=lambda name: name.endswith(".html.j2")):
        env.get_template(name)


def _keep_newlines(value):
    """Escape plain text here, with its line breaks as &#10;: the same text to a browser, but no
    raw newline from the data reaches the HTML, where `_compact` would drop a blank line of it."""
    # most outputs have no newline: autoescape escapes them as usual (this runs for every {{ }})
    if type(value) is str and "\n" in value:
        return Markup(str(escape(value)).replace("\n", "&#10;"))
    return value


_QUOTE = re.compile(r"\[(fi|sv|en): ([^\]]+)\]")


def _quoted(value: str) -> Markup:
    """Editorial notes and the site's own translations may quote the original in another language
    as [sv: ...]; the quote gets its own lang attribute so screen readers pronounce it right
    (WCAG 3.1.2). An official text is shown as the source gives it."""
    out, last = [], 0
    for match in _QUOTE.finditer(value):
        out.append(_lines(value[last:match.start()]))
        out.append(Markup('<span lang="{}">{}</span>').format(match[1], _lines(match[2])))
        last = match.end()
    out.append(_lines(value[last:]))
    return Markup("").join(out)


def _full_stop(value: str) -> str:
    """The full stop after a title in a source list, unless the title already ends in one
    (a title such as "... 22.9." would otherwise read "22.9..")."""
    return "" if value.endswith((".", "!", "?", "…")) else "."


_FIRST_LETTER = re.compile(r"^((?:<[^>]*>)*)(\w)")


def _heading_case(html: str) -> Markup:
    """A name that opens a heading starts with a capital letter ("Välfärdssamkommunen i
    Österbotten"), though the name reads in lower case inside a sentence; the letter is the first
    one outside a tag (a fallback text is wrapped in its own span)."""
    return Markup(_FIRST_LETTER.sub(lambda m: m[1] + m[2].upper(), str(html), count=1))


def _out(value) -> Markup:
    """A value as a template's {{ value }} writes it (finalize, then autoescape)."""
    return escape(_keep_newlines(value))


def _text(v, editorial: bool, label_in_lang) -> Markup:
    """An organisation's text as the reader sees it (queries.view gives `v`): in the other language
    with its own lang and a mark, or the site's translation with its mark, or as it is; an editorial
    text may quote the original ([sv: ...], _quoted).

    The pages' most frequent piece (some 70 per organisation page), so it is drawn here, as the
    filters above are, rather than by a template macro: the same markup at a fraction of a
    macro call's cost. Templates call it as text(t) or text(t, editorial=True)."""
    if v.fallback:
        return Markup('<span lang="{}">{}</span>').format(_out(v.lang), _lines(v.value)) + _mark(v, label_in_lang)
    if v.translated:
        return _quoted(v.value) + _mark(v, label_in_lang)
    if editorial:
        return _quoted(v.value)
    return _lines(v.value)


def _wording(v, label_in_lang) -> Markup:
    """An organisation's own wording on a comparison page, in quotation marks (<q>), with the mark
    of the site's translation or of the other language after them; drawn here like _text, as
    the comparison pages hold tens of thousands of them."""
    if v.fallback:
        return Markup('<q lang="{}">{}</q>').format(_out(v.lang), _lines(v.value)) + _mark(v, label_in_lang)
    if v.translated:
        return Markup("<q>{}</q>").format(_lines(v.value)) + _mark(v, label_in_lang)
    return Markup("<q>{}</q>").format(_lines(v.value))


def _mark(v, label_in_lang) -> Markup:
    """The mark after a text in the other language (which one) or in the site's own translation."""
    if v.fallback:
        return Markup(' <span class="ss-mark ss-mark--fallback">{}</span>').format(_out(label_in_lang("fallback_" + v.lang)))
    return Markup(' <span class="ss-mark ss-mark--translated">{}</span>').format(_out(label_in_lang("translated")))


def _lines(value: str) -> Markup:
    """Paragraph breaks become <br><br>, line breaks <br>; everything else is escaped."""
    return Markup("<br>").join(escape(part) for part in value.split("\n"))


class Renderer:
    def __init__(self, catalogue: Catalogue, changed_on: dict | None = None, languages: tuple[str, ...] = LANGS,
                 history: History | None = None, today: dt.date | None = None, map_file: Path | None = None,
                 kept: KeptDrawings | None = None):
        self.catalogue = catalogue
        self.today = today or build_date()  # the day the site describes (dates.build_date)
        self.map_file = map_file  # the home page's map; None: vocabulary/map.yaml
        self.changed_on = changed_on or {}  # slug -> date of the last commit to its file
        self.history = history or History(False)  # the change log of the data (input/history.read_history)
        self.languages = languages  # the languages whose pages pages() renders
        self.env = _environment()
        self._states: dict = {}  # (id(org), id(strategy)) -> (org, strategy, its state): state()
        self._collect_after_page = False  # set while pages() pauses the garbage collector
        # (language, "compare" or "coverage") -> the whole tables pages() published as CSV files, for
        # the open data's description of them (opendata.metadata_files), which need not compute them again
        self.published_tables: dict[tuple[str, str], list] = {}
        # the preview's drawings kept between saves (drawn.py): organisation pages, table rows, wordings
        self.kept = kept
        # what is kept is also keyed by the vocabulary (the comparisons' concepts), read once per render
        self._vocabulary_key = _vocabulary_digest() if kept is not None else b""

    def _drawer(self, lang: str):
        """The templates' drawn_once(macro, value): macro(value), or, in the preview, what it drew
        before from an equal value (drawn.KeptDrawings)."""
        kept = self.kept
        if kept is None:
            return lambda macro, value: macro(value)
        return lambda macro, value: Markup(kept.drawing((macro.name, lang, value), lambda: macro(value)))

    def _organisation_drawer(self, lang: str, at: str | None):
        """The templates' drawn_for(org, names, macro, *values): macro(*values), or, in the preview,
        what it drew before for the same organisation's model (the key its file was loaded under,
        which holds the build date: a strategy's state), the same names (what the values are: the
        comparison's field and concept, or the part of a page), on the same page (its links are
        relative to it), in the same language, with the same vocabulary. The macro must draw from
        the organisation's model alone."""
        kept, catalogue, vocabulary = self.kept, self.catalogue, self._vocabulary_key

        def drawn_for(org: Organisation, names: tuple, macro, *values) -> Markup:
            return Markup(of_organisation(kept, catalogue, org, (macro.name, lang, vocabulary, names, at),
                                          lambda: macro(*values)))

        return drawn_for

    def organisation_page(self, org: Organisation, lang: str, path: str, draw) -> str:
        """draw(), or the page drawn before from the same things: the organisation's model (the key
        its file was loaded under), the build date, the date of its file's last commit, its entries
        in the change log and the vocabulary of its version changes. The templates and labels do
        not change while a process runs (the preview restarts when they do)."""
        return of_organisation(self.kept, self.catalogue, org,
                               (path, lang, self.today, self.changed_on.get(org.slug), self.history.available,
                                repr(self.history.of(org.slug)), self._vocabulary_key), draw)

    def pages(self) -> dict[str, str]:
        """Every page in the renderer's languages: {docs-relative path: page content}."""
        out: dict[str, str] = {}
        with _young_collections_only() as paused:
            self._collect_after_page = paused
            try:
                for section in SECTIONS:
                    out.update(section(self))
            finally:
                self._collect_after_page = False
        return out

    def state(self, org: Organisation, strategy: Strategy | None = None):
        """The state on the build date of a version, by default of the one lists show (latest_strategy)."""
        from ..views.state import strategy_state

        strategy = strategy or latest_strategy(org)
        # the pages ask for each state several times; the models do not change during a render
        key = (id(org), id(strategy))
        if key not in self._states:
            self._states[key] = (org, strategy, strategy_state(org, strategy, self.today))
        return self._states[key][2]

    def page(self, template: str, lang: str, title: str, description: str, feeds: list | None = None,
             at: str | None = None, **context) -> str:
        """Render one generated page (front matter + HTML body) with the shared context; `at` names the
        page (addresses.py) for the links it draws (links.PageLinks)."""
        def label_in_lang(key: str, **values) -> str:
            return label(key, lang, **values)

        def label_counted_in_lang(key: str, count: int, **values) -> str:
            return label_counted(key, count, lang, **values)

        def text_view(text, editorial: bool = False):
            return view(text, lang, editorial)

        def text_in_lang(text, editorial: bool = False) -> Markup:
            return _text(view(text, lang, editorial), editorial, label_in_lang)

        def wording_in_lang(text) -> Markup:
            return _wording(view(text, lang), label_in_lang)

        # a part of a split page (views/parts.py) is drawn for its own organisations
        catalogue = context.pop("catalogue", self.catalogue)
        body = self.env.get_template(template).render(
            lang=lang, label=label_in_lang, label_counted=label_counted_in_lang, text_view=text_view, text=text_in_lang,
            wording=wording_in_lang, catalogue=catalogue, drawn_once=self._drawer(lang),
            drawn_for=self._organisation_drawer(lang, at),
            latest_strategy=latest_strategy,
            state=self.state, today=self.today,
            built_on=on_day(self.today),
            newest_source=newest_source,
            municipalities_of=lambda org: municipalities_of(org, lang),
            municipality_sources=lambda org: municipality_sources(org, lang),
            plain=lambda text: plain(text, lang), **(PageLinks.of_page(at, lang).template_globals() if at else {}),
            **context)
        if self._collect_after_page:
            # the collector is paused for the render (_young_collections_only): this page's
            # garbage is young, and so is most of what it references
            gc.collect(0)
        # json.dumps gives a valid YAML double-quoted scalar; the theme prints titles unescaped,
        # so the title is escaped for HTML here (text rules already refuse markup).
        # Generated pages carry their own in-page navigation; the theme's table of contents
        # would only narrow the tables.
        front = (f"---\ntitle: {json.dumps(str(escape(title)), ensure_ascii=False)}\n"
                 f"description: {json.dumps(str(escape(description)), ensure_ascii=False)}\n"
                 "hide:\n  - toc\n" + _feeds_meta(feeds) + "---\n")
        return front + GENERATED_MARK + "\n\n" + _compact(body) + "\n"


def _vocabulary_digest() -> bytes:
    return hashlib.sha256(VOCABULARY_FILE.read_bytes()).digest() if VOCABULARY_FILE.is_file() else b""



@contextlib.contextmanager
def _young_collections_only():
    """Pause the cyclic garbage collector's own collections for a render; page() collects the
    youngest generation after each page.

    A rendered page leaves cycles behind (Jinja's context and the macros that point to it), and
    with them everything the context referenced: the page's tables and views. The collector's
    own full collections went through every object alive again and again, a quarter of the
    render's time at N = 1000; the youngest generation after a page holds little more than
    what that page made, so its garbage goes as before, at a fraction of the cost. What survives
    is collected as usual once the render ends. Yields whether it paused the collector (not when
    the caller had: theirs to resume, and theirs to collect)."""
    if not gc.isenabled():
        yield False
        return
    gc.disable()
    try:
        yield True
    finally:
        gc.enable()


def _feeds_meta(feeds: list | None) -> str:
    """Front matter naming the page's Atom feeds (href relative to the page, title); the theme's
    main.html turns it into <link rel="alternate" type="application/atom+xml">."""
    if not feeds:
        return ""
    lines = ["feeds:\n"]
    for href, title in feeds:
        lines.append(f"  - href: {json.dumps(href)}\n    title: {json.dumps(str(escape(title)), ensure_ascii=False)}\n")
    return "".join(lines)


def _compact(html: str) -> str:
    # A blank line could end Python-Markdown's raw HTML block early; the templates' blank
    # lines carry no meaning, and texts never contain one (line breaks become <br>).
    return "\n".join(line for line in html.splitlines() if line.strip())
