"""The CMS's local backend for the browser test: decap-server in git mode on a throw-away clone.

The admin page is served exactly as built; only /admin/config.yml is swapped for the test variant
(`python -m msdz_hub cms-config --local-backend`) and /api/v1 is passed on to decap-server, so the
browser talks to one origin and the page's Content-Security-Policy stays the production one.
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DECAP_SERVER = "node_modules/decap-server/dist/index.js"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout


def throwaway_clone(root: Path, target: Path) -> Path:
    """A clone of the repository with the working tree's data/ on a branch ``main``."""
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(root), str(target)], check=True)
    git(target, "checkout", "-q", "-B", "main")
    shutil.rmtree(target / "data")
    shutil.copytree(root / "data", target / "data")
    git(target, "config", "user.name", "Redaktion Test")
    git(target, "config", "user.email", "redaktion@example.invalid")
    git(target, "add", "-A", "data")
    if git(target, "status", "--porcelain"):
        git(target, "commit", "-q", "-m", "Test: data/ of the working tree")
    return target


class DecapServer:
    def __init__(self, root: Path, repo: Path, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/api/v1"
        env = {
            **os.environ,
            "MODE": "git",
            "GIT_REPO_DIRECTORY": str(repo),
            "BIND_HOST": "127.0.0.1",
            "PORT": str(self.port),
            "LOG_LEVEL": "info",
        }
        node = shutil.which("node") or "node"
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [node, str(root / DECAP_SERVER)], env=env, cwd=repo, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                request = urllib.request.Request(
                    self.url, data=b'{"action":"info"}', headers={"Content-Type": "application/json"}
                )
                with urllib.request.urlopen(request, timeout=2):
                    return
            except OSError:
                assert self.process.poll() is None, log.read_text()
                time.sleep(0.2)
        raise AssertionError("decap-server did not start: " + log.read_text())

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class _AdminHandler(SimpleHTTPRequestHandler):
    config_text: bytes = b""
    backend_url = ""

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path.split("?")[0] == "/admin/config.yml":
            self.send_response(200)
            self.send_header("Content-Type", "text/yaml; charset=utf-8")
            self.send_header("Content-Length", str(len(self.config_text)))
            self.end_headers()
            self.wfile.write(self.config_text)
            return
        super().do_GET()

    def do_POST(self):
        if not self.path.startswith("/api/v1"):
            self.send_error(404)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        request = urllib.request.Request(self.backend_url, data=body, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, payload = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, payload = error.code, error.read()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def serve_admin(site: Path, backend_url: str, make_config=None) -> tuple[ThreadingHTTPServer, str]:
    """Serves ``site`` on 127.0.0.1; ``make_config(base_url)`` gives the config.yml to serve
    instead of the built one (None: the production config as built)."""
    handler = type("Handler", (_AdminHandler,), {"backend_url": backend_url})
    if make_config is None:
        handler.do_GET = SimpleHTTPRequestHandler.do_GET
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    if make_config is not None:
        handler.config_text = make_config(base).encode()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base
