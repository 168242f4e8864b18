"""MkDocs wiring for the strategy pages. Only events live here; the work is in strategy_site."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

from strategy_site.input.errors import StrategyDataError, warnings_report
from strategy_site.mkdocs import (
    alternates,
    handout,
    internals,
    postbuild,
    prerendered,
    preview,
    redirects,
    security,
    theme_cache,
)
from strategy_site.mkdocs.generate import dated_by, ensure_generated, is_generated, last_warnings
from strategy_site.pages import addresses, fieldref

log = logging.getLogger("mkdocs.hooks.strategies")
_serving = False
_problems: StrategyDataError | None = None


def on_startup(command, dirty, **kwargs) -> None:
    global _serving
    _serving = command == "serve"
    # `build.py serve` asks for --dirty: rebuild only the pages that changed (preview.IncrementalBuilds)
    if _serving and dirty:
        preview.incremental.enable()
    if _serving:
        preview.end_cleanly_on_stop_signals()


_stop_watching = None


def on_serve(server, config, builder, **kwargs):
    global _stop_watching
    _stop_watching = preview.watch_natively(server, config, is_generated)
    return server


def on_shutdown(**kwargs) -> None:
    if _stop_watching is not None:
        _stop_watching()


@event_priority(100)  # before the search plugin's on_config, which renders a theme template
def _theme_before_plugins(config, **kwargs) -> None:
    internals.set_up_theme_environments(config.theme, _theme_environment)


def _theme_environment(env):
    """Every environment the theme makes, in a build and in the preview: its files listed once per
    process, its templates compiled once per machine."""
    env.loader = theme_cache.ThemeFolders(env.loader.searchpath)
    return theme_cache.keep_compiled(env)


def _configure(config, **kwargs):
    config.extra["ss_csp"] = security.policy(preview=_serving)
    # the footer's links (overrides/partials/copyright.html), from the one table of addresses
    config.extra["ss_addresses"] = {lang: addresses.table_for(lang) for lang in ("fi", "sv")}
    return config


on_config = CombinedEvent(_theme_before_plugins, _configure)


@event_priority(-110)  # after static-i18n (-100) has paired the languages' files
def on_files(files, config, **kwargs):
    addresses.relocate_all(files, config.site_dir)
    return files


def _outermost(config) -> bool:
    """Whether this is the default language's build, not static-i18n's build of another language inside it."""
    return "i18n" not in config.plugins or not internals.i18n_building(config.plugins["i18n"])


def _search_plugin(config):
    return config.plugins.get("material/search") or config.plugins.get("search")


def on_pre_build(config, **kwargs) -> None:
    global _problems
    search = _search_plugin(config)
    preview.incremental.start(search, _outermost(config))
    if search is not None and getattr(search, "search_index", None) is not None:
        internals.read_search_sections_with(search, preview.incremental.search_sections())
        internals.index_without_attribute_scan(config.plugins, search)
    try:
        # the preview keeps what it drew from each organisation for the next save
        if ensure_generated(Path(config.config_file_path).parent, Path(config.docs_dir), keep=_serving) and last_warnings():
            # info, not warning: a slip must not fail a strict build; `build.py build` prints them itself
            log.info("\n" + warnings_report(last_warnings()))
        _problems = None
    except StrategyDataError as err:
        if not _serving:
            raise PluginError(err.report()) from None
        # In the preview, keep serving the last good pages and show the problems on them,
        # so an editor sees the message where they look, and the page recovers on the next save.
        if _problems is None or _problems.report() != err.report():
            log.warning("\n" + err.report(preview.OUTCOME))
        _problems = err


@event_priority(-110)  # after static-i18n (-100) has translated the navigation
def on_nav(nav, config, files, **kwargs):
    banner = (_problems.report() if _problems is not None else "") + warnings_report(last_warnings())
    preview.incremental.check(config, files, nav, config.theme.get("language", alternates.DEFAULT_LANG),
                              alternates.DEFAULT_LANG, banner, dated_by().isoformat())
    return nav


@event_priority(-100)  # last: a generated page's HTML skips Markdown as every other handler left it
def on_page_markdown(markdown, page, config, files, **kwargs):
    # the editors' guide: the field reference is generated from the model at every build
    markdown = fieldref.expand(markdown, config.theme.get("language", alternates.DEFAULT_LANG))
    return prerendered.take(markdown, page.file.src_uri)


@event_priority(100)  # first: every other handler sees the generated page's HTML
def on_page_content(html, page, config, files, **kwargs):
    if not prerendered.is_kept(page.file.src_uri):
        return html
    html = prerendered.give_back(html, page.file.src_uri)
    page.present_anchor_ids = prerendered.anchors(html)  # as MkDocs' own scan of the raw HTML finds them
    return html


def on_page_context(context, page, config, nav, **kwargs):
    # static-i18n (priority 50) has already pointed config.extra.alternate at this page's
    # translations; hooks run at priority 0, after it.
    context["ss_alternates"] = alternates.absolute(config.site_url, getattr(config.extra, "alternate", None) or [])
    context["ss_built"] = handout.built_line(context.get("build_date_utc"), config.theme.get("language", "fi"))
    return context


def on_post_page(output, page, config, **kwargs):
    preview.incremental.written(page)
    output = postbuild.strip_toggle_autocomplete(output)
    if not _serving:
        return output
    if _problems is not None:
        return preview.with_problems(output, _problems, config.theme.get("language", "fi"))
    if last_warnings():
        return preview.with_warnings(output, last_warnings(), config.theme.get("language", "fi"))
    return output


_not_found = postbuild.NotFoundPages()


def on_template_context(context, template_name, config, **kwargs):
    if template_name == "404.html":
        # static-i18n sets the attribute (config.extra.alternate = ...), which templates read first
        config.extra.alternate = postbuild.language_homes(config)
    return context


def on_post_template(output, template_name, config, **kwargs):
    if template_name != "404.html":
        return output
    output = postbuild.strip_toggle_autocomplete(output)
    _not_found.keep(config.site_dir, config.theme.get("language", alternates.DEFAULT_LANG), output)
    return output


@event_priority(-200)  # after static-i18n (-100) and language_builds.py (-150): every language is built
def on_post_build(config, **kwargs) -> None:
    _not_found.write(config.site_dir, alternates.DEFAULT_LANG)
    languages = [lang.locale for lang in config.plugins["i18n"].config.languages] if "i18n" in config.plugins else []
    search = _search_plugin(config)
    merged = preview.incremental.finish_language(Path(config.site_dir) / postbuild.SEARCH_INDEX, _outermost(config),
                                                 internals.search_entries(search) if search is not None else None)
    if not preview.incremental.alongside:  # the default language's build writes every language's index
        postbuild.split_search_index(Path(config.site_dir), alternates.DEFAULT_LANG, languages, merged)
    try:  # every language's old addresses, whichever language's build this is (the same bytes each time)
        redirects.write_redirects(Path(config.site_dir), config.site_url or "")
    except RuntimeError as err:
        raise PluginError(str(err)) from None


def on_build_error(error, **kwargs) -> None:
    preview.incremental.forget()  # the next build builds every page
