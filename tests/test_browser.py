"""What readers see: the built page and the notebook in JupyterLab, in headless Chromium.

Needs Debian's `chromium` (Playwright's own browser download cannot work offline).
Without it these tests are skipped, unless REQUIRE_BROWSER=1 (as in CI), where a
missing browser fails.
"""

import os

import pytest

from chapter_parts import exercises
from conftest import NOTEBOOKS, load_notebook
from jupyterlab_view import CHROMIUM, CHROMIUM_ARGS

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


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_in_jupyterlab(lab_view, notebook):
    # The background job opened the notebook as a student would (tests/jupyterlab_view.py).
    seen = lab_view[notebook.name]
    labels = solution_labels(notebook)
    # jupyterlab-myst renders each {exercise} as a box, not as raw directive text.
    assert seen["exercises"] == labels, f"exercises rendered as boxes: {seen['exercises']}"
    assert seen["raw_exercise_text"] == 0 and seen["raw_solution_text"] == 0
    # Each {solution} is a folded <details>: its code is not visible until opened.
    assert seen["solutions"] == len(labels)
    assert seen["open_solutions"] == 0
    assert seen["code_hidden_before"] and seen["code_visible_after"]
