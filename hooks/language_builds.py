"""MkDocs wiring for building the languages side by side. The work is in strategy_site/parallel.py.

A hook file of its own, listed after strategy_hooks.py in mkdocs.yml, so the benchmark can
give plain MkDocs the same fork without the rest of the project.
"""

from __future__ import annotations

from mkdocs.plugins import CombinedEvent, event_priority

from strategy_site.mkdocs import parallel, preview

_languages = parallel.LanguageBuilds()


def on_startup(command, dirty, **kwargs) -> None:
    # the incremental preview (`serve --dirty`, preview.IncrementalBuilds) keeps each language's
    # output between builds in site_dir: the other languages are built alongside (on_nav)
    _languages.forking = not (command == "serve" and dirty)


@event_priority(-10)  # after strategy_hooks.py (0) has generated the pages the forked builds read
def on_pre_build(config, **kwargs) -> None:
    _languages.start(config)
    if preview.incremental.enabled:
        _languages.start_alongside(config, preview.incremental)


@event_priority(-105)  # in a build alongside: after static-i18n (-100), before strategy_hooks.py decides (-110)
def _wait_for_release(nav, config, files, **kwargs):
    _languages.wait_for_release()
    return nav


@event_priority(-120)  # after strategy_hooks.py (-110) has decided which output the preview keeps
def _release(nav, config, files, **kwargs):
    _languages.release(config)
    return nav


on_nav = CombinedEvent(_wait_for_release, _release)


@event_priority(-50)  # before static-i18n (-100), which would build the other languages one after the other
def _post_build_before_i18n(config, **kwargs) -> None:
    _languages.before_i18n_post_build(config)


@event_priority(-150)  # after static-i18n (-100): the other languages' directories and sitemaps join the site
def _post_build_after_i18n(config, **kwargs) -> None:
    preview.incremental.take(_languages.finish(config))  # before strategy_hooks.py merges the search index (-200)


on_post_build = CombinedEvent(_post_build_before_i18n, _post_build_after_i18n)


def on_build_error(error, **kwargs) -> None:
    _languages.abandon()


def on_shutdown(**kwargs) -> None:
    _languages.remove_alongside_dirs()
