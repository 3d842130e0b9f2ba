"""Make the student edition: the book with no solutions anywhere, ready to hand out.

    python -m course.student_edition [--out _student] [--branch student] [--repository URL] [--no-build]

It writes, into the folder --out (default _student/):

* ``book/``: the book's source without solutions, the instructor guide or the tests. Publish it
  as the branch named by --branch (.github/workflows/student-edition.yml does), so that the
  student book's Binder buttons open notebooks without solutions;
* ``book/_build/html/``: the student book (solutions hidden, no edit or repository button, launch
  buttons on that branch of the repository, or of --repository), unless --no-build. Its download
  buttons serve the student notebooks;
* ``notebooks/``: the chapter notebooks without solutions or outputs, with data/ and the
  summitkit helper beside them, so that the folder runs on its own, and every page that a
  notebook or data/README.md links to (the codebook, the glossary, ...), copied beside the
  notebooks so that its link opens in JupyterLab;
* in both, the commands students run for an article of their own (STUDENT_COMMANDS);
* ``student-notebooks.zip``: that folder, for an LMS or a JupyterHub.
"""

import argparse
import fnmatch
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import yaml
from nbconvert.preprocessors import ClearOutputPreprocessor

from .notebooks import ROOT, chapter_notebooks, student_copy

# Not for students: the instructor's pages and tools, and the repository's own machinery.
INSTRUCTOR_PAGES = ["chapters/instructor-guide.md"]
LEFT_OUT = {
    ".git",
    ".github",
    ".ci",
    "tests",
    "course",
    "_build",
    "_student",
    ".venv",
    "venv",
    "__pycache__",
    ".ipynb_checkpoints",
    ".pytest_cache",
    ".jupyter_cache",
    "pytest.ini",
    "requirements-dev.txt",
}
# Any virtual environment in the book's folder, such as the graded edition's .venv-course.
VENVS = (".venv*", "venv*")
# From course/, the commands students run for an article of their own, and the JupyterLab set-up
# (which Binder's postBuild runs too): the student edition keeps them.
STUDENT_COMMANDS = [
    "course/__init__.py",
    "course/lab_settings.py",
    "course/new_article.py",
    "course/check_evidence.py",
    "course/layout.py",
    "course/check_record.py",
]

# The student book's wording where the full book speaks of solutions (_config.yml, substitutions).
STUDENT_WORDING = {
    "solutions_online": "Try every exercise before you compare notes: the checks tell you how you are doing.",
    "solutions_binder": "Save your answers as you go (see the warning below).",
    "solutions_instructors": ".",
    "trouble_raw_solution": "The rest of the cell shows as plain text too.",
    "trouble_which_book": (
        'This is the student edition, made for courses: its title ends with "(student '
        "edition)\", and each chapter's **Print** line offers the exercise sheet and the whole chapter, no answer key. If "
        "your instructor meant you to use the full book, it is at "
        "[summit-networks.github.io/russia-trump-kim-summit]"
        "(https://summit-networks.github.io/russia-trump-kim-summit/)."
    ),
}

STUDENT_README = """# Student notebooks

Russia and the Trump–Kim Summit: Reading a News Article as a Network (student edition).

Open the notebooks in `chapters/` with JupyterLab, started in this folder:

    python3 -m venv .venv
    .venv/bin/pip install -r requirements.txt
    .venv/bin/python -m course.lab_settings
    .venv/bin/jupyter lab chapters/

On Windows, in PowerShell, use `py -3 -m venv .venv`, then `.venv\\Scripts\\pip`, `.venv\\Scripts\\python`
and `.venv\\Scripts\\jupyter` instead.
The third line sets JupyterLab up as in Binder (no news pop-up; a chapter opened and left
alone does not ask to be saved); run it once, after the install.

Run the cells from the top. In an exercise, replace the `...` in the cell marked `# Your answer`,
run it, then run the check below it. Reading questions have a cell marked **Your answer**.
The notebooks read `data/` and the helper in `chapters/summitkit/`: keep the three together.

To code an article of your own (chapter 6), run from this folder, after the set-up above:

    .venv/bin/python -m course.new_article my-article
    .venv/bin/python -m course.check_evidence my-article/article.txt my-article

(on Windows, `.venv\\Scripts\\python` for `.venv/bin/python`; in a terminal in JupyterLab on Binder or
a JupyterHub, **File → New → Terminal**, plain `python`, as in `python -m course.new_article my-article`).
The first writes a blank folder and a template for your copy of the article; the second checks that
every excerpt is word for word in its paragraph. If chapter 6's figures crowd your actors,
`.venv/bin/python -m course.layout my-article` writes their positions to my-article/layout.csv to edit.
Keep your copy of the article out of public
repositories: its text belongs to its publisher.
"""


def copy_source(out_book):
    def ignore(folder, names):
        here = Path(folder).resolve()
        relative = {n: (here / n).relative_to(ROOT).as_posix() for n in names}
        kept = {
            n
            for n in names
            if any(c == relative[n] or c.startswith(relative[n] + "/") for c in STUDENT_COMMANDS)
        }
        skip = {n for n in names if n in LEFT_OUT or (here / n) == out_book.parent.resolve()} - kept
        skip |= {
            n for n in names if any(fnmatch.fnmatch(n, v) for v in VENVS) and (here / n).is_dir()
        }
        skip |= {n for n in names if relative[n] in INSTRUCTOR_PAGES}
        if here == ROOT / "course":
            skip |= set(names) - kept  # only the students' commands
        return skip

    shutil.rmtree(out_book, ignore_errors=True)
    shutil.copytree(ROOT, out_book, ignore=ignore)


def student_config(out_book, branch, repository=None):
    path = out_book / "_config.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    full_repository = config["repository"]["url"]
    full_branch = config["repository"]["branch"]
    repository = repository or full_repository
    config["title"] += " (student edition)"
    config["repository"]["url"] = repository
    config["repository"]["branch"] = branch  # launch buttons open this branch
    config["html"]["use_edit_page_button"] = False
    config["html"]["use_repository_button"] = (
        False  # it would open the default branch, solutions included
    )
    config["sphinx"]["config"]["hide_solutions"] = True
    substitutions = config["parse"]["myst_substitutions"]
    missing = set(STUDENT_WORDING) - set(substitutions)
    if missing:
        raise SystemExit(f"_config.yml: parse.myst_substitutions has no {sorted(missing)}")
    substitutions.update(STUDENT_WORDING)
    header = "# The student edition, written by python -m course.student_edition. Do not edit.\n"
    path.write_text(
        header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )

    # Students who install the book on their own computer clone the student branch.
    how_to = out_book / "chapters" / "how-to-use.md"
    text = how_to.read_text(encoding="utf-8")
    clone = f"git clone {full_repository}"
    if clone not in text:
        raise SystemExit(f"chapters/how-to-use.md: expected the line {clone!r}")
    text = text.replace(clone, f"git clone --branch {branch} {repository}")
    folder = lambda url: url.rstrip("/").rsplit("/", 1)[-1]  # noqa: E731 (the folder git clone makes)
    text = text.replace(f"cd {folder(full_repository)}\n", f"cd {folder(repository)}\n")
    # Without git: the student branch's page and zip, and the folder it unzips to.
    for path in (f"tree/{full_branch}", f"archive/refs/heads/{full_branch}.zip"):
        if f"{full_repository}/{path}" not in text:
            raise SystemExit(
                f"chapters/how-to-use.md: expected the address {full_repository}/{path}"
            )
    text = text.replace(f"{full_repository}/tree/{full_branch}", f"{repository}/tree/{branch}")
    text = text.replace(
        f"{full_repository}/archive/refs/heads/{full_branch}.zip",
        f"{repository}/archive/refs/heads/{branch}.zip",
    )
    text = text.replace(
        f"{folder(full_repository)}-{full_branch}", f"{folder(repository)}-{branch}"
    )
    how_to.write_text(text, encoding="utf-8")

    toc = out_book / "_toc.yml"
    lines = toc.read_text(encoding="utf-8").splitlines(keepends=True)
    pages = {page.removesuffix(".md") for page in INSTRUCTOR_PAGES}
    toc.write_text(
        "".join(line for line in lines if line.split("file:")[-1].strip() not in pages),
        encoding="utf-8",
    )


def student_notebooks(out_book, out_notebooks):
    shutil.rmtree(out_notebooks, ignore_errors=True)
    (out_notebooks / "chapters").mkdir(parents=True)
    clear = ClearOutputPreprocessor()
    for path in chapter_notebooks():
        nb = student_copy(nbformat.read(path, as_version=4))
        nbformat.validate(nb)
        nbformat.write(nb, out_book / "chapters" / path.name)  # the book keeps outputs, if any
        clean, _ = clear.preprocess(nbformat.from_dict(nb), {})
        nbformat.write(clean, out_notebooks / "chapters" / path.name)
    shutil.copytree(out_book / "chapters" / "summitkit", out_notebooks / "chapters" / "summitkit")
    shutil.copytree(out_book / "data", out_notebooks / "data")
    for command in STUDENT_COMMANDS:
        (out_notebooks / command).parent.mkdir(exist_ok=True)
        shutil.copy(out_book / command, out_notebooks / command)
    shutil.copy(out_book / "requirements.txt", out_notebooks)
    for folder in (out_notebooks, out_book):  # the book's README is the student branch's front page
        (folder / "README.md").write_text(STUDENT_README, encoding="utf-8")
    copy_linked_pages(out_book, out_notebooks)


# A markdown link or image, [text](target) or ![alt](target): its target.
LINK = re.compile(r"\]\((?:<([^>]+)>|([^)\s]+))")


def relative_links(text):
    """The targets of a page's relative links, without their #anchor: ['codebook.md', ...]."""
    targets = (a or b for a, b in LINK.findall(text))
    return [
        t.split("#", 1)[0]
        for t in targets
        if not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", t) and t.split("#", 1)[0]
    ]


def page_text(path):
    """The text of a notebook's markdown cells, or of a page."""
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return path.read_text(encoding="utf-8")


def copy_linked_pages(out_book, out_notebooks):
    """Copy into out_notebooks every page of the student book that its notebooks, data/README.md
    or a page so copied link to, at the same place, so that the relative links work. The book's
    substitutions ({{ name }}) are written out: JupyterLab does not know them."""
    substitutions = yaml.safe_load((out_book / "_config.yml").read_text(encoding="utf-8"))["parse"][
        "myst_substitutions"
    ]

    def fill(match):
        return substitutions.get(match.group(1), match.group(0))

    todo = sorted((out_notebooks / "chapters").glob("*.ipynb")) + [out_notebooks / "data/README.md"]
    while todo:
        page = todo.pop()
        for target in relative_links(page_text(page)):
            copy = (page.parent / target).resolve()
            if copy.exists():
                continue
            inside = copy.is_relative_to(out_notebooks.resolve())
            source = out_book / copy.relative_to(out_notebooks.resolve()) if inside else None
            if source is None or not source.is_file():
                raise SystemExit(
                    f"{page.relative_to(out_notebooks)} links {target}, which the student book "
                    "does not have"
                )
            copy.parent.mkdir(parents=True, exist_ok=True)
            if source.suffix == ".md":
                text = source.read_text(encoding="utf-8")
                copy.write_text(re.sub(r"\{\{ *(\w+) *\}\}", fill, text), encoding="utf-8")
                todo.append(copy)
            else:
                shutil.copy(source, copy)


def make_zip(out_notebooks, zip_path):
    files = sorted(p for p in out_notebooks.rglob("*") if p.is_file())
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            # A fixed date, so that the same notebooks give the same zip.
            info = zipfile.ZipInfo(
                f"student-notebooks/{path.relative_to(out_notebooks).as_posix()}",
                date_time=(2018, 6, 8, 0, 0, 0),
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m course.student_edition", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--out", default=str(ROOT / "_student"), help="folder to write (default: _student/)"
    )
    parser.add_argument(
        "--branch", default="student", help="branch the Binder buttons open (default: student)"
    )
    parser.add_argument(
        "--repository",
        help="the repository the student book's buttons open "
        "(default: _config.yml's repository.url)",
    )
    parser.add_argument(
        "--no-build", action="store_true", help="write the files, but do not build the book"
    )
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    book, notebooks = out / "book", out / "notebooks"

    copy_source(book)
    student_config(book, args.branch, args.repository)
    student_notebooks(book, notebooks)
    make_zip(notebooks, out / "student-notebooks.zip")
    print(
        f"student notebooks: {notebooks}\nzip: {out / 'student-notebooks.zip'}\nbook source: {book}"
    )
    if args.no_build:
        return 0
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    code = subprocess.run(
        [str(jupyter_book), "build", str(book), "-W", "-n", "--keep-going"]
    ).returncode
    print(
        f"student book: {book / '_build' / 'html' / 'index.html'}"
        if code == 0
        else "the student build failed"
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
