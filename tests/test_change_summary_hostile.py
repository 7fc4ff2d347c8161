"""The CI change summary cannot be dressed up from a pull request: names of any file under data/,
record titles and ids are shown as written, never as images, links, headings or mentions, and a
large import is cut to GitHub's 1 MiB per summary with a German note instead of showing nothing."""

from __future__ import annotations

import re

import markdown
import pytest
from test_change_summary import git

from msdz_hub.editors import github_text
from msdz_hub.editors.change_summary import summarize

HOSTILE_NAMES = [
    "data/![Vorschau](https:%2F%2Fevil.example%2Fp.png).png",
    "data/## ✅ alle Prüfungen bestanden.txt",
    "data/topics/x` <img src=x> `[klick](https:%2F%2Fevil.example).txt",
    "data/cities/a|b @octocat #1.txt",
]
TITLE = '<img src="https://evil.example/p.png"> **Geprüft ✅** [Login](https://evil.example/login) @octocat #12'


@pytest.fixture
def hostile_repo(tiny_hub):
    root = tiny_hub.root
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Ausgangsstand")
    git(root, "checkout", "--quiet", "-b", "vorschlag")
    for name in HOSTILE_NAMES:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", encoding="utf-8")
    tiny_hub.write("topics/neu.yml", f"title: '{TITLE}'\nsummary: Ein Thema mit einem auffälligen Titel.\n")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Vorschlag")
    return root


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables"])


def test_no_name_or_title_becomes_markup_or_a_mention(hostile_repo):
    text = summarize(hostile_repo, "main", site_url="https://hub.example/")
    html = _html(text)
    assert "<img" not in html
    assert not re.search(r'href="https://evil', html)
    assert re.findall(r"<h\d>", html) == ["<h2>"]  # only the summary's own heading
    prose = re.sub(r"`[^`\n]*`", "", text)  # GitHub links no mention inside a code span
    assert "@octocat" not in prose and "#12" not in prose  # it would link them everywhere else
    assert "@\u2060octocat" in prose
    for line in text.splitlines():
        if line.startswith("| "):  # every row of the table keeps its four cells
            assert len(re.findall(r"(?<!\\)\|", line)) == 5, line
    for name in HOSTILE_NAMES:  # each file is still named, readable in its code span
        assert name.split("/")[-1][:6].replace("`", "?") in text, name


def test_a_large_import_is_cut_to_githubs_limit_with_a_note(hostile_repo, monkeypatch, tiny_hub):
    for number in range(60):
        tiny_hub.write(f"topics/import-{number}.yml", f"title: Thema {number}\nsummary: Ein importiertes Thema.\n")
    git(hostile_repo, "add", "-A")
    git(hostile_repo, "commit", "--quiet", "-m", "Import")
    whole = summarize(hostile_repo, "main")
    monkeypatch.setattr(github_text, "MAX_SUMMARY_BYTES", len(whole.encode("utf-8")) // 2)
    cut = summarize(hostile_repo, "main")
    assert len(cut.encode("utf-8")) <= github_text.MAX_SUMMARY_BYTES
    found = re.search(r"\*\*Gekürzt:\*\* (\d+) weitere Zeilen sind hier nicht aufgeführt", cut)
    assert found, cut
    shown = sum(1 for line in cut.splitlines() if line.startswith("| ") and "---" not in line) - 1
    listed = sum(1 for line in whole.splitlines() if line.startswith(("| ", "- ")) and "---" not in line) - 1
    assert 0 < shown < listed
    assert "**Vorschau:**" in cut  # what follows the list is kept


def test_a_record_that_links_out_of_the_repository_is_not_read(tiny_hub, tmp_path_factory):
    # The summary runs on the CI runner even when the check fails: a link's target is never read.
    root = tiny_hub.root
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Ausgangsstand")
    git(root, "checkout", "--quiet", "-b", "vorschlag")
    outside = tmp_path_factory.mktemp("runner") / "anderswo.yml"
    outside.write_text("title: GEHEIMER TITEL VOM RUNNER\n", encoding="utf-8")
    (root / "data" / "topics" / "verweis.yml").symlink_to(outside)
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Verweis")
    text = summarize(root, "main")
    assert "GEHEIM" not in text
    assert "Thema „verweis“" in text  # named by its file instead
