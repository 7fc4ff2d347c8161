"""MkDocs hook: corrections to Material's templates. Its base.html writes autocomplete="off" on two
checkboxes (outside any block), which HTML forbids there; docs/assets/toggles.js does its job. The
source is corrected once, as it is loaded; if Material changed those lines, the build stops here."""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

GENERATOR_TEMPLATES = Path(__file__).resolve().parent.parent / "overrides" / "hub"
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


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """overrides/hub/ holds the generator's templates, no assets (resolved: `-f` may be relative)."""
    for file in list(files):
        if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(GENERATOR_TEMPLATES):
            files.remove(file)
    return files


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    assert env.loader is not None, "MkDocs' theme environment always has a loader"
    env.loader = ValidBaseTemplate(env.loader)
    return env
