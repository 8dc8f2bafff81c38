"""One FactChecker per server process: opened, seeded and warmed up in a background thread."""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

import streamlit as st

from factcheck import FactChecker

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = REPO_ROOT / "seeds"
WARM_UP_CLAIM = "warm-up check of the corpus"

log = logging.getLogger(__name__)


class Backend:
    """The shared checker, the folders next to its store, and whether the models are ready yet.

    Every call into the checker goes through `lock`: sessions share one process, and the embedder and
    store are not meant to be driven from several threads at once.
    """

    def __init__(self, store_dir: Path):
        self.store_dir = store_dir
        self.upload_dir = store_dir.with_name(store_dir.name + "-uploads")
        self.eval_dir = store_dir.with_name(store_dir.name + "-eval")
        self.checker = FactChecker(store_dir)
        self.lock = threading.RLock()
        self.ready = threading.Event()
        self.error: str | None = None
        self.stage = "starting"
        self.seconds: float | None = None
        self._thread = threading.Thread(target=self._prepare, name="factcheck-warm-up", daemon=True)
        self._thread.start()

    def _prepare(self) -> None:
        t0 = time.perf_counter()
        try:
            with self.lock:
                self.stage = "opening the store"
                if self.checker.store.count() == 0 and SEED_DIR.is_dir():
                    self.stage = "indexing the seed corpus"
                    self.checker.ingest([SEED_DIR])
                self.stage = "loading the models"
                self.checker.warm_up()
                if self.checker.store.count():
                    self.checker.check_claim(WARM_UP_CLAIM)  # builds the lexical index, loads what warm_up left
        except Exception as exc:  # shown on every page; the UI stays up to say what went wrong
            log.exception("The checker failed to start")
            self.error = f"{exc.__class__.__name__}: {exc}"
        finally:
            self.seconds = time.perf_counter() - t0
            self.stage = "ready" if self.error is None else "failed"
            self.ready.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the models are loaded (or failed); True when ready without error."""
        self.ready.wait(timeout)
        return self.ready.is_set() and self.error is None


def store_dir_from_env() -> Path:
    """The UI's store: $FACTCHECK_STORE, else the library's default store folder."""
    from factcheck.settings import default_store_dir

    return Path(os.environ.get("FACTCHECK_STORE") or default_store_dir()).expanduser().resolve()


@st.cache_resource(show_spinner=False)
def _backend_for(store_dir: str) -> Backend:
    return Backend(Path(store_dir))


def get_backend() -> Backend:
    """The process-wide backend for the configured store (created, and its warm-up started, on first use)."""
    return _backend_for(str(store_dir_from_env()))
