"""The weekly source check against a stand-in web on 127.0.0.1: live pages, moved pages, gone
pages (404, 410), a busy server (429), one that never answers in time, and a stand-in web archive.
What an editor or reader notices: the status file's history, the issue text, and – after two failed
checks in a row – the record's page linking the archived copy next to the original address."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from support import ROOT, TinyHub

from msdz_hub.core.source_status import STATUS_FILE, load_status
from msdz_hub.editors import link_check, source_guard

SNAPSHOT_TIME = "20240317120000"


class FakeWeb(BaseHTTPRequestHandler):
    """Pages by path; the archive's two endpoints under /wayback/ and /save/."""

    seen: defaultdict[str, list[tuple[str, str, float]]]  # path -> (method, user agent, time)
    saved: list[str]

    def log_message(self, *args) -> None:  # quiet: pytest shows failures, not every request
        pass

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        path, _, query = self.path.partition("?")
        self.seen[path].append((self.command, self.headers.get("User-Agent", ""), time.monotonic()))
        if path == "/wayback/available":
            return self._archive_lookup(urllib.parse.parse_qs(query)["url"][0])
        if path.startswith("/save/"):
            self.saved.append(path.removeprefix("/save/"))
            return self._send(200)
        if path == "/slow":
            time.sleep(1.5)
            return self._send(200)
        if path == "/head-refused":
            return self._send(405 if head else 200)
        if path == "/moved":
            return self._send(301, Location="/live")
        if path == "/busy":
            return self._send(429, **{"Retry-After": "0"})
        codes = {"/live": 200, "/gone-404": 404, "/gone-410": 410, "/broken": 500}
        return self._send(codes.get(path, 404))

    def _archive_lookup(self, url: str) -> None:
        copy = {
            "available": True,
            "status": "200",
            "timestamp": SNAPSHOT_TIME,
            "url": f"http://web.archive.org/web/{SNAPSHOT_TIME}/{url}",
        }
        body = {"archived_snapshots": {"closest": copy} if "gone-404" in url else {}}
        self._send(200, body=json.dumps(body).encode(), **{"Content-Type": "application/json"})

    def _send(self, code: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(code)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            try:
                self.wfile.write(body)
            except BrokenPipeError:  # the checker gave up waiting (the timeout case)
                pass


@pytest.fixture
def web(monkeypatch):
    handler = type("Web", (FakeWeb,), {"seen": defaultdict(list), "saved": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setenv("WEB_ARCHIVE_AVAILABILITY_URL", f"{base}/wayback/available")
    monkeypatch.setenv("WEB_ARCHIVE_SAVE_URL", f"{base}/save/")
    yield base, handler
    server.shutdown()
    server.server_close()


PATHS = ("/live", "/head-refused", "/moved", "/gone-404", "/gone-410", "/busy", "/slow", "/broken")


def _hub_citing(tmp_path, base: str) -> TinyHub:
    hub = TinyHub(tmp_path)
    urls = "".join(
        f"\n          - {{url: {base}{path}, title: Testseite {path}, publisher: Testserver}}" for path in PATHS
    )
    hub.write(
        "practices/beirat.yml",
        f"""
        title: Ein berufener Beirat
        summary: Ein Beirat trägt das Vorhaben ehrenamtlich.
        projects: [zossen-2021]
        topics: [klimawandel]
        context: Die Stadt wächst schnell.
        steps: [Beirat berufen, Themen setzen]
        transferability: Braucht engagierte Menschen.
        published: 2026-11-26
        sources_checked: 2024-01-15
        sources:{urls}
        """,
    )
    for path in (hub.root / "data").rglob("*.yml"):  # the other records' sources: on the stand-in too
        text = path.read_text(encoding="utf-8")
        for host in ("https://msdz.brandenburg.de/", "https://mil.brandenburg.de/"):
            text = text.replace(host, f"{base}/live")
        path.write_text(text, encoding="utf-8")
    cited = source_guard.source_addresses(hub.root)
    assert cited and all(url.startswith(base + "/") for url in cited), "no test request leaves this machine"
    return hub


def _run(hub: TinyHub, when: dt.datetime, report=None, interval: float = 0.05) -> None:
    checker = link_check.Checker("https://example.org/hub", interval=interval, timeout=0.5, retries=1)
    assert source_guard.run(hub.root, hub.root / STATUS_FILE, report, checker, when) == 0


MONDAY = dt.datetime(2026, 12, 7, 3, 0, tzinfo=dt.UTC)


def test_each_kind_of_answer_is_recorded_as_an_editor_would_read_it(tmp_path, web):
    base, handler = web
    hub = _hub_citing(tmp_path, base)
    _run(hub, MONDAY)
    status = load_status(hub.root / STATUS_FILE)
    latest = {url.removeprefix(base): (s.checks[-1].ok, s.checks[-1].detail) for url, s in status.items() if s.checks}
    assert latest["/live"] == (True, "erreichbar")
    assert latest["/head-refused"] == (True, "erreichbar")
    assert latest["/moved"][0] is True and status[f"{base}/moved"].moved_to == f"{base}/live"
    assert latest["/gone-404"] == (False, "Seite nicht gefunden (404)")
    assert latest["/gone-410"] == (False, "Seite entfernt (410)")
    assert latest["/slow"] == (False, "keine Antwort in der erlaubten Zeit")
    assert latest["/broken"] == (False, "Serverfehler (500)")
    assert "/busy" not in latest, "a busy server's 429 says nothing about the page: no check counted"
    assert not any(s.gone for s in status.values()), "one failure is not yet gone"


def test_head_first_then_get_only_where_head_does_not_settle_it_with_an_honest_user_agent(tmp_path, web):
    base, handler = web
    _run(_hub_citing(tmp_path, base), MONDAY)
    assert {m for m, _, _ in handler.seen["/live"]} == {"HEAD"}, "a live page is never downloaded"
    assert [m for m, _, _ in handler.seen["/head-refused"]] == ["HEAD", "GET"]
    agents = {agent for visits in handler.seen.values() for _, agent, _ in visits if visits}
    assert all(
        agent.startswith("MSdZ-Wissenstransfer-Hub-Quellenpruefung/") and "https://example.org/hub" in agent
        for agent in agents
    )
    assert len(handler.seen["/busy"]) >= 3, "a 429 is asked again (Retry-After honoured) before giving up"


def test_one_host_is_asked_at_most_once_per_interval(tmp_path, web):
    base, handler = web
    _run(_hub_citing(tmp_path, base), MONDAY, interval=0.2)
    # The first request of each address, as the server received them (urllib3's own retries of one
    # request are not spaced by the checker). Without the pause they would come milliseconds apart;
    # half the interval leaves room for a busy machine's delay between sending and receiving.
    first_requests = sorted(visits[0][2] for path, visits in handler.seen.items() if path in PATHS)
    spaced = [later - earlier for earlier, later in zip(first_requests, first_requests[1:], strict=False)]
    assert len(spaced) == len(PATHS) - 1 and min(spaced) >= 0.1, spaced


def test_two_failures_in_a_row_make_a_source_gone_and_the_page_links_the_archived_copy(tmp_path, web):
    base, handler = web
    hub = _hub_citing(tmp_path, base)
    _run(hub, MONDAY)
    page = hub.build().pages["praxisbeispiele/beirat.md"]
    assert "Archivierte Kopie" not in page, "after one failure the original is still linked alone"
    report = tmp_path / "issue.md"
    _run(hub, MONDAY + dt.timedelta(days=7), report)
    status = load_status(hub.root / STATUS_FILE)
    assert status[f"{base}/gone-404"].gone and status[f"{base}/gone-404"].archive is not None
    assert f"{base}/live" in handler.saved, "a live source without a copy is handed to the archive"
    page = hub.build().pages["praxisbeispiele/beirat.md"]
    copy = f"https://web.archive.org/web/{SNAPSHOT_TIME}/{base}/gone-404"
    line = next(line for line in page.splitlines() if copy in line).replace("\\", "")  # Markdown escapes
    assert "archiviert am 17. März 2024" in line and f"({base}/gone-404)" in line, line
    text = report.read_text(encoding="utf-8")
    assert "## Nicht mehr erreichbar (4)" in text and "data/practices/beirat.yml" in text
    assert "## Einmal gescheitert" not in text


def test_a_source_that_answers_again_is_linked_directly_again(tmp_path, web):
    base, _ = web
    hub = _hub_citing(tmp_path, base)
    _run(hub, MONDAY)
    _run(hub, MONDAY + dt.timedelta(days=7))
    status_file = hub.root / STATUS_FILE
    data = json.loads(status_file.read_text(encoding="utf-8"))
    checks = data["sources"][f"{base}/gone-404"]["checks"]
    checks.append({"at": "2026-12-21T03:00:00+00:00", "ok": True, "status": 200, "detail": "erreichbar"})
    status_file.write_text(json.dumps(data), encoding="utf-8")
    assert not load_status(status_file)[f"{base}/gone-404"].gone


def test_the_issue_text_cannot_be_dressed_up_by_an_address():
    outcome = source_guard.Outcome(
        gone=[], failing=["https://x.example/`@team` ## ✅ [ok](https://evil)"], moved=[], undecided=[]
    )
    from msdz_hub.core.source_status import Check, SourceStatus

    statuses = {
        outcome.failing[0]: SourceStatus([Check("2026-12-07T03:00:00+00:00", False, 404, "Seite nicht gefunden (404)")])
    }
    text = source_guard.issue_text(outcome, {outcome.failing[0]: ["data/news/x.yml"]}, statuses)
    line = next(line for line in text.splitlines() if "x.example" in line)
    assert line.startswith("- `` https://x.example/`@team` ## ✅ [ok](https://evil) `` :") or line.startswith(
        "- `` "
    ), line


def test_the_editors_page_lists_gone_sources_and_year_old_checks_and_hides_from_search(tmp_path, web):
    base, _ = web
    hub = _hub_citing(tmp_path, base)
    _run(hub, MONDAY)
    _run(hub, MONDAY + dt.timedelta(days=7))
    page = hub.build().pages["redaktion/quellen/index.md"]
    front_matter = page.split("\n---\n", 1)[0]
    assert page.startswith("---\n") and "\nhub_noindex: true" in front_matter
    assert f"{base}/gone-410" in page and "Ein berufener Beirat" in page
    section = page.split("## Quellen seit über einem Jahr nicht geprüft")[1]
    assert "zuletzt geprüft am 15. Januar 2024" in section.replace("\\", "")


def test_the_command_line_runs_offline_against_the_stand_in_and_writes_the_status(tmp_path, web):
    base, _ = web
    hub = _hub_citing(tmp_path, base)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    command = [
        sys.executable,
        "-m",
        "msdz_hub",
        "sources",
        "--root",
        str(hub.root),
        "--interval",
        "0.01",
        "--timeout",
        "0.5",
    ]
    result = subprocess.run(
        [*command, "--report", str(tmp_path / "r.md")], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "Quellen geprüft" in result.stdout
    assert (hub.root / STATUS_FILE).is_file()
