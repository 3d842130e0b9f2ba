"""The laptop's JupyterLab set-up is Binder's: python -m course.lab_settings, which postBuild runs,
writes the settings overrides and stamps the chapters; the reader's pages and the student edition
give the same command. And no virtual environment in the book's folder reaches git or the build."""

import fnmatch
import json
import re
import subprocess

import nbformat
import yaml

from conftest import CHAPTERS, NOTEBOOKS, ROOT
from tools import run_command

from course import lab_settings


def committed(path):
    """A chapter as committed: the README's laptop set-up stamps the working copy (as it should), and
    these tests must pass after it. Outside a git checkout (the repository's ZIP), the file itself."""
    rel = path.relative_to(ROOT).as_posix()
    shown = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"HEAD:{rel}"], capture_output=True, check=False
    )
    return shown.stdout if shown.returncode == 0 else path.read_bytes()


def copy_committed(chapters):
    chapters.mkdir()
    for path in NOTEBOOKS:
        (chapters / path.name).write_bytes(committed(path))


def test_the_command_writes_the_overrides_binder_writes(tmp_path):
    # postBuild runs the command with Binder's Python: sys.prefix is the environment JupyterLab
    # reads its overrides from, on Binder as in a laptop's .venv.
    postbuild = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert "\npython -m course.lab_settings\n" in postbuild
    chapters = tmp_path / "chapters"
    copy_committed(chapters)
    result = run_command(
        "course.lab_settings", "--prefix", tmp_path / "env", "--chapters", chapters
    )
    assert result.returncode == 0, result.stderr
    written = tmp_path / "env" / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert json.loads(written.read_text(encoding="utf-8")) == lab_settings.OVERRIDES
    notification = lab_settings.OVERRIDES["@jupyterlab/apputils-extension:notification"]
    assert notification == {"fetchNews": "false", "checkForUpdates": False}
    assert (
        lab_settings.OVERRIDES["@jupyterlab/notebook-extension:tracker"]["windowingMode"] == "none"
    )
    assert lab_settings.overrides_path("/p").as_posix() == (
        "/p/share/jupyter/lab/settings/overrides.json"
    )
    # Every chapter now carries what its kernel will report, version included.
    info = lab_settings.kernel_language_info()
    assert info["name"] == "python" and info["version"]
    for path in sorted(chapters.glob("*.ipynb")):
        assert nbformat.read(path, as_version=4).metadata["language_info"] == info, path.name
    # Run again, it changes nothing; another plugin's settings in the file are kept.
    before = {p.name: p.read_bytes() for p in chapters.glob("*.ipynb")}
    written.write_text(json.dumps({"@my/plugin:x": {"a": 1}}), encoding="utf-8")
    assert lab_settings.main(["--prefix", str(tmp_path / "env"), "--chapters", str(chapters)]) == 0
    assert {p.name: p.read_bytes() for p in chapters.glob("*.ipynb")} == before
    assert json.loads(written.read_text(encoding="utf-8")) == {
        "@my/plugin:x": {"a": 1},
        **lab_settings.OVERRIDES,
    }


def language_info_block(lines):
    """The slice of a notebook's lines (as the repository writes it) that holds its language_info."""
    start = lines.index('  "language_info": {')
    return slice(start, lines.index("  }", start) + 1)


def test_the_stamp_is_the_only_change_and_a_stamped_chapter_is_left_alone(tmp_path):
    # The command runs on every laptop and in postBuild: a git diff of the chapters afterwards shows
    # the language_info lines and nothing else (no key reordered, as nbformat.write would).
    chapters = tmp_path / "chapters"
    copy_committed(chapters)
    args = ["--prefix", str(tmp_path / "env"), "--chapters", str(chapters)]
    assert lab_settings.main(args) == 0
    info = lab_settings.kernel_language_info()
    for path in NOTEBOOKS:
        old = committed(path).decode("utf-8").splitlines()
        text = (chapters / path.name).read_text(encoding="utf-8")
        new = text.splitlines()
        nb = json.loads(text)
        assert text == json.dumps(nb, indent=1, ensure_ascii=False) + "\n", path.name
        assert nb["metadata"]["language_info"] == info, path.name
        was, now = language_info_block(old), language_info_block(new)
        assert old[: was.start] + old[was.stop :] == new[: now.start] + new[now.stop :], path.name
        # Within the entry, the committed lines stay (a comma may be added) and keep their order.
        kept = [line.rstrip(",") for line in old[was]]
        assert [line.rstrip(",") for line in new[now] if line.rstrip(",") in kept] == kept, (
            path.name
        )
    # Run again: nothing is written, not even the same bytes.
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in chapters.glob("*.ipynb")}
    assert lab_settings.stamp(chapters) == []
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in chapters.glob("*.ipynb")} == (
        before
    )


def test_a_checkout_with_windows_line_endings_keeps_them(tmp_path):
    path = tmp_path / NOTEBOOKS[1].name
    path.write_bytes(committed(NOTEBOOKS[1]).replace(b"\n", b"\r\n"))
    assert lab_settings.stamp(tmp_path) == [path]
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > 0
    assert json.loads(data)["metadata"]["language_info"] == lab_settings.kernel_language_info()


def test_the_committed_chapters_carry_no_python_version():
    # The version is the reader's: the command (or Binder's postBuild) adds it on their machine.
    for path in NOTEBOOKS:
        info = json.loads(committed(path))["metadata"].get("language_info", {})
        assert "version" not in info, (
            f"{path.name}: committed with a stamp (python -m course.lab_settings)"
        )


def test_every_local_route_runs_the_command_after_the_install():
    how_to = (CHAPTERS / "how-to-use.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:bash|powershell)\n(.*?)\n```", how_to, re.S)
    routes = [b for b in blocks if "install -r requirements.txt" in b]
    assert len(routes) == 3, routes  # macOS and Linux, Windows, conda
    for block in routes:
        lines = block.splitlines()
        install = next(i for i, line in enumerate(lines) if "install -r requirements.txt" in line)
        assert "-m course.lab_settings" in lines[install + 1], block
        assert "jupyter lab chapters" in lines[install + 2], block
    conda = next(b for b in routes if "conda create" in b)
    assert "conda create -n summit python=3.11" in conda and "conda activate summit" in conda
    assert "\npip install -r requirements.txt\n" in conda
    # Without git: the repository's zip (the student edition points it at its own branch).
    assert "### Without git" in how_to and "/archive/refs/heads/main.zip" in how_to
    assert "russia-trump-kim-summit-main" in how_to and "student-notebooks.zip" in how_to
    trouble = (CHAPTERS / "troubleshooting.md").read_text(encoding="utf-8")
    assert "conda create -n summit python=3.11" in trouble and "Download ZIP" in trouble
    assert "-m course.lab_settings" in trouble
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    local = readme.split("### Run it on your own computer", 1)[1].split("\n### ", 1)[0]
    assert (
        "pip install -q -r requirements.txt && .venv/bin/python -m course.lab_settings && " in local
    )
    # The student edition keeps the command (its Binder runs postBuild, its readers the README).
    from course.student_edition import STUDENT_COMMANDS, STUDENT_README

    assert "course/lab_settings.py" in STUDENT_COMMANDS
    assert ".venv/bin/python -m course.lab_settings" in STUDENT_README


def test_no_virtual_environment_reaches_git_or_the_build():
    # The grading set-up makes .venv-course in the book's root (README, Grade the exercises).
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    ignored = [
        line.strip().rstrip("/")
        for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for folder in (".venv", ".venv-course", "venv", "venv311"):
        assert any(fnmatch.fnmatch(folder, p) for p in config["exclude_patterns"]), folder
        assert any(fnmatch.fnmatch(folder, p) for p in ignored), folder
    assert not any(fnmatch.fnmatch("chapters", p) for p in config["exclude_patterns"])
