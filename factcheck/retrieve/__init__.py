"""Retrieval: dense search in the store fused with BM25."""

from .hybrid import HybridRetriever

__all__ = ["HybridRetriever"]
