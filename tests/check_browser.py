"""What readers see: the built pages and every notebook in JupyterLab, in headless Chromium.

    .venv/bin/pytest tests/check_browser.py          # after building the book (README, Quickstart)

Apart from the README's test command, as the printed handouts' check is: visiting every page with
an accessibility audit and opening every chapter in JupyterLab take about two minutes of a browser's
time, more than the rest of the suite. CI runs it on the book that the test run built and kept
(.ci/run). It reads the book in _build/html, or in the folder SUMMIT_BOOK_HTML names.

Needs Debian's `chromium` (Playwright's own browser download cannot work offline). Without it these
checks are skipped, unless REQUIRE_BROWSER=1 (as in CI), where a missing browser fails.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from chapter_parts import exercises, svg_text_sizes
from conftest import NOTEBOOKS, ROOT, load_notebook
from jupyterlab_view import CHROMIUM, CHROMIUM_ARGS

if not CHROMIUM:
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail("REQUIRE_BROWSER=1 but no chromium executable was found", pytrace=False)
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

BOOK_HTML = Path(os.environ.get("SUMMIT_BOOK_HTML") or ROOT / "_build" / "html")


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def solution_labels(notebook):
    return [item["label"] for item in exercises(load_notebook(notebook))]


# Console messages that come from the toolchain, not from our pages, with why they are allowed.
# Empty: the two theme errors were fixed at their cause in _config.yml.
KNOWN_CONSOLE_MESSAGES = []
# Accessibility: the axe-core rules whose serious or critical violations come from the theme, not
# from our content, with why. Empty: the one we found (link blue on the exercise boxes' tint,
# 4.3:1) is fixed in _static/custom.css.
KNOWN_AXE_VIOLATIONS = {}
AXE = Axe()
# Figure text, in CSS pixels: at least this on a 390 px phone, and on a desktop between the two
# (the body text is 16 px). The figures are drawn for it: about 5.6 inches wide, 12-point text.
PHONE_TEXT_PX = 10
DESKTOP_TEXT_PX = (14, 24)


def file_of(image):
    """The file an <img> on a file:// page shows."""
    return Path(unquote(urlparse(image.evaluate("img => img.src")).path))


def text_px(file, shown):
    """The smallest and largest text of a figure shown ``shown`` CSS pixels wide: SVG units times the scale."""
    width, sizes = svg_text_sizes(file)
    return min(sizes) * shown / width, max(sizes) * shown / width


def visit(browser, path, notebook=None):
    """Load one built page as a reader would, and record what a test needs to know."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = {"elsewhere": [], "console": []}
    page.on(
        "request",
        lambda r: (
            seen["elsewhere"].append(r.url)
            if not r.url.startswith(("file:", "data:", "blob:"))
            else None
        ),
    )
    page.on(
        "console",
        lambda m: seen["console"].append(m.text) if m.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda e: seen["console"].append(str(e)))
    page.goto(path.as_uri())
    redirect = 'http-equiv="Refresh"' in path.read_text(encoding="utf-8")
    if redirect:  # the site's root only redirects: check where it lands, once it has landed
        page.wait_for_url(lambda url: url != path.as_uri(), timeout=15000)
        page.wait_for_load_state("load")
    seen["maths"] = page.locator("span.math, div.math").count()
    if seen["maths"]:  # typeset, not raw TeX: MathJax replaces each formula with an mjx-container
        page.wait_for_function(
            f"() => document.querySelectorAll('mjx-container').length >= {seen['maths']}",
            timeout=15000,
        )
    if not redirect:  # its landing page is audited as itself
        # preload: False, or axe fetches the stylesheets itself, which file:// pages do not allow.
        violations = AXE.run(
            page, options={"resultTypes": ["violations"], "preload": False}
        ).response["violations"]
        seen["axe"] = {
            v["id"]: (v["impact"], [str(n["target"]) for n in v["nodes"]]) for v in violations
        }
    seen["broken_images"] = page.evaluate(
        "() => [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
    )
    if notebook is not None:
        seen["figures"] = {}
        for cell in load_notebook(notebook).cells:
            if "figure" in cell.metadata.get("mystnb", {}):
                name = cell.metadata["mystnb"]["figure"]["name"]
                figure = page.locator(f"figure#{name} img")
                figure.scroll_into_view_if_needed()
                seen["figures"][name] = {
                    "visible": figure.is_visible(),
                    "shown": figure.bounding_box()["width"],
                    "file": file_of(figure),
                    "alt": figure.get_attribute("alt"),
                }
        # Solutions are folded: their bodies are hidden until the reader opens one.
        solutions = page.locator("div.solution.dropdown")
        seen["solutions"] = solutions.count()
        body = solutions.first.locator(".admonition-title ~ *").first
        seen["solution_hidden"] = not body.is_visible()
        solutions.first.locator(
            "button.toggle-button"
        ).click()  # the title itself links to the exercise
        body.wait_for(state="visible", timeout=5000)
        # The same page on a phone, 390 px wide: where each figure lands, what it is, what a tap opens.
        page.set_viewport_size({"width": 390, "height": 844})
        seen["phone_figures"] = []
        figures = page.locator("figure img")
        for i in range(figures.count()):
            figure = figures.nth(i)
            figure.scroll_into_view_if_needed()
            seen["phone_figures"].append(
                {
                    "box": figure.bounding_box(),
                    "src": figure.get_attribute("src"),
                    "file": file_of(figure),
                    "opens_alone": figure.evaluate(
                        "img => img.parentElement.tagName === 'A'"
                        " && img.parentElement.href === img.src"
                    ),
                }
            )
    page.close()
    return seen


@pytest.fixture(scope="module")
def site(browser):
    """Every built page, visited once: {path relative to the site: what was seen}."""
    html_dir = BOOK_HTML
    if not (html_dir / "index.html").exists():
        pytest.fail(
            f"no built book in {html_dir}: build it first (README, Quickstart)", pytrace=False
        )
    chapters = {html_dir / "chapters" / f"{nb.stem}.html": nb for nb in NOTEBOOKS}
    pages = sorted(
        p for p in html_dir.rglob("*.html") if not {"_static", "_sources", "mathjax"} & set(p.parts)
    )
    return {p.relative_to(html_dir).as_posix(): visit(browser, p, chapters.get(p)) for p in pages}


def test_every_page_loads_offline_quietly_with_its_images_and_maths(site):
    assert len(site) >= len(NOTEBOOKS) + 4
    for name, seen in site.items():
        assert not seen["elsewhere"], f"{name} asks another host: {seen['elsewhere'][:3]}"
        unknown = [m for m in seen["console"] if not any(k in m for k in KNOWN_CONSOLE_MESSAGES)]
        assert not unknown, f"{name}: console: {unknown[:3]}"
        assert not seen["broken_images"], (
            f"{name}: images that did not load: {seen['broken_images'][:3]}"
        )
    assert any(seen["maths"] for seen in site.values()), "expected a page with maths"


def test_no_page_has_a_serious_accessibility_problem(site):
    audited = 0
    for name, seen in site.items():
        if "axe" not in seen:
            continue
        audited += 1
        serious = {
            rule: nodes
            for rule, (impact, nodes) in seen["axe"].items()
            if impact in ("serious", "critical") and rule not in KNOWN_AXE_VIOLATIONS
        }
        assert not serious, f"{name}: axe-core: {serious}"
    assert audited >= len(NOTEBOOKS) + 3


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_figures_on_a_phone(site, notebook):
    # At 390 px, every figure fits the column, stays sharp (SVG) and opens on its own when tapped,
    # to zoom into its labels.
    figures = site[f"chapters/{notebook.stem}.html"]["phone_figures"]
    assert figures
    for i, figure in enumerate(figures):
        box = figure["box"]
        assert 0 <= box["x"] and box["x"] + box["width"] <= 390, f"figure {i} overflows: {box}"
        assert figure["src"].endswith(".svg"), "not sharp on a phone"
        assert figure["opens_alone"], f"figure {i} does not open on its own"
        smallest, _ = text_px(figure["file"], box["width"])
        assert smallest >= PHONE_TEXT_PX, f"figure {i}: text {smallest:.1f} px on a phone"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_figure_text_on_a_desktop_is_like_the_body_text(site, notebook):
    figures = site[f"chapters/{notebook.stem}.html"]["figures"]
    assert figures
    low, high = DESKTOP_TEXT_PX
    for name, figure in figures.items():
        smallest, largest = text_px(figure["file"], figure["shown"])
        assert smallest >= low and largest <= high, f"{name}: text {smallest:.1f}–{largest:.1f} px"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_book_page(site, notebook):
    seen = site[f"chapters/{notebook.stem}.html"]
    assert seen["figures"], "no figure"
    for name, figure in seen["figures"].items():
        assert figure["visible"], name
        assert figure["shown"] >= 400, f"{name}: shown only {figure['shown']:.0f} px wide"
        assert len(figure["alt"]) > 120, name
    assert seen["solutions"] == len(solution_labels(notebook))
    assert seen["solution_hidden"]


@pytest.fixture(scope="module")
def lab_view(tmp_path_factory):
    """What JupyterLab showed for each chapter (tests/jupyterlab_view.py), keyed by file name: one
    JupyterLab, one browser, every chapter opened in turn, in a process of its own (Playwright's
    synchronous API runs one browser session per process)."""
    folder = tmp_path_factory.mktemp("lab")
    job = Path(__file__).with_name("background.py")
    subprocess.run([sys.executable, str(job), "lab", str(folder)], cwd=job.parent, check=False)
    code = (folder / "lab.rc").read_text().strip() if (folder / "lab.rc").exists() else "no lab.rc"
    log = folder / "lab.log"
    assert code == "0", (log.read_text() if log.exists() else "")[-3000:]
    return json.loads((folder / "lab.json").read_text())


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_in_jupyterlab(lab_view, notebook):
    # Opened as a student would open it (tests/jupyterlab_view.py).
    seen = lab_view[notebook.name]
    labels = solution_labels(notebook)
    # jupyterlab-myst renders each {exercise} as a box, not as raw directive text.
    assert seen["exercises"] == labels, f"exercises rendered as boxes: {seen['exercises']}"
    assert seen["raw_exercise_text"] == 0 and seen["raw_solution_text"] == 0
    assert seen["raw_term_text"] == 0, "glossary links show as raw {term} text"
    # Each {solution} is a folded <details>: its code is not visible until opened.
    assert seen["solutions"] == len(labels)
    assert seen["open_solutions"] == 0
    assert seen["code_hidden_before"] and seen["code_visible_after"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_in_jupyterlab_opens_clean_and_links_its_terms(lab_view, notebook):
    seen = lab_view[notebook.name]
    # Opened and left alone, it is not marked unsaved (postBuild stamps the kernel's language_info).
    assert seen["dirty"] == {"tab": False, "model": False}, seen["dirty"]
    # Every {term} resolves in the notebook's own "Terms in this chapter" cell: a hover shows the
    # definition, a click brings it into view; none is a dead "⚠ term-…" link.
    assert seen["dead_links"] == 0, f"{seen['dead_links']} unresolved links"
    assert seen["term_links"] > 0 and not seen["term_targets_missing"], seen["term_targets_missing"]
    assert seen["hover_card"] and seen["definition"] in seen["hover_card"], seen
    assert seen["click_shows_term"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_an_answer_written_as_asked_renders_intact(lab_view, notebook):
    # "`+` tie ... \$15 million ... \$0" in an answer cell: no bullet point, no maths, both intact.
    shown = lab_view[notebook.name]["answer_sample"]
    assert shown and shown["list_items"] == 0 and shown["maths"] == 0, shown
    assert "+ tie" in shown["text"] and "$15 million" in shown["text"] and "$0" in shown["text"], (
        shown
    )
