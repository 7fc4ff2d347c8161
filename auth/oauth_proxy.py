"""The editors' login for /admin/: a small OAuth proxy for Decap CMS's GitHub backend.

GitHub's token endpoint needs the OAuth app's client secret and answers no browser (no CORS), so
the CMS cannot log in on its own: this service holds the secret and speaks Decap's protocol.

- ``GET /auth?provider=github&site_id=HOST&scope=…`` (Decap opens it in a popup): the site must be
  one of ALLOWED_ORIGINS; a fresh ``state`` goes into an HttpOnly cookie of this browser and along
  to GitHub's authorize page.
- ``GET /callback?code=…&state=…`` (GitHub sends the browser back): the state must equal the
  cookie's; the code is exchanged for a token here, server to server; the answer is a page that
  announces ``authorizing:github`` to the CMS window and, once that window answers from an allowed
  origin, posts ``authorization:github:success:{"token":…,"provider":"github"}`` to that origin only.
- Anything else is refused with a German page and no token. Every answer is ``no-store``; no token,
  code or state is logged; the secret never leaves this process.

Configured by the environment only: GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET, ALLOWED_ORIGINS,
GITHUB_URL (default https://github.com), AUTH_PORT (default 8787), AUTH_HOST (default 127.0.0.1).
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import secrets
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import jinja2
import requests
from oauthlib.oauth2 import OAuth2Error
from requests_oauthlib import OAuth2Session
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

LOG = logging.getLogger("oauth_proxy")
# requests-oauthlib logs the whole token response at DEBUG, urllib3 the requests: never below WARNING,
# whatever level the operator sets for the rest.
for _library in ("requests_oauthlib", "oauthlib", "urllib3"):
    logging.getLogger(_library).setLevel(logging.WARNING)
PROVIDER = "github"
STATE_COOKIE = "hub_oauth_state"
STATE_LIFETIME = 600  # seconds from the click on „Mit GitHub einloggen“ to GitHub's answer
DEFAULT_SCOPE = "public_repo"  # what Decap asks for with open authoring on a public repository
SCOPES = frozenset({"public_repo", "repo", "user", "read:user", "user:email"})
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)


class ConfigError(ValueError):
    """A German message: the service cannot start with this environment."""


def _origin(text: str) -> str:
    """``scheme://host[:port]`` of a configured site, or ConfigError."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.path.strip("/") or parts.query:
        raise ConfigError(f"ALLOWED_ORIGINS: „{text}“ ist kein Ursprung der Form https://host (ohne Pfad).")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        raise ConfigError(f"ALLOWED_ORIGINS: „{text}“ muss https sein (http nur für 127.0.0.1).")
    return f"{parts.scheme}://{parts.netloc.lower()}"


@dataclass(frozen=True)
class Config:
    client_id: str
    client_secret: str
    allowed_origins: tuple[str, ...]
    github_url: str = "https://github.com"
    port: int = 8787
    host: str = "127.0.0.1"

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> Config:
        missing = [
            name for name in ("GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET", "ALLOWED_ORIGINS") if not env.get(name)
        ]
        if missing:
            raise ConfigError(f"Es fehlt: {', '.join(missing)} (README „Inbetriebnahme“, Anmeldedienst).")
        github = urlsplit(env.get("GITHUB_URL") or "https://github.com")
        if github.scheme != "https" and not (github.scheme == "http" and github.hostname in LOOPBACK):
            raise ConfigError("GITHUB_URL muss https sein (http nur für eine Test-Attrappe auf 127.0.0.1).")
        if github.scheme == "http":  # oauthlib refuses plain http unless told: only a loopback fake gets here
            os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"
        try:
            port = int(env.get("AUTH_PORT") or 8787)
        except ValueError:
            raise ConfigError(f"AUTH_PORT: „{env['AUTH_PORT']}“ ist keine Portnummer.") from None
        return cls(
            client_id=env["GITHUB_CLIENT_ID"],
            client_secret=env["GITHUB_CLIENT_SECRET"],
            allowed_origins=tuple(_origin(o) for o in env["ALLOWED_ORIGINS"].split(",") if o.strip()),
            github_url=f"{github.scheme}://{github.netloc}",
            port=port,
            host=env.get("AUTH_HOST") or "127.0.0.1",
        )


class Refusal(Exception):
    """A German reason shown to the editor; never carries a token."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status, self.reason = status, reason


def _headers(response: Response, script_nonce: str | None = None) -> Response:
    script = f"'nonce-{script_nonce}'" if script_nonce else "'none'"
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    response.headers["Content-Security-Policy"] = (
        f"default-src 'none'; script-src {script}; style-src 'unsafe-inline'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    )
    response.headers["Referrer-Policy"] = "no-referrer"  # the callback's code never travels on
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _behind_https(request: Request) -> bool:
    """Whether the browser reached us over https: any host but loopback, or a TLS web server in
    front that says so. A forged header can only make the cookie stricter, never laxer."""
    on_loopback = request.host.rsplit(":", 1)[0].strip("[]") in LOOPBACK
    return not on_loopback or request.headers.get("X-Forwarded-Proto", "").lower() == "https"


def _page(template: str, status: int = 200, nonce: str | None = None, **context: object) -> Response:
    body = TEMPLATES.get_template(template).render(nonce=nonce, **context)
    return _headers(Response(body, status=status, content_type="text/html; charset=utf-8"), nonce)


class OAuthProxy:
    """The WSGI application."""

    def __init__(self, config: Config):
        self.config = config
        self.routes = Map(
            [Rule("/", endpoint="home"), Rule("/auth", endpoint="auth"), Rule("/callback", endpoint="callback")]
        )

    def origins_of(self, site_host: str) -> list[str]:
        """The allowed origins of the site Decap names by its host (``site_id``, without port)."""
        return [o for o in self.config.allowed_origins if urlsplit(o).hostname == site_host.lower()]

    def home(self, request: Request) -> Response:
        return _page("home.html", origins=self.config.allowed_origins)

    def auth(self, request: Request) -> Response:
        if request.args.get("provider", PROVIDER) != PROVIDER:
            raise Refusal(400, "Dieser Anmeldedienst kennt nur die Anmeldung mit GitHub.")
        site = request.args.get("site_id", "")
        if not self.origins_of(site):
            raise Refusal(
                403, f"Die Website „{site}“ ist für diesen Anmeldedienst nicht freigegeben (ALLOWED_ORIGINS)."
            )
        scope = [s for s in request.args.get("scope", DEFAULT_SCOPE).split(",") if s in SCOPES] or [DEFAULT_SCOPE]
        session = OAuth2Session(self.config.client_id, scope=scope)
        url, state = session.authorization_url(f"{self.config.github_url}/login/oauth/authorize")
        response = _headers(Response(status=302, headers={"Location": url}))
        response.set_cookie(
            STATE_COOKIE,
            f"{state}:{site.lower()}",
            max_age=STATE_LIFETIME,
            path="/",
            secure=_behind_https(request),
            httponly=True,
            samesite="Lax",  # sent on GitHub's redirect back (a top-level navigation), on nothing else
        )
        return response

    def callback(self, request: Request) -> Response:
        cookie = request.cookies.get(STATE_COOKIE, "")
        expected, _, site = cookie.partition(":")
        if request.args.get("error"):
            raise Refusal(403, f"GitHub hat die Anmeldung nicht erlaubt ({request.args['error'][:80]}).")
        state = request.args.get("state", "")
        if not expected or not state or not hmac.compare_digest(expected.encode(), state.encode()):
            raise Refusal(400, "Diese Anmeldung wurde nicht in diesem Browser begonnen oder ist abgelaufen.")
        origins = self.origins_of(site)
        if not origins:
            raise Refusal(
                403, f"Die Website „{site}“ ist für diesen Anmeldedienst nicht freigegeben (ALLOWED_ORIGINS)."
            )
        code = request.args.get("code", "")
        if not code:
            raise Refusal(400, "GitHub hat keinen Anmeldecode geschickt.")
        token = self.exchange(code, state)
        nonce = secrets.token_urlsafe(16)
        message = f"authorization:{PROVIDER}:success:" + json.dumps({"token": token, "provider": PROVIDER})
        response = _page("callback.html", nonce=nonce, origins=origins, message=message, provider=PROVIDER)
        response.delete_cookie(STATE_COOKIE, path="/")
        return response

    def exchange(self, code: str, state: str) -> str:
        """The access token for ``code``, asked of GitHub server to server; Refusal on any error."""
        session = OAuth2Session(self.config.client_id, state=state)
        try:
            token = session.fetch_token(
                f"{self.config.github_url}/login/oauth/access_token",
                code=code,
                client_secret=self.config.client_secret,
                include_client_id=True,
                headers={"Accept": "application/json"},
                timeout=15,
            )
        except OAuth2Error as error:  # GitHub answers 200 with {"error": …} for a bad or used code
            LOG.warning("GitHub lehnte den Tausch des Codes ab: %s", error.error)
            raise Refusal(502, "GitHub hat die Anmeldung abgelehnt. Bitte noch einmal einloggen.") from None
        except (requests.RequestException, ValueError) as error:
            LOG.warning("GitHub nicht erreichbar: %s", type(error).__name__)
            raise Refusal(502, "GitHub ist gerade nicht erreichbar. Bitte später noch einmal versuchen.") from None
        if not token.get("access_token"):
            raise Refusal(502, "GitHub hat keinen Zugangsschlüssel geschickt.")
        return str(token["access_token"])

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = Request(environ)
        try:
            endpoint, _ = self.routes.bind_to_environ(environ).match()
            response = getattr(self, endpoint)(request)
        except Refusal as refusal:
            response = _page("refusal.html", status=refusal.status, reason=refusal.reason)
        except NotFound:
            response = _page("refusal.html", status=404, reason="Diese Adresse gibt es beim Anmeldedienst nicht.")
        except HTTPException as error:
            response = _headers(error.get_response())
        # Path only: the query holds the code and the state, which are never written to a log.
        LOG.info("%s %s %s", request.method, request.path, response.status_code)
        return response(environ, start_response)


def serve(config: Config, announce: Iterable[str] = ()) -> None:
    from waitress import serve as waitress_serve

    for line in announce:
        print(line, flush=True)
    waitress_serve(OAuthProxy(config), host=config.host, port=config.port, ident="msdz-hub-auth")


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    try:
        config = Config.from_environment(os.environ)
    except ConfigError as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
    serve(config, [f"Anmeldedienst für {', '.join(config.allowed_origins)} auf http://{config.host}:{config.port}/"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
