"""``python -m course.layout FOLDER``: a folder's current figure positions, written to its layout.csv
for the student to edit (run in process, through main(argv))."""

import shutil

from conftest import DATA
from course import layout


def crs_copy(tmp_path, keep_layout=False):
    folder = tmp_path / "crs"
    shutil.copytree(DATA / "crs-if12760", folder)
    if not keep_layout:
        (folder / "layout.csv").unlink()
    return folder


def test_it_writes_the_seeded_positions_the_figures_use(tmp_path, capsys):
    from summitkit import load_data, positions

    folder = crs_copy(tmp_path)
    seeded = positions(load_data(folder))
    assert layout.main([str(folder)]) == 0
    assert "Wrote" in capsys.readouterr().out
    lines = (folder / "layout.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "id,x,y"
    # One row per actor, in actors.csv's order.
    data = load_data(folder)
    assert [line.split(",")[0] for line in lines[1:]] == list(data.actors["id"])
    # The figures now read the file, and place every actor where the seeded layout did.
    assert positions(data) == seeded


def test_it_leaves_a_layout_with_rows_as_it_is_unless_forced(tmp_path, capsys):
    from summitkit import load_data, positions

    folder = crs_copy(tmp_path, keep_layout=True)
    before = (folder / "layout.csv").read_text(encoding="utf-8")
    assert layout.main([str(folder)]) == 2
    assert "left as it is" in capsys.readouterr().err
    assert (folder / "layout.csv").read_text(encoding="utf-8") == before
    # --force writes the positions in use, which here are the file's own: the figure stays.
    placed = positions(load_data(folder))
    assert layout.main([str(folder), "--force"]) == 0
    assert positions(load_data(folder)) == placed


def test_a_blank_folder_or_a_missing_one_is_refused(tmp_path, capsys):
    from summitkit import new_article

    folder = new_article(tmp_path / "blank")
    assert layout.main([str(folder)]) == 2
    assert "no actor yet" in capsys.readouterr().err
    assert not (folder / "layout.csv").exists()
    assert layout.main([str(tmp_path / "nowhere")]) == 2
    assert "layout:" in capsys.readouterr().err
