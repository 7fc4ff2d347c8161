"""The generator without a site engine: every page (Markdown) and every file (feeds, calendars, open
data, OPML) the hub makes from ``data/``, written to a folder (``python -m msdz_hub generate``).

This is what the MkDocs hook hands to MkDocs, and all an adapter for another engine would need to
take over. The site's settings come from ``mkdocs.yml`` as the hook reads them there, with its
``!ENV`` values; MkDocs itself is never imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag

from .feeds import FeedSettings
from .pipeline import plan_site

# The operator's fields without which the legal pages cannot be written (as the hook demands).
OPERATOR_FIELDS = ("name", "address", "host", "accessibility")
CONTACT_FIELDS = {"email": "E-Mail-Adresse", "phone": "Telefonnummer"}


class ConfigError(Exception):
    """mkdocs.yml lacks what the generated pages need; the message is German."""


class _ConfigLoader(yaml.SafeLoader):
    """Plain YAML plus MkDocs' ``!ENV [NAME, default]``, which mkdocs.yml uses for its URLs."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)


@dataclass(frozen=True)
class SiteConfig:
    settings: FeedSettings
    operator: dict


@dataclass(frozen=True)
class Generated:
    pages: int
    files: int


def read_config(root: Path) -> SiteConfig:
    """The settings the hook takes from MkDocs' configuration, read from ``root/mkdocs.yml``."""
    path = root / "mkdocs.yml"
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"{path.name}: nicht lesbar ({type(error).__name__}).") from None
    extra = config.get("extra") or {}
    hub = extra.get("hub") or {}
    site_url = str(config.get("site_url") or "")
    if site_url and not site_url.endswith("/"):  # as MkDocs does: the site is a folder
        site_url += "/"
    settings = FeedSettings(
        site_url=site_url,
        title=str(config.get("site_name") or ""),
        description=str(config.get("site_description") or ""),
        author=str(hub.get("publisher", config.get("site_author") or "")),
        tag_authority=str(hub.get("tag_authority", "")),
    )
    operator = extra.get("operator") or {}
    _check_operator(operator)
    return SiteConfig(settings, operator)


def _check_operator(operator: dict) -> None:
    """The generated Impressum must be complete, as for `make build` (§ 5 DDG)."""
    missing = [key for key in OPERATOR_FIELDS if not operator.get(key)]
    if missing:
        raise ConfigError(f"mkdocs.yml: extra.operator braucht {', '.join(missing)} (für Impressum und Datenschutz).")
    lacking = [f"{name} (extra.operator.{key})" for key, name in CONTACT_FIELDS.items() if not operator.get(key)]
    if lacking:
        raise ConfigError(
            f"mkdocs.yml: Im Impressum fehlt {' und '.join(lacking)} des Betreibers (Pflicht nach § 5 DDG); "
            "HUB_OPERATOR_EMAIL und HUB_OPERATOR_PHONE setzen sie ohne Änderung der Datei."
        )


def generate(root: Path, folder: Path, config: SiteConfig | None = None) -> Generated:
    """Load and validate ``root/data`` (``DataError`` with every problem before anything is written),
    then write every page and file into ``folder``, each under its path in the site's sources;
    the settings are ``root/mkdocs.yml``'s unless ``config`` is given."""
    config = config or read_config(root)
    plan = plan_site(root, config.settings, config.operator)
    for job in plan.pages:  # one page in memory at a time, as the hook's worker renders them
        _write(folder / job.src_uri, job.render().content.encode("utf-8"))
    files = 0
    for path, data in plan.render_files():
        _write(folder / path, data)
        files += 1
    return Generated(len(plan.pages), files)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
