"""Ingestion: files to Documents, Documents to passages in the store, incrementally."""

from .pipeline import IngestStats, ingest_documents, ingest_paths

__all__ = ["IngestStats", "ingest_documents", "ingest_paths"]
