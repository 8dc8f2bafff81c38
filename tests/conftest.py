"""Shared fixtures: the seed corpus, a temporary store, and a session-wide checker over the seeds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "seeds"
SEED_FILE = SEED_DIR / "000_b1001c2e46c865c5.txt"


@pytest.fixture(autouse=True, scope="session")
def _isolated_default_store(tmp_path_factory):
    # No test may touch the user's default store.
    os.environ["FACTCHECK_STORE"] = str(tmp_path_factory.mktemp("default-store"))
    yield


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return SEED_DIR


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed document's text as ingested (the body after its front matter)."""
    from factcheck.ingest.loaders import load_path

    return load_path(SEED_FILE)[0].text


@pytest.fixture(scope="session")
def seed_checker(tmp_path_factory):
    """A FactChecker with the seed corpus indexed in a temporary embedded store (real models)."""
    from factcheck import FactChecker

    fc = FactChecker(tmp_path_factory.mktemp("seed-store"))
    fc.ingest([SEED_DIR])
    return fc
