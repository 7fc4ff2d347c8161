"""MkDocs hook (mkdocs.yml ``hooks:``): the generator. It starts the hub's worker, registers the
pages and files it writes, waits for them where MkDocs reads them, and cleans up.

The hooks/*.py files are the only modules that import MkDocs (msdz_theme: corrections to Material's
templates; msdz_serve: the preview); a move to another engine replaces them. Everything they call
lives in the ``msdz_hub`` package beside them and is tested on its own.
"""

from __future__ import annotations

import functools
import logging
import shutil
import signal
import sys
from collections.abc import Callable
from pathlib import Path

# `mkdocs serve` executes this file again on every rebuild; drop the package from the module
# cache so that edits to it take effect. MkDocs puts this folder on sys.path only while this
# file executes, so the package must be imported here at the top, never inside an event.
for _name in [m for m in sys.modules if m == "msdz_hub" or m.startswith("msdz_hub.")]:
    del sys.modules[_name]

import jinja2  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from msdz_hub import admin_site, cms_settings, worker  # noqa: E402
from msdz_hub.operator_check import OperatorError, check_operator  # noqa: E402
from msdz_hub.problems import DataError, report  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "overrides" / "hub"
_worker: worker.SiteWorker | None = None
_command: str | None = None  # the MkDocs command (on_startup); None in the rebuilds of `mkdocs serve`
_dirty = False


def _after_ready(name: str) -> property:
    prop = File.__dict__[name]

    def get(self: _StagedFile):
        self.ready()
        return prop.fget(self)

    return property(get, prop.fset)  # set, it holds what was set, as any File would


class _StagedFile(File):
    """A file the worker writes while MkDocs builds: reading it, or asking whether it changed
    (`--dirty`), waits until it is written. MkDocs copies files only after on_env, which waits."""

    def __init__(self, src_uri: str, config: MkDocsConfig, ready: Callable[[], None]):
        assert _worker is not None
        super().__init__(src_uri, str(_worker.staging), config.site_dir, config.use_directory_urls)
        self.ready, self.generated_by = ready, "hooks/msdz_mkdocs.py"

    content_bytes = _after_ready("content_bytes")
    content_string = _after_ready("content_string")

    def is_modified(self) -> bool:
        self.ready()
        return super().is_modified()


def on_startup(command: str, dirty: bool) -> None:
    """Once per MkDocs command, not again for the rebuilds of `mkdocs serve`. A closed terminal
    (SIGHUP) or a stopped job (SIGTERM) ends MkDocs as Ctrl-C does, so that its clean-up runs."""
    global _command, _dirty
    _command, _dirty = command, dirty
    for number in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, signal.default_int_handler)


def on_pre_build(config: MkDocsConfig) -> None:
    """Start the worker (msdz_hub.worker). `mkdocs build` takes its verdict on the data in on_files,
    so that checking overlaps MkDocs cleaning the site folder; `mkdocs serve` takes it here, before
    the folder it serves is touched: after a data error the last good build stays complete."""
    global _worker
    hub = config.extra.get("hub", {})
    settings = dict(  # for feeds.FeedSettings
        site_url=config.site_url or "",
        title=config.site_name,
        description=config.site_description or "",
        author=hub.get("publisher", config.site_author or ""),
        tag_authority=hub.get("tag_authority", ""),
    )
    operator = config.extra.get("operator") or {}
    try:
        warning = check_operator(operator, publish=_command in ("build", "gh-deploy"))
    except OperatorError as error:
        raise PluginError(str(error)) from None
    if warning:
        logging.getLogger("mkdocs").warning(warning)
    # `mkdocs build --dirty` keeps its staging folder for the next run; any other build has its own.
    keep = _command == "build" and _dirty
    staging = worker.staging_folder(config.site_dir) if keep else worker.private_staging_folder(config.site_dir)
    _worker = worker.SiteWorker(ROOT, settings, operator, staging, remove_staging=_command == "build" and not _dirty)
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
    # overrides/hub/ holds the generator's templates, not assets of the site (resolved: a relative
    # `mkdocs build -f mkdocs.yml` gives relative theme paths).
    for file in list(files):
        if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(TEMPLATES):
            files.remove(file)
    manifest = _wait(lambda: _worker.manifest)
    if not _worker.removes_staging:  # a rebuild into a site folder not cleaned first: drop stale pages
        for src_uri in worker.stale_outputs(_worker.staging, manifest):
            built = File(src_uri, None, config.site_dir, config.use_directory_urls).abs_dest_path
            worker.remove_built(Path(built), Path(config.site_dir))
    for index, page in enumerate(manifest.pages):
        file = _StagedFile(page.src_uri, config, functools.partial(_wait, _worker.wait_for_page, index))
        file.edit_uri = f"../{page.edit_path}" if page.edit_path else None  # the record's YAML file
        files.append(file)
    for path in manifest.files:  # feeds and other outputs: MkDocs copies them and checks links to them
        files.append(_StagedFile(path, config, functools.partial(_wait, _worker.wait_until_done)))
    return files


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Where the staging folder stays (`make serve`), the theme's compiled templates stay too."""
    if _worker is not None:
        if not _worker.removes_staging:
            cache = _worker.staging / worker.JINJA_CACHE / "theme"
            cache.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
        _wait(_worker.wait_until_done)
    return env


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    """A record page's sitemap <lastmod> is the record's last change (front matter ``hub_changed``)."""
    if page.meta.get("hub_changed"):
        page.update_date = str(page.meta["hub_changed"])
    return markdown


def on_page_context(context, page, config: MkDocsConfig, nav):
    if _worker is not None:  # MkDocs has read every page and copied every file by now
        _worker.release()
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """The editors' CMS at /admin/, its config generated from the schemas (msdz_hub.admin_site)."""
    try:
        cms = cms_settings.from_values(
            config.repo_url or "", config.extra.get("hub", {}).get("cms") or {}, config.site_url or ""
        )
        admin_site.write_admin(ROOT, Path(config.site_dir), cms, config.site_name)
    except (admin_site.AdminError, cms_settings.SettingsError) as error:
        raise PluginError(f"Redaktionssystem /admin/: {error}") from None


def on_build_error(error: Exception) -> None:
    if _worker is not None:
        _worker.close()


def on_shutdown() -> None:
    """`mkdocs build --dirty` keeps the staging folder for its next run; every other build drops it."""
    if _worker is not None:
        _worker.close()
        if not (_command == "build" and _dirty):
            shutil.rmtree(_worker.staging, ignore_errors=True)
