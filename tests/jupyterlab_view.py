"""What a Binder user sees: every chapter opened in JupyterLab, in headless Chromium.

Run as a background job (background.py, "lab"): it writes what it saw to lab.json, and
test_browser.py asserts on it. Opening JupyterLab costs about 20 s, mostly waiting for the
browser; in the background that wait overlaps with the tests that need a processor.
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
from contextlib import contextmanager
from pathlib import Path

import nbformat

from chapter_parts import exercises, solution_code

ROOT = Path(__file__).resolve().parent.parent
# JupyterLab from this environment, or from the one SUMMIT_LAB_JUPYTER names: CI points it at an
# environment made from requirements.txt alone, to prove that the reader's file is enough.
JUPYTER = os.environ.get("SUMMIT_LAB_JUPYTER") or str(Path(sys.executable).with_name("jupyter"))
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
# Flags for a closed network: no background calls home, no sandbox as root.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def binder_overrides():
    """The JupyterLab settings that postBuild gives every Binder reader: {plugin: settings}."""
    script = (ROOT / "postBuild").read_text(encoding="utf-8")
    return json.loads(script.split("<<'JSON'\n", 1)[1].split("\nJSON", 1)[0])


@contextmanager
def jupyterlab(root):
    """A JupyterLab server on loopback with a token, over a copy of chapters/ and data/: (base, token)."""
    shutil.copytree(ROOT / "chapters", root / "chapters",
                    ignore=shutil.ignore_patterns("_build", ".ipynb_checkpoints", "__pycache__"))
    shutil.copytree(ROOT / "data", root / "data")
    settings = root / ".settings"
    # Render every cell (no virtual scrolling), so that every exercise box can be found.
    (settings / "@jupyterlab" / "notebook-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        json.dumps({"windowingMode": "none"}))
    # Binder's own settings (postBuild), as a reader in Binder gets them.
    for plugin, values in binder_overrides().items():
        package, name = plugin.split(":")
        (settings / package).mkdir(parents=True, exist_ok=True)
        (settings / package / f"{name}.jupyterlab-settings").write_text(json.dumps(values))
    token = secrets.token_hex(16)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(settings),
           "JUPYTER_CONFIG_DIR": str(root / ".config"), "JUPYTER_RUNTIME_DIR": str(root / ".runtime"),
           "JUPYTERLAB_WORKSPACES_DIR": str(root / ".workspaces")}
    server = subprocess.Popen(
        [JUPYTER, "lab", "--no-browser", "--ip=127.0.0.1",
         f"--port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", "--allow-root",
         # window.jupyterapp lets the job open each notebook in one running JupyterLab.
         "--LabApp.expose_app_in_browser=True"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.25)
        else:
            raise RuntimeError("JupyterLab did not start within 60 s")
        yield base, token
    finally:
        server.terminate()
        server.wait(timeout=20)


def look_at(page, path):
    """Open one chapter as a student would, and record what shows."""
    nb = nbformat.read(path, as_version=4)
    labels = [item["label"] for item in exercises(nb)]
    panel_id = page.evaluate("path => window.jupyterapp.commands.execute('docmanager:open', {path})"
                             ".then(widget => widget.id)", f"chapters/{path.name}")
    panel = page.locator(f"[id='{panel_id}']")
    # jupyterlab-myst renders each {exercise} as a box: wait until every one is there.
    found = []
    for label in labels:
        try:
            panel.locator(f"aside#{label}").wait_for(timeout=60000)
            found.append(label)
        except Exception:
            break
    seen = {
        "exercises": found,
        # Hidden markdown editors hold the source; only what is visible counts.
        "raw_exercise_text": panel.get_by_text("{exercise}").filter(visible=True).count(),
        "raw_solution_text": panel.get_by_text("{solution}").filter(visible=True).count(),
        "raw_term_text": panel.get_by_text("{term}").filter(visible=True).count(),
    }
    solutions = panel.locator("details.myst-exercise")
    # Each {solution} cell renders on its own, after the exercise boxes: on a busy machine, wait for
    # them too (up to 30 s) before counting.
    deadline = time.monotonic() + 30
    while solutions.count() < len(labels) and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    seen["solutions"] = solutions.count()
    seen["open_solutions"] = sum(solutions.nth(i).get_attribute("open") is not None
                                 for i in range(solutions.count()))
    first_code = next((code for item in exercises(nb) if (code := solution_code(nb, item))), None)
    if first_code and solutions.count():
        code = solutions.first.get_by_text(first_code.splitlines()[0].strip())
        seen["code_hidden_before"] = not code.is_visible()
        solutions.first.locator("summary").click()
        try:
            code.wait_for(state="visible", timeout=5000)
            seen["code_visible_after"] = True
        except Exception:
            seen["code_visible_after"] = False
    # Close it without saving (the kernel has filled in language_info), so the next starts clean.
    page.evaluate("id => [...window.jupyterapp.shell.widgets('main')].find(w => w.id === id).dispose()", panel_id)
    return seen


def view_all(folder):
    """Open every chapter in one JupyterLab page; write what was seen to folder/lab.json."""
    from playwright.sync_api import sync_playwright

    notebooks = sorted((ROOT / "chapters").glob("*.ipynb"))
    root = folder / "lab"
    root.mkdir()
    with jupyterlab(root) as (base, token), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/lab?token={token}&reset")  # reset: a fresh workspace, no notebook restored
        page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60000)
        page.evaluate("async () => { await window.jupyterapp.started; await window.jupyterapp.restored; }")
        seen = {path.name: look_at(page, path) for path in notebooks}
        browser.close()
    (folder / "lab.json").write_text(json.dumps(seen, indent=1))
