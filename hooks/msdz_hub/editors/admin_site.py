"""The editors' admin page /admin/: Decap CMS from node_modules, its config from the schemas.

Written after the engine has built the site: by MkDocs' hook (on_post_build), or after any engine by
``python -m msdz_hub admin SITE`` (``write_for_site``), from the same values of mkdocs.yml. Everything the
page loads is written next to it: the pinned Decap bundle (package-lock.json), the ``yaml`` parser
for the hub's file format, the hub's own script and the generated config. No file comes from
another host, and the Content-Security-Policy makes the browser refuse any that would.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2

from ..schemas import Schemas
from .canonical import collection_orders
from .cms_config import config_yaml
from .cms_settings import CmsSettings, SettingsError, from_values, mkdocs_values

ADMIN_TEMPLATES = Path(__file__).resolve().parent / "admin"
STATIC = (
    "hub-admin.js",
    "hub-controls.js",
    "hub-widgets.js",
    "hub-admin-init.js",
    "hub-admin.css",
    "hub-admin-login.js",
    "hub-admin-login.css",
)
# 'unsafe-inline' styles and 'unsafe-eval': Decap's bundle injects its CSS at run time and compiles
# some code with new Function; WebAssembly is used by its Markdown parser. Scripts still come only
# from this host. GitHub: the API once logged in, the avatar in the header.
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https://avatars.githubusercontent.com; "
    "connect-src 'self' https://api.github.com{extra}; font-src 'self' data:; frame-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


class AdminError(Exception):
    """A German message: the admin page cannot be built."""


def decap_dist(root: Path) -> Path:
    dist = root / "node_modules" / "decap-cms" / "dist"
    if not (dist / "decap-cms.js").exists():
        raise AdminError(
            "node_modules/decap-cms fehlt: `make build` installiert es mit `npm ci` "
            "(Version und Prüfsumme aus package-lock.json)."
        )
    return dist


def write_admin(root: Path, site_dir: Path, settings: CmsSettings, site_name: str) -> Path:
    """Write /admin/ into ``site_dir``. It is filled under a dot-name beside its place and moved in
    whole: MkDocs cleans the site folder at the start of a build but skips dot-names, so a second
    build into the same folder never removes half of it."""
    admin = site_dir / "admin"
    site_dir.mkdir(parents=True, exist_ok=True)
    draft = Path(tempfile.mkdtemp(prefix=".admin-", dir=site_dir))
    try:
        _fill_admin(root, draft, settings, site_name)
        draft.chmod(0o755)  # mkdtemp's folder is private; the site's are readable
        for _ in range(5):  # another build may put its own /admin/ there in between
            shutil.rmtree(admin, ignore_errors=True)
            try:
                os.replace(draft, admin)
                break
            except OSError:
                continue
        else:
            raise AdminError(f"{admin} ließ sich nicht ersetzen (ein zweiter Bau in denselben Ordner?).")
    finally:
        shutil.rmtree(draft, ignore_errors=True)
    return admin


def _fill_admin(root: Path, admin: Path, settings: CmsSettings, site_name: str) -> None:
    vendor = admin / "vendor"
    dist = decap_dist(root)
    (vendor / "decap-cms").mkdir(parents=True)
    # decap-cms.js and the chunks it loads by name; not the duplicate cms.js build, not source maps.
    for path in dist.iterdir():
        if path.name.endswith("decap-cms.js") or path.suffix in (".wasm", ".css") or path.name.endswith("LICENSE.txt"):
            shutil.copy2(path, vendor / "decap-cms" / path.name)
    keep_list_labels(vendor / "decap-cms" / "decap-cms.js")
    shutil.copytree(root / "node_modules" / "yaml" / "browser", vendor / "yaml")
    shutil.copy2(root / "node_modules" / "yaml" / "LICENSE", vendor / "yaml" / "LICENSE")
    for name in STATIC:
        shutil.copy2(ADMIN_TEMPLATES / name, admin / name)
    schemas = Schemas(root / "data" / "schema")  # read and checked once: the costly part here
    orders = collection_orders(schemas)
    (admin / "formats.json").write_text(json.dumps(orders, ensure_ascii=False), encoding="utf-8")
    (admin / "config.yml").write_text(config_yaml(schemas, settings), encoding="utf-8")
    extra = f" {settings.local_backend.rsplit('/api/', 1)[0]}" if settings.local_backend else ""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ADMIN_TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    page = env.get_template("index.html").render(
        csp=CSP.format(extra=extra), site_name=site_name, login_missing=not settings.auth_configured
    )
    (admin / "index.html").write_text(page, encoding="utf-8")


# Decap writes a list's labels in lower case („0 quellen“, „quellen hinzufügen“), wrong for German
# nouns (decaporg/decap-cms#3856, open since 2020, no option). The two places, exactly as the pinned
# bundle has them; a new Decap version without them stops the build here, to be looked at again.
LIST_LABELS = [
    ("d=1===l.size?c.toLowerCase():u.toLowerCase()", "d=1===l.size?c:u"),
    ("label:c.toLowerCase(),onCollapseToggle", "label:c,onCollapseToggle"),
]


def keep_list_labels(bundle: Path) -> None:
    text = bundle.read_text(encoding="utf-8")
    for old, new in LIST_LABELS:
        if text.count(old) != 1:
            raise AdminError(f"{bundle.name}: die Stelle für Listenbeschriftungen fehlt ({old}); Decap-Version prüfen.")
        text = text.replace(old, new)
    bundle.write_text(text, encoding="utf-8")


def write_site_admin(root: Path, config: Mapping[str, Any]) -> None:
    """/admin/ into ``site_dir``, from mkdocs.yml's values; AdminError if they do not do."""
    cms = (config.get("extra") or {}).get("hub", {}).get("cms") or {}
    try:
        settings = from_values(config.get("repo_url") or "", cms, config.get("site_url") or "")
    except SettingsError as error:
        raise AdminError(str(error)) from None
    write_admin(root, Path(config["site_dir"]), settings, config["site_name"])


def write_for_site(root: Path, site_dir: Path) -> Path:
    """/admin/ into a site any engine built, from ``root/mkdocs.yml`` as MkDocs reads it (its
    ``site_url`` ends in "/")."""
    config = mkdocs_values(root)
    site_url = str(config.get("site_url") or "")
    write_site_admin(root, {**config, "site_dir": str(site_dir), "site_url": site_url and site_url.rstrip("/") + "/"})
    return site_dir / "admin"
