"""Training loop: length-grouped batches, AdamW with warm-up and linear decay, timed checkpoints, resume, export."""

from __future__ import annotations

import json
import logging
import math
import os
import random
import time
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from factcheck.train.export import DEFAULT_DIR

log = logging.getLogger("factcheck.train")


# The original mix's sources: --distill keeps the --init-head weights' reading of their pairs (the GPU pack marks them).
DISTILL_SOURCES = "xnli,xnli-x,mnli,snli,anli,sick,fever,vitaminc,check_covid"


class TrainConfig(BaseModel):
    """Every knob of a training run; saved in the run folder so that --resume continues the same plan."""

    model_config = ConfigDict(extra="forbid")
    run_dir: Path
    out_dir: Path = DEFAULT_DIR
    seed: int = 13  # fixes the train/validation split: keep it across runs that continue one another
    shuffle_seed: int | None = None  # order of the batches; None = seed (a continuation run picks another)
    epochs: float = 1.0
    batch_size: int = 32
    max_length: int = 128
    first_trained_layer: int = 6
    lr_layers: float = 6e-5
    lr_head: float = 5e-4
    weight_decay: float = 0.01
    warmup: float = 0.06
    max_minutes: float | None = None
    checkpoint_minutes: float = 10.0
    eval_minutes: float = 20.0
    limit_train: int | None = None
    limit_val: int | None = None
    threads: int = 2
    init_head: Path | None = None
    # Retrieval-like NEUTRAL distractors added to the mix (factcheck.train.mix): 0 = none (the shipped run 4's mix).
    distractors: int = 0
    # Extra XNLI pairs that read one language (factcheck.train.mix.focus_pairs): None/0 = none (run 4's mix).
    focus_lang: str | None = None
    focus_pairs: int = 0
    # XNLI sentences paired with their own translation as entailment (factcheck.train.mix.translation_pairs).
    translation_pairs: int = 0
    # Their counterparts: another sentence's translation (NEUTRAL), the translation with a number changed
    # (CONTRADICTION) (factcheck.train.mix.translation_contrast_pairs).
    translation_contrast: int = 0
    # An XNLI sentence naming a country against its own translation with that country swapped for another
    # (CONTRADICTION) (factcheck.train.mix.country_contrast_pairs; session 18).
    country_contrast: int = 0
    # An XNLI sentence against its English or Vietnamese version with a name both write alike swapped for another
    # (CONTRADICTION) (factcheck.train.mix.name_contrast_pairs; session 19).
    name_contrast: int = 0
    # Claims joining two XNLI hypotheses by "and" against their two premises: entailed only when both parts are
    # (factcheck.train.mix.addition_contrast_pairs; session 20).
    addition_contrast: int = 0
    # Quote-shaped pairs: Check-COVID windows, and this many premises padded with unrelated sentences
    # (factcheck.train.mix.context_pairs).
    context_pairs: int = 0
    # Every Check-COVID training pair of the mix (its claims, their quote windows and distractors) this many more
    # times (factcheck.train.mix.repeat_covid; session 21).
    covid_repeat: int = 0
    # Vietnamese claim/window pairs from ViHallu's training rows (factcheck.train.mix.vihallu_pairs).
    vihallu_pairs: int = 0
    # Learning without forgetting: weight of a KL term that keeps the model's predictions on the pairs of
    # `distill_sources` near those of the --init-head weights (0 = off; needs init_head), at `distill_temperature`.
    distill: float = 0.0
    distill_temperature: float = 2.0
    distill_sources: str = DISTILL_SOURCES
    # Cross-language training pairs read as the verifier reads them: the claim's countries, names, Chinese names
    # and agreeing figures written as the premise writes them (factcheck.train.mix.localise_pairs).
    localise: bool = False


def plan_batches(lengths: list[int], batch_size: int, seed: int, epochs: float) -> list[list[int]]:
    """Batches of example indices: shuffled per epoch, length-sorted within chunks of 64 batches, seeded."""
    n_epochs = max(1, math.ceil(epochs))
    all_batches: list[list[int]] = []
    per_epoch = 0
    for ep in range(n_epochs):
        rng = random.Random(seed * 1000 + ep)
        order = list(range(len(lengths)))
        rng.shuffle(order)
        chunk = batch_size * 64
        ep_batches = []
        for s in range(0, len(order), chunk):
            part = sorted(order[s:s + chunk], key=lambda i: lengths[i])
            ep_batches += [part[j:j + batch_size] for j in range(0, len(part), batch_size)]
        rng.shuffle(ep_batches)
        per_epoch = len(ep_batches)
        all_batches += ep_batches
    return all_batches[:max(1, round(epochs * per_epoch))]


def collate(ids: list[list[int]], labels: list[int], pad_id: int):
    """Dynamic padding to the longest sequence in the batch."""
    import torch

    width = max(len(x) for x in ids)
    input_ids = torch.full((len(ids), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(ids), width), dtype=torch.long)
    for i, x in enumerate(ids):
        input_ids[i, :len(x)] = torch.tensor(x)
        mask[i, :len(x)] = 1
    return input_ids, mask, torch.tensor(labels, dtype=torch.long)


def lr_lambda(total: int, warmup: float):
    warm = max(1, int(total * warmup))
    return lambda step: step / warm if step < warm else max(0.0, (total - step) / max(1, total - warm))


def setup_logging(run_dir: Path) -> None:
    run_dir.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(run_dir / "train.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%d %H:%M:%S"))
    log.addHandler(handler)
    log.addHandler(logging.StreamHandler())
    log.setLevel(logging.INFO)


def save_checkpoint(path: Path, payload: dict) -> None:
    import torch

    tmp = path.with_suffix(".tmp")
    torch.save(payload, tmp)
    os.replace(tmp, path)


def write_json(path: Path, data: dict) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, path)
