"""Chroma through LangChain's integration, always with our own embedding function."""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import numpy as np

from ..embed.base import Embedder, LangChainEmbeddings
from ..errors import EmbedderMismatchError, StoreError
from ..schema import Passage
from .base import DocumentRecord, PassageStore
from .chroma_client import _short, make_client
from .sentence_vectors import SPANS_KEY, VECTORS_KEY, sentence_metadata

_PASSAGE_FIELDS = ("doc_id", "start", "end", "title", "lang")
_PAGE = 1000  # ids per get/delete/upsert call: well under Chroma's batch limit and SQLite's variable limit
_NO_SUCH_ID = "__factcheck_sync__"
_WRITING = "+"  # suffix of `rev` while a batch of writes is under way
CENTROID_SAMPLE = 2000  # passages per language read to estimate its mean embedding
CENTROID_READS = 8  # slices a large language's sample is read in, spread over the store
# An embedded store of up to this many passages is searched exactly, from its embeddings held in memory (about
# 1.5 KB a passage): Chroma's HNSW graph is rebuilt from its write log by several threads in each process that
# opens the store, so an approximate search could miss a close passage in one process and find it in the next.
EXACT_SEARCH_MAX = 100_000
T = TypeVar("T")


class ChromaStore(PassageStore):
    """Passages in collection `<name>`, document records in `<name>-docs`.

    The version stamp is a random `rev` in the passage collection's metadata. Writes happen in batches (a
    lone write is a batch of one) that set a `rev` marked "writing" before their first write and a clean one
    after their last; while the mark is there the stamp includes the passage count too, so a reader in
    another process never keeps a stale lexical index, even after a writer was killed mid-batch.
    """

    def __init__(self, embedder: Embedder, *, store_dir: str | Path | None = None, chroma_url: str | None = None,
                 collection: str = "factcheck", sentence_vectors: bool = False):
        from langchain_chroma import Chroma

        self.embedder = embedder
        self.embedder_name = embedder.name
        self.sentence_vectors = sentence_vectors  # write each passage's sentence vectors (sentence_vectors.py)
        self.location = chroma_url or str(store_dir)
        self.store_dir = None if chroma_url else Path(store_dir).expanduser()
        self.collection = collection
        self.is_server = bool(chroma_url)
        self.client = make_client(store_dir, chroma_url)
        self._batch_depth = 0
        self._batch_dirty = False
        self._lock = threading.RLock()
        self._synced: str | None = None
        self._centroids: tuple[str, dict] | None = None
        self._exact: tuple[str, _Exact | None] | None = None
        self._last_query: tuple[str, np.ndarray] | None = None
        try:
            self._embeddings = LangChainEmbeddings(embedder)
            self.vs = Chroma(collection_name=collection, embedding_function=self._embeddings,
                             client=self.client, collection_metadata={"embedder": embedder.name, "rev": "0"},
                             collection_configuration={"hnsw": {"space": "cosine"}})
            self.col = self.vs._collection
            self.docs = self.client.get_or_create_collection(f"{collection}-docs", embedding_function=None)
        except Exception as exc:  # chromadb raises many types; the user needs one message
            raise StoreError(f"Cannot open the Chroma store at {self.location!r}: {_short(exc)}. "
                             "Check the path or URL, its permissions, and that it is a Chroma store.") from None
        built_by = (self.col.metadata or {}).get("embedder")
        if built_by != embedder.name:
            raise EmbedderMismatchError(
                f"The store at {self.location!r} (collection {collection!r}) was built with embedder {built_by!r}, "
                f"not {embedder.name!r}. Use that embedder, or another store folder/collection, or re-index."
            )

    # -- passages -----------------------------------------------------------------------------
    def upsert_passages(self, passages: list[Passage], embeddings: Sequence[Sequence[float]] | None = None) -> None:
        """Store passages with their embeddings and, if `sentence_vectors` is on and this store embeds them
        itself, their sentence vectors (passages written with given `embeddings` carry none).
        """
        for i in range(0, len(passages), _PAGE):
            part = passages[i:i + _PAGE]
            metas = [{k: getattr(p, k) for k in _PASSAGE_FIELDS if getattr(p, k) is not None} for p in part]
            ids, texts = [p.id for p in part], [p.text for p in part]
            if embeddings is None:
                whole = {}
                if self.sentence_vectors:
                    sentences, whole = sentence_metadata(texts, [p.lang for p in part], self.embedder.embed_passages)
                    metas = [{**m, **extra} for m, extra in zip(metas, sentences)]
                self._embeddings.known = whole  # a one-sentence passage's vector is its sentence's
                try:
                    self._write(lambda: self.vs.add_texts(texts, metadatas=metas, ids=ids))
                finally:
                    self._embeddings.known = {}
            else:
                vecs = [list(map(float, v)) for v in embeddings[i:i + _PAGE]]
                self._write(lambda: self.col.upsert(ids=ids, embeddings=vecs, metadatas=metas, documents=texts))

    def delete_passages(self, ids: list[str]) -> None:
        ids = list(ids)
        for i in range(0, len(ids), _PAGE):
            self._write(lambda: self.col.delete(ids=ids[i:i + _PAGE]))

    def passage_ids(self, doc_id: str) -> list[str]:
        return list(self._read(lambda: self.col.get(where={"doc_id": doc_id}, include=[]))["ids"])

    def passage_ids_of(self, doc_ids: list[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {d: [] for d in doc_ids}
        for i in range(0, len(doc_ids), _PAGE):
            part = doc_ids[i:i + _PAGE]
            res = self._read(lambda: self.col.get(where={"doc_id": {"$in": part}}, include=["metadatas"]))
            for pid, meta in zip(res["ids"], res["metadatas"]):
                out.setdefault(meta.get("doc_id", ""), []).append(pid)
        return out

    def existing_ids(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), _PAGE):
            found.update(self._read(lambda: self.col.get(ids=ids[i:i + _PAGE], include=[]))["ids"])
        return found

    def get_passages(self, ids: list[str]) -> list[Passage]:
        got: dict[str, Passage] = {}
        for i in range(0, len(ids), _PAGE):
            res = self._read(lambda: self.col.get(ids=ids[i:i + _PAGE], include=["documents", "metadatas"]))
            got.update((pid, _to_passage(pid, d, m)) for pid, d, m in zip(res["ids"], res["documents"], res["metadatas"]))
        return [got[i] for i in ids if i in got]

    def all_ids(self) -> list[str]:
        return [pid for res in self._pages([]) for pid in res["ids"]]

    def all_passages(self) -> list[Passage]:
        return [_to_passage(i, d, m) for res in self._pages(["documents", "metadatas"])
                for i, d, m in zip(res["ids"], res["documents"], res["metadatas"])]

    def dense_search(self, query: str, k: int) -> list[Passage]:
        """The k nearest passages, best first; `score` is the cosine similarity."""
        return self.dense_rankings(query, k)[0]

    def dense_rankings(self, query: str, k: int) -> tuple[list[Passage], list[Passage]]:
        """(nearest, language-centred): two rankings of k passages from one query embedding (see `dense_lists`)."""
        nearest, centred, _ = self.dense_lists(query, k)
        return nearest, centred

    def dense_lists(self, query: str, k: int) -> tuple[list[Passage], list[Passage], dict[str, list[Passage]]]:
        """(nearest, language-centred, {language: nearest within it}) from one query embedding.

        The second is empty unless the store holds passages in several languages. There each passage's similarity
        is lowered by the query's similarity to the mean embedding of the passages in its language (removing the
        language component of the embeddings, after Libovický et al. 2020, "On the Language Neutrality of
        Pre-trained Multilingual Representations"). Multilingual embedders rank passages in the query's own
        language above better-matching ones in another; the centred ranking lets an English claim find its
        evidence among Vietnamese, Russian and Chinese passages. It is a ranking to fuse with the plain one
        (`HybridRetriever`), not a replacement: the mean of a language with few passages is mostly their topic,
        and centring alone would push exactly those passages down.
        """
        self._catch_up()
        vec = self.query_embedding(query)
        exact = self.exact_index()
        search = exact.searcher(self, vec) if exact is not None else \
            (lambda n, lang: self._query(vec.tolist(), n, {"lang": lang} if lang else None))
        nearest = search(k, None)
        centroids = self.language_centroids()
        if len(centroids) < 2:
            return nearest, [], {}
        # One search per language (the unfiltered one serves the passages that have none).
        within = {lang: [p for p in (search(k, lang) if lang else nearest) if (p.lang or "") == lang]
                  for lang in centroids}
        offset = {lang: float(vec @ c) for lang, c in centroids.items()}
        best: dict[str, tuple[float, Passage]] = {}
        for p in (p for hits in within.values() for p in hits):
            best[p.id] = (float(p.score) - offset.get(p.lang or "", 0.0), p)
        return nearest, [p for _, p in sorted(best.values(), key=lambda t: -t[0])[:k]], within

    def dense_among(self, query: str, ids: list[str], k: int) -> list[Passage]:
        """The k passages of `ids` nearest to the query, best first; their stored embeddings searched exactly
        (`_Exact`: a document's passages are few next to the store's)."""
        if not ids or k <= 0:
            return []
        self._catch_up()
        vec = self.query_embedding(query)
        res = self._read(lambda: self.col.get(ids=list(ids), include=["embeddings"]))
        if not len(res["ids"]):
            return []
        index = _Exact(res["ids"], [""] * len(res["ids"]), np.asarray(res["embeddings"], dtype=np.float32))
        return index.searcher(self, vec)(k, None)

    def query_embedding(self, query: str) -> np.ndarray:
        """The query's embedding; the last one is kept, so the retriever's rerank does not embed it again."""
        with self._lock:
            if self._last_query is not None and self._last_query[0] == query:
                return self._last_query[1]
        vec = np.asarray(self.embedder.embed_queries([query])[0], dtype=np.float32)
        with self._lock:
            self._last_query = (query, vec)
        return vec

    def _language_sample(self, lang: str) -> list:
        """Embeddings of up to CENTROID_SAMPLE passages of one language, spread over the whole store.

        The first CENTROID_SAMPLE passages of a language are the first documents ingested, often of one topic,
        and a mean over one topic would centre that topic away. A language with more passages is sampled in
        CENTROID_READS slices at evenly spaced offsets of its passages, whose number a bisection over offsets
        finds in about log2(store size) reads of one id, so the cost stays bounded whatever the store's size.
        """
        where = {"lang": lang}
        first = self._read(lambda: self.col.get(where=where, include=["embeddings"], limit=CENTROID_SAMPLE))
        vecs = list(first["embeddings"])
        if len(vecs) < CENTROID_SAMPLE:
            return vecs  # every passage of the language
        lo, hi = CENTROID_SAMPLE, self.count()  # the language holds n passages, lo <= n <= hi
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._read(lambda: self.col.get(where=where, include=[], limit=1, offset=mid - 1))["ids"]:
                lo = mid
            else:
                hi = mid - 1
        part = CENTROID_SAMPLE // CENTROID_READS
        out = vecs[:part]
        for j in range(1, CENTROID_READS):
            offset = j * lo // CENTROID_READS
            out.extend(self._read(lambda: self.col.get(where=where, include=["embeddings"], limit=part,
                                                       offset=offset))["embeddings"])
        return out

    def exact_index(self) -> _Exact | None:
        """Every passage's embedding, for exact search (an embedded store of at most EXACT_SEARCH_MAX passages),
        read once per version stamp; None for a server, a larger store, or while a batch of writes is under way
        (each write would move the stamp and make every query read the whole store again): Chroma's HNSW index
        searches those."""
        if self.is_server:
            return None
        version = self.version()
        if _WRITING in version:
            return None
        with self._lock:
            if self._exact is not None and self._exact[0] == version:
                return self._exact[1]
        index = None
        if self.count() <= EXACT_SEARCH_MAX:
            ids: list[str] = []
            langs: list[str] = []
            vecs: list[np.ndarray] = []
            for res in self._pages(["embeddings", "metadatas"]):
                ids += res["ids"]
                langs += [(m or {}).get("lang") or "" for m in res["metadatas"]]
                vecs.append(np.asarray(res["embeddings"], dtype=np.float32))
            index = _Exact(ids, langs, np.concatenate(vecs) if vecs else np.zeros((0, 1), np.float32))
        with self._lock:
            self._exact = (version, index)
        return index

    def _query(self, vec: list[float], k: int, where: dict | None) -> list[Passage]:
        res = self._read(lambda: self.col.query(query_embeddings=[vec], n_results=k, where=where,
                                                include=["documents", "metadatas", "distances"]))
        return [_to_passage(i, d, m, score=1.0 - dist)
                for i, d, m, dist in zip(res["ids"][0], res["documents"][0], res["metadatas"][0], res["distances"][0])]

    def language_centroids(self) -> dict[str, np.ndarray]:
        """Mean passage embedding per language ("" for passages without one), for the current version.

        Estimated from at most CENTROID_SAMPLE passages per language (a language direction needs no more), so
        the cost stays bounded on large stores and servers: the languages come from the document records and
        a first page of passages, then a few filtered reads per language (`_language_sample`). Kept in memory and
        in a file beside the lexical cache (`cache_path("centroids")`), recomputed when the store's version stamp
        moves.
        """
        version = self.version()
        if self._centroids is not None and self._centroids[0] == version:
            return self._centroids[1]
        path = self.cache_path("centroids")
        cents = _load_centroids(path, version) if path is not None else None
        if cents is None:
            first = self._read(lambda: self.col.get(include=["embeddings", "metadatas"], limit=CENTROID_SAMPLE))
            langs = {(m or {}).get("lang") or "" for m in first["metadatas"]}
            langs |= {r.lang for r in self.list_documents() if r.lang}
            cents = {}
            if len(langs) > 1:
                for lang in sorted(langs):
                    if lang:
                        vecs = self._language_sample(lang)
                    else:
                        vecs = [e for e, m in zip(first["embeddings"], first["metadatas"]) if not (m or {}).get("lang")]
                    if len(vecs):
                        cents[lang] = np.asarray(vecs, dtype=np.float32).mean(axis=0)
            elif langs and len(first["ids"]):
                cents[langs.pop()] = np.asarray(first["embeddings"], dtype=np.float32).mean(axis=0)
            if path is not None:
                _save_centroids(path, version, cents)
        self._centroids = (version, cents)
        return cents

    def count(self) -> int:
        return int(self._read(self.col.count))

    def version(self) -> str:
        """The collection's `rev`; while a writer is mid-batch (or was killed there) also the passage count,
        which costs a scan on large collections, so it is read only then."""
        rev = str((self._read(lambda: self.client.get_collection(self.col.name).metadata) or {}).get("rev", "0"))
        return f"{rev}:{self.count()}" if rev.endswith(_WRITING) else rev

    def cache_path(self, kind: str) -> Path | None:
        """A file beside the embedded store, or for a server in factcheck's cache folder ($FACTCHECK_CACHE, else
        the user's cache folder), named by the server and collection."""
        name = f"factcheck-{self.collection}-{kind}.npz"
        if self.store_dir is not None:
            return self.store_dir / name
        from ..e5base import cache_root
        from ..schema import content_hash

        return cache_root() / f"{content_hash(self.location, self.collection)}-{name}"

    # -- documents ----------------------------------------------------------------------------
    def get_document(self, doc_id: str) -> DocumentRecord | None:
        return self.get_documents([doc_id]).get(doc_id)

    def get_documents(self, doc_ids: list[str]) -> dict[str, DocumentRecord]:
        out: dict[str, DocumentRecord] = {}
        for i in range(0, len(doc_ids), _PAGE):
            res = self._read(lambda: self.docs.get(ids=doc_ids[i:i + _PAGE], include=["metadatas"]))
            out.update((d, DocumentRecord(**m)) for d, m in zip(res["ids"], res["metadatas"]))
        return out

    def put_document(self, record: DocumentRecord) -> None:
        self.put_documents([record])

    def put_documents(self, records: list[DocumentRecord]) -> None:
        for i in range(0, len(records), _PAGE):
            part = records[i:i + _PAGE]
            metas = [{k: v for k, v in r.model_dump().items() if v is not None} for r in part]
            self._write(lambda: self.docs.upsert(ids=[r.doc_id for r in part], embeddings=[[1.0]] * len(part),
                                                 metadatas=metas, documents=[r.title or r.doc_id for r in part]))

    def delete_document(self, doc_id: str) -> None:
        with self.batch():  # passages first: a crash in between leaves a record that --prune or remove finds again
            self.delete_passages(self.passage_ids(doc_id))
            self._write(lambda: self.docs.delete(ids=[doc_id]))

    def list_documents(self) -> list[DocumentRecord]:
        res = self._read(lambda: self.docs.get(include=["metadatas"]))
        return sorted((DocumentRecord(**m) for m in res["metadatas"]), key=lambda r: r.doc_id)

    # -- writes, reads and the version stamp --------------------------------------------------
    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        with self._lock:
            outer = self._batch_depth == 0
            if outer:
                self._batch_dirty = False
            self._batch_depth += 1
            try:
                yield
            finally:
                self._batch_depth -= 1
                if outer and self._batch_dirty:
                    self._guard(lambda: self._bump(writing=False))

    def _write(self, fn: Callable[[], object]) -> None:
        if not self._batch_depth:
            with self.batch():
                self._write(fn)
            return
        if not self._batch_dirty:  # announce the change before the first write of the batch
            self._guard(lambda: self._bump(writing=True))
            self._batch_dirty = True
        self._guard(fn)

    def _guard(self, fn: Callable[[], object]) -> None:
        try:
            fn()
        except Exception as exc:
            raise StoreError(f"Cannot write to the Chroma store at {self.location!r}: {_short(exc)}. "
                             "Check that it is writable, has free space, and (for a server) that it is running.") from None

    def _bump(self, *, writing: bool) -> None:
        rev = uuid.uuid4().hex[:12] + (_WRITING if writing else "")
        self.col.modify(metadata={"embedder": self.embedder_name, "rev": rev})

    def _read(self, fn: Callable[[], T]) -> T:
        try:
            return fn()
        except Exception as exc:
            raise StoreError(f"Cannot read from the Chroma store at {self.location!r}: {_short(exc)}. "
                             "Check that the folder is intact or the server is running, then retry.") from None

    def _pages(self, include: list[str]) -> Iterator[dict]:
        offset = 0
        while True:
            res = self._read(lambda: self.col.get(include=include, limit=_PAGE * 5, offset=offset))
            if not res["ids"]:
                return
            yield res
            offset += len(res["ids"])

    def _catch_up(self) -> None:
        """Make this process's embedded vector index apply writes that other processes made.

        An embedded Chroma client applies its write log to the in-memory HNSW index only when it writes
        itself, so a reader would keep searching the index as it was when first loaded. A no-op delete,
        done only when the version stamp moved, makes it catch up. Servers have one index and need none.
        """
        if self.is_server:
            return
        version = self.version()
        if version != self._synced:
            self._apply_log()
            self._synced = version

    def _apply_log(self) -> None:
        with contextlib.suppress(Exception):  # best effort: a locked database only delays the catch-up
            self.col.delete(ids=[_NO_SUCH_ID])


def _to_passage(pid: str, text: str, meta: dict, score: float | None = None) -> Passage:
    # The sentence vectors ride along (still encoded) for the retriever, which replaces `meta` on what it returns.
    extra = {k: meta[k] for k in (VECTORS_KEY, SPANS_KEY) if k in meta}
    return Passage(id=pid, text=text, score=score, doc_id=meta.get("doc_id", ""), start=int(meta.get("start", 0)),
                   end=int(meta.get("end", 0)), title=meta.get("title", ""), lang=meta.get("lang"), meta=extra)


class _Exact:
    """Passage ids, languages and unit-length embeddings of a store, in the store's order; searched exactly."""

    def __init__(self, ids: list[str], langs: list[str], vecs: np.ndarray):
        self.ids = ids
        self.langs = np.asarray(langs, dtype=object)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True) if len(vecs) else np.ones((0, 1), np.float32)
        self.vecs = vecs / np.maximum(norms, 1e-12)

    def searcher(self, store: ChromaStore, vec: np.ndarray) -> Callable[[int, str | None], list[Passage]]:
        """search(k, lang): the k passages nearest `vec` (of language `lang`; None: any), best first, `score` the
        cosine similarity; ties keep the store's order. The passages are read from the store once per query."""
        q = np.asarray(vec, dtype=np.float32)
        # einsum, not a BLAS product: BLAS threads left spinning after a call slow the verdict model's next one
        sims = np.einsum("ij,j->i", self.vecs, q / max(float(np.linalg.norm(q)), 1e-12)) if len(self.ids) \
            else np.zeros(0, np.float32)
        order = np.argsort(-sims, kind="stable")
        read: dict[str, Passage] = {}

        def search(k: int, lang: str | None) -> list[Passage]:
            rows = order if lang is None else order[self.langs[order] == lang]
            top = [int(i) for i in rows[:k]]
            missing = [self.ids[i] for i in top if self.ids[i] not in read]
            if missing:
                read.update((p.id, p) for p in store.get_passages(missing))
            return [read[self.ids[i]].model_copy(update={"score": float(sims[i])}) for i in top if self.ids[i] in read]

        return search


def _load_centroids(path: Path, version: str) -> dict[str, np.ndarray] | None:
    try:
        with np.load(path, allow_pickle=False) as z:
            if str(z["version"]) != version:
                return None
            langs = [str(x) for x in z["langs"]]
            return {lang: z["centroids"][i] for i, lang in enumerate(langs)}
    except (OSError, ValueError, KeyError):
        return None


def _save_centroids(path: Path, version: str, cents: dict[str, np.ndarray]) -> None:
    from ..retrieve.lexical_cache import atomic_savez

    langs = sorted(cents)
    atomic_savez(path, version=np.asarray(version), langs=np.asarray(langs),
                 centroids=np.stack([cents[lang] for lang in langs]) if langs else np.zeros((0, 0), np.float32))
