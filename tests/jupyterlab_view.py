"""What a Binder user sees: every chapter opened in JupyterLab, in headless Chromium.

Run by check_browser.py as a job of its own (background.py, "lab"): it writes what it saw to
lab.json, and check_browser.py asserts on it. Opening JupyterLab costs about 20 s, mostly waiting
for the browser.
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
CHROMIUM = (
    os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
)
# Flags for a closed network: no background calls home, no sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def binder_setup(root):
    """Run postBuild's command (python -m course.lab_settings) on a copy of the book at root, with
    the Python that runs JupyterLab's kernel: it stamps root/chapters and writes the settings into
    root/.prefix. Return the settings it wrote: {plugin: settings}."""
    prefix = root / ".prefix"
    subprocess.run(
        [
            str(Path(JUPYTER).with_name("python")),
            "-m",
            "course.lab_settings",
            "--chapters",
            str(root / "chapters"),
            "--prefix",
            str(prefix),
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    path = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    return json.loads(path.read_text(encoding="utf-8"))


@contextmanager
def jupyterlab(root):
    """A JupyterLab server on loopback with a token, over a copy of chapters/ and data/: (base, token)."""
    shutil.copytree(
        ROOT / "chapters",
        root / "chapters",
        ignore=shutil.ignore_patterns("_build", ".ipynb_checkpoints", "__pycache__"),
    )
    shutil.copytree(ROOT / "data", root / "data")
    overrides = binder_setup(root)  # as postBuild does in Binder, so that chapters open clean
    settings = root / ".settings"
    # Binder's own settings (postBuild), as a reader in Binder gets them: among them, every cell
    # rendered (no virtual scrolling), so that every exercise box and glossary term can be found.
    for plugin, values in overrides.items():
        package, name = plugin.split(":")
        (settings / package).mkdir(parents=True, exist_ok=True)
        (settings / package / f"{name}.jupyterlab-settings").write_text(json.dumps(values))
    token = secrets.token_hex(16)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTER_CONFIG_DIR": str(root / ".config"),
        "JUPYTER_RUNTIME_DIR": str(root / ".runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(root / ".workspaces"),
    }
    server = subprocess.Popen(
        [
            JUPYTER,
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--allow-root",
            # window.jupyterapp lets the job open each notebook in one running JupyterLab.
            "--LabApp.expose_app_in_browser=True",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
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
            raise RuntimeError("JupyterLab did not start within 60 s")
        yield base, token
    finally:
        server.terminate()
        server.wait(timeout=20)


DIRTY = """async id => {
    const w = [...window.jupyterapp.shell.widgets('main')].find(w => w.id === id);
    await w.sessionContext.ready;
    await w.sessionContext.session.kernel.info;
    await new Promise(resolve => setTimeout(resolve, 500));
    const tab = document.querySelector(`li.lm-TabBar-tab[data-id="${id}"]`);
    return {tab: tab.classList.contains('jp-mod-dirty'), model: w.context.model.dirty};
}"""

# A student's answer written as the answer cells ask: a sign in backticks, dollars escaped.
ANSWER_SAMPLE = r"`+` tie between Russia and China; trade fell from \$15 million to \$0."
RENDER_ANSWER = """async ([id, text]) => {
    const w = [...window.jupyterapp.shell.widgets('main')].find(w => w.id === id);
    const cell = w.content.widgets.find(c => (c.model.getMetadata('tags') || []).includes('answer'));
    cell.rendered = false;
    cell.model.sharedModel.setSource(text);
    cell.rendered = true;
    for (let i = 0; i < 100; i++) {
        const shown = cell.node.querySelector('.myst');
        if (shown && shown.innerText.includes('tie')) {
            return {text: shown.innerText, list_items: shown.querySelectorAll('li').length,
                    maths: shown.querySelectorAll('.katex, mjx-container').length};
        }
        await new Promise(resolve => setTimeout(resolve, 100));
    }
    return null;
}"""


def glossary_links(page, panel):
    """Where the chapter's {term} links lead in JupyterLab: their hover card and their click."""
    body = panel.locator(".jp-MarkdownCell .myst")
    terms = body.locator("a[href^='#term-']")
    hrefs = [terms.nth(i).get_attribute("href") for i in range(terms.count())]
    seen = {
        "dead_links": body.locator("a[href='#']").count(),
        "term_links": len(hrefs),
        "term_targets_missing": [
            h for h in hrefs if panel.locator(f"dt[id='{h[1:]}']").count() != 1
        ],
    }
    if not hrefs:
        return seen
    first = terms.first
    target = panel.locator(f"dt[id='{hrefs[0][1:]}']")
    first.scroll_into_view_if_needed()
    first.hover()
    card = page.locator("[data-radix-popper-content-wrapper]")
    try:
        card.wait_for(timeout=5000)
        seen["hover_card"] = card.inner_text()
    except Exception:
        seen["hover_card"] = None
    seen["definition"] = target.evaluate("dt => dt.nextElementSibling.innerText")
    first.click()
    # The scroll is animated, and slower on a busy machine: wait up to 10 s for the term to show.
    seen["click_shows_term"] = target.evaluate("""async dt => {
        for (let i = 0; i < 100; i++) {
            const r = dt.getBoundingClientRect();
            if (r.top >= 0 && r.bottom <= window.innerHeight) return true;
            await new Promise(resolve => setTimeout(resolve, 100));
        }
        return false;
    }""")
    page.mouse.move(0, 0)
    return seen


def look_at(page, path):
    """Open one chapter as a student would, and record what shows."""
    nb = nbformat.read(path, as_version=4)
    labels = [item["label"] for item in exercises(nb)]
    panel_id = page.evaluate(
        "path => window.jupyterapp.commands.execute('docmanager:open', {path})"
        ".then(widget => widget.id)",
        f"chapters/{path.name}",
    )
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
    seen["open_solutions"] = sum(
        solutions.nth(i).get_attribute("open") is not None for i in range(solutions.count())
    )
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
    # Untouched, it is not "unsaved": wait for the kernel's info reply, when JupyterLab writes the
    # kernel's language_info into the notebook, then read the tab's dirty mark and the model.
    seen["dirty"] = page.evaluate(DIRTY, panel_id)
    seen.update(glossary_links(page, panel))
    seen["answer_sample"] = page.evaluate(RENDER_ANSWER, [panel_id, ANSWER_SAMPLE])
    # Close it without saving (an answer cell was written in), so the next starts clean.
    page.evaluate(
        "id => [...window.jupyterapp.shell.widgets('main')].find(w => w.id === id).dispose()",
        panel_id,
    )
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
        page.goto(
            f"{base}/lab?token={token}&reset"
        )  # reset: a fresh workspace, no notebook restored
        page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60000)
        page.evaluate(
            "async () => { await window.jupyterapp.started; await window.jupyterapp.restored; }"
        )
        seen = {path.name: look_at(page, path) for path in notebooks}
        browser.close()
    (folder / "lab.json").write_text(json.dumps(seen, indent=1))
