"""Whether a web address still answers, asked the way a polite visitor would.

Each address is asked with HEAD first (no body is sent back) and, when that does not settle it,
with GET, since many servers refuse or mishandle HEAD. Busy servers (429, 503) get their
Retry-After and a few tries; every host is asked at most once per ``interval`` seconds; the
User-Agent says who asks and where to complain. requests and urllib3's Retry do the HTTP work.
"""

from __future__ import annotations

import time
import urllib.parse
from dataclasses import dataclass

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

USER_AGENT = "MSdZ-Wissenstransfer-Hub-Quellenpruefung/1.0 (+{contact})"
PERMANENT_REDIRECTS = {301, 308}
BUSY = {429}  # the server asks us to come back: says nothing about the page itself
_SETTLED_BY_HEAD = range(200, 300)

_REASONS = {
    404: "Seite nicht gefunden (404)",
    410: "Seite entfernt (410)",
    401: "Anmeldung verlangt (401)",
    403: "Zugriff verweigert (403)",
    429: "Server überlastet (429), beim nächsten Lauf erneut prüfen",
}


@dataclass(frozen=True)
class Answer:
    ok: bool | None  # None: undecided (the server was too busy to say)
    status: int | None
    detail: str  # German, for editors
    moved_to: str | None = None  # the new address after a permanent redirect


class Checker:
    """One polite visitor for a whole run: a session with retries and a pause per host."""

    def __init__(self, contact: str, interval: float = 2.0, timeout: float = 15.0, retries: int = 2):
        self.interval = interval
        self.timeout = timeout
        self._last_visit: dict[str, float] = {}
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT.format(contact=contact)
        retry = Retry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            backoff_factor=0.5,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=frozenset({"HEAD", "GET"}),
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def check(self, url: str) -> Answer:
        head = self._ask("HEAD", url)
        if isinstance(head, requests.Response) and head.status_code in _SETTLED_BY_HEAD:
            return _answer(head)
        got = self._ask("GET", url)
        return _answer(got) if isinstance(got, requests.Response) else _no_answer(got)

    def _ask(self, method: str, url: str) -> requests.Response | Exception:
        self._wait_for(urllib.parse.urlsplit(url).hostname or "")
        try:
            response = self.session.request(method, url, timeout=self.timeout, allow_redirects=True, stream=True)
        except requests.RequestException as error:
            return error
        response.close()  # the body is never needed: the status says enough
        return response

    def _wait_for(self, host: str) -> None:
        pause = self._last_visit.get(host, -self.interval) + self.interval - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        self._last_visit[host] = time.monotonic()


def _answer(response: requests.Response) -> Answer:
    status = response.status_code
    moved = next((r.headers.get("Location") for r in response.history if r.status_code in PERMANENT_REDIRECTS), None)
    moved_to = response.url if moved else None
    if 200 <= status < 300:
        detail = f"dauerhaft umgezogen nach {moved_to}" if moved_to else "erreichbar"
        return Answer(True, status, detail, moved_to)
    if status in BUSY:
        return Answer(None, status, _REASONS[status])
    reason = _REASONS.get(status) or (
        f"Serverfehler ({status})" if status >= 500 else f"unerwartete Antwort ({status})"
    )
    return Answer(False, status, reason)


def _no_answer(error: Exception) -> Answer:
    if isinstance(error, requests.exceptions.RetryError):
        return Answer(None, 429, _REASONS[429])
    reason = getattr(error.args[0], "reason", None) if error.args else None  # urllib3's, after retries
    if isinstance(error, requests.Timeout) or isinstance(reason, urllib3.exceptions.TimeoutError):
        return Answer(False, None, "keine Antwort in der erlaubten Zeit")
    if isinstance(error, requests.exceptions.SSLError):
        return Answer(False, None, "Zertifikat der Seite ungültig")
    if isinstance(error, requests.ConnectionError):
        return Answer(False, None, "Server nicht erreichbar")
    return Answer(False, None, "Adresse nicht abrufbar")
