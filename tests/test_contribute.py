"""A year of events contributed to the record: python -m course.check_record FILE.

Each contributed file is built here from real rows of data/record.csv, moved to days after the record's
date and given the next free ids; each broken case plants one error in such a file and checks the message
that names it (file, line, column, what was expected). The command runs in this process (main), and once
as a student runs it.
"""

import csv
import subprocess
import sys
from datetime import date, timedelta

import pytest

from conftest import DATA, ROOT
from course.check_record import main
from summitkit import COLUMNS, RECORD_AS_OF, load_data
from summitkit.loading import REPOST_HOSTS, STATE_MEDIA_HOSTS
from tools import MONTHS, broken_copy, read_rows, record_row, replace_line, run_command


def next_free(ids):
    return f"r{max(int(i[1:]) for i in ids) + 1:02d}"


def contribution(n=2):
    """The record's first n rows, moved to the days after the record's date, with the next free ids."""
    rows = read_rows("record.csv")
    first = int(next_free(r["id"] for r in rows)[1:])
    after = date.fromisoformat(RECORD_AS_OF)
    return [
        dict(row, id=f"r{first + k:02d}", date=str(after + timedelta(days=k + 1)))
        for k, row in enumerate(rows[:n])
    ]


def write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS["record.csv"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def check(capsys, path, *options):
    """Run the command in this process: (exit code, lines printed, lines printed on stderr)."""
    code = main([str(path), *options])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def as_of(rows):
    # The file's last date: the checks below do not depend on the day they run.
    return ["--as-of", max(r["date"] for r in rows)]


def test_a_clean_contribution_passes_and_says_what_to_do_next(tmp_path, capsys):
    rows = contribution(2)
    assert all(r["date"] > RECORD_AS_OF for r in rows)
    before = {p.name: p.read_bytes() for p in DATA.glob("*.csv")}
    code, out, err = check(capsys, write(tmp_path / "record-2026.csv", rows), *as_of(rows))
    assert code == 0 and not err, out + err
    assert "2 rows checked; 0 problems." in out
    text = "\n".join(out)
    last = date.fromisoformat(rows[-1]["date"])
    assert "data/record.csv" in text
    assert f"RECORD_AS_OF in chapters/summitkit/loading.py from {RECORD_AS_OF} to {last}" in text
    assert f"as of {last.day} {MONTHS[last.month - 1]} {last.year}" in text  # chapter 5's words
    assert "pytest" in text and "data/claims.csv" in text
    assert {p.name: p.read_bytes() for p in DATA.glob("*.csv")} == before  # it never writes data/


def test_a_file_saved_from_excel_with_a_byte_order_mark_passes(tmp_path, capsys):
    # Excel's "CSV UTF-8" starts the file with a byte-order mark; it is not part of the first column's name.
    rows = contribution(1)
    path = write(tmp_path / "record-2026.csv", rows)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    code, out, err = check(capsys, path, *as_of(rows))
    assert code == 0 and not err, out + err


def test_the_word_source_is_a_fact(tmp_path, capsys):
    rows = contribution(2)
    rows[0]["fact"] = "source"
    code, out, _ = check(capsys, write(tmp_path / "record-2026.csv", rows), *as_of(rows))
    assert code == 0, out
    # And in data/record.csv itself.
    folder = broken_copy(tmp_path, "record.csv", replace_line(2, record_row(fact="source")))
    assert load_data(folder).record["fact"].iloc[0] == "source"


def record_ids():
    return [r["id"] for r in read_rows("record.csv")]


def actor_ids():
    return {r["id"] for r in read_rows("actors.csv")}


# name: (changes to the file's first row, whether the check gets --as-of, column, what the message says)
CASES = {
    "a repost host": (
        lambda row: {
            "url": "https://www.newsmax.com/world/globaltalk/russia-north-korea/2026/03/01/id/1"
        },
        True,
        "url",
        lambda: ["newsmax.com copies other outlets' reporting"],
    ),
    "TASS not marked as state media": (
        lambda row: {"url": "https://tass.com/politics/2090000", "state_media": "no"},
        True,
        "state_media",
        lambda: ["found 'no'", "yes (tass.com is state media)"],
    ),
    "a date that does not parse": (
        lambda row: {"date": "1/3/2026"},
        True,
        "date",
        lambda: ["found '1/3/2026'", "YYYY-MM-DD"],
    ),
    "a date after today": (
        lambda row: {"date": str(date.today() + timedelta(days=1))},
        False,
        "date",
        lambda: [f"a date on or before {date.today()}, today"],
    ),
    "an id the record already uses": (
        lambda row: {"id": record_ids()[0]},
        True,
        "id",
        lambda: [f"found '{record_ids()[0]}'", f"the next free id, {next_free(record_ids())}"],
    ),
    "a row the record holds already": (
        lambda row: {"date": read_rows("record.csv")[0]["date"]},
        True,
        "url",
        lambda: [f"data/record.csv's {record_ids()[0]} has the same date, url, pair and kind"],
    ),
    "the same row with its pair the other way round": (
        lambda row: {
            "date": read_rows("record.csv")[0]["date"],
            "source": row["target"],
            "target": row["source"],
        },
        True,
        "url",
        lambda: [f"data/record.csv's {record_ids()[0]} has the same date, url, pair and kind"],
    ),
    "an unknown actor": (
        lambda row: {"target": "japan"},
        True,
        "target",
        lambda: ["found 'japan'", "an id listed in actors.csv"],
    ),
    "no reference": (
        lambda row: {"reference": ""},
        True,
        "reference",
        lambda: ["found ''", "the source"],
    ),
    "a fact that is neither an id nor source": (
        lambda row: {"fact": "checked"},
        True,
        "fact",
        lambda: ["found 'checked'", "C10", "the word source"],
    ),
}


def test_the_cases_plant_what_they_name():
    assert "newsmax.com" in REPOST_HOSTS and "tass.com" in STATE_MEDIA_HOSTS
    assert "japan" not in actor_ids()
    first = read_rows("record.csv")[0]
    assert first["source"] != first["target"]


@pytest.mark.parametrize("case", CASES)
def test_a_broken_row_is_named_by_file_line_and_column(tmp_path, capsys, case):
    changes, with_as_of, column, expected = CASES[case]
    rows = contribution(2)
    options = as_of(rows) if with_as_of else []
    rows[0].update(changes(rows[0]))
    path = write(tmp_path / "record-2026.csv", rows)
    code, out, err = check(capsys, path, *options)
    assert code == 1 and not err, out + err
    [problem] = [line for line in out if line.startswith(path.name)]
    assert problem.startswith(f"{path.name}, line 2, column '{column}': found "), problem
    for part in expected():
        assert part in problem, f"{part!r} not in {problem!r}"
    assert out[-1] == "2 rows checked; 1 problem."


def test_every_broken_row_is_reported_in_one_run(tmp_path, capsys):
    rows = contribution(4)
    rows[0]["url"] = "https://www.newsmax.com/world/globaltalk/1"
    rows[1].update(url="https://www.globaltimes.cn/page/202603/1.shtml", state_media="no")
    rows[3]["source"] = "japan"
    path = write(tmp_path / "record-2026.csv", rows)
    code, out, _ = check(capsys, path, *as_of(rows))
    assert code == 1
    assert [line.split(": found")[0] for line in out[:-1]] == [
        f"{path.name}, line 2, column 'url'",
        f"{path.name}, line 3, column 'state_media'",
        f"{path.name}, line 5, column 'source'",
    ]
    assert out[-1] == "4 rows checked; 3 problems."


def test_an_id_used_twice_in_the_file_is_named(tmp_path, capsys):
    rows = contribution(2)
    rows[1]["id"] = rows[0]["id"]
    path = write(tmp_path / "record-2026.csv", rows)
    code, out, _ = check(capsys, path, *as_of(rows))
    assert code == 1
    assert out[0].startswith(
        f"{path.name}, line 3, column 'id': found '{rows[0]['id']}'; expected the next "
        f"free id, {next_free(record_ids() + [rows[0]['id']])} (line 2 already uses"
    )


def test_an_earlier_as_of_refuses_a_later_row(tmp_path, capsys):
    rows = contribution(2)
    code, out, _ = check(
        capsys, write(tmp_path / "record-2026.csv", rows), "--as-of", rows[0]["date"]
    )
    assert code == 1
    assert out[0].endswith(
        f"line 3, column 'date': found '{rows[1]['date']}'; expected a date on or before "
        f"{rows[0]['date']}, the as-of date the check was given."
    )


def test_bad_input_exits_2_with_a_one_line_message(tmp_path, capsys):
    header = ",".join(COLUMNS["record.csv"])
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    (tmp_path / "header.csv").write_text(header.replace("fact", "facts") + "\n", encoding="utf-8")
    (tmp_path / "only-header.csv").write_text(header + "\n", encoding="utf-8")
    (tmp_path / "latin1.csv").write_bytes(
        (header + "\nr99,2026-03-01,Pyongyang’s").encode("cp1252")
    )
    cases = [
        (["absent.csv"], "absent.csv: file not found"),
        (["empty.csv"], "empty.csv: the file is empty"),
        (["header.csv"], "header.csv, line 1, column 'fact': found"),
        (["only-header.csv"], "only-header.csv: only a header"),
        (["latin1.csv"], "latin1.csv: not valid UTF-8"),
        (
            ["only-header.csv", "--as-of", "1 March 2026"],
            "the as-of date '1 March 2026': expected a date",
        ),
    ]
    for (name, *options), message in cases:
        code, out, err = check(capsys, tmp_path / name, *options)
        assert code == 2 and not out, (out, err)
        assert len(err) == 1 and message in err[0], err


def test_the_command_reports_and_exits_as_the_readme_says(tmp_path):
    # In process (tests/test_kit.py starts the commands as processes once).
    def run(*args):
        return run_command("course.check_record", *args)

    rows = contribution(2)
    passed = run(write(tmp_path / "record-2026.csv", rows), *as_of(rows))
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "2 rows checked; 0 problems." in passed.stdout

    rows[1]["target"] = "japan"
    failed = run(write(tmp_path / "record-2026.csv", rows), *as_of(rows))
    assert failed.returncode == 1
    assert "record-2026.csv, line 3, column 'target': found 'japan'" in failed.stdout

    missing = run(tmp_path / "absent.csv")
    assert missing.returncode == 2 and not missing.stdout
    assert len(missing.stderr.splitlines()) == 1 and "Traceback" not in missing.stderr


def test_the_commands_that_draw_nothing_import_no_plotting_library():
    # summitkit imports a module when a name of it is first used: a student's command starts in about
    # half a second, without matplotlib or the chapters' checks.
    code = (
        "import sys; import course.check_record, course.check_evidence, course.new_article; "
        "print(sorted(m for m in ('matplotlib', 'networkx', 'summitkit.style', 'summitkit.ch05') "
        "if m in sys.modules))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "[]", found.stdout + found.stderr
