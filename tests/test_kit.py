"""The kit for a new article: the blank folder (new_article) and the evidence check (check_evidence).

The fixture is a made-up article: tests/fixtures/harbour.txt (its text) and tests/fixtures/harbour/ (its
coding). Each broken case plants one error in a copy and checks the message that names it; one plants
three, which one run names together.
"""

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "chapters"))  # as the notebooks import the helper

from summitkit import COLUMNS, DataError, check_evidence, load_data, new_article  # noqa: E402
from summitkit.templates import HEADER_ONLY, PLACEHOLDERS, SECTION  # noqa: E402
from tools import run_command  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLE, FOLDER = FIXTURES / "harbour.txt", FIXTURES / "harbour"


def rows(path):
    """(line, row) of a CSV file whose values span no line."""
    with open(path, encoding="utf-8", newline="") as f:
        return list(enumerate(csv.DictReader(f), start=2))


def write_rows(path, table):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(table[0][1]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(row for _, row in table)


def blocks(text):
    """The article's paragraphs as this test reads them: {id: text} (independent of the helper)."""
    found = {}
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        head, _, body = " ".join(lines).partition(": ")
        if head.lstrip("§").isdigit():
            found[head.lstrip("§")] = " ".join(body.split())
    return found


@pytest.fixture
def copy(tmp_path):
    """A copy of the fixture: (article, folder), to plant errors in."""
    shutil.copytree(FOLDER, tmp_path / "harbour")
    shutil.copy(ARTICLE, tmp_path / "harbour.txt")
    return tmp_path / "harbour.txt", tmp_path / "harbour"


run = run_command  # in process; the test below starts the commands as processes


def test_a_command_runs_as_a_student_runs_it():
    # The one test that starts a command as a process, from the repository root, as the README says
    # (the other tests call the commands' main() in process, which costs no interpreter start).
    checked = subprocess.run(
        [sys.executable, "-m", "course.check_evidence", str(ARTICLE), str(FOLDER)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip().endswith(": 0 problems.") and not checked.stderr


# The blank folder


def test_the_template_folder_loads_and_has_no_ties(tmp_path):
    folder = new_article(tmp_path / "mine")
    data = load_data(folder)
    assert len(data.ties) == 0 and list(data.ties.columns) == list(COLUMNS["ties.csv"])
    for name in HEADER_ONLY:
        assert (folder / name).read_text(encoding="utf-8").strip() == ",".join(COLUMNS[name])
    assert data.text.title == PLACEHOLDERS["title"] and data.text.url == PLACEHOLDERS["url"]
    assert list(data.sections["id"]) == ["main"] and data.sections["date"].isna().all()
    # The template's example is in comments: the file holds no paragraph for the check to read.
    template = (folder / "article.txt").read_text(encoding="utf-8")
    assert all(line.startswith("#") for line in template.splitlines() if line.strip())
    assert "1: " in template and "2: " in template
    with pytest.raises(DataError, match="article.txt: no paragraph found"):
        check_evidence(folder / "article.txt", folder)


def test_the_template_takes_the_values_given(tmp_path):
    values = dict(
        title="Russia-North Korea Relations",
        publisher="Congressional Research Service",
        date="2025-06-13",
        url="https://www.everycrsreport.com/reports/IF12760.html",
        id_pattern=r"\d{4}-\d{2}-\d+",
        id_example="2025-06-1",
    )
    data = load_data(new_article(tmp_path / "crs", **values))
    for field in ("title", "publisher", "url", "id_pattern", "id_example"):
        assert getattr(data.text, field) == values[field]
    assert str(data.text.date.date()) == values["date"]
    assert "2025-06-1: " in (tmp_path / "crs" / "article.txt").read_text(encoding="utf-8")


def test_new_article_refuses_a_folder_that_is_not_empty(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes", encoding="utf-8")
    with pytest.raises(FileExistsError, match="not empty; nothing was written"):
        new_article(folder)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "my notes"
    (folder / "notes.txt").unlink()
    load_data(new_article(folder))  # an empty folder is fine


@pytest.mark.parametrize(
    "values, message",
    [
        ({"date": "8 June 2018"}, "--date '8 June 2018': expected a date written YYYY-MM-DD"),
        ({"url": "www.example.org"}, "--url 'www.example.org': expected the address"),
        ({"id_pattern": r"\d+(", "id_example": "1"}, "not a regular expression"),
        ({"id_pattern": r"\d+", "id_example": "K1"}, "--id-example 'K1': expected an id"),
    ],
)
def test_new_article_refuses_values_that_would_not_load(tmp_path, values, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        new_article(tmp_path / "mine", **values)
    assert not (tmp_path / "mine").exists()


# The evidence check


def test_the_fixture_passes():
    report = check_evidence(ARTICLE, FOLDER)
    assert list(report) == []
    quoting = [
        row
        for name in ("ties.csv", "channels.csv")
        for _, row in rows(FOLDER / name)
        if row["paragraph"] and row["evidence"]
    ]
    assert report.checked == len(quoting) > 0
    assert sorted(report.paragraphs) == sorted(load_data(FOLDER).paragraphs["id"])
    assert report.skipped == 1  # the headline, which starts with no paragraph id


def test_a_misquote_is_found_with_the_closest_passage(copy):
    article, folder = copy
    table = rows(folder / "ties.csv")
    line, row = table[0]
    original = row["evidence"]
    assert "daily" in original.split()
    row["evidence"] = original.replace("daily", "weekly")
    write_rows(folder / "ties.csv", table)
    [problem] = check_evidence(article, folder)
    assert (Path(problem.file).name, problem.line, problem.column, problem.paragraph) == (
        "ties.csv",
        line,
        "evidence",
        row["paragraph"],
    )
    assert "is not verbatim in paragraph" in problem.message
    assert f"the closest passage there is '{original}" in problem.message  # the words as published
    assert f"ties.csv, line {line}, column 'evidence', paragraph {row['paragraph']}: " in str(
        problem
    )


def test_case_matters(copy):
    article, folder = copy
    table = rows(folder / "ties.csv")
    line, row = table[0]
    row["evidence"] = row["evidence"][0].upper() + row["evidence"][1:]
    write_rows(folder / "ties.csv", table)
    assert [(p.line, p.column) for p in check_evidence(article, folder)] == [(line, "evidence")]


def test_a_wrong_paragraph_id_names_the_paragraph_where_the_excerpt_is(copy):
    article, folder = copy
    paragraphs = blocks(article.read_text(encoding="utf-8"))
    table = rows(folder / "ties.csv")
    line, row = table[0]
    right = row["paragraph"]
    wrong = next(p for p in paragraphs if row["evidence"] not in paragraphs[p])
    row["paragraph"] = wrong
    write_rows(folder / "ties.csv", table)
    [problem] = check_evidence(article, folder)
    assert (Path(problem.file).name, problem.line, problem.paragraph) == ("ties.csv", line, wrong)
    assert f"it is in paragraph {right}: wrong paragraph id?" in problem.message


def test_a_missing_paragraph_is_named_with_every_row_that_cites_it(copy):
    article, folder = copy
    text = article.read_text(encoding="utf-8")
    last = list(blocks(text))[-1]
    article.write_text(text.split(f"\n{last}: ")[0] + "\n", encoding="utf-8")
    expected = [
        (name, line)
        for name in ("ties.csv", "channels.csv")
        for line, row in rows(folder / name)
        if row["paragraph"] == last
    ]
    assert expected
    problems = check_evidence(article, folder)
    assert [(Path(p.file).name, p.line) for p in problems] == expected
    for problem in problems:
        assert problem.column == "paragraph" and problem.paragraph == last
        assert problem.message.startswith(f"missing paragraph: harbour.txt has no paragraph {last}")


def test_curly_and_straight_quotation_marks_match(copy):
    article, folder = copy
    # The fixture quotes with straight marks a text that has curly ones.
    text = article.read_text(encoding="utf-8")
    quoted = [
        row
        for _, row in rows(folder / "ties.csv")
        if "'" in row["evidence"] or '"' in row["evidence"]
    ]
    assert quoted and "’" in text and "“" in text
    assert not any(row["evidence"] in blocks(text)[row["paragraph"]] for row in quoted)
    assert list(check_evidence(article, folder)) == []
    # And the other way round: curly marks in the excerpts, straight ones in the text.
    straight = text.replace("’", "'").replace("“", '"').replace("”", '"')
    article.write_text(straight, encoding="utf-8")
    table = rows(folder / "ties.csv")
    for _, row in table:
        row["evidence"] = (
            row["evidence"].replace("'", "’").replace('"a ', "“a ").replace('start"', "start”")
        )
    write_rows(folder / "ties.csv", table)
    assert any("’" in row["evidence"] or "“" in row["evidence"] for _, row in table)
    assert list(check_evidence(article, folder)) == []


def test_an_excerpt_starts_and_ends_at_a_word_edge(copy):
    article, folder = copy
    table = rows(folder / "ties.csv")
    line, row = table[0]
    row["evidence"] = row["evidence"][
        1:
    ]  # "un a daily ferry…": in the text, but not from a word's start
    write_rows(folder / "ties.csv", table)
    assert [(p.line, p.column) for p in check_evidence(article, folder)] == [(line, "evidence")]


def test_a_copy_saved_with_a_byte_order_mark_reads_the_same(copy):
    article, folder = copy
    article.write_bytes(b"\xef\xbb\xbf" + article.read_bytes())  # as Windows Notepad saves UTF-8
    report = check_evidence(article, folder)
    assert list(report) == [] and sorted(report.paragraphs) == sorted(
        load_data(folder).paragraphs["id"]
    )


def test_a_paragraph_id_used_twice_is_named(copy):
    article, folder = copy
    text = article.read_text(encoding="utf-8")
    first = list(blocks(text))[0]
    article.write_text(text + f"\n{first}: A second block with the same id.\n", encoding="utf-8")
    line = len(text.splitlines()) + 2
    [problem] = check_evidence(article, folder)
    assert (Path(problem.file).name, problem.line, problem.paragraph) == (
        "harbour.txt",
        line,
        first,
    )
    assert f"paragraph {first} appears twice" in problem.message


# The commands, run as a student runs them


def test_the_commands_run_from_the_repository_root(tmp_path, copy):
    result = run("course.new_article", tmp_path / "mine", "--title", "My article")
    assert result.returncode == 0, result.stderr
    assert "course.check_evidence" in result.stdout and "FOLDER = " in result.stdout
    assert "Replace the placeholders" in result.stdout and "publisher, date, url" in result.stdout
    assert load_data(tmp_path / "mine").text.title == "My article"
    again = run("course.new_article", tmp_path / "mine")
    assert again.returncode == 2 and "not empty; nothing was written" in again.stderr

    passed = run("course.check_evidence", ARTICLE, FOLDER)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert passed.stdout.strip().endswith(": 0 problems.")

    article, folder = copy
    table = rows(folder / "ties.csv")
    line, row = table[-1]
    row["evidence"] += " at sea"
    write_rows(folder / "ties.csv", table)
    failed = run("course.check_evidence", article, folder)
    assert failed.returncode == 1
    assert (
        f"ties.csv, line {line}, column 'evidence', paragraph {row['paragraph']}: " in failed.stdout
    )
    assert failed.stdout.strip().endswith(": 1 problem.")


def test_bad_input_exits_2_with_a_one_line_message(tmp_path, copy):
    article, folder = copy
    not_utf8 = tmp_path / "latin1.txt"
    not_utf8.write_bytes("1: Borovia’s minister".encode("cp1252"))
    table = rows(folder / "ties.csv")
    line, row = table[0]
    row["status"] = "certain"
    broken = tmp_path / "broken"
    shutil.copytree(folder, broken)
    write_rows(broken / "ties.csv", table)
    cases = [
        ((tmp_path / "absent.txt", folder), "absent.txt: file not found"),
        ((not_utf8, folder), "latin1.txt: not valid UTF-8"),
        ((article, tmp_path / "no-folder"), "no-folder: folder not found."),
    ]
    for args, message in cases:
        result = run("course.check_evidence", *args)
        output = (result.stdout + result.stderr).strip()
        assert result.returncode == 2, output
        assert len(output.splitlines()) == 1 and message in output, output
        assert "Traceback" not in output
    # A file that breaks a rule is no bad input: it is a problem, listed with the others (exit 1).
    result = run("course.check_evidence", article, broken)
    assert result.returncode == 1 and not result.stderr
    assert f"ties.csv, line {line}, column 'status': found 'certain'" in result.stdout


# Every problem at once


def plant_three(folder):
    """Three problems the loader refuses, in two files and three rows, as a student made them: an
    empty description, an empty status, an alias without its paragraphs. Returns what each message
    starts with (file, line, column)."""
    actors = rows(folder / "actors.csv")
    line_a, row_a = actors[1]
    row_a["description"] = ""
    line_b, row_b = next((n, r) for n, r in actors if r["aliases"])
    row_b["aliases"] = re.sub(r" \([^()]*\)", "", row_b["aliases"])
    write_rows(folder / "actors.csv", actors)
    ties = rows(folder / "ties.csv")
    line_c, row_c = ties[2]
    row_c["status"] = ""
    write_rows(folder / "ties.csv", ties)
    assert len({line_a, line_b}) == 2
    return [
        f"actors.csv, line {line_a}, column 'description': found ''; expected",
        f"actors.csv, line {line_b}, column 'aliases': found",
        f"ties.csv, line {line_c}, column 'status': found ''; expected one of stated, reported, "
        "possible",
    ]


def test_every_problem_in_the_files_is_named_in_one_run(copy):
    article, folder = copy
    planted = plant_three(folder)
    with pytest.raises(DataError, match=re.escape(planted[0].split(": found")[0])):
        load_data(folder)  # the loader still stops at the first, as the notebooks expect
    result = run("course.check_evidence", article, folder)
    assert result.returncode == 1 and not result.stderr, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for start in planted:
        assert any(start in line for line in lines), (start, result.stdout)
    assert lines[-1].endswith(": 3 problems (3 in the files, 0 in the excerpts).")
    report = check_evidence(article, folder)
    assert report.in_files == 3 and [p.column for p in report] == [
        "description",
        "aliases",
        "status",
    ]


def test_the_files_problems_and_the_excerpts_problems_come_together(copy):
    article, folder = copy
    plant_three(folder)
    table = rows(folder / "ties.csv")
    line, row = table[0]
    row["evidence"] = row["evidence"].replace("daily", "weekly")
    write_rows(folder / "ties.csv", table)
    report = check_evidence(article, folder)
    assert (report.in_files, len(report)) == (3, 4)
    assert (Path(report[-1].file).name, report[-1].line, report[-1].column) == (
        "ties.csv",
        line,
        "evidence",
    )


def test_a_broken_file_stops_its_own_checks_and_no_others(copy):
    article, folder = copy
    planted = plant_three(folder)
    paragraphs = folder / "paragraphs.csv"
    paragraphs.write_text(
        paragraphs.read_text(encoding="utf-8").replace("opening", "first_words", 1),
        encoding="utf-8",
    )
    report = check_evidence(article, folder)
    found = [str(p) for p in report]
    assert any("paragraphs.csv, line 1, column 'opening'" in p for p in found), found
    for start in planted:
        assert any(start in p for p in found), (start, found)
    # The paragraphs it could not read are not held against the rows that cite them.
    assert report.in_files == 4 and len(report) == 4, found


def test_two_problems_in_one_row_are_both_named(copy):
    article, folder = copy
    table = rows(folder / "ties.csv")
    line, row = table[0]
    row.update(status="", checked="maybe")
    write_rows(folder / "ties.csv", table)
    assert [(p.line, p.column) for p in check_evidence(article, folder)] == [
        (line, "status"),
        (line, "checked"),
    ]


def test_the_placeholders_are_named_until_replaced(tmp_path):
    folder = new_article(tmp_path / "mine", title="My article")
    (folder / "article.txt").write_text("1: The first paragraph.\n", encoding="utf-8")
    report = check_evidence(folder / "article.txt", folder)
    assert [(Path(p.file).name, p.line, p.column) for p in report] == [
        ("text.csv", 2, column) for column in ("publisher", "date", "url")
    ]
    assert all("the placeholder new_article wrote" in p.message for p in report)


def test_a_channel_given_twice_names_the_columns_it_compares(copy):
    article, folder = copy
    table = rows(folder / "channels.csv")
    line, row = table[0]
    table.append((line + 1, dict(row, source=row["target"], target=row["source"])))
    write_rows(folder / "channels.csv", table)
    with pytest.raises(DataError) as raised:
        load_data(folder)
    message = str(raised.value)
    assert message.startswith(f"channels.csv, line {line + 1}, column 'channel'")
    assert (
        "one row per channel, pair of actors (source and target, either way round) and "
        "paragraph, or url for a background source" in message
    )
    assert f"(line {line} has the same {row['channel']} channel between" in message


# What new_article says, and what the codebook says of it


def test_new_article_says_what_it_wrote_as_the_codebook_does(tmp_path):
    result = run("course.new_article", tmp_path / "mine")
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "stated, reported or possible" in out  # the statuses a tie takes
    assert "check_evidence names each placeholder until you replace it" in out
    assert f"sections.csv, {SECTION['id']} ('{SECTION['title']}')" in out
    folder = tmp_path / "mine"
    assert (folder / "sections.csv").read_text(encoding="utf-8").splitlines() == [
        ",".join(COLUMNS["sections.csv"]),
        ",".join(SECTION[c] for c in COLUMNS["sections.csv"]),
    ]
    codebook = " ".join((ROOT / "chapters" / "codebook.md").read_text(encoding="utf-8").split())
    start = codebook.split("**Start one.**")[1].split("**Check it.**")[0]
    assert "headers only" not in start  # sections.csv has a row
    assert "`text.csv` with placeholders to replace" in start
    assert f"`sections.csv` with one section, `{SECTION['id']}`" in start
    assert "the others with their header only" in start
    assert "names each one until you replace it" in start
    assert set(HEADER_ONLY) | {"text.csv", "sections.csv"} == {
        name for name in COLUMNS if (folder / name).exists()
    }


def test_every_command_in_the_codebook_is_the_readme_s():
    codebook = (ROOT / "chapters" / "codebook.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"`([^`]*python -m course\.[^`]*)`", codebook)
    assert commands
    for command in commands:
        assert command.startswith(".venv/bin/python -m course."), command
        assert command in readme, command


def test_the_books_data_path_finds_the_data_beside_a_graded_notebook(tmp_path, monkeypatch):
    # A graded assignment keeps data/ beside its notebook (and summitkit/, whose DATA_DIR it is):
    # the book's own code, written in chapters/ as load_data("../data/..."), finds it there.
    import summitkit.loading

    release = tmp_path / "release" / "ch06"
    shutil.copytree(ROOT / "data", release / "data")
    monkeypatch.setattr(summitkit.loading, "DATA_DIR", release / "data")
    monkeypatch.chdir(release)
    assert not Path("../data").exists()
    book = load_data(ROOT / "data" / "crs-if12760")
    found = load_data("../data/crs-if12760")
    assert found.text.title == book.text.title and found.ties.equals(book.ties)
    assert load_data("../data").actors.equals(load_data(ROOT / "data").actors)
    # A folder that is nowhere still says where it was looked for, as the student wrote it.
    with pytest.raises(DataError) as info:
        load_data("../data/no-such-text")
    assert str(info.value).startswith(
        f"../data/no-such-text: folder not found. A relative path starts from the current folder,"
        f" {release},"
    )
    # Not a folder of data/: looked for where it was written, and nowhere else.
    with pytest.raises(DataError, match=r"^\.\./crs-if12760: folder not found\."):
        load_data("../crs-if12760")
