"""The Monatsbrief's pages (views/letters.py): the archive, each letter, and each letter's
plain-text twin for a newsletter tool or an e-mail, from templates/monatsbrief/."""

from __future__ import annotations

import jinja2

from ..core.settings import SiteSettings
from ..views.letters import Letter
from . import text
from .renderer import TEMPLATES, Renderer


def _text_environment(settings: SiteSettings) -> jinja2.Environment:
    """Plain text: nothing is escaped (nothing here is read as markup), every link absolute."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(date_de=text.format_date, absolute_path=settings.absolute)
    env.globals.update(site=settings)
    return env


class LetterPages:
    def __init__(self, renderer: Renderer):
        self._renderer = renderer
        self._text = _text_environment(renderer.settings)

    def archive(self, letters: list[Letter]) -> str:
        return self._renderer.render("monatsbrief/archiv.md", letters=letters)

    def letter(self, letter: Letter) -> str:
        return self._renderer.render("monatsbrief/brief.md", letter=letter)

    def plain_text(self, letter: Letter) -> str:
        return self._text.get_template("monatsbrief/brief.txt").render(letter=letter)
