"""MkDocs hook: the generator starts the hub's work (msdz_hub.engine.session), registers what it
writes and waits for each file where MkDocs reads it. Only hooks/*.py know MkDocs.

MkDocs loads this file once per process (`mkdocs serve` keeps it for all its rebuilds), so what
lives here lives as long as the command: the command itself, and through the engine the preview's
session with its model."""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import jinja2
from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import clean_directory

from msdz_hub.core.os_errors import PROGRAM_FAULT
from msdz_hub.core.problems import DataError, closing_line, report
from msdz_hub.core.settings import SettingsError
from msdz_hub.editors import admin_site
from msdz_hub.engine import guards, session, staging, worker
from msdz_hub.engine.session import Session

ROOT = Path(__file__).resolve().parent.parent
_worker: worker.SiteWorker | None = None
_command = "build"  # the MkDocs command, from on_startup
_dirty = False  # `mkdocs build --dirty` keeps its staging folder for the next run
_warned = False  # the missing operator contact is said once per command
_move_later: list[_StagedFile] = []  # `mkdocs build`: files moved into the site in on_post_build


class _StagedFile(File):
    """Written by the worker while MkDocs builds; MkDocs copies files after on_env, which waits
    (`mkdocs build`: they move in on_post_build)."""

    def __init__(self, src_uri: str, config: MkDocsConfig, ready: Callable[[], None], served: Session | None):
        assert _worker is not None
        super().__init__(src_uri, str(_worker.staging), config.site_dir, config.use_directory_urls)
        self.ready, self.served = ready, served
        self.generated_by = "hooks/msdz_mkdocs.py"
        self._page = utils.is_markdown_file(src_uri)  # asked for each of 30 000 files several times a build

    def is_documentation_page(self) -> bool:
        return self._page

    @property
    def staged(self) -> str:
        assert self.abs_src_path is not None  # set from the staging folder in __init__
        return self.abs_src_path

    def copy_file(self, dirty: bool = False) -> None:
        """`mkdocs build` throws its staging folder away (``_thrown_away``): MkDocs builds the pages
        while the worker still writes feeds and calendars, which move into the site afterwards."""
        if _thrown_away() and self._content is None:
            _move_later.append(self)
        else:
            super().copy_file(dirty)

    def move_into_site(self) -> None:
        """A move, not a copy or a link (nothing left to delete at the end); across file systems a copy."""
        _make_folder(os.path.dirname(self.abs_dest_path))
        try:
            os.replace(self.staged, self.abs_dest_path)
        except OSError:  # e.g. the temp folder in memory (tmpfs): copied as MkDocs does
            super().copy_file()

    def is_modified(self) -> bool:
        self.ready()
        if self.served is not None:  # `mkdocs serve`: its session knows what it wrote since the last copy
            return self.src_uri in self.served.unserved
        return super().is_modified()

    # Read once written; set as on any File (MkDocs sets them when a plugin edits a page).
    @property
    def content_bytes(self) -> bytes:
        self.ready()
        return File.content_bytes.fget(self)  # type: ignore[attr-defined]

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]

    @property
    def content_string(self) -> str:
        self.ready()
        return File.content_string.fget(self)  # type: ignore[attr-defined]

    @content_string.setter
    def content_string(self, value: str) -> None:
        File.content_string.fset(self, value)  # type: ignore[attr-defined]


@functools.lru_cache(maxsize=4096)  # thousands of files share a few folders
def _make_folder(folder: str) -> None:
    os.makedirs(folder, exist_ok=True)


def on_startup(command: str, dirty: bool) -> None:  # once per process, before the first build
    global _command, _dirty
    _command, _dirty = command, dirty
    guards.on_startup()  # SIGTERM and SIGHUP as Ctrl-C; a full disk or Ctrl-C as one German line


def on_config(config: MkDocsConfig) -> MkDocsConfig:  # the generator writes sitemap.xml (msdz_hub.outputs.sitemap)
    config.theme.static_templates.discard("sitemap.xml")
    return config


def _thrown_away() -> bool:
    """`mkdocs build` throws its staging folder away: its files other than pages move into the site,
    so little is left to remove at the end (removing 24 000 files there made the build wait for the
    disk, at N = 5 000 6 to 69 s; BENCHMARKS.md). The pages' Markdown stays until then: a plugin
    may read a page's source after MkDocs has (tests/test_generate.py does)."""
    return _building() and not _dirty


def _building() -> bool:
    """`mkdocs build` (or gh-deploy): strict settings, a forked session; else `mkdocs serve`."""
    return _command in ("build", "gh-deploy")


def on_pre_build(config: MkDocsConfig) -> None:
    """`mkdocs build` takes the verdict in on_files (overlapping MkDocs' cleaning), serve here."""
    global _worker
    _make_folder.cache_clear()  # a new site folder
    try:
        announce, gh_deploy = logging.getLogger("mkdocs").info, _command == "gh-deploy"  # a warning fails --strict
        settings, warning = guards.checked(ROOT, config, _building(), announce, publishes_now=gh_deploy)
    except SettingsError as error:
        raise PluginError(str(error)) from None
    _warn_once(warning)
    if _building():
        _worker = session.build(ROOT, settings, staging.folder_for(config.site_dir, keep=_dirty))
    else:
        _worker = session.serve(ROOT, settings, config.site_dir)
        _wait(_worker.check_data)


def _warn_once(warning: str | None) -> None:
    """Not a MkDocs warning: --strict would count it, and a preview must build without the contact."""
    global _warned
    if warning and not _warned:  # once per command, not on each rebuild of `mkdocs serve`
        print(warning, file=sys.stderr)
        _warned = True


def _wait(wait: Callable[..., object], *args: object):
    try:
        return wait(*args)
    except worker.WorkerError as error:
        print(f"Fehler im Hub-Generator:\n{error}", file=sys.stderr)
        raise Abort(f"Nichts gebaut. {PROGRAM_FAULT}") from None
    except DataError as error:
        report(error.problems)  # an Abort's message is the last line MkDocs prints: German, with the next step
        raise Abort(closing_line(error.problems, "Nichts gebaut", _again())) from None


def _again() -> str:
    return "make build" if _building() else "make serve"


_STRICT = re.compile(r"Aborted with (.+) in strict mode!")  # "2 warnings", "1 warnings, 1 errors"


def on_build_error(error: Exception) -> None:
    """MkDocs would end a failed build in English („Aborted with a BuildError!“, „… in strict mode!“):
    the same failure, ending with a German line that says what to do."""
    strict = _STRICT.fullmatch(str(error))
    if strict:
        count = sum(int(number) for number in re.findall(r"\d+", strict[1]))
        said = f"MkDocs hat {count} {'Meldung' if count == 1 else 'Meldungen'} ausgegeben (oben, auf Englisch)"
        raise Abort(f"Nichts gebaut: {said}; jede hält den Bau an – nach der Korrektur erneut `{_again()}`.")
    if isinstance(error, BuildError):  # our PluginErrors say what is wrong in German; MkDocs would log it
        print(str(error), file=sys.stderr)
        raise Abort(f"Nichts gebaut – der Grund steht oben; nach der Korrektur erneut `{_again()}`.")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _worker is not None
    _wait(_worker.check_data)
    manifest = _wait(lambda: _worker.manifest)
    if _dirty or not _building():  # a site folder not cleaned first: drop stale pages
        for uri in staging.stale_outputs(_worker.staging, manifest.paths):
            staging.remove_built(Path(File(uri, None, config.site_dir, config.use_directory_urls).abs_dest_path))
    served = session.served(config.site_dir)
    if served is not None:
        _keep_files_for(served, config)
    for index, page in enumerate(manifest.pages):  # each says in its front matter what to edit
        files.append(_staged(page, config, functools.partial(_wait, _worker.wait_for_page, index), served))
    done = functools.partial(_wait, _worker.wait_until_done)  # one for all: a large hub has 100 000 files
    for path in manifest.files:  # feeds and other outputs: MkDocs copies them and checks links to them
        files.append(_staged(path, config, done, served))
    return files


_kept_files: dict[str, _StagedFile] = {}  # `mkdocs serve`: each output's File, for all its rebuilds
_kept_for: tuple = ()  # the session and the settings of mkdocs.yml those Files were made with


def _keep_files_for(served: Session, config: MkDocsConfig) -> None:
    """Forget the kept Files unless this rebuild's session and settings are theirs (PathSpecs compare
    by pattern: asked once a rebuild, not for each of its 30 000 files)."""
    global _kept_for
    made_for = (served, config.site_dir, config.use_directory_urls, *_exclusions(config))
    if made_for != _kept_for:
        _kept_files.clear()
        _kept_for = made_for


def _staged(uri: str, config: MkDocsConfig, ready: Callable[[], None], served: Session | None) -> _StagedFile:
    """The File of an output. `mkdocs serve` keeps it for the next rebuild with what MkDocs derived
    once from its path (24 000 at N = 5 000: a tenth of a rebuild); MkDocs makes its page anew."""
    if served is None:
        return _StagedFile(uri, config, ready, None)
    file = _kept_files.get(uri)
    if file is None:
        file = _kept_files[uri] = _StagedFile(uri, config, ready, served)
    file.ready, file.page = ready, None
    return file


def _exclusions(config: MkDocsConfig) -> tuple:
    return tuple(config.get(name) for name in ("exclude_docs", "draft_docs", "not_in_nav"))


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    if _worker is not None:
        if _worker.inline:  # `mkdocs serve`: the theme's compiled templates stay for the next rebuild
            env.bytecode_cache = staging.template_cache(_worker.staging, "theme")
        if not _thrown_away():  # else the pages are built meanwhile; the files move in on_post_build
            _wait(_worker.wait_until_done)
    return env


def on_post_build(config: MkDocsConfig) -> None:  # /admin/, as `python -m msdz_hub admin` writes it after any engine
    if _thrown_away() and _worker is not None:  # the worker wrote its files while MkDocs built the pages
        try:
            _wait(_worker.wait_until_done)
        except Abort:  # pages without their feeds are no site: as empty as a failure before the pages
            clean_directory(config.site_dir)
            raise
        for file in _move_later:
            file.move_into_site()
    _move_later.clear()
    served = session.served(config.site_dir)
    if served is not None:  # MkDocs has built and copied what the session wrote
        served.taken()
    try:  # made from the schemas and settings alone: kept as it is while `mkdocs serve` keeps its model
        if served is None or served.kept is None or not served.kept.incremental:
            admin_site.write_site_admin(ROOT, config)
    except admin_site.AdminError as error:
        raise PluginError(f"Redaktionssystem /admin/: {error}") from None


def on_shutdown() -> None:  # also after a failed build; `mkdocs build --dirty` keeps its staging folder
    if _worker is not None:
        _worker.close()
        if not (_building() and _dirty):
            shutil.rmtree(_worker.staging, ignore_errors=True)
