"""MkDocs hook: the generator starts the hub's worker, registers what it writes and waits for each
file where MkDocs reads it (msdz_hub.engine.worker). Only hooks/*.py know MkDocs."""

from __future__ import annotations

import functools
import logging
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

# The package (and the preview's model) stays unless its code changed; hooks/ is on sys.path only now.
if (_kept := sys.modules.get("msdz_hub.engine.incremental")) is None or _kept.code_changed():
    for _name in [m for m in sys.modules if m == "msdz_hub" or m.startswith("msdz_hub.")]:
        del sys.modules[_name]
import jinja2  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from msdz_hub.core.problems import DataError, report  # noqa: E402
from msdz_hub.core.settings import SettingsError  # noqa: E402
from msdz_hub.editors import admin_site  # noqa: E402
from msdz_hub.engine import guards, incremental, staging, worker  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
_worker: worker.SiteWorker | None = None
_command: str | None = None  # the MkDocs command (on_startup); None in the rebuilds of `mkdocs serve`
_dirty = False


class _StagedFile(File):
    """Written by the worker while MkDocs builds; MkDocs copies files after on_env, which waits."""

    def __init__(self, src_uri: str, config: MkDocsConfig, ready: Callable[[], None]):
        assert _worker is not None
        super().__init__(src_uri, str(_worker.staging), config.site_dir, config.use_directory_urls)
        self.ready, self.generated_by = ready, "hooks/msdz_mkdocs.py"

    def is_modified(self) -> bool:
        self.ready()
        return super().is_modified()


for _name in ("content_bytes", "content_string"):  # read once written; set, as on any File
    _prop = File.__dict__[_name]
    setattr(_StagedFile, _name, property(lambda self, p=_prop: (self.ready(), p.fget(self))[1], _prop.fset))  # type: ignore[misc]


def on_startup(command: str, dirty: bool) -> None:  # once, not again for the rebuilds of `mkdocs serve`
    global _command, _dirty
    _command, _dirty = command, dirty
    guards.on_startup()  # SIGTERM and SIGHUP as Ctrl-C; a full disk or Ctrl-C as one German line


def on_pre_build(config: MkDocsConfig) -> None:
    """`mkdocs build` takes the verdict in on_files (overlapping MkDocs' cleaning), serve here."""
    global _worker
    publish = _command in ("build", "gh-deploy")
    try:
        settings, warning = guards.checked(ROOT, config, publish, logging.getLogger("mkdocs").info)
    except SettingsError as error:
        raise PluginError(str(error)) from None
    if warning:
        logging.getLogger("mkdocs").warning(warning)
    # `mkdocs build --dirty` keeps its staging folder for the next run; any other build has its own.
    folder = staging.folder_for(config.site_dir, keep=_command == "build" and _dirty)
    _worker = worker.start(ROOT, settings, folder) if publish else incremental.start(ROOT, settings, folder)
    if _command != "build":
        _wait(_worker.check_data)


def _wait(wait: Callable[..., object], *args: object):
    try:
        return wait(*args)
    except worker.WorkerError as error:
        raise PluginError(f"Fehler im Hub-Generator:\n{error}") from None
    except DataError as error:
        report(error.problems)
        raise PluginError(str(error)) from None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _worker is not None
    _wait(_worker.check_data)
    manifest = _wait(lambda: _worker.manifest)
    if not (_command == "build" and not _dirty):  # a site folder not cleaned first: drop stale pages
        for uri in staging.stale_outputs(_worker.staging, manifest.paths):
            staging.remove_built(Path(File(uri, None, config.site_dir, config.use_directory_urls).abs_dest_path))
    for index, page in enumerate(manifest.pages):
        file = _StagedFile(page.src_uri, config, functools.partial(_wait, _worker.wait_for_page, index))
        file.edit_uri = f"../{page.edit_path}" if page.edit_path else None  # the record's YAML file
        files.append(file)
    for path in manifest.files:  # feeds and other outputs: MkDocs copies them and checks links to them
        files.append(_StagedFile(path, config, functools.partial(_wait, _worker.wait_until_done)))
    return files


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    if _worker is not None:
        if _worker.inline:  # `mkdocs serve`: the theme's compiled templates stay for the next rebuild
            env.bytecode_cache = staging.template_cache(_worker.staging, "theme")
        _wait(_worker.wait_until_done)
    return env


def on_post_build(config: MkDocsConfig) -> None:  # the editors' CMS at /admin/ (msdz_hub.editors.admin_site)
    try:  # made from the schemas and settings alone: kept as it is while `mkdocs serve` keeps its model
        if _worker is None or not incremental.kept_model(_worker.staging):
            admin_site.write_site_admin(ROOT, config)
    except admin_site.AdminError as error:
        raise PluginError(f"Redaktionssystem /admin/: {error}") from None


def on_shutdown() -> None:  # also after a failed build; `mkdocs build --dirty` keeps its staging folder
    if _worker is not None:
        _worker.close()
        if not (_command == "build" and _dirty):
            shutil.rmtree(_worker.staging, ignore_errors=True)
