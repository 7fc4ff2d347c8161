"""`make test` installs the system tools the suite needs, or stops with one clear line."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / ".ci" / "system-tools"


def _bin_with(tmp_path: Path, tools: list[str], apt_log: Path | None) -> Path:
    """A PATH folder holding only bash basics, the given tools as stubs and, optionally, a fake apt-get."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in ("bash", "id", "env", "chmod"):
        os.symlink(shutil.which(name), folder / name)
    os.symlink(sys.executable, folder / "python3")
    for name in tools:
        stub = folder / name
        stub.write_text("#!/bin/sh\nexit 0\n")
        stub.chmod(0o755)
    if apt_log is not None:
        fake = folder / "apt-get"
        # The fake installs what it is asked for as stubs, as the real one would make them appear.
        fake.write_text(
            "#!/bin/bash\n"
            f'echo "$@" >> {apt_log}\n'
            'if [ "$1" = install ]; then for p in "$@"; do case "$p" in -*|install) ;; '
            f'default-jre-headless) printf "#!/bin/sh\\n" > {folder}/java; chmod +x {folder}/java;; '
            f'nodejs) printf "#!/bin/sh\\n" > {folder}/node; chmod +x {folder}/node;; '
            f'*) printf "#!/bin/sh\\n" > {folder}/$p; chmod +x {folder}/$p;; esac; done; fi\n'
        )
        fake.chmod(0o755)
    return folder


def _run(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(folder / "bash"), str(SCRIPT)],
        env={"PATH": str(folder)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_missing_tools_are_installed_with_apt(tmp_path):
    log = tmp_path / "apt.log"
    folder = _bin_with(tmp_path, ["npm"], log)
    result = _run(folder)
    if os.geteuid() != 0:
        assert result.returncode == 1 and "root" in result.stderr
        return
    assert result.returncode == 0, result.stderr
    install = [line for line in log.read_text().splitlines() if line.startswith("install")]
    assert len(install) == 1
    assert set(install[0].split()) >= {"jing", "chromium", "default-jre-headless"}
    assert "npm" not in install[0].split()


def test_without_apt_it_names_what_is_missing_and_fails(tmp_path):
    folder = _bin_with(tmp_path, ["npm", "java", "node", "git"], None)
    result = _run(folder)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "jing" in lines[0] and "chromium" in lines[0] and "apt-get" in lines[0]


def test_nothing_is_installed_when_every_tool_is_there(tmp_path):
    log = tmp_path / "apt.log"
    folder = _bin_with(tmp_path, ["npm", "java", "jing", "chromium", "node", "git"], log)
    result = _run(folder)
    assert result.returncode == 0, result.stderr
    assert not log.exists()
