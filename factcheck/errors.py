"""Exceptions: one base class, a few kinds; every message says what was wrong and what to do."""


class FactCheckError(Exception):
    """Base class for every error the library raises on purpose."""


class InputError(FactCheckError):
    """Bad user input: an empty claim, a missing path, an unsupported or unreadable file."""


class StoreError(FactCheckError):
    """The vector store cannot be opened, read or written."""


class EmbedderMismatchError(StoreError):
    """The store was built by another embedder than the one asked for."""


class ModelError(FactCheckError):
    """A model could not be prepared or loaded (missing package, bad checksum, wrong base)."""
