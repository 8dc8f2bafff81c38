"""Fit the claim-level verdict thresholds end to end on validation claims: `python -m factcheck.train.fit_claims`.

A claim's verdict takes the best of several quotes, and a maximum over quotes runs higher than one quote's score:
thresholds fitted on single validation pairs (`factcheck.train.calibrate`) refute and support too readily at the
claim level. This runs the whole pipeline (retrieval, quotes, verdict model, figures) over the development set of
`factcheck.train.devset` (held-out Check-COVID train claims, held-out XNLI pairs across languages, translated
sentences of IWSLT'15/Tatoeba against the other language, held-out VitaminC figure claims, Vietnamese news sentences
checked by their vnPara paraphrase; never an eval set), and stores in calibration.json the
support/refute thresholds that maximise the mean over those parts of the claims' 3-way macro-F1, and the claim
model (`factcheck.verify.claim_model`) when it beats those thresholds in 5-fold cross-validation there; the model
reads an optional feature group (cross-language, retrieval) only when it lifts its cross-validated objective by
OPTIONAL_FEATURES_MIN_GAIN.
Run it after `python -m factcheck.train.calibrate` (which it needs, and which resets it). `--save-scored F` keeps
the scored dev claims; `--scored F` refits from them without running the pipeline again.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np

from factcheck.train.devset import OPTIONAL_PARTS, PARTS, SENTENCES_PER_DOC, XNLI_PER_LABEL

ORDER = {"SUPPORTED": 0, "REFUTED": 1, "NOT_ENOUGH_INFO": 2, "CONFLICTING": 3}


# Study switches: `--figure-subjects on|off` etc. score the dev claims with a Verifier setting other than the shipped
# one (argparse dest -> (Verifier attribute, what it does)).
STUDY_SWITCHES = {
    "figure_subjects": ("figures_need_subject", "figure signals need the claim's subject in the quote"),
    "figure_forms": ("localise_figures", "the verdict model reads agreeing figures as the quote writes them"),
    "window_sentence": ("window_sentence", "across languages, also read alone the sentence a widened first quote "
                                           "was taken around"),
    "han_names": ("localise_han", "write the claim's Chinese names as the quote writes them"),
    "confirmed_figures": ("confirmed_figures", "set aside a figure conflict when another quote of the same "
                                               "document states the claim's figure"),
    "sentence_cross_only": ("sentence_cross_only", "where retrieval measured sentences, only passages in another "
                                                   "language than the claim take their first quote from it"),
    "confirmed_unread": ("confirmed_unread", "the verdict model reads the claim without a figure whose conflict "
                                             "with the quote was set aside"),
    "name_swaps": ("name_swaps", "a quote that a Vietnamese claim restates with one name changed gets the "
                                 "conflict signal"),
    "standings": ("standings", "a quote stating one of the claim's standings of two countries the other way round "
                               "refutes it"),
}

# Settings a scoring key holds only when given, so that files scored before they existed still match.
LATER_SWITCHES = ("country_swaps", "standings", "language_bests")


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
    table = _DecisionTable(scored, start)
    for s in np.arange(0.30, 0.951, 0.025):
        for r in np.arange(0.30, 0.951, 0.025):
            t = Thresholds(support=round(float(s), 3), refute=round(float(r), 3))
            pred = table.predict(t)
            f1 = part_macro_f1(gold, pred, parts)
            key = (round(f1, 6), -abs(t.support - start.support) - abs(t.refute - start.refute))
            if best_key is None or key > best_key:
                best, best_key = t, key
    pred = _predict(scored, best, start)
    return best, part_macro_f1(gold, pred, parts), float(np.mean([g == p for g, p in zip(gold, pred)]))


class _DecisionTable:
    """`_predict` for many claim thresholds at once: what `decide` reads of each claim, computed once.

    The single-quote thresholds (and with them the figure-backed fallback) are fixed during a fit, so per claim
    only the best supporting and refuting quotes' probabilities and the fallback's answer are needed.
    """

    def __init__(self, scored: list[tuple], pair_t):
        from factcheck.verify.aggregate import decide

        n = len(scored)
        self.e_sup, self.c_sup, self.e_ref, self.c_ref = (np.zeros(n) for _ in range(4))
        self.diff_doc, self.empty = np.zeros(n, bool), np.zeros(n, bool)
        self.fallback = np.array(["NOT_ENOUGH_INFO"] * n, dtype=object)
        never = type(pair_t)(support=1.01, refute=1.01)  # claim thresholds no quote meets: only the fallback speaks
        for k, (p, d, sig, *_) in enumerate(scored):
            if not len(p):
                self.empty[k] = True
                continue
            i, j = int(np.argmax(p[:, 0])), int(np.argmax(p[:, 2]))
            self.e_sup[k], self.c_sup[k], self.e_ref[k], self.c_ref[k] = p[i, 0], p[i, 2], p[j, 0], p[j, 2]
            self.diff_doc[k] = d[i] != d[j]
            self.fallback[k] = decide(p, d, sig, never, pair_t)[0].value

    def predict(self, t) -> list[str]:
        has_sup = (self.e_sup >= t.support) & ~((self.c_sup >= t.refute) & (self.c_sup >= self.e_sup))
        has_ref = (self.c_ref >= t.refute) & (self.c_ref >= self.e_ref)
        out = np.where(has_sup & has_ref & self.diff_doc, "CONFLICTING",
                       np.where(has_ref & ((self.c_ref >= self.e_sup) | ~has_sup), "REFUTED",
                                np.where(has_sup, "SUPPORTED", self.fallback)))
        out = np.where(self.empty, "NOT_ENOUGH_INFO", out)
        return [str(x) for x in out]


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

    return [decide(p, d, s, claim_t, pair_t)[0].value if len(p) else "NOT_ENOUGH_INFO" for p, d, s, *_ in scored]


def _predict_model(scored: list[tuple], model, claim_t) -> list[str]:
    """What the verifier answers with a claim model: CONFLICTING by the rule, the rest by the model."""
    from factcheck.verify.claim_model import decide_with_model

    return [decide_with_model(model, p, ranks, overlaps, d, s, claim_t, *extra)[0].value if len(p)
            else "NOT_ENOUGH_INFO" for p, d, s, ranks, overlaps, *extra in scored]


def _features(scored: list[tuple]) -> tuple[list[int], np.ndarray]:
    """(indices of the claims with quotes, their claim_features rows)."""
    from factcheck.verify.claim_model import claim_features

    idx = [i for i, t in enumerate(scored) if len(t[0])]
    return idx, np.array([claim_features(scored[i][0], scored[i][3], scored[i][4], scored[i][1], scored[i][2],
                                         *scored[i][5:9]) for i in idx])


def _fit_model(scored: list[tuple], gold: list[str], l2: float, features=None):
    from factcheck.verify.claim_model import CLASSES, FEATURES, fit_claim_model

    idx, x = _features(scored)
    y = np.array([CLASSES.index(gold[i]) for i in idx])
    return fit_claim_model(x, y, l2=l2, features=tuple(features or FEATURES))


# The claim model reads an optional feature group (claim_model.OPTIONAL_FEATURES: the cross-language ones, rule
# fixed in session 7 before measuring; the retrieval ones, session 8; the subject ones, session 13; the coverage ones,
# session 18) only when it lifts the best cross-validated objective by at least this much over BASE_FEATURES; of
# several such sets (every combination of the groups since session 13), the best.
OPTIONAL_FEATURES_MIN_GAIN = 0.01
# With a claim model, the CONFLICTING rule gets thresholds of its own (`fit_conflict`) only when that lifts the
# model's cross-validated objective by at least this much (rule fixed in session 8 before measuring).
CONFLICT_MIN_GAIN = 0.01


def feature_sets(scored: list[tuple]) -> dict[str, tuple[str, ...]]:
    """The claim model's candidate feature sets: the base, and base + each combination of the optional groups
    the scored claims carry (older --save-scored files lack the later ones), in OPTIONAL_FEATURES order."""
    from itertools import combinations

    from factcheck.verify.claim_model import BASE_FEATURES, OPTIONAL_FEATURES

    # index of the group's input in a scored claim
    carried = {"cross-language": 5, "retrieval": 6, "subject": 7, "coverage": 8}
    groups = {n: f for n, f in OPTIONAL_FEATURES.items() if all(len(t) > carried[n] for t in scored)}
    sets = {"base": tuple(BASE_FEATURES)}
    for size in range(1, len(groups) + 1):
        for names in combinations(groups, size):
            sets["base + " + " + ".join(names)] = tuple(BASE_FEATURES) + sum((groups[n] for n in names), ())
    return sets


def choose_features(cvs: dict[str, dict]) -> str:
    """The feature set whose best cross-validated objective is highest, if it beats the base's by
    OPTIONAL_FEATURES_MIN_GAIN; else "base"."""
    best = {n: max(c["model"].values()) for n, c in cvs.items()}
    name = max(best, key=lambda n: (best[n], -len(n)))
    return name if best[name] >= best["base"] + OPTIONAL_FEATURES_MIN_GAIN else "base"


def _folds(gold: list[str], parts: list[str], folds: int, seed: int) -> np.ndarray:
    """Each claim's fold, stratified by part and label, seeded."""
    rng = np.random.default_rng(seed)
    fold_of = np.zeros(len(gold), dtype=int)
    for key in sorted({(p, g) for p, g in zip(parts, gold)}):
        idx = [i for i, (p, g) in enumerate(zip(parts, gold)) if (p, g) == key]
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            fold_of[i] = j % folds
    return fold_of


def _model_labels(scored: list[tuple], model) -> list[str]:
    """The claim model's own answer per claim (before the CONFLICTING rule); NOT_ENOUGH_INFO without quotes."""
    from factcheck.verify.claim_model import CLASSES

    idx, x = _features(scored)
    out = ["NOT_ENOUGH_INFO"] * len(scored)
    if idx:
        for i, k in zip(idx, model.proba(x).argmax(axis=1)):
            out[i] = CLASSES[int(k)]
    return out


# Conflict thresholds are searched from the claim thresholds up to this (a CONFLICTING verdict stays possible).
CONFLICT_MAX = 0.95


def fit_conflict(scored: list[tuple], gold: list[str], parts: list[str], model, claim_t):
    """(thresholds, objective): the CONFLICTING rule's thresholds that maximise `part_macro_f1` of the model path
    (the model's answer, CONFLICTING where a supporting and a refuting quote of two documents meet them); each
    from the claim threshold up to CONFLICT_MAX by 0.025; ties go to the lowest (CONFLICTING kept most often)."""
    from factcheck.verify.aggregate import Thresholds

    labels = np.array(_model_labels(scored, model), dtype=object)
    table = _DecisionTable(scored, claim_t)
    best, best_key = claim_t, None
    steps = lambda start: [start] + [float(v) for v in np.arange(start + 0.025, CONFLICT_MAX + 1e-9, 0.025)]  # noqa: E731
    for s in steps(claim_t.support):
        for r in steps(claim_t.refute):
            t = Thresholds(support=round(float(s), 3), refute=round(float(r), 3))
            conflict = np.array(table.predict(t)) == "CONFLICTING"
            f1 = part_macro_f1(gold, list(np.where(conflict, "CONFLICTING", labels)), parts)
            key = (round(f1, 6), -t.support - t.refute)
            if best_key is None or key > best_key:
                best, best_key = t, key
    return best, best_key[0]


def cross_validate_conflict(scored: list[tuple], gold: list[str], parts: list[str], start, l2: float, features,
                            folds: int = 5, seed: int = 0) -> float:
    """Out-of-fold objective of the claim model (`features`, `l2`) with conflict thresholds fitted on each
    training fold (`fit_conflict`); the same folds as `cross_validate`."""
    fold_of = _folds(gold, parts, folds, seed)
    pred = [None] * len(gold)
    for f in range(folds):
        tr = [i for i in range(len(gold)) if fold_of[i] != f]
        te = [i for i in range(len(gold)) if fold_of[i] == f]
        sub = lambda ids: [scored[i] for i in ids]  # noqa: E731
        g_tr, p_tr = [gold[i] for i in tr], [parts[i] for i in tr]
        t, _, _ = fit(sub(tr), g_tr, start, p_tr)
        model = _fit_model(sub(tr), g_tr, l2, features)
        ct, _ = fit_conflict(sub(tr), g_tr, p_tr, model, t)
        for i, p in zip(te, _predict_model(sub(te), model, ct)):
            pred[i] = p
    return part_macro_f1(gold, pred, parts)


def cross_validate(scored: list[tuple], gold: list[str], parts: list[str], start, folds: int = 5,
                   l2_grid=(0.3, 1.0, 3.0, 10.0, 30.0), seed: int = 0, features=None) -> dict:
    """Out-of-fold objective of the fitted thresholds and of the claim model at each l2 (folds stratified by
    part and label); the model's l2 is the best on these folds. Returns {"thresholds": f1, "model": {l2: f1}}.
    `features`: the claim model's features (default all of claim_model.FEATURES)."""
    fold_of = _folds(gold, parts, folds, seed)
    thr_pred, model_pred = [None] * len(gold), {l2: [None] * len(gold) for l2 in l2_grid}
    for f in range(folds):
        tr = [i for i in range(len(gold)) if fold_of[i] != f]
        te = [i for i in range(len(gold)) if fold_of[i] == f]
        sub = lambda ids: [scored[i] for i in ids]  # noqa: E731
        t, _, _ = fit(sub(tr), [gold[i] for i in tr], start, [parts[i] for i in tr])
        for i, p in zip(te, _predict(sub(te), t, start)):
            thr_pred[i] = p
        for l2 in l2_grid:
            model = _fit_model(sub(tr), [gold[i] for i in tr], l2, features)
            for i, p in zip(te, _predict_model(sub(te), model, t)):
                model_pred[l2][i] = p
    return {"thresholds": part_macro_f1(gold, thr_pred, parts),
            "model": {l2: part_macro_f1(gold, pred, parts) for l2, pred in model_pred.items()}}


def _score_dev_claims(args) -> tuple[list[tuple], list[str], list[str]]:
    """Run the checker's retrieval and scoring over the dev set: (scored quotes, gold labels, parts) per claim."""
    from tqdm import tqdm

    from factcheck import FactChecker
    from factcheck.embed.factory import get_embedder
    from factcheck.evaluate.data import load_claims, read_corpus
    from factcheck.evaluate.runner import default_stores_root, index_name, open_indexed_checker
    from factcheck.settings import Settings
    from factcheck.train.devset import build

    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp), seed=args.seed, parts=tuple(args.parts.split(",")), per_label=args.per_label,
              doc_sentences=getattr(args, "doc_sentences", None),
              figure_balance=getattr(args, "figure_balance", "on") == "on")
        claims = load_claims(Path(tmp) / "claims.jsonl")
        docs = read_corpus(Path(tmp) / "corpus.jsonl")
    settings = Settings.from_env().model_copy(update={"chroma_url": None})
    embedder = get_embedder(settings.embedder)
    checker, _ = open_indexed_checker(
        docs, factory=lambda store: FactChecker(store, collection="eval", embedder=embedder, settings=settings),
        embedder_name=index_name(embedder.name, settings), stores_root=default_stores_root())
    checker.verifier.coverage = True  # the optional "coverage" features are offered to every fit
    if args.cross_window is not None:
        checker.verifier.cross_window = args.cross_window
    if args.max_quotes is not None:
        checker.verifier.max_quotes = args.max_quotes
    for flag, (attr, _) in STUDY_SWITCHES.items():
        if getattr(args, flag, None) is not None:
            setattr(checker.verifier, attr, getattr(args, flag) == "on")
    if getattr(args, "country_swaps", None) is not None:
        checker.verifier.country_swaps = None if args.country_swaps == "off" else args.country_swaps
    if getattr(args, "language_bests", None) is not None:
        checker.retriever.language_bests = args.language_bests
    if getattr(args, "sentence_quotes", None) is not None:
        checker.retriever.sentence_quotes = args.sentence_quotes == "on"
        checker.retriever.sentence_rerank = checker.retriever.sentence_rerank and not checker.retriever.sentence_quotes
    scored, gold, parts = [], [], []
    for c in tqdm(claims, desc="scoring dev claims", unit="claim"):
        claim = checker._as_claim(c.claim)
        passages = checker.retriever.retrieve(claim.text, args.top_k)
        s = checker.verifier.score(claim, passages)
        scored.append((s.probs, [e.passage.doc_id for e in s.cands], s.signals, [e.rank for e in s.cands],
                       [e.overlap for e in s.cands], s.cross, s.dense, s.subject, s.missing))
        gold.append(c.label.value)
        parts.append(c.meta.get("part", "all"))
    return scored, gold, parts


def _scoring_key(cal, args) -> dict:
    """What the scored quotes depend on: the weights, their pair-level calibration, the scoring settings."""
    return {"weights_sha256": cal.weights_sha256, "temperature": cal.temperature,
            "figures": cal.figures.model_dump(),
            "top_k": args.top_k, "seed": args.seed, "parts": args.parts, "per_label": getattr(args, "per_label", None),
            "doc_sentences": getattr(args, "doc_sentences", None),
            # on: True (the default since session 17); off: None, as files scored before the switch existed
            "figure_balance": True if getattr(args, "figure_balance", "on") == "on" else None,
            "sentence_quotes": getattr(args, "sentence_quotes", None),
            "cross_window": args.cross_window, "max_quotes": getattr(args, "max_quotes", None),
            **{flag: getattr(args, flag, None) for flag in STUDY_SWITCHES if flag not in LATER_SWITCHES},
            **{name: value for name in LATER_SWITCHES if (value := getattr(args, name, None)) is not None}}


def _save_scored(path: Path, data: tuple, cal, args) -> None:
    import pickle

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps({"key": _scoring_key(cal, args), "data": data}))


def _load_scored(path: Path, cal, args) -> tuple:
    """A --save-scored file, refused when it was scored with other weights or settings."""
    import pickle

    from factcheck.errors import InputError

    saved = pickle.loads(path.read_bytes())  # our own scratch file, written by _save_scored
    # A study setting added since the file was written counts only when it is set now.
    key = {k: v for k, v in _scoring_key(cal, args).items() if k in saved["key"] or v is not None}
    if saved["key"] != key:
        raise InputError(f"{path} was scored with {saved['key']}, not {key}: score again without --scored.")
    return saved["data"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m factcheck.train.fit_claims", description=__doc__)
    ap.add_argument("--top-k", type=int, default=5, help="passages per claim, as the checker's default")
    ap.add_argument("--seed", type=int, default=13, help="the training run's split seed")
    ap.add_argument("--per-label", type=int, default=None,
                    help="dev claims per label of the xnli, parallel, vitaminc and vnpara parts "
                         "(factcheck.train.devset.build)")
    ap.add_argument("--doc-sentences", type=int, default=None,
                    help="study: sentences to a document of the parallel and vnpara dev parts (default "
                         "factcheck.train.devset.SENTENCES_PER_DOC); an article's length puts each claim among many "
                         "sentences on its topic")
    ap.add_argument("--parts", default=",".join(PARTS),
                    help=f"dev-set parts to fit on (factcheck.train.devset; default {','.join(PARTS)}; also "
                         f"{','.join(OPTIONAL_PARTS)})")
    ap.add_argument("--no-model", action="store_true",
                    help="keep the threshold rule even where the claim model cross-validates better")
    ap.add_argument("--dry-run", action="store_true", help="print the fit, leave calibration.json as it is")
    ap.add_argument("--cross-window", type=int, default=None,
                    help="study: score with this Verifier.cross_window instead of the shipped one")
    ap.add_argument("--max-quotes", type=int, default=None,
                    help="study: score with this Verifier.max_quotes (quotes per claim) instead of the shipped 8")
    ap.add_argument("--figure-balance", choices=("on", "off"), default="on",
                    help="the dev parts parallel and vnpara draw SUPPORTED and NOT_ENOUGH_INFO claims first from "
                         "sentences with a figure to change, as REFUTED claims are (factcheck.train.devset.build; "
                         "default on since session 17; off: the layout the claim rule was fitted on until then)")
    ap.add_argument("--sentence-quotes", choices=("on", "off"), default=None,
                    help="study: with FACTCHECK_SENTENCE_VECTORS=1, rank passages as without sentence vectors and use "
                         "them only to choose each passage's first quote (HybridRetriever.sentence_quotes)")
    for flag, (attr, what) in STUDY_SWITCHES.items():
        ap.add_argument("--" + flag.replace("_", "-"), choices=("on", "off"), default=None,
                        help=f"study: {what} (Verifier.{attr}) on or off instead of the shipped setting")
    ap.add_argument("--country-swaps", choices=("any", "cross", "off"), default=None,
                    help="study: read a claim naming one country where a quote names another with the quote's country "
                         "in its place (Verifier.country_swaps; any language pair, only across languages, or off) "
                         "instead of the shipped setting")
    ap.add_argument("--language-bests", type=int, default=None,
                    help="study: how many nearest passages of each language join the fused top k in a corpus of "
                         "several languages (HybridRetriever.language_bests) instead of the shipped setting")
    ap.add_argument("--cv-seeds", type=int, default=5,
                    help="fold seeds the conflict-fitted cross-validation is also reported over (seed 0 is the one the "
                         "fit decides by; the others show how far it moves with the folds alone; 1: seed 0 only)")
    ap.add_argument("--save-scored", type=Path, default=None,
                    help="also write the dev claims' scored quotes to this file (for --scored)")
    ap.add_argument("--scored", type=Path, default=None,
                    help="refit from a --save-scored file (same weights, calibration and settings) without the pipeline")
    args = ap.parse_args(argv)
    if args.cv_seeds < 1:
        ap.error("--cv-seeds must be at least 1")

    from factcheck.errors import ModelError
    from factcheck.verify.calibration import CALIBRATION_FILE, Calibration
    from factcheck.verify.claim_model import BASE_FEATURES
    from factcheck.verify.nli import SHIPPED_DIR, read_manifest

    cal = Calibration.model_validate(json.loads(CALIBRATION_FILE.read_text(encoding="utf-8")))
    if cal.weights_sha256 != read_manifest(SHIPPED_DIR)["sha256"]:
        raise ModelError("calibration.json was fitted for other weights: run `python -m factcheck.train.calibrate` first.")
    t0 = time.perf_counter()
    if args.scored:
        scored, gold, parts = _load_scored(args.scored, cal, args)
    else:
        scored, gold, parts = _score_dev_claims(args)
        if args.save_scored:
            _save_scored(args.save_scored, (scored, gold, parts), cal, args)
    pred = _predict(scored, cal.thresholds, cal.thresholds)
    f1_before, acc_before = part_macro_f1(gold, pred, parts), float(np.mean([g == p for g, p in zip(gold, pred)]))
    by_part_before = _by_part(gold, pred, parts, 4)
    thresholds, f1, acc = fit(scored, gold, cal.thresholds, parts)
    cal.claim_thresholds = thresholds
    cvs = {name: cross_validate(scored, gold, parts, cal.thresholds, features=feats)
           for name, feats in feature_sets(scored).items()}
    name = choose_features(cvs)
    cv, features = cvs[name], feature_sets(scored)[name]
    l2, cv_model = max(cv["model"].items(), key=lambda kv: kv[1])
    use_model = cv_model > cv["thresholds"] and not args.no_model
    cal.claim_model = _fit_model(scored, gold, l2, features) if use_model else None
    cv_conflict, cal.conflict_thresholds, by_seed = None, None, []
    if use_model:
        cv_conflict = cross_validate_conflict(scored, gold, parts, cal.thresholds, l2, features)
        by_seed = [cv_conflict] + [cross_validate_conflict(scored, gold, parts, cal.thresholds, l2, features, seed=s)
                                   for s in range(1, args.cv_seeds)]
        if cv_conflict >= cv_model + CONFLICT_MIN_GAIN:
            cal.conflict_thresholds, _ = fit_conflict(scored, gold, parts, cal.claim_model, thresholds)
    fitted = _predict(scored, thresholds, cal.thresholds)
    final = _predict_model(scored, cal.claim_model, cal.conflict_thresholds or thresholds) if use_model else fitted
    cal.stats["claims"] = {
        "set": "validation claims of factcheck.train.devset (its docstring describes each part)",
        "parts": sorted(set(parts)), "n": len(gold), "per_label": args.per_label or XNLI_PER_LABEL,
        "figure_balance": args.figure_balance == "on", "doc_sentences": args.doc_sentences or SENTENCES_PER_DOC,
        "objective": "mean over parts of the 3-way macro-F1",
        "top_k": args.top_k, "macro_f1_pair_thresholds": round(f1_before, 4), "accuracy_pair_thresholds": round(acc_before, 4),
        "macro_f1": round(f1, 4), "accuracy": round(acc, 4),
        "by_part_pair_thresholds": by_part_before, "by_part": _by_part(gold, fitted, parts, 4),
        "cross_validation": {"folds": 5, "thresholds": round(cv["thresholds"], 4),
                             "model_by_l2": {str(k): round(v, 4) for k, v in cv["model"].items()},
                             "model_by_l2_by_features": {n: {str(k): round(v, 4) for k, v in c["model"].items()}
                                                         for n, c in cvs.items()}},
        "claim_model_features": name,
        "conflict_thresholds": cal.conflict_thresholds.model_dump() if cal.conflict_thresholds else None,
        "cross_validation_conflict_fitted": round(cv_conflict, 4) if cv_conflict is not None else None,
        # the same with other fold seeds (seed 0 first): how far the number above moves with the folds alone
        "cross_validation_conflict_fitted_by_seed": [round(v, 4) for v in by_seed],
        "cross_validation_conflict_fitted_mean": round(float(np.mean(by_seed)), 4) if by_seed else None,
        "decides": "claim_model" if use_model else "claim_thresholds",
        "macro_f1_shipped_in_sample": round(part_macro_f1(gold, final, parts), 4),
        "by_part_shipped_in_sample": _by_part(gold, final, parts, 4),
        "seconds": round(time.perf_counter() - t0, 1)}
    if not args.dry_run:
        CALIBRATION_FILE.write_text(json.dumps(cal.model_dump(), indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"claim_thresholds": thresholds.model_dump(), **cal.stats["claims"]}, indent=1))
    if args.dry_run:
        print("dry run: calibration.json not written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
