"""Compare two evaluation runs: metric differences and the claims whose verdict changed."""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.errors import InputError

from .metrics import paired_difference
from .report import fmt
from .runner import read_predictions

_HIGHER_IS_BETTER = {"latency p50 ms": False, "latency p95 ms": False, "ECE": False, "errors": False}


def load_run(run_dir: str | Path) -> tuple[dict, list[dict]]:
    """(metrics, prediction rows) of a run folder written by `factcheck eval`."""
    run_dir = Path(run_dir)
    metrics_path, preds_path = run_dir / "metrics.json", run_dir / "predictions.jsonl"
    if not metrics_path.is_file() or not preds_path.is_file():
        raise InputError(f"{str(run_dir)!r} is not an eval run folder (needs metrics.json and predictions.jsonl); pass a folder written by `factcheck eval --out`.")
    return json.loads(metrics_path.read_text(encoding="utf-8")), read_predictions(preds_path)


def headline(m: dict) -> dict[str, float | None]:
    """The scalar metrics compared between runs, by display name."""
    out = {
        "claims": m["n_claims"],
        "accuracy": m["accuracy"],
        "macro-F1": m["macro_f1"],
        "citation accuracy": m["citation_accuracy"],
        "evidence hit rate": m["evidence_hit_rate"],
        "evidence retrieved": m.get("evidence_retrieved_rate"),
        "evidence quoted": m.get("evidence_quoted_rate"),
        "latency p50 ms": m["latency_ms"]["p50"],
        "latency p95 ms": m["latency_ms"]["p95"],
        "claims/s": m["claims_per_second"],
        "ECE": m["calibration"]["ece"],
        "errors": m["errors"],
    }
    out.update({f"F1 {label}": c["f1"] for label, c in m["per_class"].items()})
    for lang, block in m.get("by_lang", {}).items():
        out[f"[{lang}] accuracy"] = block["accuracy"]
        out[f"[{lang}] macro-F1"] = block["macro_f1"]
    return out


def metric_diffs(a: dict, b: dict) -> list[tuple[str, float | None, float | None, float | None]]:
    """(name, A, B, B - A) for every headline metric in either run."""
    ha, hb = headline(a), headline(b)
    names = list(ha) + [k for k in hb if k not in ha]
    rows = []
    for name in names:
        va, vb = ha.get(name), hb.get(name)
        delta = vb - va if isinstance(va, (int, float)) and isinstance(vb, (int, float)) else None
        rows.append((name, va, vb, delta))
    return rows


def verdict_changes(rows_a: list[dict], rows_b: list[dict]) -> list[dict]:
    """Claims checked in both runs whose verdict differs, marked fixed / broken / still-wrong."""
    by_id = {r["id"]: r for r in rows_a}
    changes = []
    for rb in rows_b:
        ra = by_id.get(rb["id"])
        if ra is None or ra["verdict"] == rb["verdict"]:
            continue
        gold = rb["label"]
        kind = "fixed" if rb["verdict"] == gold else "broken" if ra["verdict"] == gold else "still-wrong"
        changes.append({"id": rb["id"], "gold": gold, "a": ra["verdict"], "b": rb["verdict"], "kind": kind, "claim": rb["claim"]})
    return changes


def compare_runs(dir_a: str | Path, dir_b: str | Path) -> str:
    """A plain-text comparison of run B against run A."""
    ma, ra = load_run(dir_a)
    mb, rb = load_run(dir_b)
    lines = [f"A: {dir_a}", f"B: {dir_b}", "", f"{'metric':<28}{'A':>12}{'B':>12}{'B-A':>12}"]
    for name, va, vb, delta in metric_diffs(ma, mb):
        mark = ""
        if delta:
            better = delta > 0 if _HIGHER_IS_BETTER.get(name, True) else delta < 0
            mark = "  better" if better else "  worse"
        lines.append(f"{name:<28}{fmt(va):>12}{fmt(vb):>12}{_signed(delta):>12}{mark}")
    lines += _paired_lines(ra, rb)
    changes = verdict_changes(ra, rb)
    only_a = len({r["id"] for r in ra} - {r["id"] for r in rb})
    only_b = len({r["id"] for r in rb} - {r["id"] for r in ra})
    counts = {k: sum(c["kind"] == k for c in changes) for k in ("fixed", "broken", "still-wrong")}
    lines += ["", f"Verdict changed on {len(changes)} claims ({counts['fixed']} fixed, {counts['broken']} broken, {counts['still-wrong']} still wrong)."]
    if only_a or only_b:
        lines.append(f"Claims only in A: {only_a}; only in B: {only_b} (not compared).")
    for c in changes:
        claim = " ".join(c["claim"].split())
        lines.append(f"  {c['kind']:<12}{c['id']:<24} gold {c['gold']:<16} {c['a']} -> {c['b']}  {claim[:90]}")
    return "\n".join(lines)


def _paired_lines(rows_a: list[dict], rows_b: list[dict]) -> list[str]:
    """B - A with a paired bootstrap interval over the claims both runs checked (same gold label in both)."""
    by_id = {r["id"]: r for r in rows_a}
    shared = [(by_id[r["id"]], r) for r in rows_b if r["id"] in by_id and by_id[r["id"]]["label"] == r["label"]]
    diff = paired_difference([b["label"] for _, b in shared], [a["verdict"] for a, _ in shared],
                             [b["verdict"] for _, b in shared])
    if diff is None:
        return []
    lines = ["", f"B - A over the {len(shared)} shared claims, with a 95% paired bootstrap interval:"]
    for key, name in (("accuracy", "accuracy"), ("macro_f1", "macro-F1")):
        d = diff[key]
        lo, hi = d["interval"]
        verdict = "within chance" if lo <= 0 <= hi else "better" if lo > 0 else "worse"
        lines.append(f"  {name:<10}{_signed(d['delta']):>8}  [{lo:+.3f}, {hi:+.3f}]  {verdict}")
    return lines


def _signed(delta: float | None) -> str:
    if delta is None:
        return "-"
    return f"{delta:+.3f}" if isinstance(delta, float) else f"{delta:+d}"
