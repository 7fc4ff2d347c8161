"""The editors' login service (auth/oauth_proxy.py) against a stand-in GitHub on 127.0.0.1: Decap's
protocol when all is right, and a German refusal without a token for each thing that is not.
The browser end of it (Decap in Chromium) is tests/browser/test_cms_login.py."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import time
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from fake_github import CLIENT_ID, CLIENT_SECRET, FakeGitHub
from oauth_proxy import STATE_COOKIE, Config, ConfigError, OAuthProxy
from support import ROOT
from werkzeug.test import Client

SITE = "https://msdz-brandenburg.github.io"


@pytest.fixture
def github():
    fake = FakeGitHub()
    fake.callback_url = "http://localhost/callback"
    yield fake
    fake.close()


@pytest.fixture
def client(github):
    env = {
        "GITHUB_CLIENT_ID": CLIENT_ID,
        "GITHUB_CLIENT_SECRET": CLIENT_SECRET,
        "ALLOWED_ORIGINS": f"{SITE}, http://127.0.0.1:8000",
        "GITHUB_URL": github.url,
    }
    return Client(OAuthProxy(Config.from_environment(env)))


def start_login(client, site_id: str = "msdz-brandenburg.github.io"):
    return client.get(f"/auth?provider=github&site_id={site_id}&scope=public_repo")


def approve_on_github(response) -> str:
    """The browser follows the proxy to GitHub, which sends it back: the callback's path and query."""
    back = requests.get(response.headers["Location"], allow_redirects=False, timeout=10)
    assert back.status_code == 302
    parts = urlsplit(back.headers["Location"])
    return f"{parts.path}?{parts.query}"


def assert_refused(response, reason: str, github: FakeGitHub) -> None:
    page = response.get_data(as_text=True)
    assert response.status_code >= 400
    assert '<html lang="de">' in page and "Anmeldung nicht möglich" in page and reason in page
    assert "authorization:github" not in page and "<script" not in page
    assert not any(token in page for token in github.tokens) and CLIENT_SECRET not in page
    assert response.headers["Cache-Control"] == "no-store"


def test_auth_sends_the_browser_to_github_with_a_state_bound_to_it(client, github):
    response = start_login(client)
    assert response.status_code == 302 and response.headers["Cache-Control"] == "no-store"
    location = urlsplit(response.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{github.url}/login/oauth/authorize"
    query = parse_qs(location.query)
    assert query["client_id"] == [CLIENT_ID] and query["scope"] == ["public_repo"]
    assert "client_secret" not in query and CLIENT_SECRET not in response.headers["Location"]
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{STATE_COOKIE}={query['state'][0]}:msdz-brandenburg.github.io")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=600" in cookie
    assert len(query["state"][0]) >= 30
    assert "Secure" not in cookie  # plain http on loopback (make auth); behind TLS it is Secure:
    behind_tls = client.get(
        "/auth?provider=github&site_id=msdz-brandenburg.github.io", headers={"X-Forwarded-Proto": "https"}
    )
    assert "Secure" in behind_tls.headers["Set-Cookie"]


def test_the_callback_posts_the_token_only_to_the_allowed_site(client, github):
    callback = approve_on_github(start_login(client))
    response = client.get(callback)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    (token,) = github.tokens
    assert f'authorization:github:success:{{\\"token\\": \\"{token}\\", \\"provider\\": \\"github\\"}}' in page
    assert f'const origins = ["{SITE}"];' in page  # the site that began the login, not the other one
    assert "cms.postMessage(message, event.origin)" in page and "origins.includes(event.origin)" in page
    assert '"*"' not in page and "'*'" not in page
    nonce = re.search(r'<script nonce="([^"]+)">', page)[1]
    assert f"script-src 'nonce-{nonce}'" in response.headers["Content-Security-Policy"]
    assert CLIENT_SECRET not in page and CLIENT_SECRET not in str(response.headers)
    exchange = [form for method, path, form in github.requests if path == "/login/oauth/access_token"]
    assert exchange and exchange[0]["client_secret"] == CLIENT_SECRET  # server to server only
    assert f"{STATE_COOKIE}=;" in response.headers["Set-Cookie"]  # the state is used up


def test_a_wrong_state_is_refused(client, github):
    callback = approve_on_github(start_login(client))
    forged = re.sub(r"state=[^&]+", "state=von-einem-angreifer", callback)
    assert_refused(client.get(forged), "nicht in diesem Browser begonnen", github)
    assert not github.tokens  # the code was never exchanged


def test_a_missing_state_cookie_is_refused(client, github):
    callback = approve_on_github(start_login(client))
    client.delete_cookie(STATE_COOKIE, domain="localhost")
    assert_refused(client.get(callback), "nicht in diesem Browser begonnen", github)
    assert not github.tokens


def test_a_missing_state_is_refused(client, github):
    callback = approve_on_github(start_login(client))
    assert_refused(client.get(re.sub(r"&?state=[^&]+", "", callback)), "nicht in diesem Browser begonnen", github)


def test_a_missing_code_is_refused(client, github):
    callback = approve_on_github(start_login(client))
    assert_refused(client.get(re.sub(r"code=[^&]+&?", "", callback)), "keinen Anmeldecode", github)


def test_an_error_from_github_is_refused(client, github):
    start_login(client)
    response = client.get("/callback?error=access_denied&error_description=The+user+has+denied")
    assert_refused(response, "GitHub hat die Anmeldung nicht erlaubt (access_denied)", github)


def test_a_code_github_does_not_take_is_refused(client, github):
    github.fail_exchange = True
    callback = approve_on_github(start_login(client))
    assert_refused(client.get(callback), "GitHub hat die Anmeldung abgelehnt", github)


def test_a_site_that_is_not_allowed_gets_no_login(client, github):
    response = start_login(client, site_id="angreifer.example")
    assert_refused(response, "„angreifer.example“ ist für diesen Anmeldedienst nicht freigegeben", github)
    assert "Set-Cookie" not in response.headers
    assert not [r for r in github.requests if r[1] == "/login/oauth/authorize"]


def test_no_token_code_or_state_reaches_the_log(client, github, caplog):
    caplog.set_level(logging.DEBUG)
    callback = approve_on_github(start_login(client))
    client.get(callback)
    query = parse_qs(urlsplit(callback).query)
    logged = caplog.text
    assert "GET /callback 200" in logged and "GET /auth 302" in logged
    for secret in [*github.tokens, query["code"][0], query["state"][0], CLIENT_SECRET]:
        assert secret not in logged


def test_every_answer_is_no_store(client):
    for path in ("/", "/auth?provider=github&site_id=127.0.0.1", "/callback", "/gibt-es-nicht"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"GITHUB_CLIENT_SECRET": ""}, "Es fehlt: GITHUB_CLIENT_SECRET"),
        ({"ALLOWED_ORIGINS": "*"}, "„*“ ist kein Ursprung"),
        ({"ALLOWED_ORIGINS": "https://hub.example/admin/"}, "ohne Pfad"),
        ({"ALLOWED_ORIGINS": "http://hub.example"}, "muss https sein"),
        ({"GITHUB_URL": "http://github.example"}, "GITHUB_URL muss https sein"),
        ({"AUTH_PORT": "achtzig"}, "keine Portnummer"),
    ],
)
def test_a_wrong_setting_stops_the_service_in_german(change, message):
    env = {"GITHUB_CLIENT_ID": CLIENT_ID, "GITHUB_CLIENT_SECRET": CLIENT_SECRET, "ALLOWED_ORIGINS": SITE}
    with pytest.raises(ConfigError, match=re.escape(message)):
        Config.from_environment({**env, **change})


def test_the_service_runs_on_loopback_from_the_environment(tmp_path):
    port = _free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "GITHUB_CLIENT_ID": CLIENT_ID,
        "GITHUB_CLIENT_SECRET": CLIENT_SECRET,
        "ALLOWED_ORIGINS": SITE,
        "AUTH_PORT": str(port),
    }
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "auth" / "oauth_proxy.py")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        page = _get_when_up(f"http://127.0.0.1:{port}/")
        assert "Anmeldedienst der Redaktion" in page and SITE in page and CLIENT_SECRET not in page
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]
    assert f"Anmeldedienst für {SITE} auf http://127.0.0.1:{port}/" in output and CLIENT_SECRET not in output


def test_without_settings_the_service_says_what_is_missing():
    result = subprocess.run(
        [sys.executable, str(ROOT / "auth" / "oauth_proxy.py")],
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Fehler: Es fehlt: GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET, ALLOWED_ORIGINS" in result.stderr


def test_the_container_installs_exactly_the_pins_the_tests_use():
    def pins(text: str) -> dict[str, tuple[str, list[str]]]:
        joined = text.replace("\\\n", " ").splitlines()
        found = (re.match(r"([\w.-]+)==(\S+)", line) for line in joined)
        return {m[1]: (m[2], sorted(re.findall(r"sha256:(\w+)", m.string))) for m in found if m}

    container = pins((ROOT / "auth" / "requirements.txt").read_text(encoding="utf-8"))
    dev = pins((ROOT / "requirements-dev.txt").read_text(encoding="utf-8"))
    assert {"werkzeug", "waitress", "requests-oauthlib", "oauthlib", "requests", "jinja2"} <= set(container)
    assert {name: dev.get(name) for name in container} == container
    containerfile = (ROOT / "auth" / "Containerfile").read_text(encoding="utf-8")
    assert "--require-hashes --no-deps -r requirements.txt" in containerfile and "USER 65534" in containerfile


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get_when_up(url: str) -> str:
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
