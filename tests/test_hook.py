"""The hook loads the way MkDocs loads it, and stays the only module that knows MkDocs."""

from __future__ import annotations

import ast
import sys

from support import ROOT


def test_mkdocs_loads_the_hook_and_its_package_from_hooks():
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    hooks = [plugin for name, plugin in config.plugins.items() if name.endswith("msdz_mkdocs.py")]
    assert len(hooks) == 1
    hook = hooks[0]
    for event in ("on_pre_build", "on_files"):
        assert callable(getattr(hook, event))
    package = sys.modules["msdz_hub"]
    assert package.__file__.startswith(str(ROOT / "hooks" / "msdz_hub"))


def test_only_the_hook_module_imports_mkdocs():
    for path in (ROOT / "hooks" / "msdz_hub").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n == "mkdocs" or n.startswith("mkdocs.") for n in names), path
