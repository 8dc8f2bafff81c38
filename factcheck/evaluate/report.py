"""report.md with tables, and its PNG plots: the confusion matrix and a reliability diagram."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

CONFUSION_PNG = "confusion_matrix.png"
RELIABILITY_PNG = "reliability.png"
MAX_MISTAKES = 30


def fmt(value, digits: int = 3) -> str:
    """A metric for a table: '-' for None, fixed decimals for floats."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _table(header: Sequence[str], rows: Sequence[Sequence]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(c) for c in row) + " |" for row in rows]
    return lines + [""]


def overall_rows(m: dict) -> list[tuple[str, object]]:
    """(name, value) pairs of the headline metrics."""
    lat = m["latency_ms"]
    return [
        ("claims", m["n_claims"]),
        ("accuracy", m["accuracy"]),
        ("accuracy, 95% bootstrap interval", _span((m.get("intervals") or {}).get("accuracy"))),
        ("macro-F1", m["macro_f1"]),
        ("macro-F1, 95% bootstrap interval", _span((m.get("intervals") or {}).get("macro_f1"))),
        ("citation accuracy", m["citation_accuracy"]),
        ("evidence hit rate", m["evidence_hit_rate"]),
        ("evidence retrieved (in a retrieved passage)", m.get("evidence_retrieved_rate")),
        ("evidence quoted (in a quote the verifier read)", m.get("evidence_quoted_rate")),
        ("claims with gold quotes", m["claims_with_gold_spans"]),
        ("latency p50 (ms)", _round(lat["p50"])),
        ("latency p95 (ms)", _round(lat["p95"])),
        ("claims per second", m["claims_per_second"]),
        ("expected calibration error", m["calibration"]["ece"]),
        ("checker errors", m["errors"]),
    ]


def render_report(metrics: dict, rows: Sequence[dict], *, plots: bool = True) -> str:
    """The Markdown text of a report."""
    run = metrics.get("run", {})
    lines = ["# Evaluation report", ""]
    lines += _table(["run", "value"], [(k, v) for k, v in run.items() if k != "gold_quotes_missing"])
    lines += ["## Overall", ""] + _table(["metric", "value"], overall_rows(metrics))
    lines += _ceiling_note(metrics.get("ceiling"))
    lines += ["## Per class", "", "A class absent from both gold labels and predictions shows '-' and is left out of macro-F1.", ""]
    lines += _table(
        ["label", "precision", "recall", "F1", "support", "predicted"],
        [(k, c["precision"], c["recall"], c["f1"], c["support"], c["predicted"]) for k, c in metrics["per_class"].items()],
    )
    labels = metrics["labels"]
    lines += ["## Confusion matrix", "", "Rows: gold label; columns: verdict.", ""]
    lines += _table(["gold \\ verdict", *labels], [(g, *r) for g, r in zip(labels, metrics["confusion_matrix"])])
    if plots:
        lines += [f"![confusion matrix]({CONFUSION_PNG})", "", "## Reliability", "", f"![reliability diagram]({RELIABILITY_PNG})", ""]
    lines += ["## By language", ""]
    lines += _table(
        ["lang", "claims", "accuracy", "macro-F1", "citation acc.", "evidence hit", "evidence retrieved", "p50 ms",
         "p95 ms"],
        [
            (lang, b["n_claims"], b["accuracy"], b["macro_f1"], b["citation_accuracy"], b["evidence_hit_rate"],
             b.get("evidence_retrieved_rate"), _round(b["latency_ms"]["p50"]), _round(b["latency_ms"]["p95"]))
            for lang, b in metrics["by_lang"].items()
        ],
    )
    lines += _missing_section(run.get("gold_quotes_missing", []))
    lines += _mistakes_section(rows)
    return "\n".join(lines)


def _span(interval) -> str | None:
    """An interval as "low - high" (None when the run has none, e.g. written before intervals existed)."""
    return None if not interval else f"{interval[0]:.3f} - {interval[1]:.3f}"


def _round(x) -> str | None:
    """Milliseconds: whole numbers from 10 ms up, one decimal below."""
    return None if x is None else f"{x:.0f}" if x >= 10 else f"{x:.1f}"


def _ceiling_note(ceiling: dict | None) -> list[str]:
    """What one answer per claim text allows, where the dataset labels a text two ways (`metrics.label_ceiling`)."""
    if not ceiling:
        return []
    f1 = f" and macro-F1 at {fmt(ceiling['macro_f1'])}" if ceiling.get("macro_f1") is not None else ""
    return [f"{ceiling['groups']} claim texts carry more than one gold label ({ceiling['claims']} claims: the label "
            "depends on the evidence the dataset paired them with). Over one pooled corpus a checker gives a text one "
            f"answer, which caps accuracy at {fmt(ceiling['accuracy'])}{f1}; checked against each claim's own "
            "documents (`--closed`) it need not.", ""]


def _missing_section(missing: Sequence[str]) -> list[str]:
    if not missing:
        return []
    return ["## Gold quotes not found in the corpus", ""] + [f"- {m}" for m in missing[:50]] + [""]


def _mistakes_section(rows: Sequence[dict]) -> list[str]:
    wrong = [r for r in rows if r["label"] != r["verdict"]]
    if not wrong:
        return []
    head = [f"## Wrong verdicts (first {min(len(wrong), MAX_MISTAKES)} of {len(wrong)})", ""]
    return head + _table(
        ["id", "lang", "gold", "verdict", "conf.", "claim"],
        [(r["id"], r["lang"], r["label"], r["verdict"], r["confidence"], _cell(r["claim"])) for r in wrong[:MAX_MISTAKES]],
    )


def _cell(text: str, width: int = 120) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= width else text[: width - 1] + "…"


def plot_confusion(metrics: dict, path: Path) -> None:
    """A heat map of the confusion matrix with counts in the cells."""
    plt = _pyplot()
    labels, matrix = metrics["labels"], metrics["confusion_matrix"]
    short = [label.replace("NOT_ENOUGH_INFO", "NEI") for label in labels]
    fig, ax = plt.subplots(figsize=(5.5, 4.5))
    im = ax.imshow(matrix, cmap="Blues")
    top = max((max(r) for r in matrix), default=0) or 1
    for i, row in enumerate(matrix):
        for j, count in enumerate(row):
            ax.text(j, i, str(count), ha="center", va="center", color="white" if count > top / 2 else "black")
    ax.set_xticks(range(len(labels)), short, rotation=30, ha="right")
    ax.set_yticks(range(len(labels)), short)
    ax.set_xlabel("verdict")
    ax.set_ylabel("gold label")
    ax.set_title(f"Confusion matrix (n={metrics['n_claims']})")
    fig.colorbar(im, ax=ax)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_reliability(metrics: dict, path: Path) -> None:
    """Accuracy against mean confidence per confidence bin, with the diagonal of perfect calibration."""
    plt = _pyplot()
    bins = metrics["calibration"]["bins"]
    fig, (ax, ax_n) = plt.subplots(2, 1, figsize=(5.5, 6), sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    ax.plot([0, 1], [0, 1], "--", color="grey", label="perfect calibration")
    used = [b for b in bins if b["count"]]
    centers = [(b["low"] + b["high"]) / 2 for b in bins]
    width = bins[0]["high"] - bins[0]["low"] if bins else 0.1
    ax.bar([(b["low"] + b["high"]) / 2 for b in used], [b["accuracy"] for b in used], width=width * 0.9,
           alpha=0.6, edgecolor="black", label="accuracy in bin")
    ax.plot([b["mean_confidence"] for b in used], [b["accuracy"] for b in used], "o-", color="darkred", label="accuracy at mean confidence")
    ax.set_ylim(0, 1)
    ax.set_ylabel("accuracy")
    ece = metrics["calibration"]["ece"]
    ax.set_title(f"Reliability (ECE {fmt(ece)})")
    ax.legend(loc="upper left", fontsize=8)
    ax_n.bar(centers, [b["count"] for b in bins], width=width * 0.9, color="grey")
    ax_n.set_xlim(0, 1)
    ax_n.set_xlabel("confidence")
    ax_n.set_ylabel("claims")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def write_report(out_dir: Path, metrics: dict, rows: Sequence[dict], *, plots: bool = True) -> Path:
    """Write report.md (and the PNGs when `plots`) into out_dir; returns the report's path."""
    out_dir = Path(out_dir)
    if plots:
        plot_confusion(metrics, out_dir / CONFUSION_PNG)
        plot_reliability(metrics, out_dir / RELIABILITY_PNG)
    path = out_dir / "report.md"
    path.write_text(render_report(metrics, rows, plots=plots), encoding="utf-8")
    return path
