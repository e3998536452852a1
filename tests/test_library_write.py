"""Writing the mined library: every file renamed into place, then each folder's entries put on disk once."""

from __future__ import annotations

import os
from pathlib import Path

from generator.mining import miner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def test_each_folder_of_the_library_is_flushed_once_after_its_last_file_is_in_place(tmp_path, monkeypatch):
    result = miner.mine_corpus(SEEDS[:2], jobs=1)  # two kinds of report: two outlines beside phrases.yaml
    out = tmp_path / "library"
    events: list[tuple[str, Path]] = []
    real_replace = os.replace

    def replace(source, target):
        real_replace(source, target)
        events.append(("in place", Path(target).parent))

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(miner, "flush_folder", lambda folder: events.append(("flushed", Path(folder))))
    written = miner.write_library(result, out)

    assert len(written) == 3 and all(path.is_file() for path in written)
    renames = [folder for what, folder in events if what == "in place"]
    assert sorted(renames) == sorted(path.parent for path in written)
    flushed = [folder for what, folder in events if what == "flushed"]
    assert sorted(flushed) == sorted({out, out / "outlines"})  # once each, not once a file
    last_rename = max(n for n, (what, _) in enumerate(events) if what == "in place")
    first_flush = min(n for n, (what, _) in enumerate(events) if what == "flushed")
    assert first_flush > last_rename
