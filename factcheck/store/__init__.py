"""Passage stores behind one interface; Chroma (embedded or server) is the implementation."""

from .base import DocumentRecord, PassageStore
from .factory import open_store

__all__ = ["DocumentRecord", "PassageStore", "open_store"]
