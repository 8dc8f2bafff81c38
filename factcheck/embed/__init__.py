"""Sentence embedders behind one small interface, chosen by name."""

from .base import Embedder
from .factory import DEFAULT_EMBEDDER, get_embedder

__all__ = ["Embedder", "DEFAULT_EMBEDDER", "get_embedder"]
