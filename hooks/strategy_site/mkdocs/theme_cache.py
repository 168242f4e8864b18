"""The theme's compiled templates, kept between builds in Jinja's per-user cache folder, and its files listed once.

MkDocs makes a new Jinja environment for every build (and static-i18n's every language), so
every build compiled Material's templates again: about half a second a process, most of a
small site's theme time (benchmarks/results.md). Every environment the theme makes (for the
pages, and the one the search plugin renders its language template with) gets a Jinja bytecode
cache, as pages/render.py gives the project's own templates (set up in hooks/strategy_hooks.py
through internals.set_up_theme_environments).

Jinja recompiles a template whose source changed, and its cache files carry Jinja's and
Python's versions (a template is found by its name and file path, so a fresh copy of the
project compiles its own templates once). The compiled code also depends on the environment's options and
extensions, so their digest is part of the file names: an environment set up differently can
never load another's code.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sysconfig

import jinja2

_OPTIONS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
            "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
            "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized")


def _settings(env: jinja2.Environment) -> str:
    def named(value) -> str:  # a function by its name, not its address
        return getattr(value, "__module__", "") + "." + getattr(value, "__qualname__", repr(value))

    options = [f"{name}={getattr(env, name)!r}" for name in _OPTIONS]
    options.append(f"autoescape={named(env.autoescape) if callable(env.autoescape) else env.autoescape!r}")
    options.append(f"finalize={named(env.finalize) if env.finalize else None}")
    options.append("extensions=" + ",".join(sorted(env.extensions)))
    return ";".join(options)


def keep_compiled(env: jinja2.Environment) -> jinja2.Environment:
    """Give the theme's environment a bytecode cache of its own (none if no cache folder is writable)."""
    if env.bytecode_cache is not None:
        return env
    digest = hashlib.sha256(_settings(env).encode()).hexdigest()[:16]
    with contextlib.suppress(OSError, RuntimeError):  # no writable temporary folder: compile every time, as before
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(pattern=f"strategy-site-theme-{digest}-%s.cache")
    return env


class ThemeFolders(jinja2.FileSystemLoader):
    """The theme's template loader, listing an installed theme's files once per process.

    Every build (and every language's) lists the theme's folders to copy their static files:
    Material's folders hold some 14,000 files, almost all icons in hidden folders, and MkDocs
    checks each name against a dozen patterns, a tenth of a small site's rebuild in the
    preview. The folders of installed packages do not change while a process runs, so each is
    walked once; the project's own overrides are walked every time (an editor may add a file).
    Names in hidden folders are left out: MkDocs' filter drops every one of them ('.*', '*/.*')
    and nothing else lists the theme's files. Loading templates is FileSystemLoader's own.
    """

    def list_templates(self) -> list[str]:
        names: set[str] = set()
        for folder in self.searchpath:
            names.update(_installed_listing(folder) if _is_installed(folder) else _listing(folder))
        return sorted(names)


def _listing(folder: str) -> list[str]:
    return [name for name in jinja2.FileSystemLoader(folder).list_templates()
            if not name.startswith(".") and "/." not in name]


_installed_listing = functools.lru_cache(maxsize=None)(_listing)


@functools.cache
def _is_installed(folder: str) -> bool:
    installed = os.path.realpath(sysconfig.get_paths()["purelib"])
    folder = os.path.realpath(folder)
    return os.path.commonpath([folder, installed]) == installed
