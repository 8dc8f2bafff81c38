"""Lexical tokens of passages by passage id, as integer arrays, optionally kept in a file between processes.

Passage ids are content hashes, so an id's tokens stay valid for as long as the tokenizer is unchanged; the
file records a fingerprint of the tokenizer's source and is ignored when that differs. Writes are atomic
(a temporary file renamed over the old one), so processes sharing a store never read half a file.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import numpy as np

SAVE_MIN = 2000  # a refresh that tokenised fewer new passages than this is cheap to redo: not worth a write
FORMAT = "factcheck-lexical-v1"


def tokenizer_fingerprint() -> str:
    from ..schema import content_hash
    from . import tokenize

    return content_hash(FORMAT, Path(tokenize.__file__).read_text(encoding="utf-8"))


class TokenCache:
    """Term ids (`terms`) and each passage's token ids (`tokens`); `path` is where it persists, or None."""

    def __init__(self, path: Path | None):
        self.path = Path(path) if path is not None else None
        self.terms: dict[str, int] = {}
        self.tokens: dict[str, np.ndarray] = {}
        self._loaded = False

    def add(self, pid: str, tokens: list[str]) -> None:
        terms = self.terms
        self.tokens[pid] = np.fromiter((terms.setdefault(t, len(terms)) for t in tokens), dtype=np.int32,
                                       count=len(tokens))

    def forget_except(self, keep: set[str]) -> None:
        for gone in [pid for pid in self.tokens if pid not in keep]:
            del self.tokens[gone]

    def load_once(self) -> None:
        """Read the file once per process (before anything is tokenised); a missing or stale file is ignored."""
        if self._loaded or self.path is None or self.tokens:
            self._loaded = True
            return
        self._loaded = True
        try:
            with np.load(self.path, allow_pickle=False) as z:
                if str(z["fingerprint"]) != tokenizer_fingerprint():
                    return
                terms = _unjoin(z["terms"])
                ids = _unjoin(z["ids"])
                ends = np.cumsum(z["lengths"])
                flat = z["flat"]
        except (OSError, ValueError, KeyError):
            return
        self.terms = {t: i for i, t in enumerate(terms)}
        starts = np.r_[0, ends[:-1]]
        self.tokens = {pid: flat[a:b] for pid, a, b in zip(ids, starts.tolist(), ends.tolist())}

    def save_if_worth(self, added: int) -> None:
        """Write the cache when this refresh tokenised many passages; failures only cost the next cold start."""
        if self.path is None or added < SAVE_MIN:
            return
        ids = list(self.tokens)
        terms = sorted(self.terms, key=self.terms.__getitem__)
        arrays = [self.tokens[pid] for pid in ids]
        atomic_savez(self.path, fingerprint=np.asarray(tokenizer_fingerprint()), terms=_join(terms), ids=_join(ids),
                     lengths=np.fromiter((len(a) for a in arrays), dtype=np.int64, count=len(arrays)),
                     flat=np.concatenate(arrays) if arrays else np.zeros(0, np.int32))


def atomic_savez(path: Path, **arrays: np.ndarray) -> None:
    """np.savez into a temporary file renamed over `path`, so that readers never see half a file.

    A failure is swallowed: these are caches, and a missing one only costs a recomputation.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            np.savez(fh, **arrays)
        os.replace(tmp, path)
    with contextlib.suppress(OSError):
        tmp.unlink()


def _join(strings: list[str]) -> np.ndarray:
    """Strings as one UTF-8 byte array (NUL-separated): compact, and loadable without pickle."""
    return np.frombuffer("\x00".join(strings).encode("utf-8"), dtype=np.uint8)


def _unjoin(data: np.ndarray) -> list[str]:
    text = data.tobytes().decode("utf-8")
    return text.split("\x00") if text else []
