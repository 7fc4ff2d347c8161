"""No raw tracebacks when the machine refuses: two builds into one folder at once, a full disk
(build and `generate`), `make format` on read-only data, Ctrl-C during indexing. Each ends with one
German line (or, for two builds, both succeed one after the other)."""

from __future__ import annotations

import errno
import pathlib
import resource
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from support import TinyHub, copy_repository, mkdocs_env

from msdz_hub.__main__ import main
from msdz_hub.core.os_errors import german_failure
from msdz_hub.engine import search_index

FILE_SIZE_LIMIT = 64 * 1024  # a "disk" that is full after 64 KB per file


def _repository(tmp_path: Path) -> Path:
    root = copy_repository(tmp_path / "repo", with_data=False)
    TinyHub(root)
    return root


def _limited_file_size() -> None:
    # The first larger write fails with EFBIG as on a full disk (SIGXFSZ ignored: an error, not a kill)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))


def _run(root: Path, *command: str, limited: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        command,
        cwd=root,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=_limited_file_size if limited else None,
    )


@pytest.mark.build
def test_two_builds_into_one_folder_at_once_both_succeed(tmp_path):
    root = _repository(tmp_path)
    build = (sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site")
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: _run(root, *build), range(2)))
    for result in results:
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    assert any("dieser wartet, bis er fertig ist" in r.stderr for r in results)
    assert (root / "site" / "index.html").is_file()


@pytest.mark.build
@pytest.mark.parametrize(
    "command",
    [
        ("-m", "mkdocs", "build", "--strict", "--site-dir", "site"),
        ("-m", "msdz_hub", "generate", "erzeugt"),
    ],
    ids=["build", "generate"],
)
def test_a_full_disk_is_one_german_line(tmp_path, command):
    root = _repository(tmp_path)
    result = _run(root, sys.executable, *command, limited=True)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    assert "Schreiben oder Lesen fehlgeschlagen" in result.stderr, result.stderr
    assert "die erlaubte Größe" in result.stderr


def test_format_on_read_only_data_is_one_german_line(tmp_path, monkeypatch, capsys):
    hub = TinyHub(tmp_path)
    hub.write("topics/klimawandel.yml", "title:   Klimawandel\nsummary: Klimaschutz und Klimaanpassung in der Stadt.\n")

    def refuse(path, *args, **kwargs):
        raise PermissionError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(pathlib.Path, "write_text", refuse)
    assert main(["format", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fehler: Schreiben oder Lesen fehlgeschlagen (")
    assert "das Dateisystem ist schreibgeschützt" in err and "Traceback" not in err


def test_ctrl_c_while_indexing_is_one_german_line_and_leaves_no_half_index(tmp_path, monkeypatch, capsys):
    site = tmp_path / "site"
    (site / search_index.BUNDLE).mkdir(parents=True)
    (site / "index.html").write_text("<html><body>Start</body></html>", encoding="utf-8")

    def interrupted(process, *args, **kwargs):
        (site / search_index.BUNDLE).mkdir(exist_ok=True)  # Pagefind has begun to write
        (site / search_index.BUNDLE / "pagefind-entry.json").write_text("{}", encoding="utf-8")
        process.kill()
        raise KeyboardInterrupt

    monkeypatch.setattr(subprocess.Popen, "communicate", interrupted)
    assert main(["index", str(site)]) == 130
    err = capsys.readouterr().err
    assert err.startswith("Fehler: abgebrochen (Strg+C)")
    assert not (site / search_index.BUNDLE).exists()


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (errno.ENOSPC, "der Datenträger ist voll"),
        (errno.EACCES, "keine Berechtigung"),
        (errno.EDQUOT, "Speicherkontingent"),
    ],
)
def test_failures_of_the_machine_name_the_file_and_the_fix(number, expected):
    message = german_failure(OSError(number, "x", "/site/index.html"))
    assert message and "(/site/index.html)" in message and expected in message
    assert german_failure(ValueError("a bug")) is None  # a bug keeps its traceback
