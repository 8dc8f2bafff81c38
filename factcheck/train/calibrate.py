"""Fit the verdict model's temperature and thresholds on the validation split: `python -m factcheck.train.calibrate`."""

from __future__ import annotations

import argparse
import json
import random
import time

import numpy as np


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--max-pairs", type=int, default=2400, help="validation pairs to use (a seeded sample)")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)

    from factcheck.train.data import datasets_root
    from factcheck.train.mix import build_splits
    from factcheck.verify.calibration import (CALIBRATION_FILE, Calibration, expected_calibration_error,
                                              fit_temperature, fit_thresholds, macro_f1)
    from factcheck.verify.nli import SHIPPED_DIR, load_nli_model, read_manifest

    t0 = time.perf_counter()
    _, val = build_splits(datasets_root(), seed=args.seed)
    pairs = random.Random(args.seed).sample(val, min(args.max_pairs, len(val)))
    model = load_nli_model(None)
    probs = model.predict([(p.premise, p.hypothesis) for p in pairs])
    labels = np.array([p.label for p in pairs])
    temperature = fit_temperature(probs, labels)
    cal = Calibration(weights_sha256=read_manifest(SHIPPED_DIR)["sha256"], temperature=round(temperature, 4))
    scaled = cal.apply(probs)
    cal.thresholds, f1 = fit_thresholds(scaled, labels)
    cal.stats = {
        "n_pairs": len(pairs), "sources": sorted({p.source for p in pairs}),
        "ece_before": round(expected_calibration_error(probs, labels), 4),
        "ece_after": round(expected_calibration_error(scaled, labels), 4),
        "macro_f1_argmax": round(macro_f1(labels, probs.argmax(axis=1)), 4),
        "macro_f1_thresholds": round(f1, 4), "seconds": round(time.perf_counter() - t0, 1),
    }
    cal.figures, cal.stats["figures"] = _fit_figures(val, model, cal)
    cal.stats["seconds"] = round(time.perf_counter() - t0, 1)
    CALIBRATION_FILE.write_text(json.dumps(cal.model_dump(), indent=1) + "\n", encoding="utf-8")
    print(json.dumps(cal.model_dump(), indent=1))
    return 0


def _fit_figures(val, model, cal):
    """Figure weights fitted over every validation pair (those whose figures align move; the rest anchor F1)."""
    from factcheck.lang import detect_lang
    from factcheck.verify.figures import compare, corroborated, fit_figure_weights, read_figures

    signals, multi = [], []
    for p in val:
        claim_figs = read_figures(p.hypothesis, detect_lang(p.hypothesis))
        signal, comps = "none", []
        if claim_figs:
            signal, _, comps = compare(p.hypothesis, claim_figs, p.premise,
                                       read_figures(p.premise, detect_lang(p.premise)))
        signals.append(signal)
        multi.append(corroborated(signal, claim_figs, comps))
    probs = cal.apply(np.asarray(model.predict([(p.premise, p.hypothesis) for p in val]), dtype=np.float32))
    labels = np.array([p.label for p in val])
    weights, stats = fit_figure_weights(probs, labels, signals, cal.thresholds, multi)
    stats["sources"] = sorted({p.source for p, s in zip(val, signals) if s != "none"})
    return weights, stats


if __name__ == "__main__":
    raise SystemExit(main())
