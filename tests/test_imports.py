"""Imports flow one way through the generator (issue 18.3): load -> validate -> model -> render ->
write, helpers below. Every module of hooks/msdz_hub is read with `ast`, so imports inside functions
and under TYPE_CHECKING count as well: a cycle hidden in a function is still a knot in the design.
A failure names each offending import by file and line.
"""

from __future__ import annotations

import ast
import textwrap
from dataclasses import dataclass
from pathlib import Path

from support import ROOT

PACKAGE = "msdz_hub"
PACKAGE_DIR = ROOT / "hooks" / PACKAGE
ENGINES = ("mkdocs", "material", "properdocs")  # only the hook files beside the package know the engine
HOOK_FILES = tuple(path.stem for path in (ROOT / "hooks").glob("*.py"))  # hooks/msdz_mkdocs.py, ...

# A module may import only from its own layer or an earlier one. Layers are the package's folders
# (and the few front-door modules beside them); a folder stands for every module in it, so a new file
# is placed by the folder it is saved in. `""` is the package's own __init__.py.
LAYERS: list[set[str]] = [
    {"", "core"},  # plain values every layer may use: collections, problems, paths, dates, settings
    {"reading"},  # YAML files -> raw records with positions
    {"schemas"},  # the JSON Schemas and what the hub asks of them
    {"validation"},  # raw records -> German problems
    {"model"},  # records linked into the hub
    {"load"},  # data/ -> Hub, or DataError: read -> validate -> link
    {"views"},  # values pages and outputs show, computed from the model; no Jinja
    {"pages"},  # Jinja templates -> Markdown pages
    {"outputs"},  # feeds, calendars, open data beside the pages
    {"plan"},  # which pages and files exist, and how each is made
    {"engine", "editors", "__main__", "cli"},  # who runs the plan beside MkDocs; the editors' and CI's tools
]
FOLDERS = ("core", "reading", "schemas", "validation", "views", "pages", "outputs", "engine", "editors")
# The model, the views and the outputs know the model, never the validator: its verdict reaches
# them through `load` alone (the code review of the hub, §7).
VALIDATOR = {"validation"}
KNOW_NO_VALIDATOR = {"model", "views", "pages", "outputs"}
# Running the site and the editors' tools share only the layers below them.
APART = ("engine", "editors")


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, e.g. "msdz_hub.outputs.feeds"
    target: str  # the imported module, e.g. "msdz_hub.pages.renderer" or "jinja2"
    path: Path
    line: int

    def __str__(self) -> str:
        where = self.path.relative_to(ROOT) if self.path.is_relative_to(ROOT) else self.path
        return f"{where}:{self.line}: {self.source} imports {self.target}"


def module_name(package_dir: Path, package: str, path: Path) -> str:
    parts = [package, *path.relative_to(package_dir).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _existing_module(package_dir: Path, package: str, dotted: str) -> bool:
    relative = Path(*dotted.split(".")[1:]) if dotted != package else Path()
    return (package_dir / relative).with_suffix(".py").is_file() or (package_dir / relative / "__init__.py").is_file()


def imports_of(package_dir: Path, package: str = PACKAGE) -> list[Import]:
    """Every import in every module of the package, at any depth of the code."""
    found = []
    for path in sorted(package_dir.rglob("*.py")):
        source = module_name(package_dir, package, path)
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            for target in _targets(node, source, is_package, package_dir, package):
                found.append(Import(source, target, path, node.lineno))
    return found


def _targets(node: ast.AST, source: str, is_package: bool, package_dir: Path, package: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:  # relative: from the module's own package, one level up per further dot
        base = source.split(".")
        base = base[: len(base) - node.level + (1 if is_package else 0)]
        stem = ".".join(base + ([node.module] if node.module else []))
    else:
        stem = node.module or ""
    # `from .pkg import name` imports the module pkg.name if there is one, else a name of pkg.
    submodules = [f"{stem}.{alias.name}" for alias in node.names]
    if stem == package or stem.startswith(package + "."):
        found = [name for name in submodules if _existing_module(package_dir, package, name)]
        return found if len(found) == len(submodules) else [stem, *found]
    return [stem]


def internal(imports: list[Import], package: str = PACKAGE) -> list[Import]:
    return [i for i in imports if i.target == package or i.target.startswith(package + ".")]


def cycles(imports: list[Import]) -> list[list[Import]]:
    """One cycle of imports for each knot of modules that import each other (Tarjan's strongly
    connected components), each as the chain of imports that closes it."""
    edges: dict[str, dict[str, Import]] = {}
    for imp in imports:
        if imp.source != imp.target:
            edges.setdefault(imp.source, {}).setdefault(imp.target, imp)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    knots: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges.get(node, {}):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            knot = set()
            while True:
                member = stack.pop()
                knot.add(member)
                if member == node:
                    break
            if len(knot) > 1:
                knots.append(knot)

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return [_chain(edges, knot) for knot in sorted(knots, key=min)]


def _chain(edges: dict[str, dict[str, Import]], knot: set[str]) -> list[Import]:
    """A shortest path inside ``knot`` from its first module back to itself."""
    start = min(knot)
    paths: dict[str, list[Import]] = {start: []}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target, imp in sorted(edges.get(node, {}).items()):
            if target == start:
                return paths[node] + [imp]
            if target in knot and target not in paths:
                paths[target] = paths[node] + [imp]
                queue.append(target)
    raise AssertionError(f"no cycle through {start}")  # a strongly connected knot always has one


def layer_of(module: str, layers: list[set[str]], package: str = PACKAGE) -> int | None:
    """The layer of a module, or of the nearest subpackage listed; None if it has none."""
    name = module.removeprefix(package).removeprefix(".")  # "" for the package's __init__.py
    while True:
        for number, layer in enumerate(layers):
            if name in layer:
                return number
        if "." not in name:  # the package's own entry "" covers only its __init__.py
            return None
        name = name.rpartition(".")[0]


def modules_of(package_dir: Path, package: str = PACKAGE) -> set[str]:
    return {module_name(package_dir, package, path) for path in package_dir.rglob("*.py")}


def layer_problems(
    imports: list[Import], layers: list[set[str]], modules: set[str], package: str = PACKAGE
) -> list[str]:
    problems = []
    for module in sorted(modules):
        if layer_of(module, layers, package) is None:
            problems.append(f"{module} has no layer: add it to LAYERS in tests/test_imports.py")
    for imp in internal(imports, package):
        own, other = layer_of(imp.source, layers, package), layer_of(imp.target, layers, package)
        if own is not None and other is not None and other > own:
            problems.append(f"{imp} (layer {other}) from layer {own}: an import pointing back up")
    return problems


def _report(title: str, lines: list[str]) -> str:
    return f"{title}:\n" + "\n".join(f"  {line}" for line in lines)


# -- the real package -------------------------------------------------------------------------


REAL = imports_of(PACKAGE_DIR)


def test_no_module_of_the_generator_imports_itself_round_about():
    found = cycles(internal(REAL))
    assert not found, _report("import cycles", [" -> ".join(str(i) for i in chain) for chain in found])


def test_no_module_of_the_generator_imports_the_site_engine_or_the_hook_files():
    assert "msdz_mkdocs" in HOOK_FILES
    found = [i for i in REAL if i.target.split(".")[0] in ENGINES + HOOK_FILES]
    assert not found, _report("engine imports outside the hook files hooks/*.py", [str(i) for i in found])


def test_every_module_imports_only_from_its_own_or_an_earlier_layer():
    problems = layer_problems(REAL, LAYERS, modules_of(PACKAGE_DIR))
    assert not problems, _report("layer order broken", problems)


def test_the_model_views_and_outputs_never_import_the_validator():
    found = [i for i in internal(REAL) if _top(i.source) in KNOW_NO_VALIDATOR and _top(i.target) in VALIDATOR]
    assert not found, _report("the validator imported past load", [str(i) for i in found])


def test_the_engine_and_the_editors_tools_never_import_each_other():
    found = [i for i in internal(REAL) if {_top(i.source), _top(i.target)} == set(APART)]
    assert not found, _report("engine and editors import each other", [str(i) for i in found])


def test_every_module_lives_in_a_layer_folder_or_is_one_of_the_front_doors():
    top_level = sorted(p.stem for p in PACKAGE_DIR.glob("*.py"))
    assert top_level == ["__init__", "__main__", "cli", "load", "model", "plan"]
    folders = sorted(p.name for p in PACKAGE_DIR.iterdir() if (p / "__init__.py").is_file())
    assert folders == sorted(FOLDERS)


def _top(module: str) -> str:
    """The folder or front-door module of a module: msdz_hub.views.facets -> views."""
    return module.removeprefix(PACKAGE).removeprefix(".").split(".")[0]


# -- the checks themselves, on a small package made for them -------------------------------------


def _package(root: Path, files: dict[str, str]) -> Path:
    folder = root / "knot"
    for name, text in {"__init__.py": "", **files}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def test_a_cycle_through_an_import_inside_a_function_is_found_and_named(tmp_path):
    folder = _package(
        tmp_path,
        {
            "a.py": "from .b import helper\n",
            "b.py": "import os\n\n\ndef helper():\n    from . import a\n    return a\n",
            "c.py": "from .a import helper\n",  # imports into the knot, but is no part of it
            "sub/__init__.py": "",
            "sub/d.py": "from ..c import helper\nfrom knot.sub import e\n",
            "sub/e.py": "def later():\n    from .d import helper\n",
        },
    )
    found = cycles(internal(imports_of(folder, "knot"), "knot"))
    described = [[str(i) for i in chain] for chain in found]
    assert described == [
        [f"{folder}/a.py:1: knot.a imports knot.b", f"{folder}/b.py:5: knot.b imports knot.a"],
        [f"{folder}/sub/d.py:2: knot.sub.d imports knot.sub.e", f"{folder}/sub/e.py:2: knot.sub.e imports knot.sub.d"],
    ]


def test_a_package_without_a_knot_has_no_cycle(tmp_path):
    folder = _package(tmp_path, {"a.py": "from . import b\n", "b.py": "from .c import value\n", "c.py": "value = 1\n"})
    assert cycles(internal(imports_of(folder, "knot"), "knot")) == []


def test_an_import_back_up_and_a_module_without_a_layer_are_named(tmp_path):
    folder = _package(
        tmp_path,
        {"low.py": "def late():\n    from .high import thing\n", "high.py": "from .low import late\n", "new.py": ""},
    )
    problems = layer_problems(imports_of(folder, "knot"), [{""}, {"low"}, {"high"}], modules_of(folder, "knot"), "knot")
    assert problems == [
        "knot.new has no layer: add it to LAYERS in tests/test_imports.py",
        f"{folder}/low.py:2: knot.low imports knot.high (layer 2) from layer 1: an import pointing back up",
    ]


def test_an_engine_import_inside_a_function_is_found(tmp_path):
    folder = _package(tmp_path, {"a.py": "def build():\n    from mkdocs.config import load_config\n"})
    assert [str(i) for i in imports_of(folder, "knot") if i.target.split(".")[0] in ENGINES] == [
        f"{folder}/a.py:2: knot.a imports mkdocs.config"
    ]
