"""MkDocs hook: corrections to Material's templates. Its base.html writes autocomplete="off" on two
checkboxes (outside any block), which HTML forbids there; docs/assets/toggles.js does its job. The
source is corrected once, as it is loaded; if Material changed those lines, the build stops here.
A record's sitemap <lastmod> is its last change, not the build's."""

from __future__ import annotations

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

_TOGGLE = '<input class="md-toggle" data-md-toggle="{0}" type="checkbox" id="__{0}"'
INVALID_CHECKBOXES = [
    (_TOGGLE.format(n) + ' autocomplete="off">', _TOGGLE.format(n) + ">") for n in ("drawer", "search")
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
                    message = f"Materials base.html hat sich geändert ({filename}): {invalid!r} fehlt."
                    raise PluginError(message + " Bitte hooks/msdz_theme.py anpassen.")
                source = source.replace(invalid, valid)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    assert env.loader is not None, "MkDocs' theme environment always has a loader"
    env.loader = ValidBaseTemplate(env.loader)
    return env


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    if page.meta.get("hub_changed"):  # a record's sitemap <lastmod>: its last change, not the build's
        page.update_date = str(page.meta["hub_changed"])
    return markdown
