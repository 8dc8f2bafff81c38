"""One training run end to end: data, model, loop with checkpoints and validation, export of the best state."""

from __future__ import annotations

import time
from pathlib import Path

from factcheck.errors import InputError
from factcheck.lang import normalize_text
from factcheck.train.data import Pair
from factcheck.train.loop import (TrainConfig, collate, log, lr_lambda, plan_batches, save_checkpoint,
                                  setup_logging, write_json)


class Run:
    """Holds the model, optimiser and schedule of one run; `fit()` trains to the end or the time cap."""

    def __init__(self, cfg: TrainConfig, train: list[Pair], val: list[Pair], base: Path, base_sha256: str):
        import torch

        from factcheck.train.model import build_classifier, freeze_lower, param_groups

        torch.set_num_threads(cfg.threads)
        self.cfg, self.val, self.base_sha256 = cfg, val, base_sha256
        self._validated: tuple[int, dict] | None = None  # (step, metrics) of the last validation
        self.carried: dict = {}  # frozen tensors of --init-head that ship with every export (see _load_head)
        self.tokenizer, self.model = build_classifier(base, cfg.seed)
        if cfg.init_head:
            self._load_head(cfg.init_head)
        self.teacher = None
        if cfg.distill:
            if not cfg.init_head:
                raise InputError("--distill keeps the predictions of the --init-head weights: give --init-head.")
            from factcheck.train.gpu_worker import frozen_copy

            self.teacher = frozen_copy(self.model)  # the init weights, just loaded
        self.trainable = freeze_lower(self.model, cfg.first_trained_layer)
        enc = self.tokenizer([normalize_text(p.premise) for p in train],
                             [normalize_text(p.hypothesis) for p in train],
                             truncation=True, max_length=cfg.max_length)
        self.ids = enc["input_ids"]
        self.labels = [p.label for p in train]
        keep = set(cfg.distill_sources.split(","))
        self.distilled = [p.source in keep for p in train]
        self.batches = plan_batches([len(x) for x in self.ids], cfg.batch_size,
                                    cfg.seed if cfg.shuffle_seed is None else cfg.shuffle_seed, cfg.epochs)
        self.opt = torch.optim.AdamW(param_groups(self.model, cfg.lr_layers, cfg.lr_head, cfg.weight_decay))
        self.base_lrs = [g["lr"] for g in self.opt.param_groups]
        self.schedule = lr_lambda(1000, cfg.warmup)
        self.step, self.best, self.elapsed_before = 0, -1.0, 0.0

    def _load_head(self, path: Path) -> None:
        """Start from earlier weights (fp16, or the GPU recipe's int8 rows).

        Tensors of layers this run keeps frozen (below first_trained_layer) are remembered as stored (`carried`)
        and shipped with every export unchanged: they differ from the base, so the export needs them.
        """
        from safetensors.torch import load_file

        from factcheck.train.model import trained_prefixes
        from factcheck.verify.nli import dequantize_rows

        raw = load_file(str(path))
        state = dequantize_rows(raw)
        model_state = self.model.state_dict()
        missing = [k for k in state if k not in model_state or model_state[k].shape != state[k].shape]
        if missing:
            raise InputError(f"--init-head {path} has tensors the model lacks: {sorted(missing)[:3]}")
        self.model.load_state_dict(state, strict=False)
        trained = tuple(trained_prefixes(self.cfg.first_trained_layer, self.model.config.num_hidden_layers))
        self.carried = {k: v for k, v in raw.items() if not k.startswith(trained)}
        if self.carried:
            log.info("%d tensors of %s lie below layer %d: kept frozen and shipped as stored",
                     len(self.carried), path, self.cfg.first_trained_layer)

    def distill_loss(self, logits, input_ids, mask, batch: list[int]):
        """cfg.distill x T^2 x KL(teacher || model) at temperature T, over the batch's pairs of distill_sources
        (None when it holds none): the model learns the new pairs without drifting on what the teacher reads."""
        from factcheck.train.gpu_worker import distill_term

        rows = [k for k, i in enumerate(batch) if self.distilled[i]]
        return distill_term(logits, self.teacher, input_ids, mask, rows, self.cfg.distill,
                            self.cfg.distill_temperature)

    def shipped_from_layer(self) -> int:
        """The lowest encoder layer the export holds: first_trained_layer, or lower when --init-head carries some."""
        layers = [int(k.split(".")[3]) for k in self.carried if k.startswith("bert.encoder.layer.")]
        return min([self.cfg.first_trained_layer, *layers])

    @property
    def ckpt_path(self) -> Path:
        return self.cfg.run_dir / "checkpoint.pt"

    def save(self) -> None:
        import torch

        from factcheck.train.model import trained_state

        save_checkpoint(self.ckpt_path, {
            "step": self.step, "best": self.best, "elapsed": self.elapsed_before + self.clock(),
            "trained": trained_state(self.model, self.cfg.first_trained_layer),
            "opt": self.opt.state_dict(),
            "rng": torch.get_rng_state(), "n_batches": len(self.batches)})
        log.info("checkpoint saved at step %d", self.step)

    def resume(self) -> None:
        import torch

        if not self.ckpt_path.is_file():
            raise InputError(f"--resume: no checkpoint at {self.ckpt_path}; start without --resume.")
        ck = torch.load(self.ckpt_path, weights_only=False)
        if ck["n_batches"] != len(self.batches):
            raise InputError(f"checkpoint plans {ck['n_batches']} batches, this config {len(self.batches)}: "
                             "resume with the run's saved config.")
        self.model.load_state_dict(ck["trained"], strict=False)
        self.opt.load_state_dict(ck["opt"])
        torch.set_rng_state(ck["rng"])
        self.step, self.best, self.elapsed_before = ck["step"], ck["best"], ck["elapsed"]
        log.info("resumed at step %d of %d (best selection score %.4f)", self.step, len(self.batches), self.best)

    def clock(self) -> float:
        return time.time() - self.t0

    def progress(self) -> float:
        """Fraction of the plan done: by steps, or by time when max_minutes would end the run first."""
        done = self.step / len(self.batches)
        if self.cfg.max_minutes:
            done = max(done, (self.elapsed_before + self.clock()) / (self.cfg.max_minutes * 60))
        return min(done, 1.0)

    def set_lr(self) -> None:
        """Warm-up then linear decay over progress(), so a time-capped run still anneals to zero."""
        factor = self.schedule(int(self.progress() * 1000))
        for group, base in zip(self.opt.param_groups, self.base_lrs):
            group["lr"] = base * factor

    def validate(self) -> dict:
        """Score on the validation split; export (and remember) the state when it beats the best so far."""
        from factcheck.train.evaluate import evaluate
        from factcheck.train.export import export_head
        from factcheck.train.model import set_train_mode, trained_state

        if self._validated is not None and self._validated[0] == self.step:  # nothing trained since then
            return self._validated[1]
        t = time.time()
        metrics = evaluate(self.model, self.tokenizer, self.val, self.cfg.max_length)
        metrics["step"] = self.step
        self._validated = (self.step, metrics)
        write_json(self.cfg.run_dir / f"val_step{self.step}.json", metrics)
        log.info("validation at step %d (%.0f s): %s", self.step, time.time() - t,
                 {k: (v["accuracy"] if isinstance(v, dict) else v) for k, v in metrics.items()})
        if metrics["selection"] > self.best:
            self.best = metrics["selection"]
            recipe = self.cfg.model_dump(mode="json", exclude={"run_dir", "out_dir", "limit_train", "limit_val"})
            recipe.update(step=self.step, n_steps=len(self.batches), n_train=len(self.ids))
            export_head({**self.carried, **trained_state(self.model, self.cfg.first_trained_layer)},
                        self.cfg.out_dir, base_sha256=self.base_sha256,
                        first_trained_layer=self.shipped_from_layer(),
                        max_length=self.cfg.max_length, metrics=metrics, recipe=recipe)
            write_json(self.cfg.run_dir / "best.json", metrics)
            log.info("new best (selection %.4f): exported to %s", self.best, self.cfg.out_dir)
        set_train_mode(self.model, self.cfg.first_trained_layer)
        return metrics

    def train_step(self, batch: list[int]) -> tuple[float, int]:
        import torch

        input_ids, mask, labels = collate([self.ids[i] for i in batch], [self.labels[i] for i in batch],
                                          self.tokenizer.pad_token_id)
        out = self.model(input_ids=input_ids, attention_mask=mask, labels=labels)
        loss = out.loss
        extra = self.distill_loss(out.logits, input_ids, mask, batch)
        if extra is not None:
            loss = loss + extra
        loss.backward()
        torch.nn.utils.clip_grad_norm_([p for p in self.model.parameters() if p.requires_grad], 1.0)
        self.set_lr()
        self.opt.step()
        self.opt.zero_grad(set_to_none=True)
        return loss.item(), int((out.logits.argmax(-1) == labels).sum())

    def fit(self) -> dict:
        """Train until the plan ends or max_minutes pass; checkpoint, validate and export along the way."""
        from tqdm import tqdm

        from factcheck.train.model import set_train_mode

        cfg, total = self.cfg, len(self.batches)
        self.t0 = last_ckpt = last_eval = time.time()
        set_train_mode(self.model, cfg.first_trained_layer)
        bar = tqdm(total=total, initial=self.step, desc="train", mininterval=30, ascii=True)
        loss_sum = correct = seen = 0
        while self.step < total:
            if cfg.max_minutes and self.elapsed_before + self.clock() > cfg.max_minutes * 60:
                log.info("max_minutes=%s reached at step %d of %d", cfg.max_minutes, self.step, total)
                break
            loss, ok = self.train_step(self.batches[self.step])
            self.step += 1
            bar.update(1)
            loss_sum, correct, seen = loss_sum + loss, correct + ok, seen + len(self.batches[self.step - 1])
            if self.step % 50 == 0:
                log.info("step %d/%d loss %.4f train-acc %.3f lr %.2e %.1f ex/s", self.step, total,
                         loss_sum / 50, correct / seen, self.opt.param_groups[0]["lr"], seen / self.clock_window())
                loss_sum = correct = seen = 0
            if time.time() - last_ckpt > cfg.checkpoint_minutes * 60:
                self.save()
                last_ckpt = time.time()
            if time.time() - last_eval > cfg.eval_minutes * 60:
                self.validate()
                last_eval = time.time()
        bar.close()
        final = self.validate()
        self.save()
        run_min = (self.elapsed_before + self.clock()) / 60
        log.info("run time: %.1f min this process, %.1f min in total; best selection %.4f",
                 self.clock() / 60, run_min, self.best)
        return final

    def clock_window(self) -> float:
        """Seconds since the last progress line (for the examples/s rate)."""
        now = time.time()
        span = now - getattr(self, "_window_start", self.t0)
        self._window_start = now
        return max(span, 1e-6)
