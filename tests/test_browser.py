"""What readers see: the built page and the notebook in JupyterLab, in headless Chromium.

Needs Debian's `chromium` (Playwright's own browser download cannot work offline).
Without it these tests are skipped, unless REQUIRE_BROWSER=1 (as in CI), where a
missing browser fails.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import CHAPTERS, DATA, NOTEBOOKS, load_notebook
from chapter_parts import exercises, solution_code

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
# Flags for a closed network: no background calls home, no sandbox as root.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not CHROMIUM:
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail("REQUIRE_BROWSER=1 but no chromium executable was found", pytrace=False)
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def solution_labels(notebook):
    return [item["label"] for item in exercises(load_notebook(notebook))]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_book_page(browser, built_book, notebook):
    returncode, log, html_dir = built_book
    assert returncode == 0, str(log)[-3000:]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((html_dir / "chapters" / f"{notebook.stem}.html").as_uri())

    names = [c.metadata["mystnb"]["figure"]["name"] for c in load_notebook(notebook).cells
             if "figure" in c.metadata.get("mystnb", {})]
    for name in names:
        figure = page.locator(f"figure#{name} img")
        figure.scroll_into_view_if_needed()
        assert figure.is_visible()
        assert figure.evaluate("img => img.naturalWidth") > 500, f"{name}: the image did not load"
        assert len(figure.get_attribute("alt")) > 120

    # Solutions are folded: their bodies are hidden until the reader opens one.
    solutions = page.locator("div.solution.dropdown")
    assert solutions.count() == len(solution_labels(notebook))
    first = solutions.first
    body = first.locator(".admonition-title ~ *").first
    assert not body.is_visible()
    first.locator("button.toggle-button").click()  # the title text itself links to the exercise
    body.wait_for(state="visible", timeout=5000)
    page.close()


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """A JupyterLab server on loopback with a token, over a copy of chapters/ and data/."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(CHAPTERS, root / "chapters", ignore=shutil.ignore_patterns("_build", ".ipynb_checkpoints"))
    shutil.copytree(DATA, root / "data")
    settings = root / ".settings"
    # Render every cell (no virtual scrolling), and no news or update pop-ups.
    (settings / "@jupyterlab" / "notebook-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        json.dumps({"windowingMode": "none"}))
    (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))

    token = secrets.token_hex(16)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(settings),
           "JUPYTER_CONFIG_DIR": str(root / ".config"), "JUPYTER_RUNTIME_DIR": str(root / ".runtime"),
           "JUPYTERLAB_WORKSPACES_DIR": str(root / ".workspaces")}
    jupyter = Path(sys.executable).with_name("jupyter")
    server = subprocess.Popen(
        [str(jupyter), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", "--allow-root",
         # window.jupyterapp lets the test open each notebook in one running JupyterLab.
         "--LabApp.expose_app_in_browser=True"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("JupyterLab did not start within 60 s")
        yield base, token
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="module")
def lab_page(browser, jupyterlab):
    """One JupyterLab page, loaded once; each test opens its notebook in it (loading the app is slow)."""
    base, token = jupyterlab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{base}/lab?token={token}&reset")  # reset: a fresh workspace, no notebook restored
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60000)
    page.evaluate("async () => { await window.jupyterapp.started; await window.jupyterapp.restored; }")
    yield page
    page.close()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_in_jupyterlab(lab_page, notebook):
    page = lab_page
    # Open the notebook as a student would from the file browser; the test looks only inside its panel.
    panel_id = page.evaluate("path => window.jupyterapp.commands.execute('docmanager:open', {path})"
                             ".then(widget => widget.id)", f"chapters/{notebook.name}")
    panel = page.locator(f"[id='{panel_id}']")

    labels = solution_labels(notebook)
    # jupyterlab-myst renders each {exercise} as a box, not as raw directive text.
    for label in labels:
        panel.locator(f"aside#{label}").wait_for(timeout=60000)
    # (Hidden markdown editors hold the source; only what is visible counts.)
    assert panel.get_by_text("{exercise}").filter(visible=True).count() == 0
    assert panel.get_by_text("{solution}").filter(visible=True).count() == 0

    # Each {solution} is a folded <details>: its code is not visible until opened.
    solutions = panel.locator("details.myst-exercise")
    assert solutions.count() == len(labels)
    for i in range(solutions.count()):
        assert solutions.nth(i).get_attribute("open") is None, f"solution {i + 1} is open"
    nb = load_notebook(notebook)
    first_code = next(code for item in exercises(nb) if (code := solution_code(nb, item)))
    code = solutions.first.get_by_text(first_code.splitlines()[0].strip())
    assert not code.is_visible()
    solutions.first.locator("summary").click()
    code.wait_for(state="visible", timeout=5000)
    # Close it without saving (the kernel has filled in language_info), so the next test starts clean.
    page.evaluate("id => [...window.jupyterapp.shell.widgets('main')].find(w => w.id === id).dispose()", panel_id)
