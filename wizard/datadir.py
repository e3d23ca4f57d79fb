"""Where the wizard keeps its files: its own module, so that asking (to tell whether the wizard
was used before) does not load the journal's code."""

from __future__ import annotations

import os
from pathlib import Path

JOURNAL_FILE_NAME = "journal.jsonl"


def default_journal_path() -> Path:
    """`$TRACKING_WIZARD_DATA_DIR/journal.jsonl`, else the platform's user data dir."""
    env = os.environ.get("TRACKING_WIZARD_DATA_DIR", "").strip()
    if env:
        return Path(env) / JOURNAL_FILE_NAME
    import platformdirs

    return Path(platformdirs.user_data_dir("tracking-wizard", appauthor=False)) / JOURNAL_FILE_NAME
