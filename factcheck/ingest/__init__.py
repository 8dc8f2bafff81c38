"""Ingestion: files to Documents, Documents to passages in the store, incrementally."""

from .pipeline import IngestError, IngestStats, ingest_documents, ingest_paths

__all__ = ["IngestError", "IngestStats", "ingest_documents", "ingest_paths"]
