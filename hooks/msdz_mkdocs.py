"""MkDocs entry point of the hub (named in mkdocs.yml under ``hooks:``).

This is the only module that imports MkDocs: a move to another engine replaces this file.
Everything it calls lives in the ``msdz_hub`` package beside it and is tested on its own.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path

# `mkdocs serve` executes this file again on every rebuild; drop the package from the module
# cache so that edits to it take effect. MkDocs puts this folder on sys.path only while this
# file executes, so the package must be imported here at the top, never inside an event.
for _name in [m for m in sys.modules if m == "msdz_hub" or m.startswith("msdz_hub.")]:
    del sys.modules[_name]

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import Abort, PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from msdz_hub.feeds import FeedSettings  # noqa: E402
from msdz_hub.pipeline import Site, build_site  # noqa: E402
from msdz_hub.problems import DataError, report  # noqa: E402
from msdz_hub.search_index import tune_search_index  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "overrides" / "hub"
_site: Site | None = None


def on_pre_build(config: MkDocsConfig) -> None:
    """Load, validate and render everything before MkDocs cleans or writes the site folder."""
    global _site
    hub_config = config.extra.get("hub", {})
    settings = FeedSettings(
        site_url=config.site_url or "",
        title=config.site_name,
        description=config.site_description or "",
        author=hub_config.get("publisher", config.site_author or ""),
        tag_authority=hub_config.get("tag_authority", ""),
    )
    operator = config.extra.get("operator") or {}
    missing = [key for key in ("name", "address", "host", "accessibility") if not operator.get(key)]
    if missing:
        raise PluginError(f"mkdocs.yml: extra.operator braucht {', '.join(missing)} (für Impressum und Datenschutz).")
    try:
        _site = build_site(ROOT, settings, operator)
    except DataError as error:
        report(error.problems)
        raise PluginError(str(error)) from None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _site
    assert _site is not None
    # overrides/hub/ holds the generator's templates; they are not assets of the site.
    for file in list(files):
        if file.abs_src_path and Path(file.abs_src_path).is_relative_to(TEMPLATES):
            files.remove(file)
    for page in _site.pages:
        file = File.generated(config, page.src_uri, content=page.content)
        # The edit button opens the record's YAML file, not a page that does not exist.
        file.edit_uri = f"../{page.edit_path}" if page.edit_path else None
        files.append(file)
    # Feeds and other outputs are files like any other: MkDocs writes them and checks links to them.
    for rel_path, content in _site.files.items():
        files.append(File.generated(config, rel_path, content=content))
    _site = None  # everything is handed to MkDocs now; free it for the rest of the build
    return files


# Material's base.html (no block, no partial around it) writes autocomplete="off" on two checkboxes,
# which the HTML standard does not allow there; docs/assets/toggles.js does its job instead.
_INVALID_CHECKBOX_ATTRIBUTE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">')


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    return _INVALID_CHECKBOX_ATTRIBUTE.sub(r"\1>", output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return _INVALID_CHECKBOX_ATTRIBUTE.sub(r"\1>", output_content)  # 404.html


def on_post_build(config: MkDocsConfig) -> None:
    """Tune the index the search plugin has just written (hooks run after plugins)."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    if path.exists():
        index = tune_search_index(json.loads(path.read_text(encoding="utf-8")))
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def on_serve(server, config: MkDocsConfig, builder):
    """Keep `make serve` showing the last good build while the data has an error.

    MkDocs would hold every request until the next successful build ("the server will appear
    stuck"). The failed build stopped in on_pre_build, before anything was written, so the last
    good site is still complete: let the server go on serving it. The problems were printed in
    the editor's format already.
    """

    def build_or_keep_last_good():
        try:
            builder()
        except Abort:
            logging.getLogger("mkdocs").error(
                "Fehler beim Neubau – die Vorschau zeigt weiter den letzten fehlerfreien Stand. "
                "Nach dem Speichern der korrigierten Datei wird neu gebaut."
            )

    server.builder = build_or_keep_last_good
    return server
