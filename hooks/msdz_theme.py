"""MkDocs hook: Material's templates as HTML allows them (msdz_hub.engine.theme_fixes)."""

from __future__ import annotations

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from msdz_hub.engine.theme_fixes import ValidBaseTemplate


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    assert env.loader is not None, "MkDocs' theme environment always has a loader"
    env.loader = ValidBaseTemplate(env.loader, PluginError)
    return env
