"""The store interface: passages with embeddings, plus one record per ingested document."""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..schema import Passage


class DocumentRecord(BaseModel):
    """What the store keeps about an ingested document (its passages hold the text).

    An empty `content_hash` marks a record written before its passages (an ingest in progress, or
    one that was killed): the next ingest of that document redoes it, and `--prune` can still find it.
    """

    model_config = ConfigDict(extra="forbid")

    doc_id: str
    title: str = ""
    source: str = ""
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    lang: str | None = None
    content_hash: str = ""
    n_passages: int = 0
    n_chars: int = 0


class PassageStore(ABC):
    """Where passages live. Writes are idempotent (ids are content hashes).

    The batch methods have looping defaults; a store whose round trips are costly overrides them.
    """

    embedder_name: str

    @abstractmethod
    def upsert_passages(self, passages: list[Passage], embeddings: Sequence[Sequence[float]] | None = None) -> None:
        """Write passages, embedding them with the store's embedder unless `embeddings` are given."""

    @abstractmethod
    def delete_passages(self, ids: list[str]) -> None: ...

    @abstractmethod
    def passage_ids(self, doc_id: str) -> list[str]: ...

    @abstractmethod
    def get_passages(self, ids: list[str]) -> list[Passage]:
        """The stored passages with these ids, in the order asked; unknown ids are left out."""

    @abstractmethod
    def all_ids(self) -> list[str]: ...

    @abstractmethod
    def dense_search(self, query: str, k: int) -> list[Passage]:
        """The k passages nearest to the query, best first, with `score` set to cosine similarity."""

    def query_embedding(self, query: str):
        """The query's embedding as the store's dense search uses it (a 1-D float32 array)."""
        raise NotImplementedError(f"{type(self).__name__} does not embed queries")

    def language_centroids(self) -> dict:
        """{language: mean passage embedding}; {} for stores that cannot centre."""
        return {}

    def dense_rankings(self, query: str, k: int) -> tuple[list[Passage], list[Passage]]:
        """(nearest, language-centred) rankings; stores that cannot centre return an empty second one."""
        return self.dense_search(query, k), []

    def dense_lists(self, query: str, k: int) -> tuple[list[Passage], list[Passage], dict[str, list[Passage]]]:
        """`dense_rankings` and the nearest passages within each language ({} where the store holds one)."""
        nearest, centred = self.dense_rankings(query, k)
        return nearest, centred, {}

    def dense_among(self, query: str, ids: list[str], k: int) -> list[Passage]:
        """The k passages of `ids` nearest to the query, best first, `score` the cosine similarity (exact)."""
        raise NotImplementedError(f"{type(self).__name__} cannot search within given passages")

    @abstractmethod
    def all_passages(self) -> list[Passage]: ...

    @abstractmethod
    def count(self) -> int: ...

    @abstractmethod
    def get_document(self, doc_id: str) -> DocumentRecord | None: ...

    @abstractmethod
    def put_document(self, record: DocumentRecord) -> None: ...

    @abstractmethod
    def delete_document(self, doc_id: str) -> None: ...

    @abstractmethod
    def list_documents(self) -> list[DocumentRecord]: ...

    def version(self) -> str:
        """A stamp that changes whenever the passages change (lexical indexes rebuild on change)."""
        return str(self.count())

    def cache_path(self, kind: str) -> Path | None:
        """Where an index derived from this store (e.g. "lexical") may be cached between processes; None: nowhere."""
        return None

    # -- batch forms (one round trip each in stores that can) -------------------------------
    def existing_ids(self, ids: list[str]) -> set[str]:
        """Which of these passage ids are already stored."""
        return {p.id for p in self.get_passages(ids)}

    def passage_ids_of(self, doc_ids: list[str]) -> dict[str, list[str]]:
        """Stored passage ids of each document (documents without passages map to [])."""
        return {d: self.passage_ids(d) for d in doc_ids}

    def get_documents(self, doc_ids: list[str]) -> dict[str, DocumentRecord]:
        """Records of the documents that are stored, by id."""
        found = {d: self.get_document(d) for d in doc_ids}
        return {d: r for d, r in found.items() if r is not None}

    def put_documents(self, records: list[DocumentRecord]) -> None:
        for record in records:
            self.put_document(record)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group writes: the version stamp may change once for the group instead of once per write."""
        yield
