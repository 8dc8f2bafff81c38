"""factcheck: offline, multilingual fact-checking of claims against a corpus of trusted sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

_LAZY = {
    "FactChecker": ".checker",
    "Settings": ".settings",
    "Label": ".schema",
    "Claim": ".schema",
    "ClaimResult": ".schema",
    "Citation": ".schema",
    "CheckReport": ".schema",
    "Document": ".schema",
    "Passage": ".schema",
    "FactCheckError": ".errors",
    "InputError": ".errors",
    "StoreError": ".errors",
    "EmbedderMismatchError": ".errors",
    "ModelError": ".errors",
}

__all__ = sorted(_LAZY)

if TYPE_CHECKING:
    from .checker import FactChecker
    from .errors import EmbedderMismatchError, FactCheckError, InputError, ModelError, StoreError
    from .schema import CheckReport, Citation, Claim, ClaimResult, Document, Label, Passage
    from .settings import Settings


def __getattr__(name: str):
    # Importing submodules on first attribute access keeps `import factcheck` fast.
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
