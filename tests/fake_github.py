"""A stand-in for github.com and api.github.com on 127.0.0.1, for the login tests.

It plays GitHub's part of the OAuth web flow – the authorize page approves at once and sends the
browser to the OAuth app's callback URL; the token endpoint swaps a code it issued (once) for a
token, given the right client id and secret – and answers the REST calls Decap CMS makes right after
login. Every request is kept, so a test can see what reached "GitHub" and what did not.
"""

from __future__ import annotations

import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

CLIENT_ID = "Iv1.hubtestclient"
CLIENT_SECRET = "geheim-nur-beim-anmeldedienst-0123456789"
LOGIN = "redakteurin-test"


class FakeGitHub:
    def __init__(self, repo: str = "msdz-brandenburg/wissenstransfer-hub"):
        self.repo = repo
        self.callback_url = ""  # the OAuth app's registered callback (the proxy's /callback)
        self.codes: dict[str, str] = {}  # code -> scope, each usable once
        self.tokens: set[str] = set()
        self.requests: list[tuple[str, str, dict]] = []  # method, path, form or query
        self.fail_exchange = False
        handler = type("Handler", (_Handler,), {"github": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def authorize(self, query: dict) -> tuple[int, dict, bytes]:
        if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
            return 400, {}, b"unknown client"
        code = secrets.token_hex(10)
        self.codes[code] = query.get("scope", "")
        target = f"{self.callback_url}?{urlencode({'code': code, 'state': query.get('state', '')})}"
        return 302, {"Location": target}, b""

    def access_token(self, form: dict) -> dict:
        """GitHub's answer: 200 with either a token or an error, as the real endpoint does."""
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return {"error": "incorrect_client_credentials"}
        if self.fail_exchange or form.get("code") not in self.codes:
            return {"error": "bad_verification_code", "error_description": "The code passed is incorrect or expired."}
        scope = self.codes.pop(form["code"])
        token = "gho_" + secrets.token_hex(18)
        self.tokens.add(token)
        return {"access_token": token, "token_type": "bearer", "scope": scope}

    def api(self, path: str) -> tuple[int, object]:
        """The REST answers Decap needs to show its collections after login."""
        if path == "/user":
            return 200, {"login": LOGIN, "id": 4711, "name": "Redakteurin Test", "avatar_url": ""}
        if path == f"/repos/{self.repo}":
            owner = self.repo.split("/")[0]
            permissions = {"admin": False, "maintain": False, "push": True, "triage": True, "pull": True}
            return 200, {
                "full_name": self.repo,
                "owner": {"login": owner},
                "default_branch": "main",
                "permissions": permissions,
                "fork": False,
            }
        if path == f"/repos/{self.repo}/collaborators/{LOGIN}/permission":  # open authoring: a maintainer
            return 200, {"permission": "write", "user": {"login": LOGIN}}
        if path.startswith(f"/repos/{self.repo}/pulls") or "/git/matching-refs/" in path:
            return 200, []
        if "/git/trees/" in path:
            return 200, {"sha": "0" * 40, "tree": [], "truncated": False}
        return 404, {"message": "Not Found"}


class _Handler(BaseHTTPRequestHandler):
    github: FakeGitHub

    def log_message(self, *args):
        pass

    def _send(self, status: int, headers: dict, body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")  # api.github.com allows every origin too
        self.send_header("Access-Control-Allow-Headers", "Authorization, Content-Type")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, value: object) -> None:
        body = b"" if value is None else json.dumps(value).encode()
        self._send(status, {"Content-Type": "application/json"}, body)

    def do_OPTIONS(self):
        self._send(204, {"Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE"}, b"")

    def do_GET(self):
        parts = urlsplit(self.path)
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        self.github.requests.append(("GET", parts.path, query))
        if parts.path == "/login/oauth/authorize":
            self._send(*self.github.authorize(query))
            return
        token = self.headers.get("Authorization", "").removeprefix("token ").removeprefix("Bearer ")
        if token not in self.github.tokens:
            self._json(401, {"message": "Bad credentials"})
            return
        self._json(*self.github.api(parts.path.removeprefix("/api/v3")))

    def do_POST(self):
        parts = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        form = {key: values[-1] for key, values in parse_qs(body).items()}
        self.github.requests.append(("POST", parts.path, form))
        if parts.path == "/login/oauth/access_token":
            self._json(200, self.github.access_token(form))
            return
        self._json(404, {"message": "Not Found"})
