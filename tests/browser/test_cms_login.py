"""„Mit GitHub einloggen“ for real: the built site's /admin/ in Chromium, the hub's login service
(auth/oauth_proxy.py, started as an operator starts it) and a stand-in GitHub (tests/fake_github.py),
everything on 127.0.0.1. The browser's calls to api.github.com are answered by the stand-in too.

Decap's own protocol runs unchanged: its popup, the handshake between the two windows, the token
in the CMS window, its API calls. A login service that does not allow the site gives no token, and
an /admin/ built without a login service says so on its start screen instead of opening a window.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browsing import AXE, WCAG_TAGS
from cms_backend import free_port
from fake_github import CLIENT_ID, CLIENT_SECRET, FakeGitHub

ROOT = Path(__file__).resolve().parents[2]
REPO_URL = "https://github.com/msdz-brandenburg/wissenstransfer-hub"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path, port: int) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def site_with_admin(built_site: Path, folder: Path, site_url: str, auth_url: str) -> Path:
    """The built site, with /admin/ written as `make build` writes it with CMS_AUTH_URL=auth_url."""
    from msdz_hub.editors.admin_site import write_admin
    from msdz_hub.editors.cms_settings import from_values

    folder.mkdir()
    for entry in built_site.iterdir():
        if entry.name != "admin":
            (folder / entry.name).symlink_to(entry)
    settings = from_values(REPO_URL, {"auth_url": auth_url}, site_url)
    write_admin(ROOT, folder, settings, "Wissenstransfer")
    return folder


class LoginService:
    """auth/oauth_proxy.py in a process of its own, configured by the environment only."""

    def __init__(self, github: FakeGitHub, allowed: str, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "GITHUB_CLIENT_ID": CLIENT_ID,
            "GITHUB_CLIENT_SECRET": CLIENT_SECRET,
            "ALLOWED_ORIGINS": allowed,
            "GITHUB_URL": github.url,
            "AUTH_PORT": str(self.port),
        }
        self.log_path = log
        self.log = log.open("w")
        command = [sys.executable, str(ROOT / "auth" / "oauth_proxy.py")]
        self.process = subprocess.Popen(command, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(self.url + "/", timeout=2).close()
                return
            except OSError:
                assert self.process.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)

    def stop(self) -> str:
        self.process.terminate()
        self.process.wait(10)
        self.log.close()
        return self.log_path.read_text(encoding="utf-8")


@pytest.fixture
def login(built_site, browser, tmp_path) -> Iterator:
    """A function (allowed origins -> page, github, service) that sets the three up for one test."""
    running: list = []

    def start(allowed_site: bool = True):
        github = FakeGitHub()
        site_port = free_port()
        site_url = f"http://127.0.0.1:{site_port}"
        service = LoginService(
            github, site_url if allowed_site else "https://andere-website.example", tmp_path / "auth.log"
        )
        github.callback_url = f"{service.url}/callback"  # the OAuth app's registered callback URL
        site = serve(site_with_admin(built_site, tmp_path / "site", f"{site_url}/", service.url), site_port)
        context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        context.route("https://api.github.com/**", functools.partial(_to_fake, github))
        running.append((context, site, service, github))
        page = context.new_page()
        page.goto(f"{site_url}/admin/")
        return page, github, service, requests

    yield start
    for context, site, service, github in running:
        context.close()
        site.shutdown()
        service.stop()
        github.close()


def _to_fake(github: FakeGitHub, route) -> None:
    """api.github.com, answered on loopback by the stand-in (the page's CSP stays the real one)."""
    parts = urlsplit(route.request.url)
    route.fulfill(response=route.fetch(url=f"{github.url}{parts.path}?{parts.query}"))


def test_an_editor_logs_in_with_github_and_sees_the_collections(login):
    page, github, service, requests = login()
    with page.expect_popup() as opened:
        page.get_by_role("button", name="Mit GitHub einloggen").click()
    popup = opened.value
    popup.wait_for_event("close", timeout=30000)  # Decap closes it once it has the token
    page.get_by_role("link", name="Praxisbeispiele").first.wait_for(timeout=30000)
    for collection in ("Kommunen", "Modellvorhaben", "Veranstaltungen"):
        assert page.get_by_role("link", name=collection).first.is_visible()
    (token,) = github.tokens
    used = [path for method, path, query in github.requests if method == "GET" and not path.startswith("/login/")]
    assert "/user" in used and "/repos/msdz-brandenburg/wissenstransfer-hub" in used  # called with the token
    assert not [url for url in requests if urlsplit(url).hostname not in ("127.0.0.1", "api.github.com")]
    log = service.stop()
    assert "GET /auth 302" in log and "GET /callback 200" in log
    assert token not in log and CLIENT_SECRET not in log and "code=" not in log
    assert not [url for url in requests if CLIENT_SECRET in url]


def test_a_site_the_login_service_does_not_allow_gets_a_german_refusal_and_no_token(login):
    page, github, service, _ = login(allowed_site=False)
    with page.expect_popup() as opened:
        page.get_by_role("button", name="Mit GitHub einloggen").click()
    popup = opened.value
    popup.get_by_role("heading", name="Anmeldung nicht möglich").wait_for()
    assert "ist für diesen Anmeldedienst nicht freigegeben" in popup.content()
    page.wait_for_timeout(1000)
    assert not github.tokens and not [r for r in github.requests if r[1] == "/login/oauth/authorize"]
    assert page.get_by_role("button", name="Mit GitHub einloggen").is_visible()  # still logged out
    assert not page.get_by_role("link", name="Praxisbeispiele").count()


def test_admin_built_without_a_login_service_says_so_and_opens_no_window(built_site, browser):
    """The default build (CMS_AUTH_URL empty): the start screen names the missing setting."""
    server = serve(built_site, 0)
    context = browser.new_context(locale="de-DE")
    try:
        page = context.new_page()
        popups: list = []
        page.on("popup", lambda popup: popups.append(popup))
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/admin/")
        notice = page.get_by_role("complementary", name="Die Anmeldung ist noch nicht eingerichtet")
        notice.wait_for()
        assert "Es fehlt die Adresse des Anmeldedienstes, die Einstellung CMS_AUTH_URL." in notice.inner_text()
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")  # CDP evaluation: the page's CSP stays
        found = page.evaluate(
            "(tags) => axe.run({include: [['#hub-login-missing']]}, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        assert [v["id"] for v in found["violations"]] == [] and found["passes"]
        page.get_by_role("button", name="Mit GitHub einloggen").click()
        page.wait_for_timeout(1000)
        assert popups == []
        assert page.evaluate("document.activeElement.id") == "hub-login-missing"
    finally:
        context.close()
        server.shutdown()
