"""Fit the claim-level verdict thresholds end to end on validation claims: `python -m factcheck.train.fit_claims`.

A claim's verdict takes the best of several quotes, and a maximum over quotes runs higher than one quote's score:
thresholds fitted on single validation pairs (`factcheck.train.calibrate`) refute and support too readily at the
claim level. This runs the whole pipeline (retrieval, quotes, verdict model, figures) over the development set of
`factcheck.train.devset` (Check-COVID train claims held out of the verdict model's training, never an eval set),
and stores in calibration.json the support/refute thresholds that maximise the claims' 3-way macro-F1.
Run it after `python -m factcheck.train.calibrate` (which it needs, and which resets it).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np

ORDER = {"SUPPORTED": 0, "REFUTED": 1, "NOT_ENOUGH_INFO": 2, "CONFLICTING": 3}


def claim_macro_f1(gold: list[str], pred: list[str]) -> float:
    """Macro-F1 over the gold classes (a CONFLICTING prediction counts as a miss when no claim is CONFLICTING)."""
    from factcheck.train.evaluate import macro_f1

    return macro_f1(gold, pred)


def part_macro_f1(gold: list[str], pred: list[str], parts: list[str] | None = None) -> float:
    """Mean over the parts (one domain each) of the macro-F1 within the part; one part when `parts` is None."""
    if parts is None:
        return claim_macro_f1(gold, pred)
    return float(np.mean([score["macro_f1"] for score in _by_part(gold, pred, parts).values()]))


def fit(scored: list[tuple], gold: list[str], start, parts: list[str] | None = None):
    """(thresholds, objective, accuracy) maximising `part_macro_f1`; ties go to the thresholds nearest `start`.

    `scored` holds (probs, doc_ids, figure signals) per claim; `start` (the single-quote thresholds) also reads
    figure-backed quotes, as the verifier does (factcheck.verify.aggregate.decide).
    """
    from factcheck.verify.aggregate import Thresholds

    best, best_key = start, None
    for s in np.arange(0.30, 0.951, 0.025):
        for r in np.arange(0.30, 0.951, 0.025):
            t = Thresholds(support=round(float(s), 3), refute=round(float(r), 3))
            pred = _predict(scored, t, start)
            f1 = part_macro_f1(gold, pred, parts)
            key = (round(f1, 6), -abs(t.support - start.support) - abs(t.refute - start.refute))
            if best_key is None or key > best_key:
                best, best_key = t, key
    pred = _predict(scored, best, start)
    return best, part_macro_f1(gold, pred, parts), float(np.mean([g == p for g, p in zip(gold, pred)]))


def _by_part(gold: list[str], pred: list[str], parts: list[str], digits: int | None = None) -> dict:
    """{part: {n, macro_f1, accuracy}}, rounded to `digits` when given (for the stored statistics)."""
    out = {}
    for name in sorted(set(parts)):
        idx = [i for i, p in enumerate(parts) if p == name]
        g, p = [gold[i] for i in idx], [pred[i] for i in idx]
        f1, acc = claim_macro_f1(g, p), float(np.mean([a == b for a, b in zip(g, p)]))
        out[name] = {"n": len(idx), "macro_f1": round(f1, digits) if digits else f1,
                     "accuracy": round(acc, digits) if digits else acc}
    return out


def _predict(scored: list[tuple], claim_t, pair_t) -> list[str]:
    from factcheck.verify.aggregate import decide

    return [decide(p, d, s, claim_t, pair_t)[0].value if len(p) else "NOT_ENOUGH_INFO" for p, d, s in scored]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m factcheck.train.fit_claims", description=__doc__)
    ap.add_argument("--top-k", type=int, default=5, help="passages per claim, as the checker's default")
    ap.add_argument("--seed", type=int, default=13, help="the training run's split seed")
    ap.add_argument("--parts", default="covid,xnli", help="dev-set parts to fit on (factcheck.train.devset)")
    args = ap.parse_args(argv)

    from tqdm import tqdm

    from factcheck import FactChecker
    from factcheck.embed.factory import get_embedder
    from factcheck.errors import ModelError
    from factcheck.evaluate.data import load_claims, read_corpus
    from factcheck.evaluate.runner import default_stores_root, open_indexed_checker
    from factcheck.settings import Settings
    from factcheck.train.devset import build
    from factcheck.verify.calibration import CALIBRATION_FILE, Calibration
    from factcheck.verify.nli import SHIPPED_DIR, read_manifest

    cal = Calibration.model_validate(json.loads(CALIBRATION_FILE.read_text(encoding="utf-8")))
    if cal.weights_sha256 != read_manifest(SHIPPED_DIR)["sha256"]:
        raise ModelError("calibration.json was fitted for other weights: run `python -m factcheck.train.calibrate` first.")
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp), seed=args.seed, parts=tuple(args.parts.split(",")))
        claims = load_claims(Path(tmp) / "claims.jsonl")
        docs = read_corpus(Path(tmp) / "corpus.jsonl")
    settings = Settings.from_env().model_copy(update={"chroma_url": None})
    embedder = get_embedder(settings.embedder)
    checker, _ = open_indexed_checker(
        docs, factory=lambda store: FactChecker(store, collection="eval", embedder=embedder, settings=settings),
        embedder_name=embedder.name, stores_root=default_stores_root())
    scored, gold, parts = [], [], []
    for c in tqdm(claims, desc="scoring dev claims", unit="claim"):
        claim = checker._as_claim(c.claim)
        passages = checker.retriever.retrieve(claim.text, args.top_k)
        s = checker.verifier.score(claim, passages)
        scored.append((s.probs, [e.passage.doc_id for e in s.cands], s.signals))
        gold.append(c.label.value)
        parts.append(c.meta.get("part", "all"))
    pred = _predict(scored, cal.thresholds, cal.thresholds)
    f1_before, acc_before = part_macro_f1(gold, pred, parts), float(np.mean([g == p for g, p in zip(gold, pred)]))
    by_part_before = _by_part(gold, pred, parts, 4)
    thresholds, f1, acc = fit(scored, gold, cal.thresholds, parts)
    cal.claim_thresholds = thresholds
    cal.stats["claims"] = {
        "set": "validation claims of factcheck.train.devset: held-out Check-COVID train claims (covid) and held-out "
               "XNLI hypotheses in en/vi/ru/zh against premises in en/vi/ru/zh (xnli)", "n": len(gold),
        "objective": "mean over parts of the 3-way macro-F1",
        "top_k": args.top_k, "macro_f1_pair_thresholds": round(f1_before, 4), "accuracy_pair_thresholds": round(acc_before, 4),
        "macro_f1": round(f1, 4), "accuracy": round(acc, 4),
        "by_part_pair_thresholds": by_part_before, "by_part": _by_part(gold, _predict(scored, thresholds, cal.thresholds), parts, 4),
        "seconds": round(time.perf_counter() - t0, 1)}
    CALIBRATION_FILE.write_text(json.dumps(cal.model_dump(), indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"claim_thresholds": thresholds.model_dump(), **cal.stats["claims"]}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
