"""MkDocs hook (mkdocs.yml ``hooks:``): corrections to Material's templates.

Material's base.html (no block or partial around them) writes autocomplete="off" on two
checkboxes, where the HTML standard does not allow it; docs/assets/toggles.js does its job instead.
The source is corrected once as it is loaded, not on every page it renders. Should Material change
those lines, the build stops here with the reason, rather than publish what the checker rejects.
"""

from __future__ import annotations

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

INVALID_CHECKBOXES = [
    (
        f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">',
        f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}">',
    )
    for name in ("drawer", "search")
]


class ValidBaseTemplate(jinja2.BaseLoader):
    """The theme's loader, with base.html's two checkboxes corrected."""

    def __init__(self, loader: jinja2.BaseLoader):
        self.loader = loader

    def get_source(self, environment: jinja2.Environment, template: str):
        source, filename, uptodate = self.loader.get_source(environment, template)
        if template == "base.html":
            for invalid, valid in INVALID_CHECKBOXES:
                if invalid not in source:
                    raise PluginError(
                        f"Materials base.html hat sich geändert ({filename}): die Zeile {invalid!r} fehlt. "
                        "Bitte die Korrektur in hooks/msdz_theme.py anpassen."
                    )
                source = source.replace(invalid, valid)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    assert env.loader is not None, "MkDocs' theme environment always has a loader"
    env.loader = ValidBaseTemplate(env.loader)
    return env
