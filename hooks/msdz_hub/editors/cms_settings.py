"""Where the browser CMS saves and how editors log in: repository, branch and login proxy.

The values come from mkdocs.yml (``repo_url`` and ``extra.hub.cms``), which takes them from the
environment (REPO_URL, CMS_BRANCH, CMS_AUTH_URL, CMS_AUTH_ENDPOINT), so a fork or a staging site
needs no code change. The hook hands over MkDocs' values; ``python -m msdz_hub cms-config`` reads
mkdocs.yml itself with the same !ENV rule.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml


class SettingsError(Exception):
    """A German message: the CMS cannot be configured from these values."""


@dataclass(frozen=True)
class CmsSettings:
    repo: str  # "owner/name" on GitHub
    branch: str
    auth_url: str  # the self-hosted OAuth proxy (base_url); never a third party by default
    auth_endpoint: str
    site_url: str
    local_backend: str | None = None  # a decap-server URL, for tests and local trials only
    auth_configured: bool = True  # False: no login service set (CMS_AUTH_URL); /admin/ says so


def from_values(repo_url: str, cms: dict, site_url: str, local_backend: str | None = None) -> CmsSettings:
    parts = urlsplit(repo_url or "")
    path = parts.path.strip("/").removesuffix(".git")
    if parts.netloc != "github.com" or path.count("/") != 1:
        raise SettingsError(
            f"repo_url '{repo_url}' ist keine GitHub-Adresse der Form https://github.com/<konto>/<repo>."
        )
    auth_url = (cms.get("auth_url") or "").rstrip("/")
    if not auth_url:
        # Without a proxy of our own Decap would send the login to a third party (Netlify):
        # fall back to the site's own host, where the login fails visibly instead.
        site = urlsplit(site_url)
        auth_url = f"{site.scheme}://{site.netloc}" if site.netloc else ""
    return CmsSettings(
        repo=path,
        branch=cms.get("branch") or "main",
        auth_url=auth_url,
        auth_endpoint=cms.get("auth_endpoint") or "auth",
        site_url=site_url,
        local_backend=local_backend,
        auth_configured=bool(cms.get("auth_url")),
    )


class _MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's ``!ENV [NAME, default]`` the way MkDocs does (first set variable wins)."""


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    names = [node.value] if isinstance(node, yaml.ScalarNode) else [n.value for n in node.value]
    *variables, default = names if len(names) > 1 else (*names, None)
    for name in variables:
        if os.environ.get(name) is not None:
            return os.environ[name]
    return default


_MkDocsLoader.add_constructor("!ENV", _env)


def mkdocs_values(root: Path) -> dict:
    """mkdocs.yml's values as MkDocs reads them, ``!ENV`` variables filled from the environment."""
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_MkDocsLoader) or {}


def settings_from_environment(root: Path, local_backend: str | None = None) -> CmsSettings:
    config = mkdocs_values(root)
    cms = ((config.get("extra") or {}).get("hub") or {}).get("cms") or {}
    return from_values(config.get("repo_url", ""), cms, config.get("site_url", ""), local_backend)
