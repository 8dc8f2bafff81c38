"""Chroma through LangChain's integration, always with our own embedding function."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from urllib.parse import urlparse

from ..embed.base import Embedder, LangChainEmbeddings
from ..errors import EmbedderMismatchError, StoreError
from ..schema import Passage
from .base import DocumentRecord, PassageStore

_PASSAGE_FIELDS = ("doc_id", "start", "end", "title", "lang")


class ChromaStore(PassageStore):
    """Passages in collection `<name>`, document records in `<name>-docs`."""

    def __init__(self, embedder: Embedder, *, store_dir: str | Path | None = None, chroma_url: str | None = None,
                 collection: str = "factcheck"):
        from langchain_chroma import Chroma

        self.embedder = embedder
        self.embedder_name = embedder.name
        self.location = chroma_url or str(store_dir)
        self.client = _make_client(store_dir, chroma_url)
        meta = {"embedder": embedder.name, "rev": "0"}
        try:
            self.vs = Chroma(collection_name=collection, embedding_function=LangChainEmbeddings(embedder),
                             client=self.client, collection_metadata=meta,
                             collection_configuration={"hnsw": {"space": "cosine"}})
            self.col = self.vs._collection
            self.docs = self.client.get_or_create_collection(f"{collection}-docs", embedding_function=None)
        except Exception as exc:  # chromadb raises many types; the user needs one message
            raise StoreError(f"Cannot open the Chroma store at {self.location!r}: {exc}. "
                             "Check the path or URL, its permissions, and that it is a Chroma store.") from None
        built_by = (self.col.metadata or {}).get("embedder")
        if built_by != embedder.name:
            raise EmbedderMismatchError(
                f"The store at {self.location!r} (collection {collection!r}) was built with embedder {built_by!r}, "
                f"not {embedder.name!r}. Use that embedder, or another store folder/collection, or re-index."
            )

    def upsert_passages(self, passages: list[Passage]) -> None:
        if not passages:
            return
        metas = [{k: getattr(p, k) for k in _PASSAGE_FIELDS if getattr(p, k) is not None} for p in passages]
        self._write(lambda: self.vs.add_texts([p.text for p in passages], metadatas=metas, ids=[p.id for p in passages]))

    def delete_passages(self, ids: list[str]) -> None:
        if ids:
            self._write(lambda: self.col.delete(ids=list(ids)))

    def passage_ids(self, doc_id: str) -> list[str]:
        return list(self.col.get(where={"doc_id": doc_id}, include=[])["ids"])

    def dense_search(self, query: str, k: int) -> list[Passage]:
        n = self.count()
        if n == 0:
            return []
        vec = self.embedder.embed_queries([query])[0].tolist()
        res = self.col.query(query_embeddings=[vec], n_results=min(k, n), include=["documents", "metadatas", "distances"])
        return [_to_passage(i, d, m, score=1.0 - dist)
                for i, d, m, dist in zip(res["ids"][0], res["documents"][0], res["metadatas"][0], res["distances"][0])]

    def all_passages(self) -> list[Passage]:
        res = self.col.get(include=["documents", "metadatas"])
        return [_to_passage(i, d, m) for i, d, m in zip(res["ids"], res["documents"], res["metadatas"])]

    def count(self) -> int:
        return int(self.col.count())

    def version(self) -> str:
        meta = self.client.get_collection(self.col.name).metadata or {}
        return f"{meta.get('rev', '0')}:{self.count()}"

    def get_document(self, doc_id: str) -> DocumentRecord | None:
        res = self.docs.get(ids=[doc_id], include=["metadatas"])
        return DocumentRecord(**res["metadatas"][0]) if res["ids"] else None

    def put_document(self, record: DocumentRecord) -> None:
        meta = {k: v for k, v in record.model_dump().items() if v is not None}
        self._write(lambda: self.docs.upsert(ids=[record.doc_id], embeddings=[[1.0]], metadatas=[meta],
                                             documents=[record.title or record.doc_id]))

    def delete_document(self, doc_id: str) -> None:
        self.delete_passages(self.passage_ids(doc_id))
        self._write(lambda: self.docs.delete(ids=[doc_id]))

    def list_documents(self) -> list[DocumentRecord]:
        res = self.docs.get(include=["metadatas"])
        return sorted((DocumentRecord(**m) for m in res["metadatas"]), key=lambda r: r.doc_id)

    def _write(self, fn) -> None:
        try:
            fn()
            self.col.modify(metadata={"embedder": self.embedder_name, "rev": uuid.uuid4().hex[:12]})
        except Exception as exc:
            raise StoreError(f"Cannot write to the Chroma store at {self.location!r}: {exc}. "
                             "Check that it is writable and has free space.") from None


def _to_passage(pid: str, text: str, meta: dict, score: float | None = None) -> Passage:
    return Passage(id=pid, text=text, score=score, doc_id=meta.get("doc_id", ""), start=int(meta.get("start", 0)),
                   end=int(meta.get("end", 0)), title=meta.get("title", ""), lang=meta.get("lang"))


def _make_client(store_dir: str | Path | None, chroma_url: str | None):
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    if chroma_url:
        u = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
        try:
            return chromadb.HttpClient(host=u.hostname or "localhost", port=u.port or 8000, ssl=u.scheme == "https",
                                       settings=settings)
        except Exception as exc:
            raise StoreError(f"Cannot reach the Chroma server at {chroma_url!r}: {exc}. "
                             "Start it with `chroma run --path DIR --port PORT`, or unset FACTCHECK_CHROMA_URL.") from None
    path = Path(store_dir).expanduser()
    _check_store_dir(path)
    try:
        return chromadb.PersistentClient(path=str(path), settings=settings)
    except Exception as exc:
        raise StoreError(f"Cannot open the Chroma store folder {str(path)!r}: {exc}. "
                         "Use a writable folder that is empty or holds a Chroma store.") from None


def _check_store_dir(path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise StoreError(f"Store path {str(path)!r} is a file, not a folder. Point FACTCHECK_STORE at a folder.")
    if path.is_dir() and any(path.iterdir()) and not (path / "chroma.sqlite3").exists():
        raise StoreError(f"{str(path)!r} is not empty and is not a Chroma store. Use an empty or new folder.")
    if path.is_dir() and not os.access(path, os.W_OK):
        raise StoreError(f"Store folder {str(path)!r} is read-only. Make it writable or choose another folder.")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Cannot create the store folder {str(path)!r}: {exc.strerror}. Choose a writable folder.") from None
