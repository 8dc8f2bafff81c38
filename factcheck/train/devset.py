"""A pipeline development set from validation data: `python -m factcheck.train.devset --out DIR`.

Writes `claims.jsonl` and `corpus.jsonl` for `factcheck eval`, in two parts (each claim's `meta.part`):
- `covid`: the Check-COVID TRAIN claims whose pairs the verdict model's validation split holds out (never trained
  on), checked against all Check-COVID abstracts (English, biomedical);
- `xnli`: hypotheses of the XNLI pairs the validation split holds out (in every language), in English, Vietnamese,
  Russian or Chinese, checked against those pairs' premises, each premise in one of the four languages drawn
  independently (so most claims meet their evidence in another language) and grouped four to a document,
  balanced over the three labels.
Use it to choose pipeline settings (claim-level thresholds, aggregation); the eval sets stay for measuring only.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

LABELS = {0: "SUPPORTED", 1: "NOT_ENOUGH_INFO", 2: "REFUTED"}


XNLI_PER_LABEL = 50
PREMISES_PER_DOC = 4


def build(out: Path, seed: int = 13, parts: tuple[str, ...] = ("covid", "xnli")) -> tuple[int, int]:
    """Write the dev set's claims and corpus into `out`; return (claims, documents)."""
    from factcheck.train.data import datasets_root
    from factcheck.train.mix import build_splits

    root = datasets_root()
    _, val = build_splits(root, seed=seed)
    claims, docs = [], []
    if "covid" in parts:
        c, d = _covid_part(root, val)
        claims, docs = claims + c, docs + d
    if "xnli" in parts:
        c, d = _xnli_part(root, val)
        claims, docs = claims + c, docs + d
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "claims.jsonl", "w", encoding="utf-8") as fh:
        for c in claims:
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    with open(out / "corpus.jsonl", "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    return len(claims), len(docs)


def _xnli_part(root: Path, val: list) -> tuple[list[dict], list[dict]]:
    """Validation XNLI hypotheses as claims against their premises (PREMISES_PER_DOC to a document)."""
    from factcheck.train.data import MAIN_LANGS, xnli_by_index, read_nli

    held = sorted({int(p.id.split("-")[-1]) for p in val if p.source == "xnli"})
    groups = xnli_by_index(read_nli(root, "xnli"))
    rng = random.Random(17)
    by_premise: dict[str, list[int]] = {}
    for i in held:
        by_premise.setdefault(groups[i]["en"]["premise"], []).append(i)
    # Documents of PREMISES_PER_DOC premises in one language, so that the checker must find the right sentence
    # in a passage (as in an article) rather than meet a one-sentence document.
    lang_of = {premise: rng.choice(MAIN_LANGS) for premise in sorted(by_premise)}
    doc_of, docs = {}, []
    for lang in MAIN_LANGS:
        premises = [p for p in sorted(by_premise) if lang_of[p] == lang]
        rng.shuffle(premises)
        for k in range(0, len(premises), PREMISES_PER_DOC):
            doc_id = f"xnli-{lang}-{k // PREMISES_PER_DOC:03d}"
            texts = []
            for premise in premises[k:k + PREMISES_PER_DOC]:
                text = groups[by_premise[premise][0]][lang]["premise"].strip()
                texts.append(text if text[-1:] in ".!?。！？…" else text + ("。" if lang == "zh" else "."))
                for i in by_premise[premise]:
                    doc_of[i] = (doc_id, lang)
            docs.append({"doc_id": doc_id, "title": f"XNLI premises {lang} {k // PREMISES_PER_DOC}", "lang": lang,
                         "text": ("" if lang == "zh" else " ").join(texts)})
    per_label: dict[str, list[int]] = {}
    for i in held:
        per_label.setdefault(groups[i]["en"]["label"], []).append(i)
    claims = []
    for label, idx in sorted(per_label.items()):
        for i in rng.sample(idx, min(XNLI_PER_LABEL, len(idx))):
            lang = rng.choice(MAIN_LANGS)
            doc_id, doc_lang = doc_of[i]
            verdict = {"entailment": "SUPPORTED", "neutral": "NOT_ENOUGH_INFO", "contradiction": "REFUTED"}[label]
            claims.append({"id": f"xnli-val-{i}-{lang}-{doc_lang}", "claim": groups[i][lang]["hypothesis"].strip(),
                           "label": verdict, "lang": lang, "meta": {"part": "xnli", "evidence_lang": doc_lang},
                           "evidence": [] if verdict == "NOT_ENOUGH_INFO" else [groups[i][doc_lang]["premise"].strip()]})
    claims.sort(key=lambda c: c["id"])
    return claims, docs


def _covid_part(root: Path, val: list) -> tuple[list[dict], list[dict]]:
    held = {p.id.split(":", 1)[1]: p for p in val if p.source == "check_covid"}
    base = root / "check_covid"
    abstracts = {}
    for line in (base / "corpus.json").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            abstracts[row["cord_id"]] = row
    claims = []
    for line in (base / "train" / "covidCheck_train_composed+extracted.json").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if str(row["id"]) not in held:
            continue
        pair = held[str(row["id"])]
        label = LABELS[pair.label]
        sents = abstracts[row["cord_id"]]["abstract"]
        evidence = [] if label == "NOT_ENOUGH_INFO" else [sents[e["sent_index"]].strip() for e in row["evidence_set"]
                                                          if e["sent_index"] < len(sents)]
        claims.append({"id": f"covid-val-{row['id']}", "claim": row["claim"].strip(), "label": label, "lang": "en",
                       "meta": {"part": "covid"}, "evidence": evidence})
    docs = [{"doc_id": cid, "title": row["title"], "lang": "en", "text": " ".join(s.strip() for s in row["abstract"])}
            for cid, row in abstracts.items()]
    return claims, docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m factcheck.train.devset", description=__doc__)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=13, help="the training run's split seed")
    ap.add_argument("--parts", default="covid,xnli", help="comma-separated: covid, xnli (default both)")
    args = ap.parse_args(argv)
    n_claims, n_docs = build(args.out, args.seed, tuple(args.parts.split(",")))
    print(f"{n_claims} claims, {n_docs} documents written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
