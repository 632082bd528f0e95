"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_CORPUS = Path(os.environ.get("VONNIS_SHARED_CORPUS", REPO.parent / "shared" / "corpus"))
SAMPLES = REPO / "samples"

pytest_plugins: list[str] = []
if (REPO / "tests" / "es_server.py").exists():
    pytest_plugins.append("tests.es_server")


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {SHARED_CORPUS}")
    return SHARED_CORPUS


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    """A fresh, empty vonnis home directory."""
    path = tmp_path / "home"
    path.mkdir()
    return path
