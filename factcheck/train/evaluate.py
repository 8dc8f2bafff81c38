"""Validation: accuracy and macro-F1 per dataset and language, with the majority-class baseline beside them."""

from __future__ import annotations

from collections import Counter, defaultdict

from factcheck.train.data import Pair

SELECTION_GROUPS = ("xnli/en", "xnli/vi", "xnli/ru", "xnli/zh", "xnli-x", "vitaminc", "fever", "check_covid")


def group_of(p: Pair) -> str:
    return f"xnli/{p.lang}" if p.source == "xnli" else p.source


def predict_probs(model, tokenizer, premises: list[str], hypotheses: list[str], *,
                  max_length: int = 128, batch_size: int = 64):
    """(n, 3) softmax probabilities, computed in length-sorted batches and returned in input order."""
    import numpy as np
    import torch

    model.eval()
    order = sorted(range(len(premises)), key=lambda i: len(premises[i]) + len(hypotheses[i]))
    out = np.zeros((len(premises), model.config.num_labels), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            idx = order[start:start + batch_size]
            enc = tokenizer([premises[i] for i in idx], [hypotheses[i] for i in idx], truncation=True,
                            max_length=max_length, padding=True, return_tensors="pt")
            out[idx] = torch.softmax(model(**enc).logits.float(), dim=-1).numpy()
    return out


def macro_f1(gold: list[int], pred: list[int]) -> float:
    """Macro-F1 over the classes present in gold."""
    scores = []
    for c in sorted(set(gold)):
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def score(pairs: list[Pair], preds: list[int]) -> dict:
    """{group: {n, accuracy, macro_f1, majority}} plus a 'selection' mean accuracy over SELECTION_GROUPS."""
    by_group: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for p, y in zip(pairs, preds):
        by_group[group_of(p)].append((p.label, y))
    result: dict = {}
    for g, rows in sorted(by_group.items()):
        gold = [a for a, _ in rows]
        pred = [b for _, b in rows]
        result[g] = {
            "n": len(rows),
            "accuracy": round(sum(a == b for a, b in rows) / len(rows), 4),
            "macro_f1": round(macro_f1(gold, pred), 4),
            "majority": round(Counter(gold).most_common(1)[0][1] / len(rows), 4),
        }
    present = [result[g]["accuracy"] for g in SELECTION_GROUPS if g in result]
    result["selection"] = round(sum(present) / len(present), 4) if present else 0.0
    return result


def evaluate(model, tokenizer, pairs: list[Pair], max_length: int = 128) -> dict:
    """Run the model on the validation pairs and score it per group."""
    probs = predict_probs(model, tokenizer, [p.premise for p in pairs], [p.hypothesis for p in pairs],
                          max_length=max_length)
    return score(pairs, probs.argmax(axis=1).tolist())
