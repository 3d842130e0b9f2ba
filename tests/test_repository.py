"""README, CI script and book configuration agree with each other."""

import ast
import re

import yaml

from conftest import ROOT


def readme():
    return (ROOT / "README.md").read_text(encoding="utf-8")


def quickstart_commands():
    section = readme().split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.*?)\n```", section, re.S)


def test_quickstart_has_exactly_two_commands():
    commands = quickstart_commands()
    assert len(commands) == 2, commands
    build, test = commands
    for command in commands:
        assert "\n" not in command.strip()
    # Readers install what reading needs; the tests add their own tools on top.
    assert build.startswith(
        "python3 -m venv .venv && .venv/bin/pip install -q -r requirements.txt && "
    )
    assert test.startswith(
        "python3 -m venv .venv && .venv/bin/pip install -q -r requirements-dev.txt && "
    )
    assert build.endswith("jupyter-book build . -W -n --keep-going")
    assert test.endswith(".venv/bin/pytest")


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = quickstart_commands()[1]
    lines = [line.strip() for line in ci.splitlines()]
    assert test_command in lines, ".ci/run must run the README's test command"
    assert "apt-get install" in ci and "chromium" in ci
    assert "REQUIRE_BROWSER=1" in ci
    # The browser checks run apart, after the test run that builds (and keeps) the book they read.
    assert lines.index(".venv/bin/pytest tests/check_browser.py") > lines.index(test_command)
    assert "export SUMMIT_KEEP_BUILDS=1" in lines[: lines.index(test_command)]


def test_ci_makes_and_checks_the_student_edition_as_the_readme_says():
    section = (
        readme()
        .split("### Set its exercises in a course", 1)[1]
        .split("\n## ", 1)[0]
        .split("\n### ", 1)[0]
    )
    commands = re.findall(r"```bash\n(.*?)\n```", section, re.S)
    assert len(commands) == 2, commands
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    test_line = ci.index(quickstart_commands()[1])
    # The first command makes the edition: the test run's book job runs it (tests/background.py),
    # and keeps what it made for the steps after it, so that CI builds the student edition once.
    make, check = commands
    module = make.split(" -m ", 1)[1]
    job = (ROOT / "tests" / "background.py").read_text(encoding="utf-8")
    assert f'"-m", "{module}"' in job and "SUMMIT_KEEP_BUILDS" in job
    assert "export SUMMIT_KEEP_BUILDS=1" in ci[:test_line], (
        ".ci/run must keep the test run's builds"
    )
    assert check in ci[test_line + 1 :], f".ci/run must run, after the tests: {check}"


def test_the_student_workflow_runs_the_readme_commands():
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "student-edition.yml").read_text(encoding="utf-8")
    )
    steps = [step.get("run", "") for step in workflow["jobs"]["student-edition"]["steps"]]
    section = (
        readme()
        .split("### Set its exercises in a course", 1)[1]
        .split("\n## ", 1)[0]
        .split("\n### ", 1)[0]
    )
    install = quickstart_commands()[1].split(" && .venv/bin/pytest")[0]
    for command in [install] + re.findall(r"```bash\n(.*?)\n```", section, re.S):
        assert command in steps, f"the workflow does not run: {command}"
    publish = next(step for step in steps if "git push" in step)
    assert "student" in publish.split("git push", 1)[1]


def test_repository_url_is_the_same_everywhere():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    url = config["repository"]["url"]
    owner_repo = url.removeprefix("https://github.com/")
    texts = {"README.md": readme()}
    texts.update({p.name: p.read_text(encoding="utf-8") for p in (ROOT / "chapters").glob("*.md")})
    mentions = 0
    for name, text in texts.items():
        for found, thread in re.findall(
            r"(?:github\.com|/v2/gh)/([\w.-]+/[\w.-]+)(/issues/|/pull/)?", text
        ):
            if thread and found != owner_repo:
                continue  # another project's issue, cited (README, "Why Jupyter Book 1")
            mentions += 1
            assert found.removesuffix(".git") in (owner_repo, f"{owner_repo}/main"), (
                f"{name}: {found}"
            )
    assert mentions >= 2


def test_every_direct_dependency_is_pinned():
    for name in ("requirements.txt", "requirements-dev.txt", "requirements-course.txt"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].strip()
            if line and line != "-r requirements.txt":
                assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.\-]+", line), (
                    f"{name}: not pinned with ==: {line}"
                )


def test_readers_do_not_install_the_test_tools():
    reader = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    dev = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    assert "-r requirements.txt" in dev
    for tool in ("pytest", "nbval", "playwright"):
        assert f"{tool}==" not in reader and f"{tool}==" in dev, tool
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert "jupyter-book==1.0.4.post1" in text and "sphinx-book-theme==1.3.0" in text


def test_readers_and_binder_do_not_install_the_grading_tools():
    # nbgrader is the instructor's tool: requirements.txt (Binder's) and the test tools stay without it,
    # and requirements-course.txt adds it on top of what readers install.
    course = (ROOT / "requirements-course.txt").read_text(encoding="utf-8")
    assert "-r requirements.txt" in course.splitlines() and "nbgrader==0.9.6" in course.splitlines()
    for name in ("requirements.txt", "requirements-dev.txt"):
        assert "nbgrader" not in (ROOT / name).read_text(encoding="utf-8").lower(), name
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-r requirements-course.txt" in ci and "tests/check_graded_edition.py" in ci


def test_binder_uses_python_311():
    assert (ROOT / "runtime.txt").read_text(encoding="utf-8").strip() == "python-3.11"


def test_book_settings_are_strict():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["only_build_toc_files"] is True
    assert config["execute"]["execute_notebooks"] == "cache"
    assert config["execute"]["allow_errors"] is False
    assert config["sphinx"]["config"]["nb_execution_raise_on_error"] is True
    extensions = config["sphinx"]["config"]["extensions"]
    assert "sphinx_exercise" in extensions and "sphinx_thebe" not in extensions
    assert config["sphinx"]["config"]["html_context"]["default_mode"] == "light"


def test_pytest_never_collects_the_build_folder():
    ini = (ROOT / "pytest.ini").read_text(encoding="utf-8")
    assert "_build" in ini.split("norecursedirs", 1)[1].splitlines()[0]


def imported_modules(path):
    """The top-level names of the modules a Python file imports, at any depth of its code."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_no_test_module_imports_another():
    # What tests share lives in modules of their own (reference.py, answers.py, solution_text.py,
    # tools.py, chapter_parts.py): importing a test module couples two files and collects nothing.
    tests = ROOT / "tests"
    modules = {path.stem for path in tests.glob("test_*.py")}
    assert len(modules) > 10
    found = {
        path.name: sorted((imported_modules(path) & modules) - {path.stem})
        for path in sorted(tests.glob("*.py"))
    }
    assert not {name: names for name, names in found.items() if names}


def test_the_deploy_workflow_builds_as_the_readme_says():
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "book.yml").read_text(encoding="utf-8")
    )
    steps = workflow["jobs"]["build"]["steps"]
    assert quickstart_commands()[0] in [step.get("run") for step in steps]
    upload = next(step for step in steps if "upload-pages-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "_build/html"
    assert any(
        "deploy-pages" in step.get("uses", "") for step in workflow["jobs"]["deploy"]["steps"]
    )


def test_citation_agrees_with_the_book_and_the_licence():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert citation["title"] == config["title"]
    assert citation["repository-code"] == config["repository"]["url"]
    assert citation["authors"][0]["name"] == config["author"]
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert set(citation["license"]) == {"CC-BY-4.0", "MIT"}
    assert "CC BY 4.0" in licence and "MIT License" in licence
    article = citation["references"][0]
    assert (
        article["url"] in config["html"]["extra_footer"]
        and str(article["date-published"]) == "2018-06-08"
    )


def test_ci_proves_the_readers_file_is_enough():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip" install -q -r requirements.txt' in ci and "nbconvert --to notebook --execute" in ci
    assert "SUMMIT_LAB_JUPYTER" in ci


def test_binder_opens_jupyterlab_with_no_news_pop_up():
    from course.lab_settings import OVERRIDES

    notification = OVERRIDES["@jupyterlab/apputils-extension:notification"]
    assert notification["fetchNews"] == "false" and notification["checkForUpdates"] is False
    assert (ROOT / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"
    # Binder's set-up is the laptop's command (README, How to use): one source for both routes.
    commands = [
        line.strip()
        for line in (ROOT / "postBuild").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(("#", "set "))
    ]
    assert commands == ["python -m course.lab_settings"], commands
    # repo2docker reads the root's files only when there is no binder/ or .binder/ folder.
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["launch_buttons"]["notebook_interface"] == "jupyterlab"


# A course command in prose runs as written where the page says it runs: on a laptop, with the
# README's .venv, which its set-up does not activate (.venv/bin/python, or .venv\Scripts\python);
# bare `python` only in a terminal in Binder's (or a hub's) JupyterLab, or an activated environment.
BARE_COMMAND = re.compile(r"(?<![\w/\\.-])python -m course\.")


def bare_commands(text):
    """Each code block or sentence of text with a bare `python -m course.…` that does not say it
    runs in JupyterLab's terminal on Binder or a hub, or in an activated environment."""
    found = []
    for part in re.split(r"(^```.*?^```$)", text, flags=re.S | re.M):
        if part.startswith("```"):
            contexts = [part]
        else:  # paragraphs (an indented code block is one), then sentences
            contexts = []
            for paragraph in re.split(r"\n\s*\n", part):
                if all(line.startswith("    ") for line in paragraph.strip("\n").splitlines()):
                    contexts.append(paragraph)
                else:
                    contexts += re.split(r"(?<=[.;!?])\s+", " ".join(paragraph.split()))
        for context in contexts:
            if not BARE_COMMAND.search(context):
                continue
            in_terminal = re.search(r"terminal", context, re.I) and re.search(
                r"Binder|JupyterLab|hub", context, re.I
            )
            if not (in_terminal or re.search(r"\bactivate", context)):
                found.append(context.strip())
    return found


def test_every_course_command_runs_as_written_where_the_page_says():
    from course.student_edition import STUDENT_README

    assert bare_commands("Then run `python -m course.layout my-article` from the root.")
    assert bare_commands("```bash\npython3 -m venv .venv\npython -m course.lab_settings\n```")
    assert not bare_commands("In a terminal in Binder's JupyterLab, `python -m course.layout x`.")
    assert not bare_commands("```bash\nconda activate summit\npython -m course.lab_settings\n```")
    pages = {
        name: (ROOT / "chapters" / name).read_text(encoding="utf-8")
        for name in ("instructor-guide.md", "how-to-use.md", "troubleshooting.md")
    }
    pages["the student edition's README"] = STUDENT_README
    for name, text in pages.items():
        assert ".venv/bin/python -m course." in text, name
        assert bare_commands(text) == [], name
