"""A dated release of the open data, made after every deploy (`python -m msdz_hub release`).

The live site's /daten/ always shows the newest data; a release keeps one state for good: every
collection as JSON and CSV, the JSON Schemas, and a DCAT catalogue whose download addresses point to
the release itself (GitHub keeps a release's files at a fixed address), all of it also as one ZIP,
and the whole site as a second ZIP that works opened from the file system (msdz_hub.engine.offline_site).
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from ..core.settings import SiteSettings
from ..load import load_hub
from ..outputs.opendata import release_catalog
from .offline_site import FIXED_TIME, offline_zip


def release_absolute(settings: SiteSettings, download_base: str):
    """Paths of the catalogue: open data files to the release's flat file names; the rest (landing
    pages of the collections) to the live site."""

    def absolute(path: str) -> str:
        if path.startswith("daten/#"):
            return f"{download_base}catalog.ttl#{path.removeprefix('daten/#')}"
        if path.startswith("daten/") and "." in path.rsplit("/", 1)[-1]:
            return download_base + path.rsplit("/", 1)[-1]
        return settings.absolute(path)

    return absolute


def make_release(root: Path, site: Path, out: Path, tag: str, download_base: str, settings: SiteSettings) -> list[Path]:
    """Write the release's files into ``out`` (emptied first); returns them, ZIPs last."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    data = site / "daten"
    files = sorted([*data.glob("*.json"), *data.glob("*.csv"), *(data / "schema").glob("*.schema.json")])
    written = [Path(shutil.copy2(path, out / path.name)) for path in files]
    catalog = out / "catalog.ttl"
    catalog.write_bytes(release_catalog(load_hub(root), settings, release_absolute(settings, download_base)))
    written.append(catalog)
    data_zip = out / f"hub-daten-{tag}.zip"
    with zipfile.ZipFile(data_zip, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in written:
            archive.writestr(zipfile.ZipInfo(f"hub-daten-{tag}/{path.name}", FIXED_TIME), path.read_bytes())
    site_zip = out / f"hub-website-{tag}.zip"
    offline_zip(site, site_zip, f"hub-website-{tag}", tag, base_path=_path_of(settings.url))
    return [*written, data_zip, site_zip]


def _path_of(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).path or "/"


def command(root: Path, site: Path, out: Path, tag: str, download_base: str) -> int:
    """`python -m msdz_hub release`: the settings as the deploy's build had them."""
    import sys

    from ..core.problems import DataError
    from .generate import ConfigError, read_config

    try:
        files = make_release(root, site, out, tag, download_base, read_config(root))
    except (ConfigError, DataError, OSError) as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
    print(f"Release {tag}: {len(files)} Dateien in {out}.")
    return 0
