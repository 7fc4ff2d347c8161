"""Corrections to Material's templates, applied as the theme's Jinja loader reads them.

Material's base.html writes autocomplete="off" on two checkboxes (outside any block), which HTML
forbids there; docs/assets/toggles.js does its job. If Material changed those lines, the loader
raises the engine's error (the hook passes it in), so the build stops with the reason.
"""

from __future__ import annotations

import jinja2

_TOGGLE = '<input class="md-toggle" data-md-toggle="{0}" type="checkbox" id="__{0}"'
INVALID_CHECKBOXES = [
    (_TOGGLE.format(n) + ' autocomplete="off">', _TOGGLE.format(n) + ">") for n in ("drawer", "search")
]


class ValidBaseTemplate(jinja2.BaseLoader):
    """The theme's loader, with base.html's two checkboxes corrected."""

    def __init__(self, loader: jinja2.BaseLoader, error: type[Exception] = ValueError):
        self.loader, self.error = loader, error

    def get_source(self, environment: jinja2.Environment, template: str):
        source, filename, uptodate = self.loader.get_source(environment, template)
        if template == "base.html":
            for invalid, valid in INVALID_CHECKBOXES:
                if invalid not in source:
                    message = f"Materials base.html hat sich geändert ({filename}): {invalid!r} fehlt."
                    raise self.error(message + " Bitte hooks/msdz_hub/engine/theme_fixes.py anpassen.")
                source = source.replace(invalid, valid)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()
