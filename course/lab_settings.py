"""Set up JupyterLab for the book: the chapters open with nothing in the way, as in Binder.

    python -m course.lab_settings [--prefix PREFIX] [--chapters FOLDER]

Run it once with the Python of the environment that runs JupyterLab, after
``pip install -r requirements.txt`` (Binder's postBuild runs it too). It does two things:

* writes JupyterLab's settings overrides into the environment,
  ``PREFIX/share/jupyter/lab/settings/overrides.json`` (PREFIX: the environment's own, sys.prefix),
  the file JupyterLab reads for its defaults: no news or update pop-up, and every cell rendered,
  so that a glossary link's click lands on its term. Settings of other plugins already in that
  file are kept;
* stamps each chapter notebook (``chapters/*.ipynb``) with the language_info its kernel will
  report. JupyterLab copies the kernel's language_info (with the Python version) into a notebook
  when its kernel starts; if that changes the notebook, an untouched chapter shows as unsaved and
  asks to be saved on closing. The notebooks are committed without the version, since it is the
  reader's.

Running it again changes nothing. It needs only what requirements.txt installs.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The settings every reader gets, on Binder and on a laptop: {plugin: settings}.
OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/notebook-extension:tracker": {
        "windowingMode": "none",
    },
}


def overrides_path(prefix):
    """Where JupyterLab, installed in the environment at prefix, reads its settings overrides."""
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def write_overrides(prefix):
    """Write OVERRIDES into the environment's overrides.json, keeping other plugins' settings."""
    path = overrides_path(prefix)
    settings = {}
    if path.exists():
        try:
            settings = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            settings = {}
    for plugin, values in OVERRIDES.items():
        settings[plugin] = {**settings.get(plugin, {}), **values}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    return path


def kernel_language_info():
    """The language_info that this environment's Python kernel reports when it starts."""
    from ipykernel.ipkernel import IPythonKernel

    return dict(IPythonKernel.language_info)


def stamped(current, info):
    """The language_info a notebook gets: info's keys and values (JupyterLab replaces the whole
    entry), in current's order where it has them, so that only the lines that change do."""
    current = current if isinstance(current, dict) else {}
    return {
        **{key: info[key] for key in current if key in info},
        **{key: value for key, value in info.items() if key not in current},
    }


def stamp(chapters):
    """Give every notebook in chapters the kernel's language_info; return the notebooks changed.

    A notebook is read and written as plain JSON, as the repository writes notebooks (indent 1,
    keys in the file's order, unlike nbformat.write, which sorts them): the stamp is the only
    change. A notebook that already carries it is not written at all."""
    info = kernel_language_info()
    changed = []
    for path in sorted(Path(chapters).glob("*.ipynb")):
        raw = path.read_bytes().decode("utf-8")
        nb = json.loads(raw)
        metadata = nb.setdefault("metadata", {})
        if metadata.get("language_info") == info:
            continue
        metadata["language_info"] = stamped(metadata.get("language_info"), info)
        text = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
        if "\r\n" in raw:  # a checkout with Windows line endings keeps them
            text = text.replace("\n", "\r\n")
        path.write_bytes(text.encode("utf-8"))
        changed.append(path)
    return changed


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m course.lab_settings", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--prefix",
        default=sys.prefix,
        help="the environment whose JupyterLab reads the settings (default: this Python's)",
    )
    parser.add_argument(
        "--chapters",
        default=str(ROOT / "chapters"),
        help="the folder of notebooks to stamp (default: chapters/)",
    )
    args = parser.parse_args(argv)
    path = write_overrides(args.prefix)
    changed = stamp(args.chapters)
    print(f"JupyterLab settings: {path}")
    print(f"notebooks stamped for this Python: {len(changed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
