"""MkDocs wiring for the strategy pages. Only events live here; the work is in strategy_site."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from strategy_site import alternates
from strategy_site.errors import StrategyDataError
from strategy_site.generate import ensure_generated


def on_pre_build(config, **kwargs) -> None:
    try:
        ensure_generated(Path(config.config_file_path).parent, Path(config.docs_dir))
    except StrategyDataError as err:
        raise PluginError(err.report()) from None


def on_page_context(context, page, config, nav, **kwargs):
    # static-i18n (priority 50) has already pointed config.extra.alternate at this page's
    # translations; hooks run at priority 0, after it.
    context["ss_alternates"] = alternates.absolute(config.site_url, getattr(config.extra, "alternate", None) or [])
    return context
