"""The store interface: passages with embeddings, plus one record per ingested document."""

from __future__ import annotations

from abc import ABC, abstractmethod

from pydantic import BaseModel, ConfigDict

from ..schema import Passage


class DocumentRecord(BaseModel):
    """What the store keeps about an ingested document (its passages hold the text)."""

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
    """Where passages live. Writes are idempotent (ids are content hashes)."""

    embedder_name: str

    @abstractmethod
    def upsert_passages(self, passages: list[Passage]) -> None: ...

    @abstractmethod
    def delete_passages(self, ids: list[str]) -> None: ...

    @abstractmethod
    def passage_ids(self, doc_id: str) -> list[str]: ...

    @abstractmethod
    def dense_search(self, query: str, k: int) -> list[Passage]:
        """The k passages nearest to the query, best first, with `score` set to cosine similarity."""

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
