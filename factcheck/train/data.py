"""Training data: load the shared NLI and claim sets, hold out a validation split by id, and mix the rest."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import InputError

LABELS = ("entailment", "neutral", "contradiction")
LABEL_ID = {name: i for i, name in enumerate(LABELS)}
MAIN_LANGS = ("en", "vi", "ru", "zh")
COVID_LABELS = {"SUPPORT": "entailment", "NOTENOUGHINFO": "neutral", "REFUTE": "contradiction"}


@dataclass(frozen=True)
class Pair:
    """One (premise=evidence, hypothesis=claim) example with its label id and where it came from."""

    id: str
    premise: str
    hypothesis: str
    label: int
    source: str
    lang: str


def datasets_root() -> Path:
    """$FACTCHECK_DATASETS, else ../shared/datasets next to the repository."""
    env = os.environ.get("FACTCHECK_DATASETS")
    root = Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "datasets"
    if not (root / "nli").is_dir():
        raise InputError(f"no NLI datasets under {root}: set FACTCHECK_DATASETS to the datasets folder.")
    return root


def held_out(key: str, percent: float) -> bool:
    """Stable hash split: True for about `percent`% of keys, the same on every machine and run."""
    digest = hashlib.sha1(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 10000 < percent * 100


def read_nli(root: Path, name: str) -> list[dict]:
    """Rows of datasets/nli/<name>/pairs.jsonl.gz."""
    with gzip.open(root / "nli" / name / "pairs.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


# Aligned English/Vietnamese sentences without labels (datasets/nli/<name>/pairs.jsonl): never trained on; read by
# the dev set's "parallel" part and the translation check.
ALIGNED_SETS = ("iwslt15_en_vi", "tatoeba_vi_en")


def read_aligned(root: Path, name: str) -> list[dict]:
    """Rows ({"en", "vi", ...}, as stored) of datasets/nli/<name>/pairs.jsonl, an aligned set of ALIGNED_SETS."""
    text = (root / "nli" / name / "pairs.jsonl").read_text(encoding="utf-8-sig")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def to_pair(row: dict, source: str, pid: str | None = None) -> Pair:
    return Pair(pid or f"{source}:{row['id']}", row["premise"], row["hypothesis"],
                LABEL_ID[row["label"]], source, row.get("lang", "en"))


def check_covid_train(root: Path) -> tuple[dict[str, list[str]], list[dict]]:
    """({cord_id: abstract sentences}, the TRAIN split's rows); its dev split is an evaluation set, never read here."""
    base = root / "check_covid"
    corpus = {}
    with open(base / "corpus.json", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            corpus[doc["cord_id"]] = doc["abstract"]
    with open(base / "train" / "covidCheck_train_composed+extracted.json", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return corpus, rows


def read_check_covid(root: Path) -> list[Pair]:
    """Check-COVID TRAIN split only (its dev split is an evaluation set): premise = the cited abstract sentences."""
    corpus, rows = check_covid_train(root)
    pairs = []
    for row in rows:
        sents = corpus.get(row["cord_id"], [])
        idx = sorted(e["sent_index"] for e in row["evidence_set"])
        premise = " ".join(sents[i] for i in idx if i < len(sents))
        if premise:
            pairs.append(Pair(f"check_covid:{row['id']}", premise, row["claim"],
                              LABEL_ID[COVID_LABELS[row["label"]]], "check_covid", "en"))
    return pairs


def check_covid_cited(rows: list[dict]) -> dict[tuple[str, str], set[int]]:
    """{(cord_id, claim): sentence indices cited for that claim in any of its rows}: a claim may come back with
    other evidence sets, and no sentence cited for it in any of them may be used as not deciding it."""
    cited_for: dict[tuple[str, str], set[int]] = {}
    for row in rows:
        cited_for.setdefault((row["cord_id"], row["claim"].strip()), set()).update(
            e["sent_index"] for e in row["evidence_set"])
    return cited_for


def check_covid_distractors(root: Path, rng: random.Random) -> list[Pair]:
    """NEUTRAL pairs from Check-COVID TRAIN: a claim with 1-2 sentences of its own abstract not cited as evidence.

    These are what retrieval hands the model in practice: the right paper, the wrong sentences.
    """
    corpus, rows = check_covid_train(root)
    cited_for = check_covid_cited(rows)
    pairs = []
    for row in rows:
        sents = corpus.get(row["cord_id"], [])
        cited = cited_for[(row["cord_id"], row["claim"].strip())]
        width = rng.choice((1, 2))
        starts = [i for i in range(len(sents) - width + 1) if not cited & set(range(i, i + width))]
        if starts:
            i = rng.choice(starts)
            pairs.append(Pair(f"check_covid:{row['id']}#distractor", " ".join(sents[i:i + width]), row["claim"],
                              LABEL_ID["neutral"], "distractor-check_covid", "en"))
    return pairs


def xnli_by_index(rows: list[dict]) -> dict[int, dict[str, dict]]:
    """XNLI rows grouped by their parallel index (ids look like dev-<lang>-<index>)."""
    out: dict[int, dict[str, dict]] = {}
    for row in rows:
        _, lang, idx = row["id"].split("-")
        out.setdefault(int(idx), {})[lang] = row
    return out


def cross_pair(groups: dict[int, dict[str, dict]], idx: int, a: str, b: str, suffix: str = "") -> Pair:
    """XNLI pair `idx` with its premise in language `a` and its hypothesis in language `b`."""
    pa, pb = groups[idx][a], groups[idx][b]
    return Pair(f"xnli-x:{idx}:{a}-{b}{suffix}", pa["premise"], pb["hypothesis"], LABEL_ID[pa["label"]], "xnli-x",
                f"{a}-{b}")


def cross_lingual(groups: dict[int, dict[str, dict]], indices: list[int], rng: random.Random) -> list[Pair]:
    """Premise in one main language, hypothesis in another, from XNLI's parallel translations."""
    return [cross_pair(groups, idx, *rng.sample(MAIN_LANGS, 2)) for idx in indices]
