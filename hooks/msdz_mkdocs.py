"""MkDocs entry point of the hub (named in mkdocs.yml under ``hooks:``).

This is the only module that imports MkDocs: a move to another engine replaces this file.
Everything it calls lives in the ``msdz_hub`` package beside it and is tested on its own.
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
from mkdocs.exceptions import Abort, PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from msdz_hub.admin_site import AdminError, write_admin  # noqa: E402
from msdz_hub.cms_settings import SettingsError, from_values  # noqa: E402
from msdz_hub.problems import DataError, report  # noqa: E402
from msdz_hub.search_index import SearchIndexError, index_site  # noqa: E402
from msdz_hub.settings import Operator, SiteSettings  # noqa: E402
from msdz_hub.settings import SettingsError as SiteSettingsError  # noqa: E402
from msdz_hub.worker import (  # noqa: E402
    JINJA_CACHE,
    SiteWorker,
    WorkerError,
    private_staging_folder,
    staging_folder,
    stale_outputs,
)

ROOT = Path(__file__).resolve().parent.parent
_worker: SiteWorker | None = None
_command: str | None = None  # the MkDocs command (on_startup); None in the rebuilds of `mkdocs serve`
_dirty = False


class _StagedFile(File):
    """A generated file the hub's worker writes while MkDocs builds: whoever reads it (or asks
    whether it changed, for `mkdocs serve --dirty`) first waits until the worker has written it."""

    ready: Callable[[], None]

    # MkDocs declares these as plain attributes with setters; a staged file is only read.
    @property  # type: ignore[misc]
    def content_bytes(self) -> bytes:
        self.ready()
        return File.content_bytes.fget(self)  # type: ignore[attr-defined]

    @property  # type: ignore[misc]
    def content_string(self) -> str:
        self.ready()
        return File.content_string.fget(self)  # type: ignore[attr-defined]

    def is_modified(self) -> bool:
        self.ready()
        return super().is_modified()

    def copy_file(self, dirty: bool = False) -> None:
        self.ready()
        super().copy_file(dirty)


def on_pre_build(config: MkDocsConfig) -> None:
    """Start the worker process that validates the data, then plans and renders the pages, feeds
    and files while MkDocs builds (see msdz_hub.worker).

    `mkdocs build` takes the verdict in on_files, so that checking the data overlaps MkDocs
    cleaning the site folder (a second or more for a large hub); a data error still stops the
    build before any page is built. `mkdocs serve` takes it here, before the folder it serves
    from is touched: after a data error the last good build stays complete (on_serve)."""
    global _worker
    try:
        settings = SiteSettings.from_config(
            config.site_url, config.site_name, config.site_description, config.site_author, config.extra
        )
    except SiteSettingsError as error:
        raise PluginError(str(error)) from None
    _check_contact(settings.operator)
    # `mkdocs build --dirty` keeps its staging folder for the next run; every other build and each
    # `mkdocs serve` has a private one (two builds at once must not write into each other's).
    keep = _command == "build" and _dirty
    staging = staging_folder(config.site_dir) if keep else private_staging_folder(config.site_dir)
    _worker = SiteWorker(ROOT, settings, staging, remove_staging=_command == "build" and not _dirty)
    if _command != "build":
        _check_data(_worker)


# The Impressum must name a way to reach the operator quickly by e-mail and by telephone (§ 5 DDG).
_CONTACT = {"email": "eine E-Mail-Adresse (extra.operator.email)", "phone": "eine Telefonnummer (extra.operator.phone)"}


def _check_contact(operator: Operator) -> None:
    """`mkdocs build` makes the site that is published: without both it refuses, rather than publish
    an incomplete Impressum; `mkdocs serve` is a preview and only says so, loudly, every rebuild."""
    missing = [text for key, text in _CONTACT.items() if not getattr(operator, key).strip()]
    if not missing:
        return
    message = (
        f"mkdocs.yml: Im Impressum fehlt {' und '.join(missing)} des Betreibers. Beides ist Pflicht "
        "(§ 5 DDG). Bitte die allgemeine E-Mail-Adresse und die Telefonzentrale des Ministeriums "
        "aus einer öffentlichen Quelle eintragen und die Quelle im Kommentar daneben nennen."
    )
    if _command in ("build", "gh-deploy"):
        raise PluginError(message + " Die Website wird ohne diese Angaben nicht gebaut.")
    logging.getLogger("mkdocs").warning(message + " (Vorschau: die Seite wird trotzdem angezeigt.)")


def _check_data(worker: SiteWorker) -> None:
    try:
        _wait(worker.check_data)
    except DataError as error:
        report(error.problems)
        raise PluginError(str(error)) from None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _worker is not None
    _check_data(_worker)
    staging = _worker.staging
    manifest = _wait(lambda: _worker.manifest)  # the worker may fail while planning: a clear error, no hang
    if not _worker.removes_staging:  # a rebuild into a site folder that is not cleaned first
        _remove_stale(config, stale_outputs(staging, manifest))
    for index, page in enumerate(manifest.pages):
        file = _StagedFile.generated(config, page.src_uri, abs_src_path=str(staging / page.src_uri))
        # File.generated is typed as returning a File, though it builds an instance of cls.
        file.ready = functools.partial(_wait, _worker.wait_for_page, index)  # type: ignore[attr-defined]
        # The edit button opens the record's YAML file, not a page that does not exist.
        file.edit_uri = f"../{page.edit_path}" if page.edit_path else None
        files.append(file)
    # Feeds and other outputs are files like any other: MkDocs copies them and checks links to them.
    for path in manifest.files:
        file = _StagedFile.generated(config, path, abs_src_path=str(staging / path))
        file.ready = functools.partial(_wait, _worker.wait_until_done)  # type: ignore[attr-defined]
        files.append(file)
    return files


def _remove_stale(config: MkDocsConfig, staged: list[str]) -> None:
    """`mkdocs serve --dirty` neither cleans the site folder nor knows of pages it no longer builds:
    the built pages of deleted or renamed records go here (and the folders they leave empty)."""
    site = Path(config.site_dir)
    for src_uri in staged:
        built = site / File.generated(config, src_uri, content="").dest_uri
        built.unlink(missing_ok=True)
        folder = built.parent
        while folder != site and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def _wait(wait: Callable[..., object], *args: object):
    try:
        return wait(*args)
    except WorkerError as error:
        raise _generator_failed(error) from None


def _generator_failed(error: WorkerError) -> PluginError:
    return PluginError(f"Fehler im Hub-Generator:\n{error}")


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """MkDocs copies the files next: the worker must have written them all. Where the staging
    folder stays (`make serve`), the theme's compiled templates are kept there for the next rebuild
    (MkDocs makes a new environment each time)."""
    assert env.loader is not None, "MkDocs' theme environment always has a loader"
    env.loader = _ValidBaseTemplate(env.loader)
    if _worker is not None:
        if not _worker.removes_staging:
            cache = _worker.staging / JINJA_CACHE / "theme"
            cache.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
        _wait(_worker.wait_until_done)
    return env


def on_build_error(error: Exception) -> None:
    if _worker is not None:
        _worker.close()


def on_startup(command: str, dirty: bool) -> None:
    """Called once per MkDocs command, not again for the rebuilds of `mkdocs serve`."""
    global _command, _dirty
    _command, _dirty = command, dirty
    # A closed terminal (SIGHUP) or a stopped job (SIGTERM) ends MkDocs the way Ctrl-C does, so that
    # its clean-up runs: the staging folder and the temporary site folder of `mkdocs serve` go.
    for number in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, signal.default_int_handler)


def on_shutdown() -> None:
    if _worker is not None:
        _worker.close()
        # `mkdocs build --dirty` keeps the staging folder for its next run; `mkdocs serve` kept it
        # for its rebuilds until now; after a full build it is gone already (see SiteWorker.release).
        if not (_command == "build" and _dirty):
            shutil.rmtree(_worker.staging, ignore_errors=True)


# Material's base.html (no block, no partial around it) writes autocomplete="off" on two checkboxes,
# which the HTML standard does not allow there; docs/assets/toggles.js does its job instead. The
# template's source is corrected once as it is loaded, not every page it renders.
_INVALID_CHECKBOXES = [
    (
        f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">',
        f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}">',
    )
    for name in ("drawer", "search")
]


class _ValidBaseTemplate(jinja2.BaseLoader):
    """The theme's loader, with base.html's two checkboxes corrected."""

    def __init__(self, loader: jinja2.BaseLoader):
        self.loader = loader

    def get_source(self, environment: jinja2.Environment, template: str):
        source, filename, uptodate = self.loader.get_source(environment, template)
        if template == "base.html":
            for invalid, valid in _INVALID_CHECKBOXES:
                source = source.replace(invalid, valid)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    """A record page's <lastmod> in the sitemap is the record's last change (front matter
    ``hub_changed``), not the build's date: MkDocs reads every page before it writes the sitemap."""
    changed = page.meta.get("hub_changed")
    if changed:
        page.update_date = str(changed)
    return markdown


def on_page_context(context, page, config: MkDocsConfig, nav):
    if _worker is not None:
        # MkDocs has read every page and copied every file before it renders the first page: the
        # worker may clear its staging folder (after a full build, on the other core meanwhile).
        _worker.release()
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """The editors' CMS at /admin/; in `mkdocs serve`, the search index of the served folder anew
    after each rebuild, so that the preview's search finds what was just edited and nothing deleted.
    Pagefind runs as a process of its own; for `mkdocs build`, `make build` runs it after MkDocs
    (python -m msdz_hub index)."""
    _write_admin(config)
    if _command != "build":  # None in the rebuilds of `mkdocs serve`
        try:
            index_site(Path(config.site_dir))
        except SearchIndexError as error:
            logging.getLogger("mkdocs").error(f"Suche der Vorschau nicht aktualisiert: {error}")


def _write_admin(config: MkDocsConfig) -> None:
    """The editors' CMS at /admin/, its config generated from the schemas (msdz_hub.admin_site)."""
    cms = config.extra.get("hub", {}).get("cms") or {}
    try:
        settings = from_values(config.repo_url or "", cms, config.site_url or "")
        write_admin(ROOT, Path(config.site_dir), settings, config.site_name)
    except (AdminError, SettingsError) as error:
        raise PluginError(f"Redaktionssystem /admin/: {error}") from None


def on_serve(server, config: MkDocsConfig, builder):
    """Keep `make serve` showing the last good build while the data has an error.

    MkDocs would hold every request until the next successful build ("the server will appear
    stuck"). The failed build stopped in on_pre_build, before anything was written, so the last
    good site is still complete: let the server go on serving it. The problems were printed in
    the editor's format already.
    """

    def build_or_keep_last_good():
        # Whatever the build raised: MkDocs would hold every request until a build succeeds.
        try:
            builder()
        except Exception as error:  # noqa: BLE001 - reported, and the preview goes on
            if not isinstance(error, Abort):
                logging.getLogger("mkdocs").error("%s", error)
            logging.getLogger("mkdocs").error(
                "Fehler beim Neubau – die Vorschau zeigt weiter den letzten fehlerfreien Stand. "
                "Nach dem Speichern der korrigierten Datei wird neu gebaut."
            )

    server.builder = build_or_keep_last_good
    return server
