"""The go-live check (``python -m msdz_hub ready``, ``make ready``): what is still missing before the
site may be published, in German, one line per setting.

A preview builds without the operator's settings (the legal pages say what is missing); publishing
must not. The deploy workflow runs this check before it uploads anything and writes its answer to the
job summary. It reads mkdocs.yml as MkDocs does (``!ENV`` values from the environment), so each line
names the variable an operator sets: a repository variable on GitHub, or the environment locally.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..core.settings import CONTACT
from .cms_settings import mkdocs_values

# Domains reserved for examples and tests (RFC 2606, RFC 6761): never a real operator's mailbox.
RESERVED_DOMAINS = ("example", "example.com", "example.net", "example.org", "test", "invalid", "localhost")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
PHONE = re.compile(r"\+?[0-9][0-9 ()/\-]*")
ENV_NAMES = {"email": "HUB_OPERATOR_EMAIL", "phone": "HUB_OPERATOR_PHONE"}


@dataclass(frozen=True)
class Finding:
    setting: str  # the variable an operator sets, e.g. HUB_OPERATOR_EMAIL
    message: str  # German: what is wrong and what to set


@dataclass(frozen=True)
class Pages:
    """What GitHub says of the repository's Pages site (``gh api repos/OWNER/REPO/pages``)."""

    found: bool  # False: Pages is not switched on
    url: str = ""  # html_url: the github.io address or the custom domain
    build_type: str = ""  # "workflow" when the source is GitHub Actions

    @classmethod
    def from_answer(cls, text: str) -> Pages | None:
        """The API's answer; None if it says nothing usable (no token, rate limit): not checked."""
        try:
            answer = json.loads(text)
        except ValueError:
            return None
        if not isinstance(answer, dict):
            return None
        if answer.get("html_url"):
            return cls(True, str(answer["html_url"]), str(answer.get("build_type") or ""))
        return cls(False) if answer.get("status") == "404" or answer.get("message") == "Not Found" else None


def _reserved(domain: str) -> bool:
    domain = domain.lower().rstrip(".")
    return any(domain == name or domain.endswith("." + name) for name in RESERVED_DOMAINS)


def contact_findings(operator: dict) -> list[Finding]:
    findings = []
    for key, what in CONTACT.items():
        value = str(operator.get(key) or "").strip()
        setting = ENV_NAMES[key]
        if not value:
            findings.append(Finding(setting, f"fehlt: {what} für das Impressum (§ 5 DDG)."))
        elif key == "email" and (not EMAIL.fullmatch(value) or _reserved(value.rsplit("@", 1)[1])):
            findings.append(Finding(setting, f"„{value}“ ist keine E-Mail-Adresse, die Leser erreicht."))
        elif key == "phone" and (not PHONE.fullmatch(value) or sum(c.isdigit() for c in value) < 6):
            findings.append(Finding(setting, f"„{value}“ ist keine Telefonnummer (nur Ziffern, +, Leerzeichen, /, -)."))
    return findings


def repository_of(repo_url: str) -> str | None:
    """``owner/name`` of a GitHub repository address, else None."""
    parts = urlsplit(repo_url or "")
    path = parts.path.strip("/").removesuffix(".git")
    if parts.scheme == "https" and parts.netloc == "github.com" and re.fullmatch(r"[\w.-]+/[\w.-]+", path):
        return path
    return None


def pages_address(repository: str) -> str:
    """The address GitHub Pages gives a repository without a custom domain."""
    owner, name = repository.split("/")
    if name.lower() == f"{owner.lower()}.github.io":
        return f"https://{owner.lower()}.github.io/"
    return f"https://{owner.lower()}.github.io/{name}/"


def repository_findings(repo_url: str, actual: str | None) -> list[Finding]:
    if not repo_url:
        return [Finding("REPO_URL", "fehlt: die Adresse des Repositorys, in dem das Redaktionssystem speichert.")]
    repository = repository_of(repo_url)
    if repository is None:
        return [
            Finding("REPO_URL", f"„{repo_url}“ ist keine Adresse der Form https://github.com/<konto>/<repository>.")
        ]
    if actual and repository.lower() != actual.lower():
        return [
            Finding(
                "REPO_URL",
                f"zeigt auf {repository}, veröffentlicht wird aber aus {actual}: das Redaktionssystem "
                f"speicherte Entwürfe im falschen Repository. Richtig: https://github.com/{actual}",
            )
        ]
    return []


def site_findings(site_url: str, repository: str | None, pages: Pages | None) -> list[Finding]:
    if not site_url:
        example = pages_address(repository) if repository else "https://<konto>.github.io/<repository>/"
        return [Finding("SITE_URL", f"fehlt: die Adresse der Website, z. B. {example}")]
    parts = urlsplit(site_url)
    if parts.scheme != "https" or not parts.netloc or parts.query or parts.fragment:
        return [
            Finding(
                "SITE_URL",
                f"„{site_url}“ ist keine https-Adresse der Website (z. B. https://<konto>.github.io/<repository>/).",
            )
        ]
    if not site_url.endswith("/"):
        return [
            Finding("SITE_URL", f"„{site_url}“ muss mit / enden, sonst stimmen die Links in Feeds und Kalendern nicht.")
        ]
    if pages is not None and pages.found and pages.url.rstrip("/") + "/" != site_url:
        return [Finding("SITE_URL", f"„{site_url}“, aber GitHub Pages veröffentlicht unter {pages.url}.")]
    github_io = parts.netloc.lower().endswith(".github.io")
    if github_io and repository and site_url != pages_address(repository):
        return [
            Finding(
                "SITE_URL", f"„{site_url}“ ist nicht die Pages-Adresse dieses Repositorys: {pages_address(repository)}"
            )
        ]
    return []


def pages_findings(pages: Pages | None) -> list[Finding]:
    if pages is None:
        return []
    if not pages.found:
        return [Finding("GitHub Pages", "ist nicht eingeschaltet: Settings → Pages → Source: „GitHub Actions“.")]
    if pages.build_type and pages.build_type != "workflow":
        return [
            Finding("GitHub Pages", "Quelle ist ein Branch: Settings → Pages → Source auf „GitHub Actions“ stellen.")
        ]
    return []


def login_findings(auth_url: str, site_url: str) -> list[Finding]:
    """Decap compares the login window's origin with ``base_url`` character by character, so the
    proxy's address is an origin: scheme, host and port, nothing after it."""
    if not auth_url:
        return [
            Finding(
                "CMS_AUTH_URL",
                "fehlt: die Adresse des Anmeldedienstes (auth/) für „Mit GitHub einloggen“ unter /admin/.",
            )
        ]
    parts = urlsplit(auth_url)
    if parts.scheme != "https" or not parts.netloc:
        return [Finding("CMS_AUTH_URL", f"„{auth_url}“ ist keine https-Adresse.")]
    if parts.path.strip("/") or parts.query or parts.fragment:
        origin = f"https://{parts.netloc}"
        return [
            Finding("CMS_AUTH_URL", f"„{auth_url}“ darf nur aus Protokoll und Host bestehen ({origin}), ohne Pfad.")
        ]
    if parts.netloc.lower() == urlsplit(site_url).netloc.lower():
        return [
            Finding(
                "CMS_AUTH_URL", "ist die Adresse der Website selbst; GitHub Pages kann keinen Anmeldedienst betreiben."
            )
        ]
    return []


def findings(root: Path, repository: str | None = None, pages: Pages | None = None) -> list[Finding]:
    """Everything that stops publication, for the repository being published (``OWNER/NAME``)."""
    values = mkdocs_values(root)
    extra = values.get("extra") or {}
    site_url = str(values.get("site_url") or "")
    repo_url = str(values.get("repo_url") or "")
    auth_url = str((((extra.get("hub") or {}).get("cms")) or {}).get("auth_url") or "")
    return [
        *contact_findings(extra.get("operator") or {}),
        *pages_findings(pages),
        *site_findings(site_url, repository or repository_of(repo_url), pages),
        *repository_findings(repo_url, repository),
        *login_findings(auth_url, site_url),
    ]


def report(found: list[Finding]) -> str:
    """The answer for a terminal: the verdict, then one line per finding."""
    if not found:
        return "Bereit zur Veröffentlichung: alle Angaben sind gesetzt und passen zusammen.\n"
    count = "1 Angabe fehlt oder passt" if len(found) == 1 else f"{len(found)} Angaben fehlen oder passen"
    lines = [f"Noch nicht bereit zur Veröffentlichung – {count} nicht:"]
    lines += [f"- {finding.setting}: {finding.message}" for finding in found]
    lines.append("Wo und wie man sie setzt: README, Abschnitt „Inbetriebnahme“.")
    return "\n".join(lines) + "\n"


def _markdown(text: str, limit: int = 400) -> str:
    """Plain text for a GitHub job summary: no markup, no mentions, no HTML, bounded."""
    text = text[:limit].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]()#+!|~@])", r"\\\1", text).replace("\n", " ")


def summary(found: list[Finding]) -> str:
    """The same answer as Markdown for $GITHUB_STEP_SUMMARY."""
    if not found:
        return "## Bereit zur Veröffentlichung\n\nAlle Angaben sind gesetzt und passen zusammen.\n"
    rows = [f"| {_markdown(f.setting)} | {_markdown(f.message)} |" for f in found]
    return "\n".join(
        [
            "## Nicht veröffentlicht: Angaben fehlen oder passen nicht",
            "",
            "Die Website wurde nicht hochgeladen. Bitte diese Repository-Variablen setzen "
            "(Settings → Secrets and variables → Actions → Variables) und den Lauf wiederholen; "
            "README, Abschnitt „Inbetriebnahme“, erklärt jede.",
            "",
            "| Einstellung | Was fehlt |",
            "| --- | --- |",
            *rows,
            "",
        ]
    )
