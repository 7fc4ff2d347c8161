"""The generator without a site engine: every page (Markdown) and every file (feeds, calendars, open
data, OPML) the hub makes from ``data/``, written to a folder (``python -m msdz_hub generate``).

This is what the MkDocs hook hands to MkDocs, and all an adapter for another engine would need to
take over. The site's settings come from ``mkdocs.yml`` as the hook reads them there, with its
``!ENV`` values; MkDocs itself is never imported.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag

from ..core.settings import SettingsError, SiteSettings, checked_settings
from ..outputs.sitemap import PACKED, SITEMAP
from ..plan import plan_site


class ConfigError(Exception):
    """mkdocs.yml lacks what the generated pages need; the message is German."""


class _ConfigLoader(yaml.SafeLoader):
    """Plain YAML plus MkDocs' ``!ENV [NAME, default]``, which mkdocs.yml uses for its URLs."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)


@dataclass(frozen=True)
class Generated:
    pages: int
    files: int


def read_config(root: Path, warn: bool = True) -> SiteSettings:
    """The settings the hook takes from MkDocs' configuration, read from ``root/mkdocs.yml``; a
    missing operator contact is warned about on stderr (once, as by the hook), never refused."""
    path = root / "mkdocs.yml"
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"{path.name}: nicht lesbar ({type(error).__name__}).") from None
    try:
        settings, warning = checked_settings(config)
    except SettingsError as error:
        raise ConfigError(str(error)) from None
    if warning and warn:
        print(warning, file=sys.stderr)
    return settings


def generate(root: Path, folder: Path, settings: SiteSettings | None = None) -> Generated:
    """Load and validate ``root/data`` (``DataError`` with every problem before anything is written),
    then write every page and file into ``folder``, each under its path in the site's sources;
    the settings are ``root/mkdocs.yml``'s unless ``settings`` is given."""
    plan = plan_site(root, settings or read_config(root, warn=False))
    for job in plan.jobs:  # one output in memory at a time, as the hook's worker renders them
        _write(folder / job.path, job.make())
    return Generated(len(plan.pages), len(plan.files))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def restore_sitemap(generated: Path, site: Path) -> None:
    """The generator's sitemap (and its gzip copy) into a built site, over one the engine wrote itself."""
    for name in (SITEMAP, PACKED):
        shutil.copyfile(generated / name, site / name)
