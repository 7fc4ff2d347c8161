"""The map of the package, written twice for readers (the package docstring and the README's „Aufbau“), names every layer folder in flow order."""

from __future__ import annotations

from support import ROOT
from test_imports import FOLDERS, LAYERS, PACKAGE, layer_of

# -- the map of the package, written twice for readers -------------------------------------------


def _folders_named(text: str, prefix: str) -> list[str]:
    """Folder names in the order a text names them (``prefix`` + name + ``/``)."""
    import re

    return [m for m in re.findall(rf"{re.escape(prefix)}(\w+)/", text) if m != "templates"]


def test_the_package_docstring_and_the_readme_name_every_folder_in_flow_order():
    import msdz_hub

    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## Aufbau\n")[1].split("\n## ")[0]
    in_readme = list(dict.fromkeys(_folders_named(readme, "`hooks/msdz_hub/")))
    in_docstring = _folders_named(msdz_hub.__doc__ or "", "\n    ")
    assert in_docstring == in_readme == list(FOLDERS), (in_docstring, in_readme)
    layers = [layer_of(f"{PACKAGE}.{name}", LAYERS) for name in FOLDERS]
    assert layers == sorted(layers), "FOLDERS lists the folders in another order than LAYERS"
