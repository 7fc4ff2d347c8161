"""`make serve` sees the generator's code: a saved template is served at the next rebuild, a saved
Python module restarts the preview, which then serves what the new code makes (hooks/msdz_serve.py)."""

from __future__ import annotations

import re
import signal

import pytest
from support import copy_repository
from test_serve import fetch, free_port, start_serve, wait_for

pytestmark = pytest.mark.build  # runs `mkdocs serve`


def _replace(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_saved_template_and_a_saved_module_are_served_and_nothing_is_left_behind(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    temp = tmp_path / "tmp"  # the served folder and the staging folder of `mkdocs serve`
    temp.mkdir()
    port = free_port()
    home, town = f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{port}/kommunen/zossen/"
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    server = start_serve(repo, port, log, TMPDIR=str(temp))
    try:
        assert "über 50.000 Einwohner" in wait_for(lambda: fetch(home), 600)  # a shared machine can be slow
        template = repo / "hooks/msdz_hub/pages/templates/record/cities.md"
        _replace(template, "{{ r.title }}", "{{ r.title }} (Vorlage geändert)")
        assert wait_for(lambda: "(Vorlage geändert)" in (fetch(town) or ""), 300)
        module = repo / "hooks/msdz_hub/views/town_size.py"
        _replace(module, '"über 50.000 Einwohner"', '"mehr als 50.000 Einwohner"(')  # a typo first
        wait_for(lambda: "Syntaxfehler" in (tmp_path / "serve.log").read_text(encoding="utf-8"), 120)
        assert wait_for(lambda: "über 50.000 Einwohner" in (fetch(home) or ""), 60)  # still served, by the code it has
        _replace(module, '"mehr als 50.000 Einwohner"(', '"mehr als 50.000 Einwohner"')
        assert wait_for(lambda: "mehr als 50.000 Einwohner" in (fetch(home) or ""), 600)
        assert "(Vorlage geändert)" in (fetch(town) or "")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
        log.close()
    output = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert re.search(r"hooks/msdz_hub/views/town_size.py:\d+: Syntaxfehler", output), output
    assert "Code unter hooks/ geändert – die Vorschau startet neu." in output
    assert "Traceback" not in output, output
    assert not list(temp.iterdir())  # the restart and the end removed what each process made
