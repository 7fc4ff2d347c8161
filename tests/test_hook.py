"""The hooks load the way MkDocs loads them, and stay the only modules that know MkDocs."""

from __future__ import annotations

import ast
import sys

import jinja2
import pytest
from support import ROOT

HOOK_FILES = ("msdz_mkdocs.py", "msdz_theme.py", "msdz_serve.py")


def test_mkdocs_loads_the_hooks_and_their_package_from_hooks():
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    hooks = {name.rsplit("/", 1)[-1]: plugin for name, plugin in config.plugins.items() if name.startswith("hooks/")}
    assert set(hooks) == set(HOOK_FILES)
    for event in ("on_pre_build", "on_files", "on_env", "on_shutdown"):
        assert callable(getattr(hooks["msdz_mkdocs.py"], event))
    assert callable(hooks["msdz_theme.py"].on_env) and callable(hooks["msdz_serve.py"].on_serve)
    package = sys.modules["msdz_hub"]
    assert package.__file__.startswith(str(ROOT / "hooks" / "msdz_hub"))


def _imports(path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_only_the_hook_files_import_mkdocs():
    for path in (ROOT / "hooks" / "msdz_hub").rglob("*.py"):
        assert not any(n == "mkdocs" or n.startswith("mkdocs.") for n in _imports(path)), path
    assert {path.name for path in (ROOT / "hooks").glob("*.py")} == set(HOOK_FILES)


def _theme_hook():
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return next(plugin for name, plugin in config.plugins.items() if name.endswith("msdz_theme.py"))


def _theme_loader(base_html: str) -> jinja2.BaseLoader:
    """The loader the theme hook gives MkDocs' theme environment, over a stand-in base.html."""
    environment = jinja2.Environment(loader=jinja2.DictLoader({"base.html": base_html}))
    loader = _theme_hook().on_env(environment, None, None).loader
    assert loader is not None
    return loader


def test_the_base_template_correction_removes_the_invalid_attribute():
    from msdz_hub.engine.theme_fixes import INVALID_CHECKBOXES

    loader = _theme_loader("".join(f"{invalid}\n" for invalid, _ in INVALID_CHECKBOXES))
    corrected, _, _ = loader.get_source(jinja2.Environment(), "base.html")
    assert "autocomplete" not in corrected and corrected.count('class="md-toggle"') == 2


def test_a_changed_material_base_template_stops_the_build_with_the_reason():
    from mkdocs.exceptions import PluginError

    from msdz_hub.engine.theme_fixes import INVALID_CHECKBOXES

    loader = _theme_loader(INVALID_CHECKBOXES[0][0] + "\n<input data-md-toggle=search>")
    with pytest.raises(PluginError, match="base.html hat sich geändert"):
        loader.get_source(jinja2.Environment(), "base.html")
