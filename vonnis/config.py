"""Where vonnis keeps its data, and how commands find it."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_HOME = Path("data")


def resolve_home(home: Path | None = None) -> Path:
    """--home wins, then $VONNIS_HOME, then ./data."""
    if home is not None:
        return home
    env = os.environ.get("VONNIS_HOME")
    return Path(env) if env else DEFAULT_HOME
