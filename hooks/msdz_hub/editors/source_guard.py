"""The weekly check of every source address in data/ (`python -m msdz_hub sources`).

It asks each address politely (msdz_hub.editors.link_check), records the outcome in the committed
status file (msdz_hub.core.source_status), makes sure the web archive holds a copy of every source
(msdz_hub.editors.web_archive), and writes the German text of the one issue that lists what broke.
The build reads only the status file: a source that failed twice in a row is shown with its
archived copy.
"""

from __future__ import annotations

import datetime as dt
import itertools
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..core.source_status import Check, SourceStatus
from ..reading import load_tree
from .link_check import Answer, Checker
from .web_archive import WebArchive

ISSUE_TITLE = "Quellenprüfung: nicht mehr erreichbare Quellen"


@dataclass
class Outcome:
    """What one run found, for the issue text."""

    gone: list[str]  # failed twice or more in a row
    failing: list[str]  # failed once: checked again next week
    moved: list[str]  # permanently redirected: the record could use the new address
    undecided: list[str]  # the server was too busy to answer


def source_addresses(root: Path) -> dict[str, list[str]]:
    """Every source address in data/ with the files that cite it, in the order of the files."""
    records, _problems, _names = load_tree(root)
    cited: dict[str, list[str]] = {}
    for record in records:
        for url in dict.fromkeys(_addresses(record.data)):
            cited.setdefault(url, []).append(record.path)
    return cited


def _addresses(value: object, key: str = "") -> Iterator[str]:
    """Values of `sources` lists (addresses, or objects with a `url`) and of `source` fields, at any depth."""
    if isinstance(value, dict):
        if key in ("sources", "source") and isinstance(value.get("url"), str):
            yield value["url"]
        for name, item in value.items():
            yield from _addresses(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _addresses(item, key)
    elif isinstance(value, str) and key in ("sources", "source") and value.startswith(("http://", "https://")):
        yield value


def interleaved(urls: Iterable[str]) -> list[str]:
    """One address per host in turn, so that the pause each host gets is spent on the others."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(urllib.parse.urlsplit(url).hostname or "", []).append(url)
    rounds = itertools.zip_longest(*by_host.values())
    return [url for batch in rounds for url in batch if url is not None]


def check_all(
    cited: dict[str, list[str]],
    statuses: dict[str, SourceStatus],
    checker: Checker,
    archive: WebArchive,
    now: dt.datetime,
) -> Outcome:
    """Check every cited address, update ``statuses`` in place, forget addresses no longer cited."""
    for url in set(statuses) - set(cited):
        del statuses[url]
    outcome = Outcome([], [], [], [])
    for url in interleaved(cited):
        status = statuses.setdefault(url, SourceStatus())
        answer = checker.check(url)
        _record(status, answer, now)
        _keep_a_copy(url, status, answer, archive)
        _sort_into(outcome, url, status, answer)
    return outcome


def _record(status: SourceStatus, answer: Answer, now: dt.datetime) -> None:
    if answer.ok is None:
        return  # a busy server says nothing about the page: no check is counted
    at = now.astimezone(dt.UTC).isoformat(timespec="seconds")
    status.add(Check(at=at, ok=answer.ok, status=answer.status, detail=answer.detail))
    status.moved_to = answer.moved_to if answer.ok else status.moved_to


def _keep_a_copy(url: str, status: SourceStatus, answer: Answer, archive: WebArchive) -> None:
    """Looked up when a source is first checked (and while a gone one has none); a live source
    without any copy is handed to the archive, whose copy the next run then finds."""
    if status.archive is not None:
        return
    status.archive = archive.latest_copy(url)
    if status.archive is None and answer.ok:
        archive.request_copy(url)


def _sort_into(outcome: Outcome, url: str, status: SourceStatus, answer: Answer) -> None:
    if answer.ok is None:
        outcome.undecided.append(url)
    elif status.gone:
        outcome.gone.append(url)
    elif not answer.ok:
        outcome.failing.append(url)
    elif answer.moved_to:
        outcome.moved.append(url)


def issue_text(outcome: Outcome, cited: dict[str, list[str]], statuses: dict[str, SourceStatus]) -> str:
    """The German body of the one issue that lists what broke; empty when nothing did."""
    if not (outcome.gone or outcome.failing or outcome.moved):
        return ""
    template = _templates().get_template("source_report.md")
    return template.render(outcome=outcome, cited=cited, statuses=statuses, checked=len(cited))


def _templates():  # jinja2 is imported only by the run that writes a report
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "reports"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown, not HTML: every value passes the `code` filter instead
    )
    env.filters["code"] = _inline_code
    return env


def _inline_code(text: str) -> str:
    """Any text as a Markdown code span: nothing in it can become a link, a heading or a mention."""
    text = " ".join(str(text).split())[:300]
    fence = "`" * (_longest_backticks(text) + 1)
    return f"{fence} {text} {fence}"


def _longest_backticks(text: str) -> int:
    longest = current = 0
    for char in text:
        current = current + 1 if char == "`" else 0
        longest = max(longest, current)
    return longest


def run(root: Path, status_file: Path, report_file: Path | None, checker: Checker, now: dt.datetime) -> int:
    """One scheduled run: check, save the status, write the issue text (if anything broke)."""
    from ..core.source_status import load_status, save_status

    cited = source_addresses(root)
    statuses = load_status(status_file)
    outcome = check_all(cited, statuses, checker, WebArchive(checker.session), now)
    save_status(status_file, statuses)
    text = issue_text(outcome, cited, statuses)
    if report_file is not None:
        report_file.write_text(text, encoding="utf-8")
    print(
        f"{len(cited)} Quellen geprüft: {len(outcome.gone)} nicht mehr erreichbar, "
        f"{len(outcome.failing)} einmal gescheitert, {len(outcome.moved)} umgezogen, "
        f"{len(outcome.undecided)} ohne Antwort wegen Überlastung."
    )
    return 0


def command(root: Path, status_file: Path, report_file: Path | None, interval: float, timeout: float) -> int:
    """`python -m msdz_hub sources`: the User-Agent names the repository the workflow runs in."""
    import os

    server, repository = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
    contact = f"{server}/{repository}" if server and repository else "Wissenstransfer-Hub MSdZ"
    checker = Checker(contact, interval=interval, timeout=timeout)
    return run(root, root / status_file, report_file, checker, dt.datetime.now(dt.UTC))
